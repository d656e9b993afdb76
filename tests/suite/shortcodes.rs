//! Shortcodes as writers use them: the inline and the body form, nested, with arguments,
//! never inside code; the default theme's and a site's own; and every mistake reported at
//! its file, line and column with a hint. Fixture: `minimal/` plus files each test writes.

use crate::common;

use common::*;

const GUIDE: &str = "---\ntitle: Shortcodes\ndate: 2026-01-03\n---\nWatch {{ youtube(id=\"abc123\", title=\"A day as an analyst\") }} first.\n\n{% callout(kind=\"tip\", title=\"Before you apply\") %}\nRead [the hello guide](@/guides/hello.md) and **this**.\n\n{{ figure(src=\"/x.png\", alt=\"A map\", caption=\"The map\") }}\n{% end %}\n\n`{{ youtube(id=\"code\") }}` stays code.\n\n```\n{{ youtube(id=\"block\") }}\n```\n\n## After\n\n[Broken](@/guides/nope.md)\n";

#[test]
fn both_forms_nest_and_code_is_left_alone() {
    let site = Site::new("minimal");
    site.write(
        "content/guides/sc.md",
        GUIDE.replace("\n[Broken](@/guides/nope.md)\n", ""),
    );
    // The figure's image: every URL in the output must lead somewhere.
    site.write("static/x.png", b"\x89PNG\r\n\x1a\n");
    site.build();
    let page = site.page("guides/sc/");
    let main = page.main_html();
    // Inline: the theme's privacy-friendly youtube link, nothing embedded.
    page.assert_link(
        "▶ A day as an analyst (YouTube)",
        "https://www.youtube-nocookie.com/embed/abc123?autoplay=1",
    );
    assert!(!main.contains("<iframe"), "{main}");
    // Body: Markdown rendered, links resolved, and a shortcode nested inside it.
    assert_eq!(
        page.texts("aside.callout-tip .callout-title"),
        ["Before you apply"]
    );
    page.assert_link("the hello guide", "/guides/hello/");
    assert_eq!(
        page.texts("aside.callout-tip figure figcaption"),
        ["The map"]
    );
    assert!(
        page.find("aside.callout-tip figure img[alt='A map']")
            .is_some(),
        "{main}"
    );
    // Code spans and blocks show calls as written.
    assert_eq!(page.texts("p code"), ["{{ youtube(id=\"code\") }}"]);
    assert!(page.texts("pre code")[0].contains("{{ youtube(id=\"block\") }}"));
    assert_eq!(page.texts("h2#after"), ["After"]);
}

#[test]
fn a_site_shortcode_replaces_the_themes_and_adds_its_own() {
    let site = Site::new("minimal");
    site.write(
        "templates/shortcodes/salary.html",
        "<p class=\"salary\">{{ role }}: {{ low }}–{{ high }}</p>",
    );
    site.write(
        "content/guides/pay.md",
        "---\ntitle: Pay\ndate: 2026-01-03\n---\n{{ salary(role=\"Analyst\", low=50, high=70) }}\n",
    );
    site.build();
    let page = site.page("guides/pay/");
    assert_eq!(page.texts("p.salary"), ["Analyst: 50–70"]);
}

#[test]
fn mistakes_name_the_place_and_the_fix() {
    let site = Site::new("minimal");
    for (body, expected) in [
        (
            "Text\n\n{{ youtub(id=\"x\") }}\n",
            "content/guides/bad.md:7:1: unknown shortcode `youtub`",
        ),
        (
            "{{ youtube(idd=\"x\") }}\n",
            "content/guides/bad.md:5:1: shortcode `youtube` has no argument `idd`",
        ),
        (
            "ok {{ youtube(id=) }}\n",
            "content/guides/bad.md:5:18: cannot read this shortcode call",
        ),
        (
            "{% callout() %}\nnever closed\n",
            "content/guides/bad.md:5:1: shortcode `callout` has a body that is never closed",
        ),
    ] {
        site.write(
            "content/guides/bad.md",
            format!("---\ntitle: Bad\ndate: 2026-01-03\n---\n{body}"),
        );
        let run = site.build_fails();
        run.assert_stderr_contains(expected);
    }
    site.write(
        "content/guides/bad.md",
        "---\ntitle: Bad\ndate: 2026-01-03\n---\n{{ youtub(id=\"x\") }}\n",
    );
    site.build_fails()
        .assert_stderr_contains("did you mean `youtube`?")
        .assert_stderr_contains(
            "known shortcodes: callout, compare, figure, role_card, salary, skill_list, youtube",
        );
}

