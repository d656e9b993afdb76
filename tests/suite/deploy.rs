//! Deploy-ready output: schema.org JSON-LD, Open Graph and Twitter meta, a sitemap that lists
//! every page, a base URL with a path everywhere (links, assets, feeds, sitemap, JSON-LD),
//! and `minify = true`. Uses the `deploy/` fixture, whose guide title tries to close the
//! JSON-LD script element.

use crate::common;

use std::collections::BTreeSet;

use common::{Page, Site, html_files, page_in, sel, text_of, tree};
use serde_json::Value;

const BASE: &str = "https://example.com/careers/";
const ATTACK_TITLE: &str = "Breaking out </script><script>alert(1)</script> & more";

/// The page's JSON-LD documents, parsed, and every `@graph` node by `@type`.
fn json_ld(page: &Page) -> Vec<Value> {
    page.html
        .select(&sel(r#"script[type="application/ld+json"]"#))
        .map(|s| {
            let text = s.inner_html();
            serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}\n{text}"))
        })
        .collect()
}

/// The JSON-LD nodes of a page of the `deploy` fixture, built.
fn deploy_nodes(url_path: &str) -> Vec<Value> {
    nodes(&Site::built("deploy").page(url_path))
}

fn nodes(page: &Page) -> Vec<Value> {
    let docs = json_ld(page);
    assert_eq!(docs.len(), 1, "one JSON-LD document per page");
    assert_eq!(docs[0]["@context"], "https://schema.org");
    docs[0]["@graph"].as_array().expect("@graph").clone()
}

fn node<'a>(nodes: &'a [Value], kind: &str) -> &'a Value {
    nodes
        .iter()
        .find(|n| n["@type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} node in {nodes:#?}"))
}

fn types(nodes: &[Value]) -> Vec<&str> {
    nodes.iter().map(|n| n["@type"].as_str().unwrap()).collect()
}

