//! Following one role's paths on the career map: which roles and moves lie on some path
//! through each role, written as classes on the drawing, and the CSS rules that light them
//! up while a reader points at a role or tabs to it. There is no script: a browser without
//! `:has()` shows the map as it is, and the list after the map gives the same paths in text.

use std::collections::VecDeque;
use std::fmt::Write;

/// Each role adds a class to every role and move on its paths, so the classes grow with the
/// square of the map's size. A map past this many roles is read through its list anyway, so
/// it is drawn without highlighting.
pub(super) const MAX_LIT_ROLES: usize = 150;

/// Extra classes for each node and each edge (in the graph's edge order), and the rules.
pub(super) struct PathClasses {
    pub(super) nodes: Vec<String>,
    pub(super) edges: Vec<String>,
    pub(super) style: String,
}

/// The classes and rules for `n` roles joined by `edges` (from, to); None past
/// `MAX_LIT_ROLES`.
pub(super) fn path_classes(n: usize, edges: &[(usize, usize)]) -> Option<PathClasses> {
    if n == 0 || n > MAX_LIT_ROLES {
        return None;
    }
    let mut forward = vec![Vec::new(); n];
    let mut backward = vec![Vec::new(); n];
    for &(a, b) in edges {
        forward[a].push(b);
        backward[b].push(a);
    }
    let mut nodes: Vec<String> = (0..n).map(|v| format!(" cmap-n{v}")).collect();
    let mut lit_edges = vec![String::new(); edges.len()];
    let mut style = String::new();
    for v in 0..n {
        // Roles that lead to v, and roles v leads to, each including v itself.
        let up = reach(v, &backward);
        let down = reach(v, &forward);
        for w in (0..n).filter(|&w| up[w] || down[w]) {
            write!(nodes[w], " cmap-p{v}").unwrap();
        }
        for (e, &(a, b)) in edges.iter().enumerate() {
            if (up[a] && up[b]) || (down[a] && down[b]) {
                write!(lit_edges[e], " cmap-p{v}").unwrap();
            }
        }
        let on = format!(".career-map-svg:has(.cmap-n{v}:hover,.cmap-n{v}:focus-visible)");
        write!(
            style,
            "{on} .cmap-edge:not(.cmap-p{v}){{opacity:.12}}{on} .cmap-node:not(.cmap-p{v}){{opacity:.35}}{on} .cmap-edge.cmap-p{v}{{opacity:1}}"
        )
        .unwrap();
    }
    Some(PathClasses {
        nodes,
        edges: lit_edges,
        style,
    })
}

/// Every vertex reachable from `from` along `adjacency`, `from` included.
fn reach(from: usize, adjacency: &[Vec<usize>]) -> Vec<bool> {
    let mut seen = vec![false; adjacency.len()];
    seen[from] = true;
    let mut queue = VecDeque::from([from]);
    while let Some(v) = queue.pop_front() {
        for &w in &adjacency[v] {
            if !seen[w] {
                seen[w] = true;
                queue.push_back(w);
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_lights_what_leads_to_it_and_where_it_leads_but_not_side_branches() {
        // 0 -> 1 -> 2, and 3 -> 1 -> 4; 5 -> 3 is upstream of 1 through 3.
        let edges = [(0, 1), (1, 2), (3, 1), (1, 4), (5, 3)];
        let p = path_classes(6, &edges).unwrap();
        let has = |classes: &str, v: usize| classes.split(' ').any(|c| c == format!("cmap-p{v}"));
        // Through 2: 0, 3 and 5 lead to it via 1; 4 is a side branch.
        assert!([0, 1, 2, 3, 5].iter().all(|&w| has(&p.nodes[w], 2)));
        assert!(!has(&p.nodes[4], 2));
        assert!(has(&p.edges[0], 2) && has(&p.edges[4], 2) && !has(&p.edges[3], 2));
        // Through 4 the move 1 -> 2 is off the path.
        assert!(!has(&p.edges[1], 4));
        assert!(p.style.contains(".cmap-n4:hover"));
    }

    #[test]
    fn cycles_end_and_large_maps_go_unlit() {
        let p = path_classes(2, &[(0, 1), (1, 0)]).unwrap();
        assert!(p.nodes[1].contains("cmap-p0"));
        assert!(path_classes(MAX_LIT_ROLES + 1, &[]).is_none());
    }
}
