//! The catalogue of bad inputs: what careersite does with each file a careless, unlucky or
//! hostile writer could hand it. Every case runs the real binary and checks the exit
//! status, and either the exact place and wording of the error (with the previous output
//! left byte for byte as it was) or that the output is safe. A panic fails every case (the
//! harness checks stderr of every run).
//!
//! Cases that already have a fixture under `tests/fixtures/errors/` are tested by
//! `tests/errors.rs` and not repeated here: an empty file (`empty-file`), no front matter
//! (`no-front-matter`), unterminated front matter (`unterminated-front-matter`), invalid
//! YAML and TOML (`invalid-yaml`, `invalid-toml`), a wrong type (`wrong-type`), a missing
//! title or date (`missing-title`, `missing-date`), an impossible date (`impossible-date`),
//! a slug with `/` (`bad-slug`), duplicate slugs (`duplicate-slug`), a template syntax
//! error (`template-syntax`), and non-UTF-8 bytes (`non_utf8_bytes_are_located`). A BOM
//! and CRLF line endings are in `tests/build.rs` (`crlf_and_bom_build_the_same_site_as_lf`).
//! The README's "Bad input" table lists them all.

use crate::common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use common::{
    Run, Site, assert_ends, assert_same_tree, assert_starts, html_files, page_in, sel, tree,
};
use scraper::Html;

fn guide(front: &str, body: &str) -> String {
    format!("---\n{front}\n---\n{body}\n")
}

fn dated(extra: &str, body: &str) -> String {
    guide(
        &format!("title: Catalogue\ndate: 2026-01-05\n{extra}"),
        body,
    )
}

/// The valid base site, built once so there is a previous output to protect.
fn built_base() -> (Site, BTreeMap<String, Vec<u8>>) {
    let site = Site::built("errors/base");
    let before = tree(&site.out());
    (site, before)
}

/// Adds `files` to a freshly built base site and expects the build to fail with exit 1 and
/// exactly the `expected` error lines (`file:line:col: message; hint`, without `error: `),
/// the previous output untouched.
fn fails_with(files: &[(&str, &[u8])], expected: &[&str]) -> Run {
    let (site, before) = built_base();
    for (rel, bytes) in files {
        site.write(rel, bytes);
    }
    let run = site.build_fails();
    let errors: Vec<&str> = run
        .error_lines()
        .into_iter()
        .map(|l| l.trim_start_matches("error: "))
        .collect();
    assert_eq!(errors, expected, "\n--- stderr\n{}", run.stderr);
    assert_same_tree("output after the failed build", &before, &tree(&site.out()));
    run
}

/// Builds, expecting exactly one error and the output untouched; returns the error line.
fn the_one_error(site: &Site, before: &BTreeMap<String, Vec<u8>>) -> String {
    let run = site.build_fails();
    let errors = run.error_lines();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert_same_tree("output", before, &tree(&site.out()));
    errors[0].to_string()
}

/// `fails_with` for a base site whose `content/guides/a.md` is `text`, with one error.
fn guide_fails_with(text: &str, expected: &str) -> Run {
    fails_with(&[("content/guides/a.md", text.as_bytes())], &[expected])
}

/// Adds `files` to the base site and expects a clean build.
fn builds(files: &[(&str, &[u8])]) -> Site {
    let site = Site::new("errors/base");
    for (rel, bytes) in files {
        site.write(rel, bytes);
    }
    site.build();
    site
}

// ---------------------------------------------------------------------------------------
// Front matter values

#[test]
fn impossible_dates_point_at_the_value() {
    for (date, says) in [
        ("2026-13-01", "is not a valid date"),
        ("2026-02-29", "is not a valid date"),
        ("2026-00-10", "is not a valid date"),
        ("2026-04-31", "is not a valid date"),
        ("99999-01-01", "is not a valid date"),
        ("2026-1-1", "is not a valid date"),
        (
            "2026-03-07T25:00:00Z",
            "is not a valid date or RFC 3339 time",
        ),
        (
            "2026-03-07T10:00:00+99:00",
            "is not a valid date or RFC 3339 time",
        ),
    ] {
        let text = guide(&format!("title: Dates\ndate: {date}"), "Body.");
        guide_fails_with(
            &text,
            &format!(
                "content/guides/a.md:3:7: `date`: `{date}` {says}\n  hint: write dates as YYYY-MM-DD, e.g. 2026-03-07"
            ),
        );
    }
}

