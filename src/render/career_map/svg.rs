//! Drawing the laid-out career map as SVG: nodes with wrapped titles, edges with their
//! ports, escaped text.

use std::fmt::Write;

use super::*;

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
/// `classes` are added to the box's own (each with a leading space).
pub(super) fn node(
    out: &mut String,
    (x, y): (f64, f64),
    title: &str,
    url: Option<&str>,
    classes: &str,
) {
    let lines = wrap_title(title);
    let cx = x + NODE_W / 2.0;
    let top = y - NODE_H / 2.0;
    let label = escape(title);
    match url {
        Some(url) => write!(
            out,
            r#"<a class="cmap-node{classes}" href="{}" aria-label="{label}">"#,
            escape(url)
        ),
        None => write!(out, r#"<g class="cmap-node cmap-current{classes}">"#),
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
pub(super) fn edge(out: &mut String, points: &[(f64, f64)], class: &str, marker: &str) {
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
pub(super) fn ports(cy: f64, count: usize) -> Vec<f64> {
    let step = if count > 1 {
        ((NODE_H - 14.0) / (count - 1) as f64).min(9.0)
    } else {
        0.0
    };
    (0..count)
        .map(|i| cy + (i as f64 - (count as f64 - 1.0) / 2.0) * step)
        .collect()
}

pub(super) fn svg_open(
    out: &mut String,
    id: &str,
    class: &str,
    w: f64,
    h: f64,
    title: &str,
    desc: &str,
) {
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
        "{} and {}, from entry roles on the left to senior roles on the right. Each role links to its page; the list after the map gives every role and where it leads.",
        crate::text::count(g.slugs.len(), "role"),
        crate::text::count(g.edges.len(), "career move")
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
    let lit = paths::path_classes(g.slugs.len(), &g.edges);
    if let Some(lit) = &lit {
        write!(out, "<style>{}</style>", lit.style).unwrap();
    }
    out.push_str(r#"<g class="cmap-edges">"#);
    for (e, (points, reversed)) in edge_points(&l).into_iter().enumerate() {
        let back = if reversed { " cmap-edge-back" } else { "" };
        let on_paths = lit.as_ref().map_or("", |p| p.edges[e].as_str());
        let class = format!("cmap-edge{back}{on_paths}");
        edge(&mut out, &points, &class, "cmap-arrow");
    }
    out.push_str(r#"</g><g class="cmap-nodes">"#);
    for (v, slug) in g.slugs.iter().enumerate() {
        let url = site.config.url(&site.roles.term_path(slug));
        let classes = lit.as_ref().map_or("", |p| p.nodes[v].as_str());
        node(&mut out, (l.x(v), l.y[v]), g.titles[v], Some(&url), classes);
    }
    out.push_str("</g></svg>");
    out
}

/// Each edge as points from its tail to its head: ports on the boxes' sides, sorted by the
/// other end's height so that edges leaving one box do not cross each other there.
pub(super) fn edge_points(l: &Layout) -> Vec<(Vec<(f64, f64)>, bool)> {
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
