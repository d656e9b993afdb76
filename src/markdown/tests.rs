//! Unit tests of Markdown rendering, from `&str` to `Rendered`.

use super::ids::THEME_IDS;
use super::text::{LineIndex, SUMMARY_MAX_CHARS};
use super::*;

struct Everything;
impl LinkResolver for Everything {
    fn resolve(&self, target: &LinkTarget<'_>) -> Result<String, Unresolved> {
        match target {
            LinkTarget::Content("guides/missing.md") => {
                Err(("no such page".into(), Some("check the path".into())))
            }
            LinkTarget::Content(p) => Ok(format!("/{}/", p.trim_end_matches(".md"))),
            LinkTarget::Role(s) => Ok(format!("/roles/{s}/")),
            LinkTarget::Skill(s) => Ok(format!("/skills/{s}/")),
        }
    }
}

fn md(text: &str, policy: RawHtml) -> (Rendered, Vec<Diagnostic>) {
    let input = Input {
        file: Path::new("content/guides/a.md"),
        text,
        first_line: 5,
        raw_html: policy,
        autolink: false,
    };
    render(&input, &Everything)
}

#[test]
fn heading_ids_are_stable_and_unique() {
    let (r, _) = md(
        "## Intro\n\n## Intro\n\n### What's next?\n\n## !!!\n",
        RawHtml::Sanitize,
    );
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["intro", "intro-1", "what-s-next", "section"]);
    assert!(r.html.contains("<h2 id=\"intro-1\">Intro</h2>"));
}

#[test]
fn heading_ids_never_repeat_the_themes_ids() {
    let (r, _) = md(
        "## Main\n\n## Guide related\n\n## Main\n",
        RawHtml::Sanitize,
    );
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["main-1", "guide-related-1", "main-2"]);
}

#[test]
fn theme_ids_list_every_fixed_id_in_the_default_theme() {
    for (name, bytes) in crate::source::default_theme::TEMPLATES {
        let text = String::from_utf8_lossy(bytes);
        for (at, _) in text.match_indices("id=\"") {
            let id = text[at + 4..].split('"').next().unwrap_or("");
            if !id.contains("{{") {
                assert!(THEME_IDS.contains(&id), "{name}: add `{id}` to THEME_IDS");
            }
        }
    }
}

#[test]
fn columns_count_characters_not_bytes() {
    let lines = LineIndex::new("ab\nCafé [x]\n", 5, raw_html::Shift::default());
    let bracket = "ab\nCafé ".len();
    assert_eq!(lines.line_col(bracket), (6, 6));
    assert_eq!(lines.line_col(0), (5, 1));
    let (_, errs) = md("Café [gone](@/guides/missing.md)\n", RawHtml::Sanitize);
    assert_eq!((errs[0].line, errs[0].column), (Some(5), Some(6)));
}

#[test]
fn custom_heading_id() {
    let (r, _) = md("## Getting started {#start}\n", RawHtml::Sanitize);
    assert_eq!(r.headings[0].id, "start");
    assert_eq!(r.headings[0].title, "Getting started");
}

#[test]
fn internal_links_resolve_and_record_anchors() {
    let (r, errs) = md(
        "See [x](@/guides/b.md#setup), [r](role:sre) and [s](skill:sql).\n",
        RawHtml::Sanitize,
    );
    assert!(errs.is_empty());
    assert!(r.html.contains("href=\"/guides/b/#setup\""));
    assert!(r.html.contains("href=\"/roles/sre/\""));
    assert!(r.html.contains("href=\"/skills/sql/\""));
    assert_eq!(r.anchor_links[0].anchor, "setup");
    assert_eq!(r.anchor_links[0].line, 5);
}

#[test]
fn broken_link_names_its_line_and_column() {
    let (_, errs) = md(
        "Text\n\nand [gone](@/guides/missing.md)\n",
        RawHtml::Sanitize,
    );
    assert_eq!(errs.len(), 1);
    assert_eq!((errs[0].line, errs[0].column), (Some(7), Some(5)));
    assert_eq!(errs[0].message, "no such page");
}

#[test]
fn sanitize_removes_scripts_handlers_and_javascript_urls() {
    let (r, _) = md(
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) [b]( JaVa\tScript:alert(1))\n\n<a href=\"javascript:alert(2)\">c</a>\n",
        RawHtml::Sanitize,
    );
    let html = r.html.to_lowercase();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("onerror"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
}