fn meta(page: &Page, attr: &str, key: &str) -> Option<String> {
    page.html
        .select(&sel(&format!(r#"meta[{attr}="{key}"]"#)))
        .next()
        .and_then(|m| m.value().attr("content"))
        .map(str::to_string)
}

fn breadcrumb_items(nodes: &[Value]) -> Vec<(u64, String, String)> {
    node(nodes, "BreadcrumbList")["itemListElement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            assert_eq!(i["@type"], "ListItem");
            (
                i["position"].as_u64().unwrap(),
                i["name"].as_str().unwrap().to_string(),
                i["item"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn guide_has_article_faq_and_breadcrumbs_and_no_content_escapes_the_script() {
    let site = Site::built("deploy");
    let page = site.page("guides/escaping/");
    // The title's markup stays text everywhere: the only script is the JSON-LD one.
    let scripts: Vec<_> = page.html.select(&sel("script")).collect();
    assert_eq!(scripts.len(), 1, "{}", page.source);
    let raw = scripts[0].inner_html();
    assert!(!raw.contains('<') && !raw.contains('&'), "{raw}");
    assert_eq!(page.h1(), ATTACK_TITLE);

    let nodes = nodes(&page);
    assert_eq!(types(&nodes), ["Article", "FAQPage", "BreadcrumbList"]);
    let article = node(&nodes, "Article");
    let url = format!("{BASE}guides/escaping/");
    assert_eq!(article["headline"], ATTACK_TITLE);
    assert_eq!(
        article["description"],
        "A title & description with <angle> brackets that must stay text."
    );
    assert_eq!(article["datePublished"], "2026-01-10");
    assert_eq!(article["dateModified"], "2026-02-01");
    assert_eq!(article["url"], url.as_str());
    assert_eq!(article["mainEntityOfPage"], url.as_str());
    for who in ["author", "publisher"] {
        assert_eq!(article[who]["@type"], "Organization");
        assert_eq!(article[who]["name"], "Deploy & Check");
        assert_eq!(article[who]["url"], BASE);
    }

    let faq = node(&nodes, "FAQPage")["mainEntity"].as_array().unwrap();
    assert_eq!(faq.len(), 2);
    assert_eq!(faq[0]["@type"], "Question");
    assert_eq!(faq[0]["name"], "Is </script> safe in a question?");
    assert_eq!(faq[0]["acceptedAnswer"]["@type"], "Answer");
    let answer = faq[0]["acceptedAnswer"]["text"].as_str().unwrap();
    assert!(answer.contains("<em>Markdown</em>"), "{answer}");
    assert!(answer.contains("<code>&lt;/script&gt;</code>"), "{answer}");
    assert_eq!(faq[1]["acceptedAnswer"]["text"], "<p>A plain answer.</p>");

    assert_eq!(
        breadcrumb_items(&nodes),
        [
            (1, "Home".into(), BASE.into()),
            (2, "Guides".into(), format!("{BASE}guides/")),
            (3, ATTACK_TITLE.into(), url),
        ]
    );
}

#[test]
fn guide_without_faq_has_no_faq_page_and_falls_back_to_its_first_paragraph() {
    let nodes = deploy_nodes("guides/plain/");
    assert_eq!(types(&nodes), ["Article", "BreadcrumbList"]);
    let article = node(&nodes, "Article");
    assert_eq!(
        article["description"],
        "The first paragraph stands in for the description."
    );
    assert_eq!(article["datePublished"], "2025-06-01");
    assert_eq!(article["dateModified"], "2025-06-01");
}

#[test]
fn role_is_an_occupation_with_its_salary_distribution() {
    let site = Site::built("deploy");
    let nodes = nodes(&site.page("roles/software-engineer/"));
    assert_eq!(types(&nodes), ["Occupation", "BreadcrumbList"]);
    let job = node(&nodes, "Occupation");
    assert_eq!(job["name"], "Software Engineer");
    assert_eq!(job["description"], "Designs, builds and runs software.");
    assert_eq!(job["url"], format!("{BASE}roles/software-engineer/"));
    let salary = &job["estimatedSalary"][0];
    assert_eq!(salary["@type"], "MonetaryAmountDistribution");
    assert_eq!(salary["currency"], "USD");
    assert_eq!(salary["duration"], "P1Y");
    assert_eq!(salary["percentile10"], 80000);
    assert_eq!(salary["median"], 130000);
    assert_eq!(salary["percentile90"], 210000);
    assert_eq!(
        breadcrumb_items(&nodes)[1],
        (2, "Roles".to_string(), format!("{BASE}roles/"))
    );

    // A role known only from a tag has no salary to state.
    let nodes = common::page_in(&site.out(), "roles/data-analyst/");
    let job = node(&self::nodes(&nodes), "Occupation").clone();
    assert!(job.get("estimatedSalary").is_none(), "{job:#}");
}

#[test]
fn home_is_a_website_with_a_search_action_and_other_pages_have_breadcrumbs() {
    let site = Site::built("deploy");
    let home = nodes(&site.page(""));
    assert_eq!(types(&home), ["WebSite"]);
    assert_eq!(home[0]["url"], BASE);
    assert_eq!(home[0]["name"], "Deploy & Check");
    assert_eq!(
        home[0]["potentialAction"]["target"]["urlTemplate"],
        format!("{BASE}search/?q={{search_term_string}}")
    );
    for path in [
        "guides/",
        "roles/",
        "skills/",
        "skills/sql/",
        "career-map/",
        "search/",
        "about/",
    ] {
        let nodes = nodes(&site.page(path));
        let items = breadcrumb_items(&nodes);
        assert_eq!(items[0], (1, "Home".into(), BASE.into()), "{path}");
        assert_eq!(items.last().unwrap().2, format!("{BASE}{path}"), "{path}");
    }
}

#[test]
fn open_graph_and_twitter_meta_are_complete() {
    let site = Site::built("deploy");
    for (path, og_type) in [
        ("", "website"),
        ("guides/escaping/", "article"),
        ("roles/software-engineer/", "website"),
        ("about/", "website"),
        ("search/", "website"),
    ] {
        let page = site.page(path);
        let canonical = page.canonical();
        assert_eq!(canonical, Some(format!("{BASE}{path}")), "{path}");
        assert_eq!(meta(&page, "property", "og:url"), canonical, "{path}");
        assert_eq!(meta(&page, "property", "og:type").as_deref(), Some(og_type));
        assert_eq!(
            meta(&page, "property", "og:site_name").as_deref(),
            Some("Deploy & Check")
        );
        let description = meta(&page, "name", "description");
        assert!(
            description.as_deref().is_some_and(|d| !d.is_empty()),
            "{path}"
        );
        for (attr, key) in [
            ("property", "og:title"),
            ("property", "og:description"),
            ("name", "twitter:title"),
            ("name", "twitter:description"),
        ] {
            let value = meta(&page, attr, key);
            assert!(
                value.as_deref().is_some_and(|v| !v.is_empty()),
                "{path}: {key}"
            );
            if key.ends_with("description") {
                assert_eq!(value, description, "{path}: {key}");
            }
        }
        assert_eq!(
            meta(&page, "name", "twitter:card").as_deref(),
            Some("summary")
        );
        let published = meta(&page, "property", "article:published_time");
        assert_eq!(published.is_some(), og_type == "article", "{path}");
    }
    let guide = site.page("guides/escaping/");
    assert_eq!(
        meta(&guide, "property", "og:title").as_deref(),
        Some(ATTACK_TITLE)
    );
    assert_eq!(
        meta(&guide, "property", "article:published_time").as_deref(),
        Some("2026-01-10")
    );
    assert_eq!(
        meta(&guide, "property", "article:modified_time").as_deref(),
        Some("2026-02-01")
    );
}

fn sitemap(site: &Site) -> Vec<(String, Option<String>)> {
    let text = std::fs::read_to_string(site.out().join("sitemap.xml")).unwrap();
    text.split("<url>")
        .skip(1)
        .map(|u| {
            let field = |tag: &str| {
                u.split(&format!("<{tag}>"))
                    .nth(1)
                    .map(|s| s.split(&format!("</{tag}>")).next().unwrap().to_string())
            };
            (field("loc").unwrap(), field("lastmod"))
        })
        .collect()
}

#[test]
fn sitemap_lists_every_page_with_a_lastmod() {
    let site = Site::built("deploy");
    let entries = sitemap(&site);
    let listed: BTreeSet<String> = entries.iter().map(|(l, _)| l.clone()).collect();
    assert_eq!(listed.len(), entries.len(), "no duplicates");
    let pages: BTreeSet<String> = html_files(&site.out())
        .into_iter()
        .filter(|f| f != "404.html")
        .map(|f| format!("{BASE}{}", f.trim_end_matches("index.html")))
        .collect();
    assert_eq!(listed, pages);
    for must in [
        "search/",
        "career-map/",
        "about/",
        "guides/escaping/",
        "roles/data-analyst/",
    ] {
        assert!(listed.contains(&format!("{BASE}{must}")), "{must}");
    }
    let lastmod = |path: &str| {
        entries
            .iter()
            .find(|(l, _)| *l == format!("{BASE}{path}"))
            .and_then(|(_, m)| m.clone())
    };
    for (loc, m) in &entries {
        assert!(m.is_some(), "{loc} has no lastmod");
    }
    assert_eq!(lastmod("guides/escaping/").as_deref(), Some("2026-02-01"));
    assert_eq!(lastmod("guides/plain/").as_deref(), Some("2025-06-01"));
    // A role's page changes when its newest guide does, counting updates.
    assert_eq!(
        lastmod("roles/software-engineer/").as_deref(),
        Some("2026-02-01")
    );
    assert_eq!(lastmod("about/").as_deref(), Some("2025-05-05"));
    assert_eq!(lastmod("search/").as_deref(), Some("2026-02-01"));
}

/// Every URL in every HTML page, feed, the sitemap and the JSON-LD stays under `base`, and
/// every root-relative one names a file the build wrote.
fn assert_everything_under(out: &std::path::Path, origin: &str, path: &str) {
    let base = format!("{origin}{path}");
    let files = tree(out);
    let mut checked = 0;
    for file in html_files(out) {
        let page = page_in(out, &file);
        for (element, name, value) in page.all_attributes() {
            let what = format!("{file}: <{element} {name}={value:?}>");
            if matches!(name.as_str(), "href" | "src" | "action" | "data-index-url") {
                if value.starts_with('/') {
                    assert!(value.starts_with(path), "outside the base path: {what}");
                    let rel = value[path.len()..].split(['#', '?']).next().unwrap();
                    let rel = if rel.is_empty() || rel.ends_with('/') {
                        format!("{rel}index.html")
                    } else {
                        rel.to_string()
                    };
                    assert!(files.contains_key(&rel), "no such file: {what}");
                    checked += 1;
                } else if value.starts_with("http") {
                    assert!(value.starts_with(&base), "outside the base URL: {what}");
                }
            }
            if name == "content" && value.starts_with("http") {
                assert!(value.starts_with(&base), "{what}");
            }
        }
        for doc in json_ld(&page) {
            let text = doc.to_string();
            for url in text.split('"').filter(|s| s.starts_with("http")) {
                if url != "https://schema.org" {
                    assert!(url.starts_with(&base), "{file}: JSON-LD URL {url}");
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} links checked");
    for (rel, bytes) in &files {
        if !(rel.ends_with(".xml") || rel == "robots.txt") {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        for url in text
            .split(['"', '<', '>', ' ', '\n'])
            .filter(|s| s.starts_with("http"))
        {
            if url.starts_with("http://www.w3.org/") || url.starts_with("http://www.sitemaps.org/")
            {
                continue;
            }
            assert!(url.starts_with(&base), "{rel}: {url}");
        }
    }
}

#[test]
fn a_base_url_with_a_path_reaches_links_assets_feeds_sitemap_and_json_ld() {
    let site = Site::built("deploy");
    assert_everything_under(&site.out(), "https://example.com", "/careers/");
}

#[test]
fn base_url_flag_moves_everything_including_feeds_and_json_ld() {
    let site = Site::new("deploy");
    site.build_with(&["--base-url", "http://127.0.0.1:8080/pr/7"]);
    assert_everything_under(&site.out(), "http://127.0.0.1:8080", "/pr/7/");
}

fn with_minify(site: &Site, on: bool) {
    let config = site.read("site.toml");
    site.write("site.toml", format!("minify = {on}\n{config}"));
}

/// What a reader or a crawler gets from a page: its elements and attributes, its text, the
/// exact contents of its `pre` elements and its JSON-LD.
#[derive(Debug, PartialEq)]
struct Meaning {
    attributes: Vec<(String, String, String)>,
    text: String,
    pre: Vec<String>,
    json_ld: Vec<Value>,
}

fn meaning(page: &Page) -> Meaning {
    Meaning {
        attributes: page.all_attributes(),
        text: text_of(page.html.root_element()),
        pre: page
            .html
            .select(&sel("pre"))
            .map(|p| p.inner_html())
            .collect(),
        json_ld: json_ld(page),
    }
}

#[test]
fn minify_shrinks_output_without_changing_what_pages_say_and_stays_deterministic() {
    let plain = Site::new("deploy");
    plain.build();
    let small = Site::new("deploy");
    with_minify(&small, true);
    small.build();

    let (before, after) = (tree(&plain.out()), tree(&small.out()));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    let mut pages = 0;
    for (rel, bytes) in &before {
        let min = &after[rel];
        if rel.ends_with(".html") {
            assert!(min.len() < bytes.len(), "{rel} did not shrink");
            let (a, b) = (page_in(&plain.out(), rel), page_in(&small.out(), rel));
            assert_eq!(meaning(&a), meaning(&b), "{rel} changed meaning");
            pages += 1;
        } else if rel.ends_with(".css") || rel.ends_with(".js") {
            assert!(
                min.len() * 10 < bytes.len() * 9,
                "{rel} shrank by less than 10%"
            );
        } else {
            // Feeds, the sitemap, the search index and images are left as they are.
            assert_eq!(bytes, min, "{rel}");
        }
    }
    assert!(pages > 10);
    let code = page_in(&small.out(), "guides/escaping/");
    assert!(
        code.source.contains("    let   spaced = \"a    b\";"),
        "pre keeps its spaces"
    );
    assert!(
        !code.source.contains("\n  <"),
        "indentation outside pre is gone"
    );

    // The same input minifies to the same bytes.
    let again = Site::new("deploy");
    with_minify(&again, true);
    again.build();
    common::assert_same_tree("minified twice", &after, &tree(&again.out()));
}

#[test]
fn minify_is_off_by_default_and_false_is_accepted() {
    let site = Site::built("deploy");
    let default = tree(&site.out());
    with_minify(&site, false);
    site.build();
    common::assert_same_tree("minify = false", &default, &tree(&site.out()));
    let page = site.page("guides/plain/");
    assert!(
        page.source.contains("\n  <div class=\"wrap"),
        "indented as the theme writes it"
    );
}