#[test]
fn a_shortcode_template_that_does_not_parse_is_named_at_its_line_and_column() {
    let site = Site::new("minimal");
    site.write(
        "templates/shortcodes/note.html",
        "<aside>\n{% if kind %}\n<p>{{ kind }}</p>\n{% endfor %}\n</aside>\n",
    );
    let run = site.build_fails();
    let errors = diagnostics(&run.stderr, "error: ");
    assert!(
        errors.iter().any(|e| e
            .starts_with("error: templates/shortcodes/note.html:2:1: `{% if %}` is never closed")),
        "{errors:?}"
    );
}

#[test]
fn a_broken_link_after_a_call_keeps_its_line() {
    let site = Site::new("minimal");
    site.write("content/guides/sc.md", GUIDE);
    site.build_fails()
        .assert_stderr_contains("content/guides/sc.md:21:");
}

/// A guide calling every built-in role shortcode, with the roles of `career`'s profiles.
const ROLE_CALLS: &str = "---\ntitle: Roles\ndescription: Role facts.\ndate: 2026-01-03\n---\nIntro.\n\n{{ salary(role=\"data-scientist\") }}\n\n{{ compare(roles=[\"data-scientist\", \"Data Analyst\"]) }}\n\n{{ role_card(role=\"data-analyst\") }}\n\n{{ skill_list(role=\"data-scientist\") }}\n";

fn role_site() -> Site {
    let site = Site::new("minimal");
    site.write(
        "content/roles/data-scientist.md",
        "---\ntitle: Data Scientist\nsummary: Builds models.\nskills: [python, sql]\nsalary: {currency: USD, low: 63650, median: 112590, high: 194410, period: year, source: \"U.S. Bureau of Labor Statistics\", year: 2024}\n---\nText.\n",
    );
    site.write(
        "content/roles/data-analyst.md",
        "---\ntitle: Data Analyst\nsummary: Answers questions with data.\nskills: [sql]\n---\nText.\n",
    );
    site.write("content/skills/sql.md", "---\ntitle: SQL\n---\nText.\n");
    site.write("content/guides/roles.md", ROLE_CALLS);
    site
}

#[test]
fn built_in_role_shortcodes_show_the_profiles_with_source_and_period() {
    let site = role_site();
    site.build();
    let page = site.page("guides/roles/");
    assert_eq!(
        page.texts("aside.salary-box .callout-title a"),
        ["Data Scientist"]
    );
    assert!(
        page.main_html()
            .contains("Data Scientist</a>: median salary $112,590 per year"),
        "{}",
        page.main_html()
    );
    assert!(
        page.texts("aside.salary-box p")[1]
            .contains("$63,650 to $194,410. Source: U.S. Bureau of Labor Statistics, 2024."),
        "{:?}",
        page.texts("aside.salary-box p")
    );
    assert_eq!(
        page.texts("table.compare-table th[scope=col]"),
        ["Data Scientist", "Data Analyst"]
    );
    page.assert_link("Data Analyst", "/roles/data-analyst/");
    assert_eq!(
        page.texts("aside.role-card p")[1],
        "Answers questions with data."
    );
    assert_eq!(page.texts("ul.skill-list li"), ["Python", "SQL"]);
}

#[test]
fn an_unknown_role_is_named_at_the_call_with_a_guess() {
    let site = role_site();
    site.write(
        "content/guides/roles.md",
        ROLE_CALLS.replace(
            "salary(role=\"data-scientist\")",
            "salary(role=\"data-sceintist\")",
        ),
    );
    let run = site.build_fails();
    assert_eq!(
        run.error_lines(),
        [
            "error: content/guides/roles.md:8:1: unknown role `data-sceintist`\n  hint: did you mean `data-scientist`?"
        ]
    );
}

#[test]
fn watch_renders_again_the_bodies_that_show_an_edited_role() {
    use careersite::watch::Outcome;
    let site = role_site();
    site.write(
        "content/guides/other.md",
        "---\ntitle: Other\ndescription: Other.\ndate: 2026-01-04\n---\n{{ role_card(role=\"data-analyst\") }}\n",
    );
    let mut session = common::watch::Watched::start(&site.root, &site.tmp().join("out")).session;
    site.write(
        "content/roles/data-scientist.md",
        site.read("content/roles/data-scientist.md")
            .replace("112590", "120000"),
    );
    let outcome = session.rebuild(&[site.path("content/roles/data-scientist.md")]);
    let (swept, _) = session.finish().expect("the sweep succeeds");
    let Outcome::Built { mut written, .. } = outcome else {
        panic!("{outcome:?}");
    };
    written.extend(swept);
    written.retain(|w| w.starts_with("guides/") && w.ends_with(".html"));
    written.sort();
    written.dedup();
    // The guide that shows the data scientist changes; the one that shows only the analyst
    // does not.
    assert_eq!(written, ["guides/roles/index.html"]);
    let page = common::page_in(&site.tmp().join("out"), "guides/roles/");
    assert!(page.main_text().contains("$120,000"));
}
