//! Raw HTML never eats content (issue 20): tag names written in prose stay visible as
//! words and hide nothing after them, under every `[markdown] raw_html` policy, and what
//! `sanitize` removes is reported by `check` with its file, line and column.

use crate::common;

use common::{Site, sel, text_of};

fn site_with(policy: &str) -> Site {
    let site = Site::new("raw-html-prose");
    let config = site.read("site.toml").replace(
        "raw_html = \"sanitize\"",
        &format!("raw_html = \"{policy}\""),
    );
    assert!(config.contains(policy));
    site.write("site.toml", config);
    site
}

const POLICIES: [&str; 3] = ["sanitize", "escape", "allow"];

#[test]
fn tag_names_in_prose_stay_visible_and_hide_nothing() {
    for policy in POLICIES {
        let site = site_with(policy);
        site.build().assert_code(0);
        let page = site.page("guides/tags/");
        let body = page.main().select(&sel(".guide-body")).next().unwrap();
        let text = text_of(body);
        for words in [
            "Use the <script> element to run code.",
            "The <style> element holds CSS, and <template> holds inert markup.",
            "An <iframe> embeds a page; the <title> names it; a <textarea> takes text; <noscript> is a fallback; <xmp> is obsolete; <plaintext> too.",
            "extends the HTML <img> element, and <div> in a sentence is a word.",
            "Generic code like Vec<String> and <T> stays.",
            "<SCRIPT> starts a line in upper case.",
            "<div> starts a sentence too.",
            "the <Script type=\"module\"> element",
            "a <select> box",
            "Quote: <textarea>",
            "a comment never closed",
            "Final words.",
        ] {
            assert!(
                text.contains(words),
                "{policy}: {words:?} missing from\n{text}"
            );
        }
        let headings = page.texts(".guide-body h2");
        assert_eq!(
            headings,
            [
                "Styles",
                "Frames",
                "Images",
                "Lists and tables",
                "The <title> element",
                "Last heading"
            ],
            "{policy}"
        );
        assert_eq!(page.texts(".guide-body td"), ["<style>", "CSS"], "{policy}");
        // Not one element made from a tag name: the page's own JSON-LD is its one script.
        assert!(
            body.select(&sel(
                "script, style, template, iframe, title, textarea, noscript, xmp, plaintext, select, img, div:not(.table-scroll)"
            ))
            .next()
            .is_none(),
            "{policy}: {}",
            body.html()
        );
    }
}

#[test]
fn check_names_what_sanitize_removed_and_where() {
    let site = site_with("sanitize");
    let run = site.cmd("check", &[]);
    run.assert_code(0);
    for expected in [
        "warning: content/guides/dropped.md:7:1: raw HTML removed: a <script> element and what it contains",
        "warning: content/guides/dropped.md:9:7: raw HTML removed: the `onclick` attribute of <b>",
        "warning: content/guides/dropped.md:9:41: raw HTML removed: the `javascript:` link of <a>",
        "warning: content/guides/dropped.md:11:1: raw HTML removed: the <custom-widget> tag (the text inside it stays)",
        "warning: content/guides/dropped.md:13:3: link removed: a `javascript:` URL could run code in the reader's browser",
        "set raw_html = \"allow\" if you trust this HTML",
    ] {
        run.assert_stderr_contains(expected);
    }
    // Tag names in prose are words: nothing of them is removed, so nothing is reported.
    assert!(
        !run.stderr
            .lines()
            .any(|l| l.contains("tags.md") && l.contains("removed")),
        "{}",
        run.stderr
    );
    site.cmd("check", &["--strict"]).assert_code(1);

    site.build().assert_code(0);
    let page = site.page("guides/dropped/");
    let text = page.main_text();
    for words in [
        "Intro words.",
        "Click here and there",
        "kept words",
        "A markdown link",
        "Closing words.",
    ] {
        assert!(text.contains(words), "{words:?} missing from\n{text}");
    }
    assert!(!page.main_html().contains("alert("), "{}", page.main_html());
    assert_eq!(page.texts(".guide-body h2"), ["After it all"]);
}

#[test]
fn allow_and_escape_report_nothing_removed() {
    for policy in ["allow", "escape"] {
        let site = site_with(policy);
        let run = site.cmd("check", &["--strict"]);
        let raw = run
            .stderr
            .lines()
            .filter(|l| l.contains("raw HTML removed"))
            .count();
        assert_eq!(raw, 0, "{policy}: {}", run.stderr);
    }
}

#[test]
fn an_unclosed_block_at_the_end_of_a_list_or_quote_hides_nothing_after_it() {
    for policy in POLICIES {
        let site = site_with(policy);
        site.write(
            "content/guides/nested.md",
            "---\ntitle: Nested\ndate: 2026-01-03\n---\n- one\n\n  <style>\n  .x {}\n\n> <script>\n> quoted words\n\n## After the list\n\nTail words.\n",
        );
        site.build().assert_code(0);
        let page = site.page("guides/nested/");
        assert_eq!(page.texts(".guide-body h2"), ["After the list"], "{policy}");
        let text = page.main_text();
        assert!(text.contains("quoted words"), "{policy}: {text}");
        assert!(text.contains("Tail words."), "{policy}: {text}");
    }
}

#[test]
fn twenty_thousand_identical_headings_build_fast() {
    let site = Site::new("raw-html-prose");
    let mut body = String::from("---\ntitle: Many\ndate: 2026-01-04\n---\n");
    body.push_str(&"## Same\n\nText.\n\n".repeat(20_000));
    site.write("content/guides/many.md", body);
    let started = std::time::Instant::now();
    site.build().assert_code(0);
    let took = started.elapsed();
    // Quadratic de-duplication took 17 s; the whole build is well under that now.
    assert!(took.as_secs_f64() < 8.0, "build took {took:?}");
    let page = site.page("guides/many/");
    assert_eq!(page.main().select(&sel("h2#same-19999")).count(), 1);
    assert_eq!(page.main().select(&sel(".guide-body h2")).count(), 20_000);
}
