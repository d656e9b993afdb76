//! The career map: every role and the moves between them (`next_roles`, `previous_roles`)
//! drawn as an inline SVG at build time, plus the same graph as data for a text alternative.
//! The layout is a small layered (Sugiyama-style) drawing: cycles broken by a depth-first
//! search in slug order, layers by longest path from entry roles, long edges threaded through
//! placeholder points, a few barycentre sweeps against crossings, and least-squares vertical
//! placement. Everything is ordered by slug and index, so identical input draws identically.

use std::collections::BTreeSet;
use std::fmt::Write;

use serde::Serialize;

use crate::model::Site;
use crate::render::views::{TagLink, role_link};

/// Narrow enough that eight columns (the sample site's longest path) fit a 1,120-pixel
/// page at `MIN_SCALE`.
const NODE_W: f64 = 132.0;
const NODE_H: f64 = 46.0;
/// Horizontal space between columns, where the edges curve.
const COLUMN_GAP: f64 = 44.0;
const NODE_GAP: f64 = 18.0;
/// Vertical room a long edge takes where it passes a column.
const LANE: f64 = 10.0;
const MARGIN: f64 = 12.0;
/// Characters per line of a node's title at the default font size.
const LINE_CHARS: usize = 16;
const FONT_SIZE: u32 = 14;
/// The drawing never shrinks below this share of its natural size (it scrolls instead).
const MIN_SCALE: f64 = 0.8;
const SWEEPS: usize = 12;
const PLACEMENT_ROUNDS: usize = 8;

/// Roles on the map and the moves between them, nodes in slug order.
struct Graph<'a> {
    slugs: Vec<&'a str>,
    titles: Vec<&'a str>,
    /// (from, to) indices, sorted and without duplicates or self-loops.
    edges: Vec<(usize, usize)>,
}

/// Every career move on the site as (from, to) role slugs, sorted and without duplicates
/// or self-loops: `next_roles` as written, `previous_roles` reversed. Everything the map
/// draws comes from these, the profiled roles and the roles' titles, so fingerprints of the
/// map and of role pages (their neighbourhood) can hash this.
pub fn career_edges(site: &Site) -> Vec<(&str, &str)> {
    let mut pairs: BTreeSet<(&str, &str)> = BTreeSet::new();
    for (slug, role) in &site.roles {
        let Some(p) = &role.profile else { continue };
        pairs.extend(p.next_roles.iter().map(|n| (slug.as_str(), n.as_str())));
        pairs.extend(p.previous_roles.iter().map(|r| (r.as_str(), slug.as_str())));
    }
    pairs.into_iter().filter(|(a, b)| a != b).collect()
}

fn graph(site: &Site) -> Graph<'_> {
    let pairs = career_edges(site);
    let mut nodes: BTreeSet<&str> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    let profiled = site.roles.iter().filter(|(_, r)| r.profile.is_some());
    nodes.extend(profiled.map(|(slug, _)| slug.as_str()));
    let slugs: Vec<&str> = nodes.into_iter().collect();
    let index = |s: &str| slugs.binary_search(&s).expect("every edge end is a node");
    let edges = pairs.iter().map(|&(a, b)| (index(a), index(b))).collect();
    let titles = slugs
        .iter()
        .map(|s| site.roles.get(*s).map_or(*s, |r| r.title.as_str()))
        .collect();
    Graph {
        slugs,
        titles,
        edges,
    }
}