#[test]
fn escape_and_allow_policies() {
    let (r, _) = md("<b>bold</b>\n", RawHtml::Escape);
    assert!(r.html.contains("&lt;b&gt;bold&lt;/b&gt;"));
    let (r, _) = md("<b onclick=\"x()\">bold</b>\n", RawHtml::Allow);
    assert!(r.html.contains("onclick"));
}

#[test]
fn gfm_features_render() {
    let (r, _) = md(
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~ text[^1]\n\n[^1]: A note.\n",
        RawHtml::Sanitize,
    );
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("type=\"checkbox\""));
    assert!(r.html.contains("<del>old</del>"));
    assert!(r.html.contains("footnote"));
}

#[test]
fn summary_is_first_top_level_paragraph_and_words_are_counted() {
    let (r, _) = md(
        "## Heading\n\n- list item\n\nFirst *real* paragraph\nwith `code`.\n\nSecond one.\n\n```\nnot counted here\n```\n",
        RawHtml::Sanitize,
    );
    assert_eq!(r.summary, "First real paragraph with code.");
    assert_eq!(r.words, 1 + 2 + 5 + 2);
}

#[test]
fn long_summary_is_cut_at_a_word() {
    let text = "word ".repeat(200);
    let (r, _) = md(&text, RawHtml::Sanitize);
    assert!(r.summary.ends_with('…'));
    assert!(r.summary.chars().count() <= SUMMARY_MAX_CHARS + 1);
}

#[test]
fn dangerous_urls() {
    for bad in [
        "javascript:x",
        " JAVASCRIPT:x",
        "java\tscript:x",
        "data:text/html,x",
        "vbscript:x",
    ] {
        assert!(is_dangerous_url(bad), "{bad:?}");
    }
    for ok in [
        "https://x.org",
        "/a/b",
        "#top",
        "mailto:a@b.c",
        "javascript",
    ] {
        assert!(!is_dangerous_url(ok), "{ok:?}");
    }
}

#[test]
fn identical_headings_get_ids_in_linear_time() {
    let text = "## Intro\n\n".repeat(20_000);
    let started = std::time::Instant::now();
    let (r, _) = md(&text, RawHtml::Sanitize);
    assert_eq!(r.headings.len(), 20_000);
    assert_eq!(r.headings[19_999].id, "intro-19999");
    let ids: std::collections::HashSet<_> = r.headings.iter().map(|h| &h.id).collect();
    assert_eq!(ids.len(), 20_000);
    // Quadratic allocation took about 17 s here; linear takes well under one.
    assert!(
        started.elapsed().as_secs_f64() < 3.0,
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn ids_that_look_like_suffixes_stay_unique() {
    let (r, _) = md(
        "## A 1\n\n## A\n\n## A\n\n## A 2\n\n## A\n",
        RawHtml::Sanitize,
    );
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["a-1", "a", "a-2", "a-2-1", "a-3"]);
}

#[test]
fn many_links_on_one_long_line_stay_linear() {
    let text = "[x](@/guides/missing.md) ".repeat(20_000);
    let started = std::time::Instant::now();
    let (_, errs) = md(&text, RawHtml::Sanitize);
    assert_eq!(errs.len(), 20_000);
    assert_eq!(errs[19_999].column, Some(19_999 * 25 + 1));
    assert!(
        started.elapsed().as_secs_f64() < 3.0,
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_page_link_written_as_an_image_is_an_error_at_its_place() {
    let (r, errors) = md(
        "Text.\n\n![chart](@/guides/b.md) and ![ok](chart.png) and ![r](role:developer)\n",
        RawHtml::Sanitize,
    );
    let places: Vec<String> = errors
        .iter()
        .map(|d| format!("{}:{}", d.line.unwrap(), d.column.unwrap()))
        .collect();
    assert_eq!(places, ["7:1", "7:50"], "{errors:?}");
    assert!(errors[0].message.contains("names a page, not an image"));
    assert!(
        errors[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("[text](@/guides/b.md)")
    );
    assert!(!r.html.contains("@/guides/b.md"), "{}", r.html);
    // A file beside the Markdown is resolved like an `@/` path to where it is published.
    assert!(r.html.contains("src=\"/guides/chart.png/\""), "{}", r.html);
}
