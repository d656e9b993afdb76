//! Tests of the parent module.

use super::*;

const EN: &str = r#"
guides = "Guides"
start_again = "Start again from {title}."
[min_read]
one = "{count} min read"
other = "{count} min read"
[guide_count]
one = "{count} guide"
other = "{count} guides"
"#;

const AR: &str = r#"
guides = "الأدلة"
[guide_count]
zero = "لا أدلة"
one = "دليل واحد"
two = "دليلان"
few = "{count} أدلة"
many = "{count} دليلًا"
other = "{count} دليل"
"#;

fn file<'a>(lang: &'a str, text: &'a str) -> StringsFile<'a> {
    StringsFile {
        lang,
        origin: "i18n/test.toml",
        text,
    }
}

fn no_args(_: &str) -> Option<String> {
    None
}

#[test]
fn plural_forms_follow_the_language_rules() {
    let en = Strings::load(&[file("en", EN)], "en").unwrap();
    assert_eq!(en.get("guide_count", Some(1), &no_args).unwrap(), "1 guide");
    assert_eq!(
        en.get("guide_count", Some(0), &no_args).unwrap(),
        "0 guides"
    );
    let ar = Strings::load(&[file("en", EN), file("ar", AR)], "ar").unwrap();
    let forms: Vec<String> = [0, 1, 2, 3, 11, 100]
        .iter()
        .map(|n| ar.get("guide_count", Some(*n), &no_args).unwrap())
        .collect();
    assert_eq!(
        forms,
        [
            "لا أدلة",
            "دليل واحد",
            "دليلان",
            "3 أدلة",
            "11 دليلًا",
            "100 دليل"
        ]
    );
}

#[test]
fn a_missing_key_falls_back_to_english_and_is_reported() {
    let ar = Strings::load(&[file("en", EN), file("ar", AR)], "ar").unwrap();
    assert_eq!(ar.get("guides", None, &no_args).unwrap(), "الأدلة");
    assert_eq!(
        ar.get("min_read", Some(3), &no_args).unwrap(),
        "3 min read",
        "English's forms"
    );
    assert!(ar.get("nowhere", None, &no_args).is_none());
    let template = "<p>\n  {{ t(key=\"min_read\", count=2) }} {{ t(key='guides') }}</p>";
    let warnings = ar.missing_keys([("templates/x.html", template)].into_iter());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = warnings[0].to_string();
    assert!(w.contains("templates/x.html:2:6"), "{w}");
    assert!(w.contains("`min_read`") && w.contains("`ar`"), "{w}");
}

#[test]
fn later_layers_replace_keys_and_placeholders_fill() {
    let site = "guides = \"Career guides\"\n";
    let en = Strings::load(&[file("en", EN), file("en", site)], "en").unwrap();
    assert_eq!(en.get("guides", None, &no_args).unwrap(), "Career guides");
    let title = |name: &str| (name == "title").then(|| "Jobs <3".to_string());
    assert_eq!(
        en.get("start_again", None, &title).unwrap(),
        "Start again from Jobs <3."
    );
    assert_eq!(
        en.get("guide_count", Some(2), &no_args).unwrap(),
        "2 guides",
        "a key the site does not set stays the theme's"
    );
}

#[test]
fn a_bad_file_is_an_error_at_its_line() {
    let bad = "guides = \"Guides\"\n[min_read]\nsome = \"x\"\nother = \"y\"\n";
    let errors = Strings::load(&[file("en", bad)], "en").err().unwrap();
    let e = errors[0].to_string();
    assert!(e.contains("i18n/test.toml:2:"), "{e}");
    assert!(e.contains("`some`"), "{e}");
}

#[test]
fn a_value_ending_in_a_full_stop_ends_the_sentence_once() {
    let arg = |name: &str| (name == "area").then(|| "U.S.".to_string());
    assert_eq!(
        super::fill("People in {area}.", None, &arg),
        "People in U.S."
    );
    assert_eq!(
        super::fill("In {area}, more.", None, &arg),
        "In U.S., more."
    );
    assert_eq!(super::fill("Wait{area}...", None, &arg), "WaitU.S....");
    assert_eq!(super::fill("{nope}.", None, &arg), "{nope}.");
}