#[test]
fn wrong_types_name_the_key_and_the_fix() {
    let yaml = |fm: &str| guide(fm, "Body.");
    for (text, expected) in [
        (
            yaml("title: [a, b]\ndate: 2026-01-01"),
            "content/guides/a.md:2:8: `title` must be text, not `[a, b]`\n  hint: put it in quotes, e.g. `\"…\"`",
        ),
        (
            yaml("title: T\ndate: 2026-01-01\nroles: 5"),
            "content/guides/a.md:4:8: `roles` must be a list, not `5`\n  hint: write it as `roles: [data-analyst]`",
        ),
        (
            yaml("title: T\ndate: true"),
            "content/guides/a.md:3:7: `date` must be a date, not `true`\n  hint: write dates as YYYY-MM-DD, e.g. 2026-03-07",
        ),
        (
            yaml("title: T\ndate: 2026-01-01\ntakeaways: {a: b}"),
            "content/guides/a.md:4:12: `takeaways` must be a list, not `{a: b}`\n  hint: write it as `takeaways: [first, second]`",
        ),
        (
            "+++\ntitle = 5\ndate = 2026-01-01\n+++\nBody.\n".to_string(),
            "content/guides/a.md:2:9: `title` must be text, not `5`\n  hint: put it in quotes, e.g. `\"…\"`",
        ),
        (
            "+++\ntitle = \"T\"\ndate = 2026-01-01\nroles = \"a\"\n+++\nBody.\n".to_string(),
            "content/guides/a.md:4:9: `roles` must be a list, not `\"a\"`\n  hint: write it as `roles = [data-analyst]`",
        ),
    ] {
        guide_fails_with(&text, expected);
    }
}

#[test]
fn a_bom_with_crlf_and_toml_front_matter_builds() {
    let text = "\u{feff}+++\r\ntitle = \"Windows Guide\"\r\ndate = 2026-01-03\r\nroles = [\"software-engineer\"]\r\n+++\r\n## Heading\r\n\r\nBody with a [link](@/guides/b.md#getting-started).\r\n";
    let site = builds(&[("content/guides/win.md", text.as_bytes())]);
    let page = site.page_titled("guides/win/", "Windows Guide");
    page.assert_link("link", "/guides/b/#getting-started");
    assert!(!page.source.contains('\r'), "CR left in the output");
    assert!(!page.source.contains('\u{feff}'), "BOM left in the output");
}

#[test]
fn a_file_name_that_is_not_utf8_is_an_error() {
    use std::os::unix::ffi::OsStrExt;
    let (site, before) = built_base();
    let name = std::ffi::OsStr::from_bytes(b"bad\xff.md");
    std::fs::write(site.path("content/guides").join(name), dated("", "Body.")).unwrap();
    let run = site.build_fails();
    assert_eq!(
        run.error_lines(),
        [
            "error: content/guides/bad\u{fffd}.md: the file name is not valid UTF-8\n  hint: rename the file using UTF-8 characters"
        ]
    );
    assert_same_tree("output", &before, &tree(&site.out()));
}

// ---------------------------------------------------------------------------------------
// Size and depth

fn time_build(site: &Site, limit: Duration) {
    let start = Instant::now();
    site.build();
    assert!(
        start.elapsed() < limit,
        "the build took {:?} (limit {limit:?})",
        start.elapsed()
    );
}

#[test]
fn a_ten_megabyte_guide_builds() {
    let words = ["career", "engineer", "data", "skills", "salary", "growth"];
    let mut body = String::with_capacity(10_500_000);
    let mut i = 0usize;
    while body.len() < 10_000_000 {
        for _ in 0..60 {
            body.push_str(words[i % words.len()]);
            body.push(' ');
            i = i.wrapping_mul(31).wrapping_add(7) % 1_000_003;
        }
        body.push_str("\n\n");
    }
    body.push_str("The last paragraph.\n");
    let site = Site::new("errors/base");
    site.write("content/guides/big.md", dated("", &body));
    time_build(&site, Duration::from_secs(60));
    let page = std::fs::read_to_string(site.out().join("guides/big/index.html")).unwrap();
    assert!(page.len() > 10_000_000);
    assert!(page.contains("<p>The last paragraph.</p>"));
}

