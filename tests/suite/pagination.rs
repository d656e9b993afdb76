//! Term pages split into pages of `paginate_by` guides: roles, skills and declared
//! taxonomies, each with its own override; page 1 at the term's URL, page `n` at
//! `<term>/page/<n>/`, a numbered pager with rel="prev"/"next", and every page in the
//! sitemap while feeds keep the newest guides only.

use crate::common;

use common::Site;

/// Five guides on one role, skill and industry, a day apart, `gNN` newest last.
fn site(config_extra: &str) -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        format!(
            "title = \"Paged\"\nbase_url = \"https://paged.example.com\"\n{config_extra}\n\
             [[taxonomies]]\nname = \"industries\"\ntitle = \"Industries\"\n"
        ),
    );
    for n in 1..=5 {
        site.write(
            &format!("content/guides/g{n:02}.md"),
            format!(
                "---\ntitle: Guide {n}\ndate: 2024-01-{n:02}\nroles: [data-analyst]\n\
                 skills: [sql]\nindustries: [fintech]\n---\nBody of guide {n}.\n"
            ),
        );
    }
    site
}

fn card_titles(site: &Site, path: &str) -> Vec<String> {
    site.page(path).texts(".card-grid h3")
}

#[test]
fn a_role_page_is_split_into_pages_with_a_numbered_pager() {
    let site = site("paginate_by = 2");
    site.build();
    assert_eq!(
        card_titles(&site, "roles/data-analyst/"),
        ["Guide 5", "Guide 4"]
    );
    assert_eq!(
        card_titles(&site, "roles/data-analyst/page/2/"),
        ["Guide 3", "Guide 2"]
    );
    assert_eq!(
        card_titles(&site, "roles/data-analyst/page/3/"),
        ["Guide 1"]
    );
    assert!(!site.output_exists("roles/data-analyst/page/1/index.html"));
    assert!(!site.output_exists("roles/data-analyst/page/4/index.html"));

    let first = site.page("roles/data-analyst/");
    let nav = first
        .find("nav.pagination[aria-label=Pagination]")
        .expect("a pager");
    let current: Vec<_> = nav
        .select(&common::sel("a[aria-current=page]"))
        .map(common::text_of)
        .collect();
    assert_eq!(current, ["1"]);
    assert_eq!(
        first.links_in("a[rel=next]"),
        [(
            "Next →".to_string(),
            "/roles/data-analyst/page/2/".to_string()
        )]
    );
    assert!(first.links_in("a[rel=prev]").is_empty());
    // The fact counts the whole listing, not the page.
    assert!(first.main_text().contains("5 guides about this role"));

    let second = site.page("roles/data-analyst/page/2/");
    assert_eq!(second.h1(), "Data Analyst");
    assert!(
        second.title().starts_with("Data Analyst, page 2"),
        "{}",
        second.title()
    );
    assert_eq!(
        second.canonical().as_deref(),
        Some("https://paged.example.com/roles/data-analyst/page/2/")
    );
    assert_eq!(second.links_in("a[rel=prev]")[0].1, "/roles/data-analyst/");
    assert_eq!(
        second.links_in("a[rel=next]")[0].1,
        "/roles/data-analyst/page/3/"
    );
}

#[test]
fn roles_skills_and_each_taxonomy_take_their_own_page_size() {
    let site = site("paginate_by = 4\nrole_paginate_by = 1\nskill_paginate_by = 5\n");
    // The taxonomy's own setting wins over the site's.
    let toml = site.read("site.toml") + "paginate_by = 2\n";
    site.write("site.toml", toml);
    site.build();
    assert!(site.output_exists("roles/data-analyst/page/5/index.html"));
    assert!(!site.output_exists("roles/data-analyst/page/6/index.html"));
    assert!(!site.output_exists("skills/sql/page/2/index.html"));
    assert_eq!(card_titles(&site, "skills/sql/").len(), 5);
    assert!(site.output_exists("industries/fintech/page/3/index.html"));
    assert!(!site.output_exists("industries/fintech/page/4/index.html"));
    assert_eq!(
        card_titles(&site, "industries/fintech/page/3/"),
        ["Guide 1"]
    );
    // The guides listing keeps the site's size.
    assert!(site.output_exists("guides/page/2/index.html"));
    assert!(!site.output_exists("guides/page/3/index.html"));
}

#[test]
fn the_default_keeps_short_term_pages_on_one_page() {
    let site = site("");
    site.build();
    assert_eq!(card_titles(&site, "roles/data-analyst/").len(), 5);
    assert!(
        site.page("roles/data-analyst/")
            .find("nav.pagination")
            .is_none()
    );
    assert!(!site.output_exists("roles/data-analyst/page/2/index.html"));
}

#[test]
fn every_page_is_in_the_sitemap_and_feeds_keep_the_newest_guides() {
    let site = site("paginate_by = 2");
    site.build();
    let sitemap = site.read("output/sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    for path in [
        "roles/data-analyst/",
        "roles/data-analyst/page/3/",
        "skills/sql/page/2/",
    ] {
        let url = format!("https://paged.example.com/{path}");
        assert!(locs.contains(&url.as_str()), "{url} not in {locs:?}");
    }
    assert!(!locs.iter().any(|l| l.ends_with("/page/1/")), "{locs:?}");
    let feed = site.read("output/roles/data-analyst/atom.xml");
    let feed = roxmltree::Document::parse(&feed).unwrap();
    let entries = feed
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .count();
    assert_eq!(entries, 5);
}

#[test]
fn a_zero_page_size_is_an_error_at_its_line() {
    let site = site("role_paginate_by = 0");
    let run = site.build_fails();
    run.assert_stderr_contains("site.toml:3: `role_paginate_by` must be at least 1");
    let site = self::site("");
    let toml = site.read("site.toml") + "paginate_by = 0\n";
    site.write("site.toml", toml);
    site.build_fails()
        .assert_stderr_contains("taxonomy `industries`: `paginate_by` must be at least 1");
}

/// The `<loc>`s of a sitemap file, after checking that it is well-formed XML whose root
/// is `root`.
fn locs(xml: &str, root: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), root, "{xml}");
    doc.descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect()
}

#[test]
fn a_sitemap_over_the_limit_becomes_an_index_of_parts() {
    let site = site("");
    site.build();
    let whole = locs(&site.read("output/sitemap.xml"), "urlset");
    assert!(!site.output_exists("sitemap-1.xml"));

    // The limit lowered to 4 URLs a file (the real one is 50,000).
    let root = site.root.to_str().unwrap().to_string();
    common::run_with_env(
        site.tmp(),
        &["build", "--root", &root],
        &[("CAREERSITE_SITEMAP_MAX_URLS", "4")],
    )
    .assert_code(0);
    let parts = locs(&site.read("output/sitemap.xml"), "sitemapindex");
    let expected: Vec<String> = (1..=whole.len().div_ceil(4))
        .map(|n| format!("https://paged.example.com/sitemap-{n}.xml"))
        .collect();
    assert_eq!(parts, expected);
    let mut listed = Vec::new();
    for n in 1..=parts.len() {
        let part = locs(&site.read(&format!("output/sitemap-{n}.xml")), "urlset");
        assert!(!part.is_empty() && part.len() <= 4, "{part:?}");
        listed.extend(part);
    }
    assert_eq!(listed, whole);
    // robots.txt still names the one file crawlers start from.
    assert!(
        site.read("output/robots.txt")
            .contains("Sitemap: https://paged.example.com/sitemap.xml")
    );
}