/// Which edges close a cycle: a depth-first search from the entry roles (no incoming
/// edges), then from any role not yet reached, each in slug order. The back edges it finds
/// are drawn reversed for layering, so every cycle still draws, deterministically.
fn back_edges(n: usize, edges: &[(usize, usize)]) -> Vec<bool> {
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
fn layers(n: usize, dag: &[(usize, usize)]) -> Vec<usize> {
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
struct Layout {
    n: usize,
    layer: Vec<usize>,
    /// Each column's vertices, top to bottom.
    columns: Vec<Vec<usize>>,
    /// Each vertex's vertical centre.
    y: Vec<f64>,
    /// Each edge's vertices from the left column to the right, and whether it points left.
    chains: Vec<(Vec<usize>, bool)>,
}

impl Layout {
    fn height(&self, v: usize) -> f64 {
        if v < self.n { NODE_H } else { LANE }
    }

    fn x(&self, v: usize) -> f64 {
        MARGIN + self.layer[v] as f64 * (NODE_W + COLUMN_GAP)
    }
}

fn layout(n: usize, edges: &[(usize, usize)]) -> Layout {
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
fn neighbours(l: &Layout) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
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
fn order(l: &mut Layout) {
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
}

fn positions(column: &[usize], len: usize) -> Vec<f64> {
    let mut pos = vec![0.0; len];
    for (i, &v) in column.iter().enumerate() {
        pos[v] = i as f64;
    }
    pos
}

/// Edge crossings between neighbouring columns: inversions among each pair's segments
/// sorted by their left ends, counted with a Fenwick tree (fast enough for big sites).
fn crossings(columns: &[Vec<usize>], right: &[Vec<usize>]) -> usize {
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
fn place(l: &mut Layout) {
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
fn settle(l: &mut Layout, c: usize, want: &[f64]) {
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

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A title in at most two lines of about `LINE_CHARS`; the second ends in `…` when cut.
pub(crate) fn wrap_title(title: &str) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in title.split_whitespace() {
        let line = lines.last_mut().unwrap();
        let fits = line.chars().count() + 1 + word.chars().count() <= LINE_CHARS;
        if line.is_empty() || fits {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        } else {
            lines.push(word.to_string());
        }
    }
    for line in &mut lines {
        if line.chars().count() > LINE_CHARS {
            *line = line.chars().take(LINE_CHARS - 1).collect::<String>() + "…";
        }
    }
    if lines.len() > 2 {
        let rest = lines[1..].join(" ");
        let cut: String = rest.chars().take(LINE_CHARS - 1).collect();
        lines = vec![lines[0].clone(), cut.trim_end().to_string() + "…"];
    }
    lines
}

/// One role box: a link to its page, or (`url` none) the highlighted current role.
fn node(out: &mut String, x: f64, y: f64, title: &str, url: Option<&str>) {
    let lines = wrap_title(title);
    let cx = x + NODE_W / 2.0;
    let top = y - NODE_H / 2.0;
    let label = escape(title);
    match url {
        Some(url) => write!(
            out,
            r#"<a class="cmap-node" href="{}" aria-label="{label}">"#,
            escape(url)
        ),
        None => write!(out, r#"<g class="cmap-node cmap-current">"#),
    }
    .unwrap();
    if lines.join(" ") != title.split_whitespace().collect::<Vec<_>>().join(" ") {
        write!(out, "<title>{label}</title>").unwrap();
    }
    write!(
        out,
        r#"<rect class="cmap-box" x="{x}" y="{top}" width="{NODE_W}" height="{NODE_H}" rx="8"/><text class="cmap-label" text-anchor="middle">"#
    )
    .unwrap();
    let first = y + 5.0 - 8.5 * (lines.len() as f64 - 1.0);
    for (i, line) in lines.iter().enumerate() {
        let ty = first + 17.0 * i as f64;
        write!(out, r#"<tspan x="{cx}" y="{ty}">{}</tspan>"#, escape(line)).unwrap();
    }
    out.push_str(if url.is_some() {
        "</text></a>"
    } else {
        "</text></g>"
    });
}

/// A smooth path through `points`, curving horizontally between them.
fn edge(out: &mut String, points: &[(f64, f64)], class: &str, marker: &str) {
    let mut d = format!("M{:.1},{:.1}", points[0].0, points[0].1);
    for pair in points.windows(2) {
        let ((ax, ay), (bx, by)) = (pair[0], pair[1]);
        let mx = (ax + bx) / 2.0;
        write!(d, " C{mx:.1},{ay:.1} {mx:.1},{by:.1} {bx:.1},{by:.1}").unwrap();
    }
    write!(
        out,
        r#"<path class="{class}" d="{d}" marker-end="url(#{marker})"/>"#
    )
    .unwrap();
}

/// Spreads `count` attachment points over a box's side, centred on `cy`.
fn ports(cy: f64, count: usize) -> Vec<f64> {
    let step = if count > 1 {
        ((NODE_H - 14.0) / (count - 1) as f64).min(9.0)
    } else {
        0.0
    };
    (0..count)
        .map(|i| cy + (i as f64 - (count as f64 - 1.0) / 2.0) * step)
        .collect()
}

fn svg_open(out: &mut String, id: &str, class: &str, w: f64, h: f64, title: &str, desc: &str) {
    write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="{class}" width="100%" viewBox="0 0 {w} {h}" style="min-width:{min}px;max-width:{w}px" font-size="{FONT_SIZE}" aria-labelledby="{id}-title" aria-describedby="{id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc><defs><marker id="{id}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path class="cmap-arrowhead" d="M0,0 L10,5 L0,10 z"/></marker></defs>"#,
        escape(title),
        escape(desc),
        min = (w * MIN_SCALE).round(),
    )
    .unwrap();
}

/// The whole career graph as an inline SVG, every role a link to its page.
pub fn career_map_svg(site: &Site) -> String {
    let g = graph(site);
    let l = layout(g.slugs.len(), &g.edges);
    let columns = l.columns.len().max(1) as f64;
    let width = 2.0 * MARGIN + columns * NODE_W + (columns - 1.0) * COLUMN_GAP;
    let height = (0..l.layer.len())
        .map(|v| l.y[v] + l.height(v) / 2.0)
        .fold(2.0 * MARGIN, f64::max)
        + MARGIN;
    let desc = format!(
        "{} roles and {} career moves, from entry roles on the left to senior roles on the right. Each role links to its page; the list after the map gives every role and where it leads.",
        g.slugs.len(),
        g.edges.len()
    );
    let mut out = String::new();
    svg_open(
        &mut out,
        "cmap",
        "career-map-svg",
        width,
        height,
        "Career map",
        &desc,
    );
    out.push_str(r#"<g class="cmap-edges">"#);
    for (points, reversed) in edge_points(&l) {
        let class = if reversed {
            "cmap-edge cmap-edge-back"
        } else {
            "cmap-edge"
        };
        edge(&mut out, &points, class, "cmap-arrow");
    }
    out.push_str(r#"</g><g class="cmap-nodes">"#);
    for (v, slug) in g.slugs.iter().enumerate() {
        let url = site.config.url(&format!("roles/{slug}/"));
        node(&mut out, l.x(v), l.y[v], g.titles[v], Some(&url));
    }
    out.push_str("</g></svg>");
    out
}

/// Each edge as points from its tail to its head: ports on the boxes' sides, sorted by the
/// other end's height so that edges leaving one box do not cross each other there.
fn edge_points(l: &Layout) -> Vec<(Vec<(f64, f64)>, bool)> {
    // (vertex, right side?) -> attached (other end's y, edge index)
    let mut sides: std::collections::BTreeMap<(usize, bool), Vec<(f64, usize)>> =
        Default::default();
    for (e, (chain, _)) in l.chains.iter().enumerate() {
        let (a, b) = (chain[0], chain[chain.len() - 1]);
        sides.entry((a, true)).or_default().push((l.y[chain[1]], e));
        let before = chain[chain.len() - 2];
        sides.entry((b, false)).or_default().push((l.y[before], e));
    }
    let mut port = std::collections::BTreeMap::new();
    for ((v, right), mut attached) in sides {
        attached.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for ((_, e), y) in attached.iter().zip(ports(l.y[v], attached.len())) {
            port.insert((*e, right), y);
        }
    }
    l.chains
        .iter()
        .enumerate()
        .map(|(e, (chain, reversed))| {
            let (a, b) = (chain[0], chain[chain.len() - 1]);
            let mut points = vec![(l.x(a) + NODE_W, port[&(e, true)])];
            for &d in &chain[1..chain.len() - 1] {
                points.push((l.x(d), l.y[d]));
                points.push((l.x(d) + NODE_W, l.y[d]));
            }
            points.push((l.x(b), port[&(e, false)]));
            if *reversed {
                points.reverse();
            }
            (points, *reversed)
        })
        .collect()
}

/// Alphabetical order for readers: case-insensitive, then exact, then by slug.
fn title_key(title: &str, slug: &str) -> (String, String, String) {
    (title.to_lowercase(), title.to_string(), slug.to_string())
}

/// A role on the map with the roles it comes from and leads to, for the text alternative.
#[derive(Serialize)]
pub struct MapRole<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub previous: Vec<TagLink<'a>>,
    pub next: Vec<TagLink<'a>>,
}

/// What `career-map.html` receives as `career_map`.
#[derive(Serialize)]
pub struct CareerMap<'a> {
    /// The drawing, to output with `| safe`.
    pub svg: String,
    /// Every role on the map by title: the text alternative.
    pub roles: Vec<MapRole<'a>>,
    /// Whether some moves lead back to a role further left (drawn dashed).
    pub loops: bool,
}

pub fn career_map(site: &Site) -> CareerMap<'_> {
    let svg = career_map_svg(site);
    CareerMap {
        loops: svg.contains("cmap-edge-back"),
        svg,
        roles: career_map_text(site),
    }
}

/// Every role on the map by title, with where it comes from and leads to (each by title).
pub fn career_map_text(site: &Site) -> Vec<MapRole<'_>> {
    let g = graph(site);
    let link = |v: usize| role_link(site, g.slugs[v]);
    let by_title =
        |links: &mut Vec<TagLink>| links.sort_by_cached_key(|l| title_key(l.title, l.slug));
    let mut roles: Vec<MapRole> = (0..g.slugs.len())
        .map(|v| {
            let mut previous: Vec<TagLink> = g
                .edges
                .iter()
                .filter(|e| e.1 == v)
                .map(|e| link(e.0))
                .collect();
            let mut next: Vec<TagLink> = g
                .edges
                .iter()
                .filter(|e| e.0 == v)
                .map(|e| link(e.1))
                .collect();
            by_title(&mut previous);
            by_title(&mut next);
            let own = link(v);
            MapRole {
                slug: own.slug,
                title: own.title,
                url: own.url,
                previous,
                next,
            }
        })
        .collect();
    roles.sort_by_cached_key(|r| title_key(r.title, r.slug));
    roles
}

/// A small SVG for a role's page: the roles it comes from, the role (highlighted, not a
/// link), and the roles it leads to. None when the role has neither.
pub fn neighbourhood_svg(site: &Site, slug: &str) -> Option<String> {
    let g = graph(site);
    let v = g.slugs.binary_search(&slug).ok()?;
    let by_title = |mut vs: Vec<usize>| {
        vs.sort_by_cached_key(|&w| title_key(g.titles[w], g.slugs[w]));
        vs
    };
    let previous = by_title(g.edges.iter().filter(|e| e.1 == v).map(|e| e.0).collect());
    let next = by_title(g.edges.iter().filter(|e| e.0 == v).map(|e| e.1).collect());
    if previous.is_empty() && next.is_empty() {
        return None;
    }
    let names = |vs: &[usize]| {
        vs.iter()
            .map(|&w| g.titles[w])
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut desc = Vec::new();
    if !previous.is_empty() {
        desc.push(format!("Often comes from: {}.", names(&previous)));
    }
    if !next.is_empty() {
        desc.push(format!("Can lead to: {}.", names(&next)));
    }
    let columns: Vec<Vec<usize>> = [previous, vec![v], next]
        .into_iter()
        .filter(|c| !c.is_empty())
        .collect();
    Some(draw_neighbourhood(site, &g, v, &columns, &desc.join(" ")))
}

fn draw_neighbourhood(
    site: &Site,
    g: &Graph,
    v: usize,
    columns: &[Vec<usize>],
    desc: &str,
) -> String {
    let stack = |k: usize| k as f64 * NODE_H + k.saturating_sub(1) as f64 * NODE_GAP;
    let inner = columns.iter().map(|c| stack(c.len())).fold(0.0, f64::max);
    let height = inner + 2.0 * MARGIN;
    let n = columns.len() as f64;
    let width = 2.0 * MARGIN + n * NODE_W + (n - 1.0) * COLUMN_GAP;
    let mut boxes: Vec<Vec<(usize, f64, f64)>> = Vec::new(); // (vertex, x, cy)
    for (c, col) in columns.iter().enumerate() {
        let x = MARGIN + c as f64 * (NODE_W + COLUMN_GAP);
        let top = MARGIN + (inner - stack(col.len())) / 2.0 + NODE_H / 2.0;
        boxes.push(
            col.iter()
                .enumerate()
                .map(|(i, &w)| (w, x, top + i as f64 * (NODE_H + NODE_GAP)))
                .collect(),
        );
    }
    let centre = boxes.iter().flatten().find(|b| b.0 == v).copied().unwrap();
    let id = format!("cnb-{}", g.slugs[v]);
    let title = format!("Career path around {}", g.titles[v]);
    let mut out = String::new();
    svg_open(
        &mut out,
        &id,
        "career-neighbourhood-svg",
        width,
        height,
        &title,
        desc,
    );
    out.push_str(r#"<g class="cmap-edges">"#);
    let marker = format!("{id}-arrow");
    for pair in boxes.windows(2) {
        // One column of each pair is the role itself; the other fans out from it.
        let leads_in = pair[1].len() == 1 && pair[1][0].0 == v;
        let fan = if leads_in { &pair[0] } else { &pair[1] };
        for (b, py) in fan.iter().zip(ports(centre.2, fan.len())) {
            let points = if leads_in {
                [(b.1 + NODE_W, b.2), (centre.1, py)]
            } else {
                [(centre.1 + NODE_W, py), (b.1, b.2)]
            };
            edge(&mut out, &points, "cmap-edge", &marker);
        }
    }
    out.push_str(r#"</g><g class="cmap-nodes">"#);
    for &(w, x, cy) in boxes.iter().flatten() {
        let url = site.config.url(&format!("roles/{}/", g.slugs[w]));
        node(
            &mut out,
            x,
            cy,
            g.titles[w],
            (w != v).then_some(url.as_str()),
        );
    }
    out.push_str("</g></svg>");
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Arc;

    use super::*;
    use crate::config::Config;
    use crate::model::{Role, RoleProfile};

    /// A site of role profiles: (slug, title, next_roles, previous_roles).
    pub(crate) fn site(roles: &[(&str, &str, &[&str], &[&str])]) -> Site {
        let config = Config::parse("base_url = \"https://example.com/careers/\"", None).unwrap();
        let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let roles: BTreeMap<String, Role> = roles
            .iter()
            .map(|&(slug, title, next, prev)| {
                let profile = RoleProfile {
                    source: format!("content/roles/{slug}.md").into(),
                    title: title.into(),
                    aliases: vec![],
                    summary: None,
                    skills: vec![],
                    education: None,
                    salary: None,
                    next_roles: strings(next),
                    previous_roles: strings(prev),
                    extra: serde_json::Value::Null,
                    body: Arc::default(),
                    front_matter: String::new(),
                };
                let role = Role {
                    slug: slug.into(),
                    title: title.into(),
                    profile: Some(profile),
                    guides: vec![],
                    related_roles: vec![],
                };
                (slug.to_string(), role)
            })
            .collect();
        Site {
            config,
            guides: vec![],
            roles,
            skills: BTreeMap::new(),
            taxonomies: vec![],
            pages: vec![],
        }
    }

    /// Every `<tag ...>` opening in `svg` as its attributes.
    fn elements(svg: &str, tag: &str) -> Vec<BTreeMap<String, String>> {
        let open = format!("<{tag} ");
        svg.match_indices(&open)
            .map(|(i, _)| {
                let rest = &svg[i + open.len()..];
                let body = &rest[..rest.find('>').unwrap()];
                body.split('"')
                    .collect::<Vec<_>>()
                    .chunks(2)
                    .filter(|c| c.len() == 2)
                    .map(|c| {
                        (
                            c[0].trim().trim_end_matches('=').to_string(),
                            c[1].to_string(),
                        )
                    })
                    .collect()
            })
            .collect()
    }

    fn num(e: &BTreeMap<String, String>, key: &str) -> f64 {
        e[key].parse().unwrap()
    }

    /// Node boxes by role title: (x, y, w, h).
    fn boxes(svg: &str) -> BTreeMap<String, (f64, f64, f64, f64)> {
        let labels: Vec<String> = svg
            .split(r#"<a class="cmap-node""#)
            .skip(1)
            .map(|s| elements(&format!("<a {s}"), "a")[0]["aria-label"].clone())
            .collect();
        let rects = elements(svg, "rect");
        assert_eq!(labels.len(), rects.len(), "one box per link");
        labels
            .into_iter()
            .zip(rects)
            .map(|(l, r)| {
                (
                    l,
                    (
                        num(&r, "x"),
                        num(&r, "y"),
                        num(&r, "width"),
                        num(&r, "height"),
                    ),
                )
            })
            .collect()
    }

    fn assert_no_overlaps(svg: &str) {
        let b: Vec<_> = boxes(svg).into_values().collect();
        let view: Vec<f64> = elements(svg, "svg")[0]["viewBox"]
            .split(' ')
            .map(|n| n.parse().unwrap())
            .collect();
        for (i, p) in b.iter().enumerate() {
            assert!(p.0 >= 0.0 && p.1 >= 0.0, "{p:?} inside the view");
            assert!(
                p.0 + p.2 <= view[2] && p.1 + p.3 <= view[3],
                "{p:?} inside {view:?}"
            );
            for q in &b[i + 1..] {
                let apart =
                    p.0 + p.2 <= q.0 || q.0 + q.2 <= p.0 || p.1 + p.3 <= q.1 || q.1 + q.3 <= p.1;
                assert!(apart, "boxes {p:?} and {q:?} overlap");
            }
        }
    }

    #[test]
    fn every_role_is_a_link_and_every_move_an_edge() {
        let s = site(&[
            ("junior", "Junior Developer", &["mid"], &[]),
            ("mid", "Developer", &["senior", "lead"], &["junior"]),
            ("senior", "Senior Developer", &[], &["mid"]),
            ("lead", "Tech Lead", &[], &["senior"]),
        ]);
        let svg = career_map_svg(&s);
        let links = elements(&svg, "a");
        assert_eq!(links.len(), 4);
        for (slug, role) in &s.roles {
            let want = format!("/careers/roles/{slug}/");
            let link = links.iter().find(|a| a["href"] == want).expect(&want);
            assert_eq!(link["aria-label"], role.title);
        }
        // junior->mid twice (next and previous) counts once; senior->lead from previous_roles.
        assert_eq!(
            elements(&svg, "path").len() - 1,
            4,
            "four edges plus the arrowhead"
        );
        assert!(svg.contains(r#"aria-labelledby="cmap-title""#));
        assert!(svg.contains(r#"<title id="cmap-title">Career map</title>"#));
        assert!(svg.contains(r#"<desc id="cmap-desc">4 roles and 4 career moves"#));
        assert!(
            !svg.contains("role=\"img\"") && !svg.contains("<script") && !svg.contains("fill=\"#")
        );
        assert_no_overlaps(&svg);
    }

    #[test]
    fn layers_increase_along_the_edges_of_an_acyclic_graph() {
        let s = site(&[
            ("a", "A", &["b", "d"], &[]),
            ("b", "B", &["c"], &[]),
            ("c", "C", &["d"], &[]),
            ("e", "E", &["c"], &[]),
        ]);
        let svg = career_map_svg(&s);
        let b = boxes(&svg);
        for (from, to) in [("A", "B"), ("B", "C"), ("C", "d"), ("A", "d"), ("E", "C")] {
            assert!(b[from].0 < b[to].0, "{from} left of {to}");
        }
        // Entry roles (no previous roles) start the map.
        assert_eq!(b["A"].0, b["E"].0);
        assert_eq!(b["A"].0, MARGIN);
        // The long edge A->d passes columns B and C without crossing a box.
        assert_no_overlaps(&svg);
    }

    #[test]
    fn a_cycle_still_draws_both_roles() {
        let s = site(&[("a", "A", &["b"], &[]), ("b", "B", &["a"], &[])]);
        let svg = career_map_svg(&s);
        let b = boxes(&svg);
        assert_eq!(b.len(), 2);
        assert!(
            b["A"].0 < b["B"].0,
            "the search from `a` keeps a->b forward"
        );
        let paths = elements(&svg, "path");
        assert_eq!(
            paths
                .iter()
                .filter(|p| p["class"].starts_with("cmap-edge"))
                .count(),
            2
        );
        assert_eq!(
            paths
                .iter()
                .filter(|p| p["class"] == "cmap-edge cmap-edge-back")
                .count(),
            1
        );
        assert_no_overlaps(&svg);
        // A longer cycle with a way in.
        let s = site(&[
            ("start", "Start", &["x"], &[]),
            ("x", "X", &["y"], &[]),
            ("y", "Y", &["z"], &[]),
            ("z", "Z", &["x"], &[]),
        ]);
        let b = boxes(&career_map_svg(&s));
        assert!(b["Start"].0 < b["X"].0 && b["X"].0 < b["Y"].0 && b["Y"].0 < b["Z"].0);
    }

    /// A seeded 60-role graph with long edges and a few cycles.
    fn big_site(seed: u64) -> Site {
        let mut state = seed;
        let mut rng = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let slugs: Vec<String> = (0..60).map(|i| format!("role-{i:02}")).collect();
        let titles: Vec<String> = (0..60)
            .map(|i| format!("Principal Platform Reliability Engineer {i}"))
            .collect();
        let mut next: Vec<Vec<&str>> = vec![vec![]; 60];
        for (i, n) in next.iter_mut().enumerate() {
            for _ in 0..rng() % 3 {
                let j = if rng() % 10 == 0 {
                    rng() % 60
                } else {
                    (i as u64 + 1 + rng() % 12).min(59)
                };
                n.push(&slugs[j as usize]);
            }
        }
        let rows: Vec<(&str, &str, &[&str], &[&str])> = (0..60)
            .map(|i| {
                (
                    slugs[i].as_str(),
                    titles[i].as_str(),
                    next[i].as_slice(),
                    &[][..],
                )
            })
            .collect();
        site(&rows)
    }

    #[test]
    fn sixty_roles_draw_without_overlaps_and_identically_twice() {
        for seed in [7, 42, 2024] {
            let s = big_site(seed);
            let svg = career_map_svg(&s);
            assert_eq!(boxes(&svg).len(), 60);
            assert_no_overlaps(&svg);
            assert_eq!(svg, career_map_svg(&s), "deterministic");
            let g = graph(&s);
            let l = layout(g.slugs.len(), &g.edges);
            let (_, right) = neighbours(&l);
            let mut initial = l.columns.clone();
            for c in &mut initial {
                c.sort();
            }
            assert!(crossings(&l.columns, &right) <= crossings(&initial, &right));
        }
    }

    #[test]
    fn ordering_removes_avoidable_crossings() {
        let s = site(&[
            ("a", "A", &["d"], &[]),
            ("b", "B", &["c"], &[]),
            ("a2", "A2", &["d"], &[]),
        ]);
        let g = graph(&s);
        let l = layout(g.slugs.len(), &g.edges);
        let (_, right) = neighbours(&l);
        assert_eq!(crossings(&l.columns, &right), 0);
    }

    #[test]
    fn titles_are_escaped_and_wrapped() {
        let s = site(&[
            ("rd", "R&D <Lead> \"Quoted\" 'Single'", &["long"], &[]),
            (
                "long",
                "Head of Developer Experience and Internal Platforms Worldwide",
                &[],
                &[],
            ),
        ]);
        let svg = career_map_svg(&s);
        assert!(svg.contains("R&amp;D &lt;Lead&gt; &quot;Quoted&quot; &#39;Single&#39;"));
        assert!(!svg.contains("<Lead>") && !svg.contains("R&D"));
        assert_eq!(svg.matches("<tspan").count(), 4, "both titles on two lines");
        assert!(svg.contains("…</tspan>"), "the long title is cut");
        assert!(
            svg.contains("<title>Head of Developer Experience"),
            "and shown in full on hover"
        );
        assert_eq!(wrap_title("Data Engineer"), vec!["Data Engineer"]);
        assert_eq!(
            wrap_title("Machine Learning Engineer"),
            vec!["Machine Learning", "Engineer"]
        );
        assert_eq!(
            wrap_title("Supercalifragilisticexpialidocious")[0]
                .chars()
                .count(),
            LINE_CHARS
        );
    }

    #[test]
    fn text_alternative_lists_where_each_role_leads() {
        let s = site(&[
            ("junior", "Junior Developer", &["senior"], &[]),
            ("senior", "Senior Developer", &[], &["junior", "intern"]),
        ]);
        let roles = career_map_text(&s);
        let titles: Vec<&str> = roles.iter().map(|r| r.title).collect();
        assert_eq!(titles, ["intern", "Junior Developer", "Senior Developer"]);
        assert_eq!(roles[0].url, "/careers/roles/intern/");
        assert_eq!(roles[0].next[0].slug, "senior");
        assert_eq!(roles[2].previous.len(), 2);
        assert!(roles[2].next.is_empty());
        let json = serde_json::to_value(career_map(&s)).unwrap();
        assert_eq!(json["roles"][1]["next"][0]["url"], "/careers/roles/senior/");
        assert!(json["svg"].as_str().unwrap().starts_with("<svg"));
    }

    #[test]
    fn neighbourhood_shows_previous_this_and_next() {
        let s = site(&[
            ("junior", "Junior Developer", &["mid"], &[]),
            (
                "mid",
                "Developer",
                &["senior", "lead"],
                &["junior", "bootcamp"],
            ),
            ("senior", "Senior Developer", &[], &[]),
            ("alone", "Alone", &[], &[]),
        ]);
        let svg = neighbourhood_svg(&s, "mid").unwrap();
        let links: Vec<String> = elements(&svg, "a")
            .into_iter()
            .map(|a| a["href"].clone())
            .collect();
        assert_eq!(links.len(), 4, "{links:?}");
        assert!(
            !links.contains(&"/careers/roles/mid/".to_string()),
            "the role itself is no link"
        );
        assert!(svg.contains(r#"<g class="cmap-node cmap-current">"#));
        assert_eq!(elements(&svg, "path").len() - 1, 4);
        assert!(svg.contains(
            "Often comes from: bootcamp, Junior Developer. Can lead to: lead, Senior Developer."
        ));
        assert!(svg.contains(r#"id="cnb-mid-arrow""#));
        let rects = elements(&svg, "rect");
        let xs: BTreeSet<i64> = rects.iter().map(|r| num(r, "x") as i64).collect();
        assert_eq!(xs.len(), 3, "three columns");
        assert!(neighbourhood_svg(&s, "alone").is_none());
        assert!(neighbourhood_svg(&s, "nobody").is_none());
        let only_next = neighbourhood_svg(&s, "junior").unwrap();
        assert_eq!(elements(&only_next, "rect").len(), 2);
    }

    #[test]
    fn crossings_match_a_brute_force_count() {
        let s = big_site(99);
        let g = graph(&s);
        let l = layout(g.slugs.len(), &g.edges);
        let (_, right) = neighbours(&l);
        let mut brute = 0;
        for pair in l.columns.windows(2) {
            let (a, b) = (
                positions(&pair[0], right.len()),
                positions(&pair[1], right.len()),
            );
            let (a, b) = (&a, &b);
            let segs: Vec<(f64, f64)> = pair[0]
                .iter()
                .flat_map(|&v| right[v].iter().map(move |&w| (a[v], b[w])))
                .collect();
            for (i, p) in segs.iter().enumerate() {
                brute += segs[i + 1..]
                    .iter()
                    .filter(|q| (p.0 - q.0) * (p.1 - q.1) < 0.0)
                    .count();
            }
        }
        assert_eq!(crossings(&l.columns, &right), brute);
        let mut reversed = l.columns.clone();
        reversed[1].reverse();
        assert!(crossings(&reversed, &right) > 0);
    }

    #[test]
    fn an_empty_site_draws_an_empty_map() {
        let s = site(&[]);
        let svg = career_map_svg(&s);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(elements(&svg, "a").is_empty());
        assert!(career_map_text(&s).is_empty());
    }

    #[test]
    fn ordered_fit_keeps_order_and_gaps() {
        let y = ordered_fit(&[0.0, 0.0, 0.0], &[10.0, 10.0]);
        assert_eq!(y, vec![-10.0, 0.0, 10.0]);
        let y = ordered_fit(&[0.0, 100.0], &[10.0]);
        assert_eq!(y, vec![0.0, 100.0]);
    }

    #[test]
    fn the_bundled_sample_site_draws_cleanly() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let opts = crate::pipeline::BuildOptions {
            root: root.to_path_buf(),
            output: None,
            base_url: None,
            drafts: false,
        };
        let site = crate::pipeline::load(&opts).ok().unwrap().site;
        let svg = career_map_svg(&site);
        let with_profiles = site.roles.values().filter(|r| r.profile.is_some()).count();
        assert!(boxes(&svg).len() >= with_profiles);
        assert_no_overlaps(&svg);
        if let Ok(dir) = std::env::var("CAREERSITE_DUMP_SVG") {
            std::fs::write(format!("{dir}/career-map.svg"), &svg).unwrap();
            for slug in ["software-engineer", "qa-engineer", "staff-engineer"] {
                let n = neighbourhood_svg(&site, slug).unwrap();
                std::fs::write(format!("{dir}/{slug}.svg"), n).unwrap();
            }
            std::fs::write(format!("{dir}/big.svg"), career_map_svg(&big_site(42))).unwrap();
            let cyc = tests::site(&[
                ("a", "A", &["b"][..], &[][..]),
                ("b", "B", &["a", "c"], &[]),
                ("c", "C", &["a"], &[]),
            ]);
            std::fs::write(format!("{dir}/cycle.svg"), career_map_svg(&cyc)).unwrap();
        }
    }
}
