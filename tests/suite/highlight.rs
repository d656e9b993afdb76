//! Syntax highlighting of fenced code, as a reader sees it: coloured spans for several
//! languages, numbered and marked lines on request, and a plain block with a `check`
//! warning (never an error) for a language no grammar knows. Fixture: `minimal/` plus a
//! guide written by each test.

use crate::common;

use common::*;

const GUIDE: &str = "---\ntitle: Code\ndate: 2026-01-02\n---\nSome code.\n\n```rust,linenos,hl_lines=2-3\nfn main() {\n    // say it\n    let n = 42;\n}\n```\n\n```python\ndef f():\n    return \"x\"\n```\n\n```toml\ntitle = \"x\"\n```\n\n```klingon\nqapla' < batlh\n```\n\nInline `fn x()` stays plain.\n";

#[test]
fn several_languages_get_classed_spans_and_unknown_ones_stay_plain() {
    let site = Site::new("minimal");
    site.write("content/guides/code.md", GUIDE);
    site.build();
    let page = site.page("guides/code/");
    let main = page.main_html();
    let raw = |css: &str| -> Vec<String> {
        page.main()
            .select(&sel(css))
            .map(|e| e.text().collect())
            .collect()
    };
    let blocks = raw("pre.code");
    assert_eq!(blocks.len(), 4, "{main}");
    // The text reads as written, whatever the spans.
    assert_eq!(
        blocks[0],
        "fn main() {\n    // say it\n    let n = 42;\n}\n"
    );
    assert!(
        page.find("pre.code[data-lang=rust] .hl-keyword").is_some(),
        "{main}"
    );
    assert_eq!(
        page.texts("pre.code[data-lang=rust] .hl-comment"),
        ["// say it"]
    );
    assert_eq!(page.texts("pre.code[data-lang=rust] .hl-number"), ["42"]);
    assert!(page.find("pre.code.linenos[data-lang=rust]").is_some());
    assert_eq!(page.texts("pre.code[data-lang=rust] .line").len(), 4);
    assert_eq!(
        raw("pre.code[data-lang=rust] .hl-line"),
        ["    // say it", "    let n = 42;"]
    );
    assert_eq!(
        page.texts("pre.code[data-lang=python] .hl-string"),
        ["\"x\""]
    );
    assert_eq!(page.texts("pre.code[data-lang=toml] .hl-string"), ["\"x\""]);
    // An unknown language: plain, escaped, no spans, and no inline style anywhere.
    let plain = page
        .find("pre.code[data-lang=klingon] code")
        .expect("plain block");
    assert_eq!(plain.text().collect::<String>(), "qapla' < batlh\n");
    assert!(plain.children().all(|c| c.value().is_text()));
    assert!(!main.contains("style="), "{main}");
    // Inline code is never highlighted.
    assert_eq!(page.texts("p code"), ["fn x()"]);
}

#[test]
fn an_unknown_language_is_a_check_warning_with_its_place() {
    let site = Site::new("minimal");
    site.write("content/guides/code.md", GUIDE);
    let run = site.cmd("check", &[]);
    run.assert_code(0).assert_stderr_contains(
        "warning: content/guides/code.md:23:1: unknown language `klingon` in a code block",
    );
    assert!(run.error_lines().is_empty(), "{}", run.stderr);
    site.cmd("check", &["--strict"]).assert_code(1);
}

#[test]
fn the_theme_colours_every_class_in_both_palettes() {
    let css = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/style.css"),
    )
    .unwrap();
    for class in [
        "comment", "string", "number", "keyword", "function", "type", "tag", "attr", "variable",
    ] {
        assert!(
            css.contains(&format!(".hl-{class} {{ color: var(--hl-{class})")),
            "{class}"
        );
        assert_eq!(
            css.matches(&format!("--hl-{class}: #")).count(),
            2,
            "{class} needs a light and a dark colour"
        );
    }
}
