//! Raw HTML decided per block and per inline span: whatever the tag, its case, its
//! attributes or where it stands, the words after it stay on the page.

use std::path::Path;

use crate::config::RawHtml;
use crate::markdown::{Input, LinkResolver, LinkTarget, Rendered, Unresolved, render};

struct Nowhere;
impl LinkResolver for Nowhere {
    fn resolve(&self, _: &LinkTarget<'_>) -> Result<String, Unresolved> {
        Ok("/x/".into())
    }
}

fn md(text: &str, policy: RawHtml) -> Rendered {
    let input = Input {
        file: Path::new("content/guides/a.md"),
        text,
        first_line: 1,
        raw_html: policy,
        autolink: false,
    };
    render(&input, &Nowhere).0
}

const POLICIES: [RawHtml; 3] = [RawHtml::Allow, RawHtml::Sanitize, RawHtml::Escape];

/// The text a browser shows of `html` (scripts and styles are not shown).
fn visible(html: &str) -> String {
    let doc = scraper::Html::parse_fragment(html);
    let mut out = String::new();
    // Every node, not only those reachable from the root: scraper's tree loses the link
    // to subtrees the adoption agency moves (misnested `<a>`, `<b>`), which browsers show.
    for node in doc.tree.nodes() {
        if let Some(text) = node.value().as_text() {
            let hidden = node.ancestors().any(|a| {
                a.value().as_element().is_some_and(|e| {
                    matches!(
                        e.name(),
                        "script"
                            | "style"
                            | "template"
                            | "textarea"
                            | "title"
                            | "select"
                            | "iframe"
                            | "noscript"
                            | "xmp"
                            | "plaintext"
                    )
                })
            });
            if !hidden {
                out.push_str(text);
            }
        }
    }
    out
}

const TAGS: &[&str] = &[
    "script",
    "style",
    "template",
    "iframe",
    "title",
    "textarea",
    "noscript",
    "xmp",
    "plaintext",
    "select",
    "pre",
    "div",
    "img",
    "SCRIPT",
    "Style",
    "video",
    "svg",
];

#[test]
fn a_tag_name_in_prose_stays_and_hides_nothing() {
    for tag in TAGS {
        for policy in POLICIES {
            let text = format!("Use the <{tag}> element.\n\n## Next heading\n\nAfter words.\n");
            let r = md(&text, policy);
            let shown = visible(&r.html);
            assert!(
                shown.contains(&format!("Use the <{tag}> element.")),
                "{tag} {policy:?}: {}",
                r.html
            );
            assert!(
                shown.contains("After words."),
                "{tag} {policy:?}: {}",
                r.html
            );
            assert_eq!(r.headings.len(), 1, "{tag} {policy:?}: {}", r.html);
        }
    }
}

#[test]
fn an_unclosed_tag_opening_a_block_is_text() {
    let places = [
        "<{t}>\n\n## Next heading\n\nAfter words.\n",
        "<{t} class=\"x\">\n\n## Next heading\n\nAfter words.\n",
        "> <{t}>\n> quoted\n\n## Next heading\n\nAfter words.\n",
        "- item\n\n  <{t}>\n\n## Next heading\n\nAfter words.\n",
        "<{t}> starts a sentence.\n\n## Next heading\n\nAfter words.\n",
        "<div>\n<{t}>\n</div>\n\n## Next heading\n\nAfter words.\n",
        "## Next heading\n\nAfter words.\n\n<{t}>",
    ];
    for tag in TAGS {
        for place in places {
            for policy in POLICIES {
                let text = place.replace("{t}", tag);
                let r = md(&text, policy);
                let shown = visible(&r.html);
                assert!(
                    shown.contains("After words."),
                    "{text:?} {policy:?}: {}",
                    r.html
                );
                assert_eq!(r.headings.len(), 1, "{text:?} {policy:?}: {}", r.html);
            }
        }
    }
}

