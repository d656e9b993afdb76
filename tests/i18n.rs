//! Multilingual sites (issue 18). Words in every script: word counts and reading time by
//! Unicode segmentation, with scripts written without spaces counted by character.
//! Fixture: `i18n-words/`, with guides in English and Thai; the Chinese and Japanese guides
//! are written by the tests, at the lengths they need.

mod common;

use common::Site;

/// The "N min read" of a guide's page.
fn minutes(site: &Site, slug: &str) -> String {
    let page = site.page(&format!("guides/{slug}/"));
    let text = page.main_text();
    let at = text.find(" min read").unwrap_or_else(|| panic!("no reading time: {text}"));
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
