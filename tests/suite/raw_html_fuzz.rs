//! Fuzzing raw HTML in Markdown with an oracle beyond "does not panic": marker words
//! written between tags of every kind (`fuzzing::raw_html_case`) must all be visible in
//! the rendered HTML, as a browser parses it, under every `raw_html` policy. Replays the
//! saved inputs of the `raw_html` fuzz target (`fuzz/corpus/raw_html/`,
//! `fuzz/regressions/raw_html/`) and runs a proptest property over new ones.
//!
//! `CAREERSITE_FUZZ_SECS=600 cargo test --release --test raw_html_fuzz -- --ignored`
//! searches longer without cargo-fuzz and keeps a sample of what it tried in the corpus.

use std::path::{Path, PathBuf};

use careersite::config::RawHtml;
use careersite::fuzzing;
use proptest::prelude::*;

const POLICIES: [RawHtml; 3] = [RawHtml::Sanitize, RawHtml::Escape, RawHtml::Allow];

/// Elements whose text a reader does not see (or sees as markup rather than words).
const HIDDEN: &[&str] = &[
    "script",
    "style",
    "template",
    "title",
    "textarea",
    "select",
    "datalist",
    "iframe",
    "noscript",
    "xmp",
    "plaintext",
    "noembed",
    "noframes",
    "video",
    "audio",
    "canvas",
    "object",
    "svg",
    "math",
    "dialog",
    "head",
];

/// The text a browser shows of `html`.
fn visible(html: &str) -> String {
    let doc = scraper::Html::parse_fragment(html);
    let mut out = String::new();
    // Every node, not only those reachable from the root: scraper's tree loses the link
    // to subtrees the adoption agency moves (misnested `<a>`, `<b>`), which browsers show.
    for node in doc.tree.nodes() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let hidden = node.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| HIDDEN.contains(&e.name()))
        });
        if !hidden {
            out.push_str(text);
            out.push(' ');
        }
    }
    out
}

/// The oracle: every marker is visible, whatever the policy. Err names what went missing.
fn markers_survive(data: &[u8]) -> Result<(), String> {
    let (body, markers) = fuzzing::raw_html_case(data);
    for policy in POLICIES {
        let html = fuzzing::render_body(&body, policy);
        let shown = visible(&html);
        if let Some(lost) = markers.iter().find(|m| !shown.contains(m.as_str())) {
            return Err(format!(
                "{lost} lost under {policy:?}\n--- markdown\n{body}\n--- html\n{html}\n--- visible\n{shown}"
            ));
        }
    }
    Ok(())
}

fn saved(target: &str) -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for dir in ["corpus", "regressions"] {
        if let Ok(entries) = std::fs::read_dir(fuzz.join(dir).join(target)) {
            files.extend(entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()));
        }
    }
    files.sort();
    files
}

#[test]
fn raw_html_corpus() {
    let files = saved("raw_html");
    assert!(files.len() >= 10, "only {} saved inputs", files.len());
    for file in &files {
        let data = std::fs::read(file).unwrap();
        if let Err(e) = markers_survive(&data) {
            panic!("{}: {e}", file.display());
        }
    }
}

/// The markdown target's inputs too: whatever they are, they must not panic here.
#[test]
fn markdown_corpus_through_the_raw_html_case() {
    for file in saved("markdown") {
        let data = std::fs::read(&file).unwrap();
        let (body, _) = fuzzing::raw_html_case(&data);
        for policy in POLICIES {
            fuzzing::render_body(&body, policy);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_raw_html_hides_the_words_after_it(data in proptest::collection::vec(any::<u8>(), 0..160)) {
        let result = markers_survive(&data);
        prop_assert!(result.is_ok(), "{}", result.unwrap_err());
    }
}

/// Random search for `CAREERSITE_FUZZ_SECS` seconds (default 10); a failing input is
/// written to `fuzz/regressions/raw_html/` and one in five hundred tried to the corpus.
#[test]
#[ignore]
fn search_longer() {
    let secs: u64 = std::env::var("CAREERSITE_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let (corpus, regressions) = (
        fuzz.join("corpus/raw_html"),
        fuzz.join("regressions/raw_html"),
    );
    std::fs::create_dir_all(&corpus).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15 ^ u64::from(std::process::id());
    let mut tried = 0u64;
    let mut failed = 0u64;
    while std::time::Instant::now() < deadline {
        let len = 1 + (next(&mut state) % 240) as usize;
        let data: Vec<u8> = (0..len).map(|_| next(&mut state) as u8).collect();
        tried += 1;
        let name = format!("{:016x}", next(&mut state));
        if let Err(e) = markers_survive(&data) {
            if failed == 0 {
                println!("{e}");
            }
            failed += 1;
            std::fs::create_dir_all(&regressions).unwrap();
            std::fs::write(regressions.join(&name), &data).unwrap();
        } else if tried.is_multiple_of(500) {
            std::fs::write(corpus.join(&name), &data).unwrap();
        }
    }
    println!("raw_html: tried {tried} inputs, {failed} failed");
    assert_eq!(failed, 0, "see fuzz/regressions/raw_html/");
}

/// xorshift64*: a dependency-free generator, enough to vary inputs.
fn next(state: &mut u64) -> u64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    state.wrapping_mul(0x2545_f491_4f6c_dd1d)
}
