//! Multilingual sites (issue 18). Words in every script: word counts and reading time by
//! Unicode segmentation, with scripts written without spaces counted by character.
//! Fixture: `i18n-words/`, with guides in English and Thai; the Chinese and Japanese guides
//! are written by the tests, at the lengths they need.

use crate::common;

use common::Site;

/// The "N min read" of a guide's page.
fn minutes(site: &Site, slug: &str) -> String {
    let page = site.page(&format!("guides/{slug}/"));
    let text = page.main_text();
    let at = text
        .find(" min read")
        .unwrap_or_else(|| panic!("no reading time: {text}"));
    let digits: String = text[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect()
}

#[test]
fn chinese_reads_by_the_character_not_as_one_word() {
    let site = Site::new("i18n-words");
    // About 3,400 characters in sentences: 500 a minute rounds up to 7 minutes.
    let sentence = "数据分析师用统计方法回答业务问题。";
    let ideographs = sentence.chars().count() - 1;
    let body = sentence.repeat(3400 / ideographs);
    site.write(
        "content/guides/chinese.md",
        format!("---\ntitle: 数据分析师\ndate: 2026-01-04\n---\n{body}\n"),
    );
    let japanese = "データの分析は仕事です。".repeat(100);
    site.write(
        "content/guides/japanese.md",
        format!("---\ntitle: データ\ndate: 2026-01-05\n---\n{japanese}\n"),
    );
    site.build();
    assert_eq!(minutes(&site, "chinese"), "7");
    // 100 sentences of 11 characters: 1,100 characters, three minutes.
    assert_eq!(minutes(&site, "japanese"), "3");
    assert_eq!(minutes(&site, "thai"), "1");
    assert_eq!(minutes(&site, "english"), "1");
}

#[test]
fn a_long_thai_text_is_not_one_word() {
    let site = Site::new("i18n-words");
    let sentence = "นักวิเคราะห์ข้อมูลใช้สถิติเพื่อตอบคำถามทางธุรกิจ ";
    site.write(
        "content/guides/thai.md",
        format!(
            "---\ntitle: ไทย\ndate: 2026-01-03\n---\n{}\n",
            sentence.repeat(40)
        ),
    );
    site.build();
    // 40 sentences of about 35 grapheme clusters: three minutes at 500 a minute, where
    // whitespace would have found 40 words.
    assert_eq!(minutes(&site, "thai"), "3");
}

// Theme strings: `i18n/<lang>.toml` in the theme, overridden key by key by the site's.
// Fixture: `i18n-strings/`, a German site with one override (`all_guides`) and a page
// template that calls a key only the site's English file has.

#[test]
fn theme_strings_follow_the_site_language() {
    let site = Site::new("i18n-strings");
    site.build();
    let guide = site.page("guides/datenanalyse/");
    assert!(
        guide.source.contains("<html lang=\"de\">"),
        "no dir for German"
    );
    let text = guide.main_text();
    assert!(text.contains("1 Min. Lesezeit"), "{text}");
    assert!(text.contains("Veröffentlicht am"), "{text}");
    let home = site.page("");
    let nav: Vec<String> = home
        .html
        .select(&common::sel(".site-nav a"))
        .map(common::text_of)
        .collect();
    assert_eq!(
        nav[..4],
        ["Ratgeber", "Berufe", "Fähigkeiten", "Karrierekarte"]
    );
    let footer: Vec<String> = home
        .html
        .select(&common::sel(".footer-nav a"))
        .map(common::text_of)
        .collect();
    assert_eq!(footer[0], "Sämtliche Ratgeber", "the site's own key wins");
    assert_eq!(footer[1], "Alle Berufe", "the theme's keys stay");
}

#[test]
fn a_key_missing_in_the_language_falls_back_to_english_with_a_warning() {
    let site = Site::new("i18n-strings");
    site.build();
    let page = site.page("about/");
    assert_eq!(
        common::first_text(page.main(), ".printed").as_deref(),
        Some("Printed from Karriere-Ratgeber")
    );
    let check = site.cmd("check", &[]);
    check.assert_code(0);
    check.assert_stderr_contains(
        "templates/page.html:5:25: the theme string `printed_on` has no `de` translation, so the English text is shown",
    );
    check.assert_stderr_contains("add `printed_on = \"…\"` to i18n/de.toml");
}

#[test]
fn arabic_is_laid_out_right_to_left_with_its_plural_forms() {
    let site = Site::new("i18n-strings");
    site.write(
        "site.toml",
        "title = \"أدلة\"\nbase_url = \"https://example.com\"\nlanguage = \"ar\"\n",
    );
    site.build();
    let guide = site.page("guides/datenanalyse/");
    assert!(
        guide.source.contains("<html lang=\"ar\" dir=\"rtl\">"),
        "{}",
        &guide.source[..200]
    );
    assert!(
        guide.main_text().contains("قراءة دقيقة واحدة"),
        "the `one` form"
    );
    let roles = site.page("roles/");
    assert!(
        roles
            .main_text()
            .contains("وظيفة واحدة مع الأدلة التي تتناولها."),
        "{}",
        roles.main_text()
    );
}

#[test]
fn chinese_has_one_plural_form() {
    let site = Site::new("i18n-strings");
    site.write(
        "site.toml",
        "title = \"职业指南\"\nbase_url = \"https://example.com\"\nlanguage = \"zh\"\n",
    );
    site.build();
    let guides = site.page("guides/");
    assert!(
        guides
            .main_text()
            .contains("1 篇关于职位、技能和职业转换的指南"),
        "{}",
        guides.main_text()
    );
}

#[test]
fn a_bad_translation_file_is_an_error_at_its_line() {
    let site = Site::new("i18n-strings");
    site.write(
        "i18n/de.toml",
        "all_guides = \"Alle\"\n[min_read]\nsome = \"x\"\nother = \"{count} Min.\"\n",
    );
    let run = site.build_fails();
    run.assert_stderr_contains("i18n/de.toml:2:2: `some` in `min_read` is not a plural form");
}

// Locale formatting: dates and salary figures by ICU4X's CLDR data.

#[test]
fn dates_and_salaries_follow_the_site_language() {
    let site = Site::new("i18n-strings");
    site.write(
        "content/roles/data-analyst.md",
        "---\ntitle: Datenanalyst\nsalary:\n  currency: EUR\n  low: 42000\n  median: 55000\n  \
         high: 72000\n  source: Beispielumfrage\n  year: 2025\n---\nArbeitet mit Daten.\n",
    );
    site.build();
    let guide = site.page("guides/datenanalyse/");
    let text = guide.main_text();
    assert!(text.contains("Veröffentlicht am 2. Januar 2026"), "{text}");
    // The source, as the page's text has its no-break spaces made plain.
    let role = site.page("roles/data-analyst/").source;
    assert!(role.contains("55.000\u{a0}€"), "{role}");
    assert!(role.contains("42.000\u{a0}€ bis 72.000\u{a0}€"), "{role}");

    site.write(
        "site.toml",
        "title = \"职业指南\"\nbase_url = \"https://example.com\"\nlanguage = \"zh\"\n",
    );
    site.build();
    let text = site.page("guides/datenanalyse/").main_text();
    assert!(text.contains("发布于 2026年1月2日"), "{text}");
}
