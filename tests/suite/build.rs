//! What a successful build produces: cross-links, related guides, tag normalisation, heading
//! anchors and internal links, base paths, drafts, template overrides, raw HTML policies,
//! line endings and determinism. Each test builds one small fixture site (tests/fixtures/).

use crate::common;

use std::collections::BTreeSet;

use common::{
    Page, Site, assert_same_tree, first_text, html_files, links_in, page_in, sel, text_of, tree,
};

/// Links in `<main>` that point at a single guide (not the `/guides/` listing itself).
fn guide_links(page: &Page, base: &str) -> Vec<(String, String)> {
    let prefix = format!("{base}guides/");
    page.links()
        .into_iter()
        .filter(|(_, h)| h.starts_with(&prefix) && h.len() > prefix.len() && !h.contains("/page/"))
        .collect()
}

fn hrefs(links: &[(String, String)]) -> Vec<&str> {
    links.iter().map(|(_, h)| h.as_str()).collect()
}

/// Asserts that a listing page (`/roles/`, `/skills/`) has an entry linking `title` to `href`
/// whose text ends with `count` (`2 guides`).
fn assert_entry(page: &Page, title: &str, href: &str, count: &str) {
    let entries: Vec<(String, Vec<(String, String)>)> = page
        .main()
        .select(&sel("li"))
        .map(|li| (text_of(li), links_in(li, "a[href]")))
        .collect();
    let found = entries
        .iter()
        .find(|(_, links)| links.iter().any(|(t, h)| t == title && h == href));
    let Some((text, _)) = found else {
        panic!("no entry linking {title:?} to {href:?}; entries: {entries:#?}")
    };
    assert!(
        text.ends_with(&format!(" {count}")),
        "entry for {title:?} should end with {count:?}: {text:?}"
    );
}

// ---------------------------------------------------------------------------------------
// 1. Cross-links between guides, roles and skills

#[test]
fn guide_links_to_its_role_and_skill_pages() {
    let site = Site::built("crosslinks");
    let guide = site.page_titled("guides/intro-to-sql/", "Intro to SQL");
    // Tagged `Software Engineer` and `SQL` as written; linked by canonical slug and profile title.
    guide.assert_link("Software Engineer", "/roles/software-engineer/");
    guide.assert_link("SQL", "/skills/sql/");
}

#[test]
fn role_and_skill_pages_list_their_guides() {
    let site = Site::built("crosslinks");

    let role = site.page_titled("roles/software-engineer/", "Software Engineer");
    assert_eq!(
        hrefs(&guide_links(&role, "/")),
        ["/guides/intro-to-sql/"],
        "the role page lists exactly the guides tagged with it"
    );
    role.assert_link("Intro to SQL", "/guides/intro-to-sql/");

    // `SQL` and `sql` are one skill; its guides are listed newest first.
    let skill = site.page_titled("skills/sql/", "SQL");
    assert_eq!(
        guide_links(&skill, "/"),
        [
            (
                "Intro to SQL".to_string(),
                "/guides/intro-to-sql/".to_string()
            ),
            (
                "Data wrangling basics".to_string(),
                "/guides/data-wrangling/".to_string()
            ),
        ]
    );
}

#[test]
fn roles_and_skills_indexes_list_every_tag_with_guide_counts() {
    let site = Site::built("crosslinks");

    let roles = site.page("roles/");
    assert_entry(&roles, "Data Wrangler", "/roles/data-wrangler/", "1 guide");
    assert_entry(
        &roles,
        "Site Reliability Engineer",
        "/roles/site-reliability-engineer/",
        "2 guides",
    );
    assert_entry(
        &roles,
        "Software Engineer",
        "/roles/software-engineer/",
        "1 guide",
    );
    let role_pages: BTreeSet<String> = roles
        .links()
        .into_iter()
        .map(|(_, h)| h)
        .filter(|h| h.starts_with("/roles/") && h != "/roles/")
        .collect();
    assert_eq!(
        role_pages,
        BTreeSet::from([
            "/roles/data-wrangler/".to_string(),
            "/roles/site-reliability-engineer/".to_string(),
            "/roles/software-engineer/".to_string(),
        ])
    );

    let skills = site.page("skills/");
    assert_entry(&skills, "Linux", "/skills/linux/", "1 guide");
    assert_entry(&skills, "SQL", "/skills/sql/", "2 guides");
}