#[test]
fn nesting_ten_thousand_deep_builds() {
    let n = 10_000;
    let cases = [
        ("lists", format!("{}x\n", "- ".repeat(n))),
        ("ordered", format!("{}x\n", "1. ".repeat(n))),
        ("quotes", format!("{} deep\n", ">".repeat(n))),
        ("mixed", format!("{}x\n", "> - ".repeat(n / 2))),
        (
            "html",
            format!("{}x{}\n", "<div>".repeat(n), "</div>".repeat(n)),
        ),
        ("emphasis", format!("{}x{}\n", "*".repeat(n), "*".repeat(n))),
        (
            "brackets",
            format!("{}x{}\n", "[".repeat(n), "](https://e.org/)".repeat(n)),
        ),
    ];
    let site = Site::new("errors/base");
    for (name, body) in &cases {
        site.write(&format!("content/guides/{name}.md"), dated("", body));
    }
    time_build(&site, Duration::from_secs(60));
    for (name, _) in &cases {
        let page = site.page(&format!("guides/{name}/"));
        assert!(page.main_text().contains('x') || page.main_text().contains("deep"));
    }
    let quotes = site.page("guides/quotes/");
    assert!(quotes.main().select(&sel("blockquote")).count() >= 1000);
    let lists = site.page("guides/lists/");
    assert!(lists.main().select(&sel("ul")).count() >= 1000);
}

#[test]
fn a_five_thousand_row_table_builds() {
    let mut body = String::from("| n | square |\n|--:|--:|\n");
    for i in 0..5000u64 {
        body.push_str(&format!("| {i} | {} |\n", i * i));
    }
    let site = builds(&[("content/guides/table.md", dated("", &body).as_bytes())]);
    let page = site.page("guides/table/");
    assert_eq!(page.main().select(&sel("table tr")).count(), 5001);
    assert_eq!(
        page.main()
            .select(&sel("table tr:last-child td"))
            .map(common::text_of)
            .collect::<Vec<_>>(),
        ["4999", "24990001"]
    );
}

// ---------------------------------------------------------------------------------------
// Slugs and tags

#[test]
fn slugs_that_could_escape_or_vanish_are_refused() {
    for (slug, suggestion) in [
        ("..", "`my-guide`"),
        ("../../etc", "`etc`"),
        ("/tmp/x", "`tmp-x`"),
        (".", "`my-guide`"),
        ("!!!", "`my-guide`"),
        ("%2e%2e", "`2e-2e`"),
        ("a\\b", "`a-b`"),
    ] {
        let text = guide(&format!("title: T\ndate: 2026-01-01\nslug: '{slug}'"), "x");
        guide_fails_with(
            &text,
            &format!(
                "content/guides/a.md:4:7: slug `{slug}` is not allowed\n  hint: use lowercase letters, digits and single hyphens, e.g. {suggestion}"
            ),
        );
    }
}

#[test]
fn file_names_with_only_punctuation_are_refused() {
    for name in ["!!!.md", "---.md", "🙂.md"] {
        let rel = format!("content/guides/{name}");
        let stem = name.trim_end_matches(".md");
        if stem == "🙂" {
            // Emoji transliterate to words: a slug can be made, and the guide builds.
            let site = builds(&[(&rel, dated("", "Smile.").as_bytes())]);
            assert!(site.output_exists("guides/slight-smile/index.html"));
            continue;
        }
        fails_with(
            &[(&rel, dated("", "x").as_bytes())],
            &[&format!(
                "{rel}:2:8: file name `{stem}` gives an empty slug\n  hint: rename the file or set `slug`"
            )],
        );
    }
}

