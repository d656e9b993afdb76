//! Replays every saved fuzz input (the minimised corpora under `fuzz/corpus/<target>/` and
//! the inputs that once crashed, under `fuzz/regressions/<target>/`) through the same entry
//! points the fuzz targets call, so CI checks them on stable Rust without cargo-fuzz.
//! `fuzz/README.md` says how to fuzz further and where new inputs go.

use std::path::{Path, PathBuf};

use careersite::config::RawHtml;
use careersite::fuzzing;

fn inputs(target: &str) -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(dir).join(target)) else {
            continue;
        };
        files.extend(entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()));
    }
    files.sort();
    files
}

/// Runs `each` on every input of `target`, naming the file that panicked.
fn replay(target: &str, each: impl Fn(&[u8])) {
    let files = inputs(target);
    assert!(
        files.len() >= 10,
        "{target}: only {} saved inputs",
        files.len()
    );
    for file in &files {
        let data = std::fs::read(file).unwrap();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| each(&data)));
        assert!(result.is_ok(), "{target}: {} panicked", file.display());
    }
    println!("{target}: replayed {} inputs", files.len());
}

#[test]
fn front_matter_corpus() {
    replay("front_matter", fuzzing::front_matter);
}

#[test]
fn datasets_corpus() {
    replay("datasets", fuzzing::datasets);
}

#[test]
fn site_toml_corpus() {
    replay("site_toml", fuzzing::site_toml);
}

#[test]
fn markdown_corpus() {
    replay("markdown", |data| {
        if let Some((RawHtml::Sanitize, html)) = fuzzing::markdown(data) {
            assert_inert(&html);
        }
    });
}

/// The markdown target's oracle: under `sanitize`, no script element, no event handler and
/// no script URL survives.
fn assert_inert(html: &str) {
    let doc = scraper::Html::parse_fragment(html);
    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let v = el.value();
        assert!(v.name() != "script", "script element in {html:?}");
        for (name, value) in v.attrs() {
            assert!(!name.starts_with("on"), "event handler {name} in {html:?}");
            if matches!(name, "href" | "src" | "action" | "formaction") {
                assert!(
                    !careersite::markdown::is_dangerous_url(value),
                    "dangerous URL {value:?} in {html:?}"
                );
            }
        }
    }
}

/// The crash the markdown target was written to catch: heading attributes are written
/// without raw HTML, so they never reached the sanitizer.
#[test]
fn heading_attributes_regression() {
    let (policy, html) = fuzzing::markdown(b"\0## H {onclick=alert(1)}\n").unwrap();
    assert_eq!(policy, RawHtml::Sanitize);
    assert_inert(&html);
}

/// Found by the markdown target: with auto-links on, a capitalised mention after a word
/// that follows a multi-byte separator (`x—y SQL`) sliced inside the separator and panicked.
#[test]
fn autolink_after_a_multibyte_separator_regression() {
    for text in [
        "x\u{2014}y SQL is here.",
        "a\u{fffd}b Software Engineer",
        "“Quote” SQL",
    ] {
        let mut data = vec![6u8];
        data.extend_from_slice(text.as_bytes());
        let (policy, html) = fuzzing::markdown(&data).expect("the site links");
        assert_eq!(policy, RawHtml::Sanitize);
        assert!(
            html.contains("/skills/sql/") || html.contains("/roles/software-engineer/"),
            "{html}"
        );
    }
}