#[test]
fn tag_without_profile_gets_a_page_titled_from_its_slug() {
    let site = Site::built("crosslinks");
    let role = site.page_titled("roles/data-wrangler/", "Data Wrangler");
    assert!(
        role.title().starts_with("Data Wrangler"),
        "{}",
        role.title()
    );
    role.assert_link("Data wrangling basics", "/guides/data-wrangling/");

    let skill = site.page_titled("skills/linux/", "Linux");
    skill.assert_link("SRE on call", "/guides/sre-on-call/");
}

// ---------------------------------------------------------------------------------------
// 3. Aliases and case normalisation

#[test]
fn alias_and_differently_written_tags_meet_on_one_role_page() {
    let site = Site::built("crosslinks");
    // `SRE` (an alias, in capitals) and `Site Reliability Engineer` (the title) are one role.
    let role = site.page_titled(
        "roles/site-reliability-engineer/",
        "Site Reliability Engineer",
    );
    let listed = guide_links(&role, "/");
    assert_eq!(
        hrefs(&listed),
        ["/guides/reliability-tooling/", "/guides/sre-on-call/"],
        "both guides are on the canonical page, newest first"
    );
    // The alias's URL is only a redirect to the canonical page (issue 14).
    let redirect = site.read("output/roles/sre/index.html");
    assert!(
        redirect.contains("url=/roles/site-reliability-engineer/")
            && redirect.contains("content=\"noindex\""),
        "{redirect}"
    );
    assert!(
        !site.output_exists("roles/SRE"),
        "no page for the alias as written"
    );

    let guide = site.page("guides/sre-on-call/");
    // The tag and a `role:sre` link in the body both go to the canonical page.
    guide.assert_link(
        "Site Reliability Engineer",
        "/roles/site-reliability-engineer/",
    );
    guide.assert_link("SRE", "/roles/site-reliability-engineer/");
    // Sharing the role through different spellings still makes the guides related.
    assert_eq!(
        related(&guide),
        [(
            "Reliability tooling".to_string(),
            "1 role in common".to_string()
        )]
    );
}

// ---------------------------------------------------------------------------------------
// 2. Related guides

/// (title, "N roles, M skills in common" part) of each related guide, in order.
fn related(page: &Page) -> Vec<(String, String)> {
    page.html
        .select(&sel("section.related li"))
        .map(|li| {
            let title = li.select(&sel("a")).next().map(text_of).unwrap_or_default();
            let meta = li
                .select(&sel(".related-meta"))
                .next()
                .map(text_of)
                .unwrap_or_default();
            let shared = meta.split(" · ").next().unwrap_or("").to_string();
            (title, shared)
        })
        .collect()
}