#[test]
fn unterminated_constructs_swallow_nothing() {
    for start in [
        "<!-- note",
        "<?php echo",
        "<![CDATA[ x",
        "<!DOCTYPE",
        "<div title=\"open",
        "<a href='x",
    ] {
        for policy in POLICIES {
            let text = format!("{start}\n\n## Next heading\n\nAfter words.\n");
            let r = md(&text, policy);
            assert!(
                visible(&r.html).contains("After words."),
                "{text:?} {policy:?}: {}",
                r.html
            );
            assert_eq!(r.headings.len(), 1, "{text:?} {policy:?}: {}", r.html);
        }
    }
}

#[test]
fn inline_tags_in_lists_tables_headings_and_quotes_are_prose() {
    let text = "- the <script> tag\n- the <style> tag\n\n| a | b |\n|---|---|\n| <textarea> | x |\n\n## The <title> tag\n\n> a <noscript> quote\n\nAfter words.\n";
    for policy in POLICIES {
        let r = md(text, policy);
        let shown = visible(&r.html);
        for word in [
            "the <script> tag",
            "<textarea>",
            "a <noscript> quote",
            "After words.",
        ] {
            assert!(shown.contains(word), "{word} {policy:?}: {}", r.html);
        }
        assert_eq!(r.headings[0].title, "The <title> tag");
    }
}

#[test]
fn real_html_still_works() {
    let text = "Plain <b>bold</b> and <em>em</em> and <img src=\"cat.png\" alt=\"cat\"> and a<br>break.\n\n<div class=\"box\">\n\nMarkdown *inside*.\n\n</div>\n\n<details><summary>More</summary>\n\nHidden.\n\n</details>\n";
    let r = md(text, RawHtml::Sanitize);
    assert!(r.html.contains("<b>bold</b>"), "{}", r.html);
    assert!(r.html.contains("<img src=\"cat.png\""), "{}", r.html);
    assert!(r.html.contains("<br>"), "{}", r.html);
    assert!(r.html.contains("<div class=\"box\">"), "{}", r.html);
    assert!(r.html.contains("<em>inside</em>"), "{}", r.html);
    assert!(r.html.contains("<summary>More</summary>"), "{}", r.html);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn a_closed_script_is_kept_under_allow_and_removed_with_a_warning_under_sanitize() {
    let text = "Intro.\n\n<script>\nalert(1)\n\nmore()\n</script>\n\nRun <SCRIPT>x()</SCRIPT> now.\n\n<p onclick=\"y()\">para</p>\n";
    let r = md(text, RawHtml::Allow);
    assert_eq!(
        r.html.matches("<script>").count() + r.html.matches("<SCRIPT>").count(),
        2,
        "{}",
        r.html
    );
    let r = md(text, RawHtml::Sanitize);
    assert!(!r.html.to_lowercase().contains("<script"), "{}", r.html);
    assert!(visible(&r.html).contains("Run  now."), "{}", r.html);
    let places: Vec<_> = r
        .warnings
        .iter()
        .map(|w| (w.line.unwrap(), w.column.unwrap(), w.message.as_str()))
        .collect();
    assert_eq!(
        places,
        [
            (
                3,
                1,
                "raw HTML removed: a <script> element and what it contains"
            ),
            (
                9,
                5,
                "raw HTML removed: a <script> element and what it contains"
            ),
            (11, 1, "raw HTML removed: the `onclick` attribute of <p>"),
        ]
    );
}

#[test]
fn many_unclosed_blocks_take_linear_time() {
    for unit in [
        "<script>\n\n",
        "<pre>\n\n",
        "<!--\n\n",
        "<div title=\"\n\n",
        "x <script> y\n\n",
    ] {
        let text = unit.repeat(20_000);
        let started = std::time::Instant::now();
        let r = md(&text, RawHtml::Sanitize);
        assert!(!r.html.is_empty());
        assert!(
            // A guard against a hang, not a speed target: generous enough for a machine
            // busy with other builds (each unit takes well under 0.2 s when it is idle).
            started.elapsed().as_secs_f64() < 20.0,
            "{unit:?}: {:?}",
            started.elapsed()
        );
    }
}
