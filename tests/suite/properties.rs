//! Property tests: a few seconds of generated inputs through the parsers, with properties
//! beyond "does not panic": what a writer types in a quoted title comes back as written,
//! any date that exists is accepted, and `sanitize` never lets script through whatever
//! Markdown it is given. Fuzzing (`fuzz/`) searches wider; these keep CI honest.

use std::path::Path;

use careersite::config::RawHtml;
use careersite::parse::{Doc, Kind, parse_doc};
use proptest::prelude::*;

fn parse_guide(text: &str) -> Result<Doc, Vec<careersite::Diagnostic>> {
    let rel = Path::new("guides/p.md");
    parse_doc(Kind::Guide, rel, &Path::new("content").join(rel), text)
}

/// Text a writer might put anywhere: markup, quotes, fences, unicode and control characters.
fn wild_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("<script>".to_string()),
            Just("---".to_string()),
            Just("+++".to_string()),
            Just("\n".to_string()),
            Just("\"".to_string()),
            Just(": ".to_string()),
            Just("- ".to_string()),
            Just("{{".to_string()),
            Just("#".to_string()),
            Just("[x](javascript:alert(1))".to_string()),
            Just("<img src=x onerror=alert(1)>".to_string()),
            Just("{onclick=alert(1)}".to_string()),
            Just(" SQL ".to_string()),
            Just("Software Engineer".to_string()),
            Just("—".to_string()),
            "\\PC{0,8}",
            any::<char>().prop_map(String::from),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_file_parses_or_fails_cleanly(text in wild_text()) {
        for kind in [Kind::Guide, Kind::Role, Kind::Skill, Kind::Page] {
            let rel = Path::new("x/p.md");
            if let Err(errors) = parse_doc(kind, rel, Path::new("content/x/p.md"), &text) {
                prop_assert!(!errors.is_empty());
                for e in errors {
                    prop_assert!(e.file.is_some(), "error without a file: {e:?}");
                    prop_assert!(!e.message.is_empty());
                }
            }
        }
    }

    #[test]
    fn a_quoted_title_comes_back_as_written(title in "\\PC{1,40}") {
        prop_assume!(!title.trim().is_empty());
        let quoted = serde_json::to_string(&title).unwrap();
        let text = format!("---\ntitle: {quoted}\ndate: 2026-01-01\n---\nBody.\n");
        match parse_guide(&text) {
            Ok(Doc::Guide(g)) => prop_assert_eq!(g.front.title, title.trim()),
            other => prop_assert!(false, "{text:?} gave {other:?}"),
        }
    }

    #[test]
    fn every_real_date_is_accepted(y in 1i16..=9999, m in 1i8..=12, d in 1i8..=31) {
        let exists = jiff::civil::Date::new(y, m, d).is_ok();
        let text = format!("---\ntitle: T\ndate: {y:04}-{m:02}-{d:02}\n---\n");
        prop_assert_eq!(parse_guide(&text).is_ok(), exists, "{}", text);
    }

    #[test]
    fn sanitize_never_lets_script_through(body in wild_text(), autolink in any::<bool>()) {
        let mut data = vec![if autolink { 6u8 } else { 0 }];
        data.extend_from_slice(body.as_bytes());
        if let Some((policy, html)) = careersite::fuzzing::markdown(&data) {
            prop_assert_eq!(policy, RawHtml::Sanitize);
            let doc = scraper::Html::parse_fragment(&html);
            for el in doc.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
                prop_assert!(el.value().name() != "script", "{}", html);
                for (name, value) in el.value().attrs() {
                    prop_assert!(!name.starts_with("on"), "{}", html);
                    prop_assert!(!careersite::markdown::is_dangerous_url(value) || !matches!(name, "href" | "src"), "{}", html);
                }
            }
        }
    }
}