#[test]
fn related_guides_are_ranked_by_weighted_shared_tags_then_date_then_title() {
    let site = Site::built("related");
    let got = related(&site.page("guides/main/"));
    let want = [
        ("Both roles", "2 roles in common"),             // 2 + 2 = 4
        ("Role and skill", "1 role, 1 skill in common"), // 2 + 1 = 3
        ("Skills pair two", "2 skills in common"),       // 2, newest of the ties
        ("Bravo", "1 role in common"),                   // 2, same date: by title
        ("Skills pair one", "2 skills in common"),       // 2
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(
        got, want,
        "`One skill` (score 1) is cut by limit = 5; `Unrelated` shares nothing"
    );
}

/// The titles of the related guides of the `related` fixture's main guide, with its
/// `site.toml` changed by `edit`.
fn related_titles_with(edit: impl FnOnce(String) -> String) -> Vec<String> {
    let site = Site::new("related");
    site.write("site.toml", edit(site.read("site.toml")));
    site.build();
    related(&site.page("guides/main/"))
        .into_iter()
        .map(|(t, _)| t)
        .collect()
}

#[test]
fn related_limit_comes_from_site_toml() {
    let titles = related_titles_with(|config| config.replace("limit = 5", "limit = 2"));
    assert_eq!(titles, ["Both roles", "Role and skill"]);
}

#[test]
fn related_weights_come_from_site_toml() {
    // With skills weighing more than roles, two shared skills beat two shared roles.
    let titles = related_titles_with(|config| {
        config
            .replace("role_weight = 2.0", "role_weight = 1.0")
            .replace("skill_weight = 1.0", "skill_weight = 3.0")
    });
    // pairs: 6; role and skill: 4; one skill (newest): 3; both roles: 2; bravo: 1
    assert_eq!(
        titles,
        [
            "Skills pair two",
            "Skills pair one",
            "Role and skill",
            "One skill",
            "Both roles"
        ]
    );
}

// ---------------------------------------------------------------------------------------
// 4. Heading anchors, internal links and base paths

#[test]
fn headings_get_ids_and_duplicates_are_numbered() {
    let site = Site::built("links");
    let a = site.page("guides/a/");
    let ids: Vec<(String, String)> = a
        .main()
        .select(&sel(".guide-body h2[id]"))
        .map(|h| (h.value().attr("id").unwrap().to_string(), text_of(h)))
        .collect();
    assert_eq!(
        ids,
        [
            ("getting-started".to_string(), "Getting started".to_string()),
            (
                "getting-started-1".to_string(),
                "Getting started".to_string()
            ),
        ]
    );
    a.assert_link("the first", "#getting-started");
    let b = site.page("guides/b/");
    assert_eq!(b.texts("h2#getting-started"), ["Getting started"]);
}

#[test]
fn internal_links_resolve_under_the_base_path() {
    let site = Site::built("links");
    let a = site.page("guides/a/");
    a.assert_link("how B starts", "/careers/guides/b/#getting-started");
    a.assert_link("all of B", "/careers/guides/b/");
    a.assert_link("engineer role", "/careers/roles/software-engineer/");
    a.assert_link("SQL skill", "/careers/skills/sql/");
    a.assert_link("about us", "/careers/about/");
    assert!(!a.main_html().contains("@/"), "no unresolved @/ link left");
}

#[test]
fn base_url_path_prefixes_every_internal_link_and_each_resolves() {
    let site = Site::built("links");
    let out = site.out();
    let mut checked = 0;
    for file in html_files(&out) {
        let page = page_in(&out, &file);
        for (element, name, value) in page.all_attributes() {
            if !matches!(name.as_str(), "href" | "src" | "action") {
                continue;
            }
            let what = format!("{file}: <{element} {name}={value:?}>");
            if value.starts_with("https://example.com") {
                assert!(value.starts_with("https://example.com/careers/"), "{what}");
            }
            if !value.starts_with('/') {
                continue;
            }
            assert!(
                value.starts_with("/careers/"),
                "internal link outside the base path: {what}"
            );
            // The link must point at a file the build wrote.
            let path = value["/careers/".len()..]
                .split(['#', '?'])
                .next()
                .unwrap()
                .to_string();
            let target = if path.is_empty() || path.ends_with('/') {
                out.join(&path).join("index.html")
            } else {
                out.join(&path)
            };
            assert!(target.is_file(), "broken link: {what}");
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} internal links checked");

    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap())
        .collect();
    assert!(
        locs.contains(&"https://example.com/careers/guides/a/"),
        "{locs:?}"
    );
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://example.com/careers/")),
        "{locs:?}"
    );
    let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(
        robots.contains("Sitemap: https://example.com/careers/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn base_url_flag_overrides_site_toml() {
    let site = Site::new("links");
    site.build_with(&["--base-url", "https://preview.example.net/pr-7"]);
    let a = site.page("guides/a/");
    a.assert_link("how B starts", "/pr-7/guides/b/#getting-started");
    a.assert_link("engineer role", "/pr-7/roles/software-engineer/");
    assert_eq!(
        a.canonical().as_deref(),
        Some("https://preview.example.net/pr-7/guides/a/")
    );
}

// ---------------------------------------------------------------------------------------
// 13. Drafts

fn output_mentions(site: &Site, needle: &str) -> Vec<String> {
    tree(&site.out())
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(k, _)| k)
        .collect()
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::built("drafts");
    assert!(site.output_exists("guides/published/index.html"));
    assert!(!site.output_exists("guides/work-in-progress"));
    assert!(
        !site.output_exists("roles/secret-role"),
        "a tag only a draft uses has no page"
    );
    assert!(!site.output_exists("skills/secret-skill"));
    assert_eq!(
        output_mentions(&site, "Secret draft"),
        Vec::<String>::new(),
        "the draft's title appears nowhere"
    );
    assert_eq!(
        output_mentions(&site, "work-in-progress"),
        Vec::<String>::new()
    );
    assert_eq!(
        hrefs(&guide_links(&site.page("roles/software-engineer/"), "/")),
        ["/guides/published/"]
    );

    site.build_with(&["--drafts"]);
    assert_eq!(site.page("guides/work-in-progress/").h1(), "Secret draft");
    site.page("roles/secret-role/")
        .assert_link("Secret draft", "/guides/work-in-progress/");
    site.page("guides/")
        .assert_link("Secret draft", "/guides/work-in-progress/");
    site.page("roles/software-engineer/")
        .assert_link("Secret draft", "/guides/work-in-progress/");

    // A later build without --drafts takes the draft away again.
    site.build();
    assert!(!site.output_exists("guides/work-in-progress"));
    assert_eq!(output_mentions(&site, "Secret draft"), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------
// 9. Template overrides

#[test]
fn site_template_replaces_the_themes() {
    let site = Site::built("override");
    let about = site.page_titled("about/", "Overridden: About us");
    assert_eq!(
        about.texts(".site-override-page .override-body p"),
        ["We write guides."]
    );
    assert!(
        about
            .main()
            .select(&sel("article.standalone"))
            .next()
            .is_none(),
        "the theme's page.html is not used"
    );
    // Other templates still come from the theme.
    let guide = site.page_titled("guides/g/", "A guide");
    assert!(!guide.main_text().contains("Overridden"));
}

// ---------------------------------------------------------------------------------------
// 10. Raw HTML in Markdown

fn is_script_url(value: &str) -> bool {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    squeezed.starts_with("javascript:") || squeezed.starts_with("vbscript:")
}

fn raw_html_site(policy: &str) -> Site {
    let site = Site::new("raw-html");
    let config = site.read("site.toml").replace(
        "raw_html = \"sanitize\"",
        &format!("raw_html = \"{policy}\""),
    );
    assert!(config.contains(policy));
    site.write("site.toml", config);
    site.build();
    site
}

#[test]
fn sanitize_removes_scripts_handlers_and_script_urls() {
    let page = raw_html_site("sanitize").page("guides/html/");
    let body = page.find(".guide-body").unwrap();
    assert!(page.find("script").is_none(), "{}", page.main_html());
    for (element, name, value) in page.all_attributes() {
        assert!(
            !name.to_ascii_lowercase().starts_with("on"),
            "event handler survived: <{element} {name}={value:?}>"
        );
        assert!(
            !is_script_url(&value),
            "script URL survived: <{element} {name}={value:?}>"
        );
    }
    let html = body.html().to_ascii_lowercase();
    assert!(!html.contains("alert(\"block-script\")"), "{html}");
    assert!(!html.contains("alert(\"inline-script\")"), "{html}");
    // Front matter text is shown as text; the FAQ answer is Markdown and sanitized like the body.
    assert!(
        page.main_text()
            .contains("A takeaway <script>alert('takeaway')</script>"),
        "{}",
        page.main_text()
    );
    assert!(
        !page.main_html().contains("alert('answer')"),
        "{}",
        page.main_html()
    );
    // Harmless HTML and ordinary links stay.
    assert_eq!(page.texts(".guide-body b"), ["bold"]);
    assert_eq!(page.texts(".guide-body em"), ["kept emphasis"]);
    page.assert_link("safe raw link", "https://example.org/ok");
    page.assert_link("md safe", "https://example.org/md");
    assert_eq!(
        page.main()
            .select(&sel(".guide-body img[src=\"cat.png\"]"))
            .count(),
        1
    );
}

#[test]
fn escape_shows_raw_html_as_text() {
    let page = raw_html_site("escape").page("guides/html/");
    let body = page.find(".guide-body").unwrap();
    assert!(
        first_text(body, "script, b, img[onerror]").is_none(),
        "{}",
        body.html()
    );
    let text = text_of(body);
    assert!(
        text.contains("<script>alert(\"block-script\")</script>"),
        "{text}"
    );
    assert!(text.contains("Plain <b>bold</b> text"), "{text}");
    for (element, name, value) in page.all_attributes() {
        assert!(!is_script_url(&value), "<{element} {name}={value:?}>");
    }
}

#[test]
fn allow_keeps_raw_html_as_written() {
    let site = raw_html_site("allow");
    let page = site.page("guides/html/");
    let body = page.main().select(&sel(".guide-body")).next().unwrap();
    let scripts: Vec<String> = body
        .select(&sel("script"))
        .map(|s| s.inner_html())
        .collect();
    assert_eq!(
        scripts,
        ["alert(\"block-script\")", "alert(\"inline-script\")"]
    );
    assert_eq!(body.select(&sel("img[onerror]")).count(), 2);
    page.assert_link("raw lower", "javascript:alert('raw-lower')");
}

// ---------------------------------------------------------------------------------------
// 8. Determinism

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    // Two copies in different folders, built with different thread counts: nothing about
    // the machine or the scheduling may show in the output.
    let one = Site::new("determinism");
    let two = Site::new("determinism");
    let r1 = one.cmd("build", &[]);
    r1.assert_code(0);
    let r2 = common::run_with_env(
        two.tmp(),
        &["build", "--root", two.root.to_str().unwrap()],
        &[("RAYON_NUM_THREADS", "1")],
    );
    r2.assert_code(0);
    let first = tree(&one.out());
    assert!(
        first.contains_key("guides/page/3/index.html"),
        "three listing pages"
    );
    assert_same_tree("two sites", &first, &tree(&two.out()));

    // And a rebuild in place changes nothing either.
    let r3 = common::run_with_env(
        one.tmp(),
        &["build", "--root", one.root.to_str().unwrap()],
        &[("RAYON_NUM_THREADS", "4")],
    );
    r3.assert_code(0);
    assert_same_tree("rebuild", &first, &tree(&one.out()));
}

#[test]
fn guides_sharing_a_date_are_listed_by_title() {
    let site = Site::built("determinism");
    let mut titles = Vec::new();
    for page in ["guides/", "guides/page/2/", "guides/page/3/"] {
        titles.extend(
            guide_links(&site.page(page), "/")
                .into_iter()
                .map(|(t, _)| t),
        );
    }
    assert_eq!(
        titles,
        [
            "Later guide",
            "Alpha guide",
            "Beta guide",
            "Middle guide",
            "Zeta guide",
            "apple lowercase"
        ]
    );
}

// ---------------------------------------------------------------------------------------
// 15. Line endings and byte-order marks

#[test]
fn crlf_and_bom_build_the_same_site_as_lf() {
    let lf = Site::new("minimal");
    lf.build();
    let crlf = Site::new("minimal");
    for (rel, bytes) in tree(&crlf.root) {
        if rel.ends_with(".md") || rel.ends_with(".toml") {
            let text = String::from_utf8(bytes).unwrap();
            assert!(!text.contains('\r'));
            let mut converted = "\u{feff}".to_string();
            converted.push_str(&text.replace('\n', "\r\n"));
            crlf.write(&rel, converted);
        }
    }
    crlf.build();
    let page = crlf.page("guides/hello/");
    assert_eq!(page.h1(), "Hello");
    assert_eq!(page.texts("h2#first-steps"), ["First steps"]);
    assert_eq!(
        crlf.page("guides/toml-front-matter/").h1(),
        "TOML front matter"
    );
    assert_same_tree("CRLF+BOM vs LF", &tree(&lf.out()), &tree(&crlf.out()));
}

// ---------------------------------------------------------------------------------------
// Bugs: each asserts what SPEC.md and the theme reference promise, and fails today.

#[test]
fn bug_toc_escapes_heading_text() {
    let site = Site::new("raw-html");
    let config = site.read("site.toml").replace("\"sanitize\"", "\"escape\"");
    site.write("site.toml", config);
    site.write(
        "content/guides/toc.md",
        "---\ntitle: TOC\ndate: 2026-01-01\n---\n\
         ## The `<script>alert('toc')</script>` tag\n\n\
         ## Escaped &lt;img src=x onerror=alert('toc-img')&gt;\n\nBody.\n",
    );
    site.build();
    let page = site.page("guides/toc/");
    // The page's own JSON-LD is the one script it may have.
    assert!(
        page.html
            .select(&sel("script:not([type=\"application/ld+json\"])"))
            .next()
            .is_none(),
        "a <script> element was made from heading text:\n{}",
        page.main_html()
    );
    for (element, name, value) in page.all_attributes() {
        assert!(
            !name.starts_with("on"),
            "event handler made from heading text: <{element} {name}={value:?}>"
        );
    }
    // Readers see the heading's text, in the body and in the contents alike.
    let toc: Vec<String> = page.texts("nav a[href^=\"#\"]");
    assert!(
        toc.contains(&"The <script>alert('toc')</script> tag".to_string()),
        "{toc:?}"
    );
}

#[test]
fn bug_heading_ids_are_unique_on_the_page() {
    let site = Site::new("links");
    site.write(
        "content/guides/c.md",
        "---\ntitle: C\ndate: 2026-01-01\n---\n## Main\n\nText.\n\n## Guide related\n\nMore.\n",
    );
    site.build();
    let page = site.page("guides/c/");
    let mut seen = BTreeSet::new();
    for (element, name, value) in page.all_attributes() {
        if name == "id" {
            assert!(
                seen.insert(value.clone()),
                "id {value:?} is used twice (on <{element}>)"
            );
        }
    }
}

#[test]
fn long_listings_link_the_first_last_and_nearby_pages() {
    // Twelve guides, one a page: page 6 links 1, 4 to 8 and 12, with gaps marked between.
    let site = Site::new("determinism");
    site.write(
        "site.toml",
        "title = \"Determinism\"\nbase_url = \"https://example.com\"\npaginate_by = 1\n",
    );
    for i in 0..6 {
        site.write(
            &format!("content/guides/extra-{i}.md"),
            format!(
                "---\ntitle: Extra {i}\ndate: 2025-01-0{}\n---\nBody {i}.\n",
                i + 1
            ),
        );
    }
    site.build();
    let page = site.page("guides/page/6/");
    let numbers: Vec<String> = page
        .links_in(".pagination li:not(.pagination-prev):not(.pagination-next) a")
        .into_iter()
        .map(|(text, href)| format!("{}={href}", text.trim_start_matches("Page ")))
        .collect();
    assert_eq!(
        numbers,
        [
            "1=/guides/",
            "4=/guides/page/4/",
            "5=/guides/page/5/",
            "6=/guides/page/6/",
            "7=/guides/page/7/",
            "8=/guides/page/8/",
            "12=/guides/page/12/"
        ]
    );
    assert_eq!(page.texts(".pagination-gap"), ["…", "…"]);
    // Near the start, no gap before page 2.
    let first = site.page("guides/");
    assert_eq!(first.texts(".pagination-gap"), ["…"]);
    assert_eq!(
        first
            .links_in(".pagination a[aria-current=page]")
            .into_iter()
            .map(|(_, href)| href)
            .collect::<Vec<_>>(),
        ["/guides/"]
    );
}
