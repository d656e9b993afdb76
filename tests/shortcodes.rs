//! Shortcodes as writers use them: the inline and the body form, nested, with arguments,
//! never inside code; the default theme's and a site's own; and every mistake reported at
//! its file, line and column with a hint. Fixture: `minimal/` plus files each test writes.

mod common;

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
        .assert_stderr_contains("known shortcodes: callout, figure, youtube");
}

#[test]
fn a_broken_link_after_a_call_keeps_its_line() {
    let site = Site::new("minimal");
    site.write("content/guides/sc.md", GUIDE);
    site.build_fails()
        .assert_stderr_contains("content/guides/sc.md:21:");
}
