//! Tests of the parent module.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::*;
use crate::config::Config;
use crate::model::{ProfileFacts, Role, RoleFacts, Taxonomy, TermLinks, TermProfile};

/// A site of role profiles: (slug, title, next_roles, previous_roles).
pub(crate) fn site(roles: &[(&str, &str, &[&str], &[&str])]) -> Site {
    let config = Config::parse("base_url = \"https://example.com/careers/\"", None).unwrap();
    let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let roles: BTreeMap<String, Role> = roles
        .iter()
        .map(|&(slug, title, next, prev)| {
            let facts = RoleFacts {
                skills: vec![],
                education: None,
                salary: None,
                soc: vec![],
                soc_line: 0,
                soc_note: None,
                salary_from_data: false,
                next_roles: strings(next),
                previous_roles: strings(prev),
                front_matter: String::new(),
            };
            let profile = TermProfile {
                source: format!("content/roles/{slug}.md").into(),
                title: title.into(),
                aliases: vec![],
                summary: None,
                extra: serde_json::Value::Null,
                body: Arc::default(),
                facts: ProfileFacts::Role(facts),
            };
            let links = TermLinks::Role {
                related_roles: vec![],
            };
            let role = Role::new(slug, Some(profile), links);
            (slug.to_string(), role)
        })
        .collect();
    Site {
        config,
        guides: vec![],
        roles: Taxonomy {
            name: "roles".into(),
            terms: roles,
            lang_path: String::new(),
        },
        skills: Taxonomy {
            name: "skills".into(),
            terms: BTreeMap::new(),
            lang_path: String::new(),
        },
        taxonomies: vec![],
        pages: vec![],
        datasets: Default::default(),
        left_out: Vec::new(),
        translations: Vec::new(),
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
        .split(r#"<a class="cmap-node"#)
        .skip(1)
        .map(|s| elements(&format!(r#"<a class="cmap-node{s}"#), "a")[0]["aria-label"].clone())
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
    for (slug, role) in &s.roles.terms {
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
    assert!(!svg.contains("role=\"img\"") && !svg.contains("<script") && !svg.contains("fill=\"#"));
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
            .filter(|p| p["class"].starts_with("cmap-edge cmap-edge-back"))
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
        publish: Default::default(),
        ..Default::default()
    };
    let site = crate::pipeline::load(&opts).ok().unwrap().site;
    let svg = career_map_svg(&site);
    let with_profiles = site
        .roles
        .terms
        .values()
        .filter(|r| r.profile.is_some())
        .count();
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