#[test]
fn tags_that_slugify_to_nothing_are_errors() {
    let text = dated(
        "roles: ['!!!', software-engineer]\nskills: ['---', '  ']",
        "x",
    );
    fails_with(
        &[("content/guides/a.md", text.as_bytes())],
        &[
            "content/guides/a.md:4:10: `roles` entry `!!!` has no letters or digits to make a name from\n  hint: use words such as `Software Engineer` or slugs such as `software-engineer`",
            "content/guides/a.md:5:1: `skills` entry `  ` has no letters or digits to make a name from\n  hint: use words such as `Software Engineer` or slugs such as `software-engineer`",
            "content/guides/a.md:5:11: `skills` entry `---` has no letters or digits to make a name from\n  hint: use words such as `Software Engineer` or slugs such as `software-engineer`",
        ],
    );
}

#[test]
fn unicode_and_emoji_tags_get_ascii_pages() {
    let text = dated(
        "roles: ['Développeur', '数据科学', '🚀 Rocket', 'Ärztin']\nskills: ['C++', 'C#', '🙂']",
        "Body.",
    );
    let site = builds(&[("content/guides/u.md", text.as_bytes())]);
    let page = site.page("guides/u/");
    let hrefs: Vec<String> = page.links().into_iter().map(|(_, h)| h).collect();
    for slug in [
        "roles/developpeur/",
        "roles/shu-ju-ke-xue/",
        "roles/rocket-rocket/",
        "roles/arztin/",
        "skills/slight-smile/",
    ] {
        assert!(
            hrefs.iter().any(|h| h == &format!("/{slug}")),
            "no link to /{slug} in {hrefs:?}"
        );
        assert!(site.output_exists(&format!("{slug}index.html")), "{slug}");
    }
    // `C++` and `C#` both slugify to `c`: one skill, not two pages fighting for one URL.
    assert!(site.output_exists("skills/c/index.html"));
    for path in tree(&site.out()).keys() {
        assert!(
            path.bytes().all(|b| b.is_ascii_graphic()),
            "output path {path:?} is not plain ASCII"
        );
    }
}

// ---------------------------------------------------------------------------------------
// The file system

/// A symbolic link `content/guides/<link>` to `target` fails the build with one error
/// that starts with `starts` and ends with `ends`, the output untouched.
fn symlink_error(target: &str, link: &str, starts: &str, ends: &str) {
    let (site, before) = built_base();
    std::os::unix::fs::symlink(target, site.path(&format!("content/guides/{link}"))).unwrap();
    let error = the_one_error(&site, &before);
    assert_starts(&error, starts);
    assert_ends(&error, ends);
}

#[test]
fn a_symlink_loop_under_content_is_an_error() {
    symlink_error(
        "..",
        "loop",
        "error: content/guides/loop: a symbolic link here loops back to a folder that contains it",
        "\n  hint: remove or fix the link",
    );
}

#[test]
fn a_dangling_symlink_is_an_error() {
    symlink_error(
        "missing.md",
        "gone.md",
        "error: content/guides/gone.md: a symbolic link here points at nothing",
        "\n  hint: remove the link or point it at a file that exists",
    );
}

#[test]
fn an_unreadable_file_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let (site, before) = built_base();
    let file = site.path("content/guides/secret.md");
    std::fs::write(&file, dated("", "x")).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&file).is_ok() {
        println!(
            "SKIP an_unreadable_file_is_an_error: running as root, chmod 000 does not stop reads"
        );
        return;
    }
    let run = site.build_fails();
    assert_eq!(
        run.error_lines(),
        [
            "error: content/guides/secret.md: cannot be read: Permission denied (os error 13)\n  hint: check the file's permissions"
        ]
    );
    assert_same_tree("output", &before, &tree(&site.out()));
}

// ---------------------------------------------------------------------------------------
// Templates and the career graph

#[test]
fn a_template_that_includes_or_extends_itself_is_an_error() {
    fails_with(
        &[("templates/guide.html", b"{% include \"guide.html\" %}\n")],
        &[
            "templates/guide.html: template `guide.html` includes itself: guide.html -> guide.html\n  hint: break the cycle of {% include %}",
        ],
    );
    fails_with(
        &[
            (
                "templates/guide.html",
                b"{% include \"partials/loop.html\" %}\n",
            ),
            (
                "templates/partials/loop.html",
                b"{% include \"guide.html\" %}\n",
            ),
        ],
        &[
            "templates/guide.html: template `guide.html` includes itself: guide.html -> partials/loop.html -> guide.html\n  hint: break the cycle of {% include %}",
        ],
    );
    fails_with(
        &[("templates/guide.html", b"{% extends \"guide.html\" %}\n")],
        &[
            "templates/guide.html: template `guide.html` extends itself: guide.html\n  hint: break the cycle of {% extends %}",
        ],
    );
}

