//! The career map: every role and the moves between them (`next_roles`, `previous_roles`)
//! drawn as an inline SVG at build time, plus the same graph as data for a text alternative.
//! The layout is a small layered (Sugiyama-style) drawing: cycles broken by a depth-first
//! search in slug order, layers by longest path from entry roles, long edges threaded through
//! placeholder points, a few barycentre sweeps against crossings, and least-squares vertical
//! placement. Everything is ordered by slug and index, so identical input draws identically.

mod layout;
mod paths;
mod svg;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::Site;
use crate::render::views::{TagLink, role_link};
pub(crate) use layout::ordered_fit;
use layout::*;
use svg::*;
pub use svg::{career_map_svg, escape};

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
pub(crate) struct Graph<'a> {
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
    for (slug, role) in &site.roles.terms {
        let Some(p) = role.role_facts() else { continue };
        pairs.extend(p.next_roles.iter().map(|n| (slug.as_str(), n.as_str())));
        pairs.extend(p.previous_roles.iter().map(|r| (r.as_str(), slug.as_str())));
    }
    pairs.into_iter().filter(|(a, b)| a != b).collect()
}

pub(crate) fn graph(site: &Site) -> Graph<'_> {
    let pairs = career_edges(site);
    let mut nodes: BTreeSet<&str> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    let profiled = site.roles.terms.iter().filter(|(_, r)| r.profile.is_some());
    nodes.extend(profiled.map(|(slug, _)| slug.as_str()));
    let slugs: Vec<&str> = nodes.into_iter().collect();
    let index = |s: &str| slugs.binary_search(&s).expect("every edge end is a node");
    let edges = pairs.iter().map(|&(a, b)| (index(a), index(b))).collect();
    let titles = slugs
        .iter()
        .map(|s| site.roles.terms.get(*s).map_or(*s, |r| r.title.as_str()))
        .collect();
    Graph {
        slugs,
        titles,
        edges,
    }
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
    neighbourhood_svg_in(site, &graph(site), slug)
}

/// `neighbourhood_svg` on a graph made once: every role page shares one, so 10,000 roles
/// do not build the whole graph 10,000 times.
pub(crate) fn neighbourhood_svg_in(site: &Site, g: &Graph<'_>, slug: &str) -> Option<String> {
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
    Some(draw_neighbourhood(site, g, v, &columns, &desc.join(" ")))
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
        let url = site.config.url(&site.roles.term_path(g.slugs[w]));
        node(
            &mut out,
            (x, cy),
            g.titles[w],
            (w != v).then_some(url.as_str()),
            "",
        );
    }
    out.push_str("</g></svg>");
    out
}
