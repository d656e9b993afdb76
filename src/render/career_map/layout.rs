//! The layered layout of the career map: cycles broken, layers by longest path, long
//! edges threaded through placeholder points, crossings reduced by barycentre sweeps and
//! neighbour swaps, and vertical places by least squares.

use super::*;

/// Rounds of neighbour swaps after the sweeps; each round that helps tries again.
const TRANSPOSE_PASSES: usize = 8;

/// Which edges close a cycle: a depth-first search from the entry roles (no incoming
/// edges), then from any role not yet reached, each in slug order. The back edges it finds
/// are drawn reversed for layering, so every cycle still draws, deterministically.
pub(super) fn back_edges(n: usize, edges: &[(usize, usize)]) -> Vec<bool> {
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let mut has_in = vec![false; n];
    for (i, &(a, b)) in edges.iter().enumerate() {
        out[a].push((b, i));
        has_in[b] = true;
    }
    let roots = (0..n)
        .filter(|&v| !has_in[v])
        .chain((0..n).filter(|&v| has_in[v]));
    let mut state = vec![0u8; n]; // 0 unseen, 1 on the stack, 2 done
    let mut back = vec![false; edges.len()];
    for root in roots {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some((v, next)) = stack.last_mut() {
            let v = *v;
            if let Some(&(w, e)) = out[v].get(*next) {
                *next += 1;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => back[e] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    back
}

/// Longest path from the sources of an acyclic graph: entry roles in column 0.
pub(super) fn layers(n: usize, dag: &[(usize, usize)]) -> Vec<usize> {
    let mut indegree = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in dag {
        out[a].push(b);
        indegree[b] += 1;
    }
    let mut layer = vec![0usize; n];
    let mut ready: BTreeSet<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
    while let Some(v) = ready.pop_first() {
        for &w in &out[v] {
            layer[w] = layer[w].max(layer[v] + 1);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                ready.insert(w);
            }
        }
    }
    layer
}

/// The layered drawing: real nodes `0..n`, then placeholder points of long edges.
pub(super) struct Layout {
    pub(super) n: usize,
    pub(super) layer: Vec<usize>,
    /// Each column's vertices, top to bottom.
    pub(super) columns: Vec<Vec<usize>>,
    /// Each vertex's vertical centre.
    pub(super) y: Vec<f64>,
    /// Each edge's vertices from the left column to the right, and whether it points left.
    pub(super) chains: Vec<(Vec<usize>, bool)>,
}

impl Layout {
    pub(super) fn height(&self, v: usize) -> f64 {
        if v < self.n { NODE_H } else { LANE }
    }

    pub(super) fn x(&self, v: usize) -> f64 {
        MARGIN + self.layer[v] as f64 * (NODE_W + COLUMN_GAP)
    }
}

pub(super) fn layout(n: usize, edges: &[(usize, usize)]) -> Layout {
    let back = back_edges(n, edges);
    let dag: Vec<(usize, usize)> = edges
        .iter()
        .zip(&back)
        .map(|(&(a, b), &r)| if r { (b, a) } else { (a, b) })
        .collect();
    let mut layer = layers(n, &dag);
    let mut chains = Vec::with_capacity(dag.len());
    for (&(a, b), &reversed) in dag.iter().zip(&back) {
        let mut chain = vec![a];
        for l in layer[a] + 1..layer[b] {
            chain.push(layer.len());
            layer.push(l);
        }
        chain.push(b);
        chains.push((chain, reversed));
    }
    let depth = layer.iter().max().map_or(0, |m| m + 1);
    let mut columns = vec![Vec::new(); depth];
    for (v, &l) in layer.iter().enumerate() {
        columns[l].push(v);
    }
    let mut l = Layout {
        n,
        layer,
        columns,
        y: Vec::new(),
        chains,
    };
    order(&mut l);
    place(&mut l);
    l
}

/// Each vertex's neighbours in the column to its left and to its right.
pub(super) fn neighbours(l: &Layout) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let mut left = vec![Vec::new(); l.layer.len()];
    let mut right = vec![Vec::new(); l.layer.len()];
    for (chain, _) in &l.chains {
        for pair in chain.windows(2) {
            right[pair[0]].push(pair[1]);
            left[pair[1]].push(pair[0]);
        }
    }
    (left, right)
}

/// Barycentre sweeps, alternately left to right and back, keeping the order with the fewest
/// crossings seen. Sorting is stable and ties keep the current order: deterministic.
pub(super) fn order(l: &mut Layout) {
    let (left, right) = neighbours(l);
    let mut best = l.columns.clone();
    let mut best_crossings = crossings(&l.columns, &right);
    for sweep in 0..SWEEPS {
        let forward = sweep % 2 == 0;
        let steps: Vec<usize> = if forward {
            (1..l.columns.len()).collect()
        } else {
            (0..l.columns.len().saturating_sub(1)).rev().collect()
        };
        for c in steps {
            let (side, fixed) = if forward {
                (&left, c - 1)
            } else {
                (&right, c + 1)
            };
            let pos = positions(&l.columns[fixed], l.layer.len());
            let mut keyed: Vec<(f64, usize)> = l.columns[c]
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let ns = &side[v];
                    let key = if ns.is_empty() {
                        i as f64
                    } else {
                        ns.iter().map(|&w| pos[w]).sum::<f64>() / ns.len() as f64
                    };
                    (key, v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            l.columns[c] = keyed.into_iter().map(|(_, v)| v).collect();
        }
        let now = crossings(&l.columns, &right);
        if now < best_crossings {
            best_crossings = now;
            best = l.columns.clone();
        }
    }
    l.columns = best;
    transpose(l, &right);
}

/// Swaps neighbours within a column while that removes crossings with the columns beside
/// it (the "transpose" step of Gansner et al.): barycentres alone leave local tangles.
/// Only strict improvements are taken, so it ends and is deterministic.
fn transpose(l: &mut Layout, right: &[Vec<usize>]) {
    for _ in 0..TRANSPOSE_PASSES {
        let mut improved = false;
        for c in 0..l.columns.len() {
            let (lo, hi) = (c.saturating_sub(1), (c + 2).min(l.columns.len()));
            for i in 0..l.columns[c].len().saturating_sub(1) {
                let before = crossings(&l.columns[lo..hi], right);
                l.columns[c].swap(i, i + 1);
                if crossings(&l.columns[lo..hi], right) < before {
                    improved = true;
                } else {
                    l.columns[c].swap(i, i + 1);
                }
            }
        }
        if !improved {
            break;
        }
    }
}

pub(super) fn positions(column: &[usize], len: usize) -> Vec<f64> {
    let mut pos = vec![0.0; len];
    for (i, &v) in column.iter().enumerate() {
        pos[v] = i as f64;
    }
    pos
}

/// Edge crossings between neighbouring columns: inversions among each pair's segments
/// sorted by their left ends, counted with a Fenwick tree (fast enough for big sites).
pub(super) fn crossings(columns: &[Vec<usize>], right: &[Vec<usize>]) -> usize {
    let len = right.len();
    let mut total = 0;
    for pair in columns.windows(2) {
        let (a, b) = (positions(&pair[0], len), positions(&pair[1], len));
        let mut segs: Vec<(usize, usize)> = pair[0]
            .iter()
            .flat_map(|&v| right[v].iter().map(move |&w| (v, w)))
            .map(|(v, w)| (a[v] as usize, b[w] as usize))
            .collect();
        segs.sort_unstable();
        let mut tree = vec![0usize; pair[1].len() + 1];
        for (seen, &(_, to)) in segs.iter().enumerate() {
            // Earlier segments (left end above, or level and right end not below) ending
            // strictly below this one's right end cross it.
            let (mut i, mut not_below) = (to + 1, 0);
            while i > 0 {
                not_below += tree[i];
                i &= i - 1;
            }
            total += seen - not_below;
            let mut i = to + 1;
            while i < tree.len() {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

/// Vertical centres: each column is pulled towards its neighbours' centres, alternately from
/// the left and the right, never closer than the gap allows and never out of order.
pub(super) fn place(l: &mut Layout) {
    let (left, right) = neighbours(l);
    l.y = vec![0.0; l.layer.len()];
    for c in 0..l.columns.len() {
        let want = vec![0.0; l.columns[c].len()];
        settle(l, c, &want);
    }
    for round in 0..PLACEMENT_ROUNDS {
        let sides: &[&Vec<Vec<usize>>] = match round % 3 {
            0 => &[&left],
            1 => &[&right],
            _ => &[&left, &right],
        };
        for c in 0..l.columns.len() {
            let want: Vec<f64> = l.columns[c]
                .iter()
                .map(|&v| {
                    let ns: Vec<usize> = sides.iter().flat_map(|s| s[v].iter().copied()).collect();
                    if ns.is_empty() {
                        l.y[v]
                    } else {
                        ns.iter().map(|&w| l.y[w]).sum::<f64>() / ns.len() as f64
                    }
                })
                .collect();
            settle(l, c, &want);
        }
    }
    let top = (0..l.y.len())
        .map(|v| l.y[v] - l.height(v) / 2.0)
        .fold(f64::INFINITY, f64::min);
    for y in &mut l.y {
        *y = (*y - top + MARGIN).round();
    }
}

/// Sets column `c`'s centres as close to `want` as the gaps allow (least squares).
pub(super) fn settle(l: &mut Layout, c: usize, want: &[f64]) {
    let col = &l.columns[c];
    let gaps: Vec<f64> = col
        .windows(2)
        .map(|p| {
            let gap = if p[0] < l.n && p[1] < l.n {
                NODE_GAP
            } else {
                NODE_GAP / 2.0
            };
            (l.height(p[0]) + l.height(p[1])) / 2.0 + gap
        })
        .collect();
    for (v, y) in col.iter().zip(ordered_fit(want, &gaps)) {
        l.y[*v] = y;
    }
}

/// The values closest to `want` (least squares) with `y[i+1] - y[i] >= gaps[i]`: pool
/// adjacent violators over the targets shifted by the cumulative gaps.
pub(crate) fn ordered_fit(want: &[f64], gaps: &[f64]) -> Vec<f64> {
    let mut offset = vec![0.0; want.len()];
    for i in 1..want.len() {
        offset[i] = offset[i - 1] + gaps[i - 1];
    }
    let mut blocks: Vec<(f64, usize)> = Vec::new(); // (sum, count)
    for (w, o) in want.iter().zip(&offset) {
        blocks.push((w - o, 1));
        while blocks.len() > 1 {
            let (s2, n2) = blocks[blocks.len() - 1];
            let (s1, n1) = blocks[blocks.len() - 2];
            if s1 / n1 as f64 <= s2 / n2 as f64 {
                break;
            }
            blocks.pop();
            *blocks.last_mut().unwrap() = (s1 + s2, n1 + n2);
        }
    }
    let z = blocks
        .iter()
        .flat_map(|&(s, k)| std::iter::repeat_n(s / k as f64, k));
    z.zip(&offset).map(|(z, o)| z + o).collect()
}