#[test]
fn a_career_path_cycle_builds_and_is_drawn() {
    let site = builds(&[
        (
            "content/roles/junior.md",
            b"---\ntitle: Junior\nnext_roles: [senior]\n---\n",
        ),
        (
            "content/roles/senior.md",
            b"---\ntitle: Senior\nnext_roles: [junior, senior]\nprevious_roles: [junior]\n---\n",
        ),
    ]);
    let map = site.page("career-map/");
    let svg = map.main().select(&sel("svg")).count();
    assert!(svg >= 1, "no map drawn");
    let junior = site.page("roles/junior/");
    junior.assert_link("Senior", "/roles/senior/");
    let senior = site.page("roles/senior/");
    senior.assert_link("Junior", "/roles/junior/");
}

// ---------------------------------------------------------------------------------------
// Script injection: nothing a writer types may run in a reader's browser

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script>",
    "<img src=https://example.org/x onerror=alert(3)>",
    "javascript:alert(4)",
    "\" onmouseover=\"alert(5)",
    "' onfocus='alert(6)",
    "<svg onload=alert(7)>",
    "{{ 7*7 }}{% raw %}",
];

fn payload(prefix: &str) -> String {
    let joined = PAYLOADS.join(" ");
    serde_json::to_string(&format!("{prefix} {joined}")).unwrap()
}

fn hostile_site() -> Site {
    let p = payload;
    let body = format!(
        "Body {all}\n\n[l](javascript:alert(8)) [m](JaVaScRiPt:alert(9)) [n](data:text/html,<script>alert(10)</script>) [o]( java\tscript:alert(11))\n\n\
         ![i](javascript:alert(12))\n\n<javascript:alert(13)>\n\n[ref][r]\n\n[r]: javascript:alert(14)\n\n\
         ## Heading {{onclick=alert(15) .c}}\n\n### Sub {{#id onmouseover=\"alert(16)\"}}\n\n\
         <a href=\"javascript:alert(17)\" onclick=\"alert(18)\">a</a><iframe src=\"javascript:alert(19)\"></iframe>\n\
         <svg><script>alert(20)</script></svg><math><mtext><script>alert(21)</script></mtext></math>\n\
         <form action=\"javascript:alert(22)\"><button formaction=\"javascript:alert(23)\">b</button></form>\n\
         <object data=\"javascript:alert(24)\"></object><embed src=\"javascript:alert(25)\">\n\
         <details open ontoggle=alert(26)><summary>s</summary></details>\n\
         <p style=\"background:url(javascript:alert(27))\">p</p>\n",
        all = PAYLOADS.join(" ")
    );
    let guide_text = format!(
        "---\ntitle: {}\ndescription: {}\ndate: 2026-01-06\nroles: [{}, software-engineer, evil]\nskills: [{}]\n\
         compare: [software-engineer, evil]\ntakeaways: [{}]\n\
         faq:\n  - q: {}\n    a: {}\nextra:\n  note: {}\n---\n{body}",
        p("Title"),
        p("Desc"),
        p("Role"),
        p("Skill"),
        p("Take"),
        p("Q"),
        p("A [x](javascript:alert(30))"),
        p("Extra"),
    );
    let role_text = format!(
        "---\ntitle: {}\naliases: [{}]\nsummary: {}\neducation: {}\nskills: [{}, sql]\n\
         salary: {{currency: {}, low: 1, median: 2, high: 3, source: {}, year: 2025}}\n\
         next_roles: [software-engineer]\nextra: {{k: {}}}\n---\nRole body {}\n",
        p("Evil"),
        p("Alias"),
        p("Sum"),
        p("Edu"),
        p("Core"),
        p("<b>"),
        p("Src"),
        p("X"),
        PAYLOADS.join(" ")
    );
    let skill_text = format!(
        "---\ntitle: {}\naliases: [{}]\nsummary: {}\ncategory: {}\n---\nSkill body {}\n",
        p("ESkill"),
        p("SAlias"),
        p("Sum"),
        p("Cat"),
        PAYLOADS.join(" ")
    );
    let page_text = format!(
        "---\ntitle: {}\ndescription: {}\nextra: {{k: {}}}\n---\nPage body {}\n",
        p("Page"),
        p("D"),
        p("E"),
        PAYLOADS.join(" ")
    );
    builds(&[
        ("content/guides/x.md", guide_text.as_bytes()),
        ("content/roles/evil.md", role_text.as_bytes()),
        ("content/skills/evil-skill.md", skill_text.as_bytes()),
        ("content/evil-page.md", page_text.as_bytes()),
    ])
}

/// Attributes whose value a browser loads or navigates to.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "xlink:href",
    "srcdoc",
];

/// Every way content could run script in `html`: script elements other than the theme's
/// (external, same-site `src`) and JSON-LD that parses as JSON; event-handler attributes;
/// `javascript:` and other script URLs; `style` with `url(`; frames and objects.
fn executable_content(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut found = Vec::new();
    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let v = el.value();
        let name = v.name();
        if name == "script" {
            let text: String = el.text().collect();
            let theme_file =
                v.attr("src").is_some_and(|s| s.starts_with('/')) && text.trim().is_empty();
            let data = v.attr("type") == Some("application/ld+json")
                && serde_json::from_str::<serde_json::Value>(&text).is_ok();
            if !(theme_file || data) {
                found.push(format!("<script> {:?}", el.html()));
            }
            continue;
        }
        if matches!(name, "iframe" | "object" | "embed" | "frame" | "base") {
            found.push(format!("<{name}>"));
        }
        for (attr, value) in v.attrs() {
            if attr.starts_with("on") {
                found.push(format!("<{name} {attr}={value:?}>"));
            }
            if URL_ATTRIBUTES.contains(&attr) && careersite::markdown::is_dangerous_url(value) {
                found.push(format!("<{name} {attr}={value:?}>"));
            }
            if attr == "style" && value.to_ascii_lowercase().contains("url(") {
                found.push(format!("<{name} style={value:?}>"));
            }
        }
    }
    found
}

#[test]
fn script_in_every_field_and_the_body_never_runs() {
    let site = hostile_site();
    let files = html_files(&site.out());
    assert!(files.len() > 10);
    let mut bad = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(site.out().join(file)).unwrap();
        for finding in executable_content(&text) {
            bad.push(format!("{file}: {finding}"));
        }
    }
    assert!(
        bad.is_empty(),
        "executable content in the output:\n{}",
        bad.join("\n")
    );

    // The payloads are shown as text where they were written, not dropped.
    let page = page_in(&site.out(), "guides/x/");
    assert!(
        page.title().contains("<script>alert(1)</script>"),
        "{}",
        page.title()
    );
    assert!(page.main_text().contains("Take <script>alert(1)</script>"));
    assert!(
        page.main_text().contains("{{ 7*7 }}"),
        "template syntax in content is text"
    );
    // The heading kept its class but not its handler.
    let h = page.find("h2.c").expect("the heading with its class");
    assert_eq!(h.value().attr("onclick"), None);
}

#[test]
fn heading_attributes_are_dropped_unless_raw_html_is_allowed() {
    let body = "## Heading {onclick=\"alert(1)\" .keep data-x=1}\n";
    let site = builds(&[("content/guides/h.md", dated("", body).as_bytes())]);
    let page = site.page("guides/h/");
    let h = page.main().select(&sel("h2.keep")).next().expect("heading");
    assert_eq!(
        h.value().attrs().map(|(k, _)| k).collect::<Vec<_>>().len(),
        2,
        "{}",
        h.html()
    );
    assert_eq!(h.value().id(), Some("heading"));

    site.write(
        "site.toml",
        "title = \"Errors\"\nbase_url = \"https://example.com\"\n[markdown]\nraw_html = \"allow\"\n",
    );
    site.build();
    let page = site.page("guides/h/");
    let h = page.main().select(&sel("h2.keep")).next().expect("heading");
    assert_eq!(
        h.value().attr("onclick"),
        Some("\"alert(1)\""),
        "{}",
        h.html()
    );
}
