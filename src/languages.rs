//! Several languages in one site. `language` in site.toml is the default language, whose
//! pages keep their URLs; each `[languages.<code>]` table adds another, served under
//! `/<code>/`. A translation lives beside its original as `name.<code>.md`. This module
//! owns what the codes look like and how a file name says its language; the link stage
//! builds each language's pages, the render stage links them together.

use std::path::{Path, PathBuf};

/// Whether `code` is written as a BCP 47 language tag careersite accepts: a language of
/// two or three lowercase letters, then optionally a script (`Hans`) and a region (`BR`,
/// `419`). Enough for every language a site is written in, and safe as a folder name.
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let lang = parts.next().unwrap_or("");
    if !(2..=3).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let mut rest: Vec<&str> = parts.collect();
    if let Some(script) = rest.first()
        && script.len() == 4
    {
        let mut b = script.bytes();
        let first_upper = b.next().is_some_and(|c| c.is_ascii_uppercase());
        if !(first_upper && b.all(|c| c.is_ascii_lowercase())) {
            return false;
        }
        rest.remove(0);
    }
    match rest.as_slice() {
        [] => true,
        [region] => {
            (region.len() == 2 && region.bytes().all(|b| b.is_ascii_uppercase()))
                || (region.len() == 3 && region.bytes().all(|b| b.is_ascii_digit()))
        }
        _ => false,
    }
}

/// Whether a file name's last dotted part (before `.md`) looks like a language: two or
/// three letters, perhaps followed by a region or script (`de`, `pt-BR`, `zh-Hant`).
/// `notes.v2.md` or `guide.draft.md` are not.
fn looks_like_language(part: &str) -> bool {
    let mut pieces = part.split('-');
    let lang = pieces.next().unwrap_or("");
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_alphabetic())
        && pieces
            .all(|p| (2..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The language a content file names (`guides/a.de.md` -> `de`), if it names one.
pub fn suffix(rel: &Path) -> Option<&str> {
    let name = rel.file_name()?.to_str()?.strip_suffix(".md")?;
    let (stem, lang) = name.rsplit_once('.')?;
    (!stem.is_empty() && looks_like_language(lang)).then_some(lang)
}

/// The original a translation is of: `guides/a.de.md` -> `guides/a.md`; any other path
/// as it is.
pub fn original(rel: &Path) -> PathBuf {
    match (suffix(rel), rel.file_name().and_then(|n| n.to_str())) {
        (Some(lang), Some(name)) => {
            let stem = &name[..name.len() - ".md".len() - lang.len() - 1];
            rel.with_file_name(format!("{stem}.md"))
        }
        _ => rel.to_path_buf(),
    }
}

/// A file stem without its language: `a.de` -> `a`, `index.pt-BR` -> `index`.
pub fn stem_without_language(stem: &str) -> &str {
    match stem.rsplit_once('.') {
        Some((base, lang)) if !base.is_empty() && looks_like_language(lang) => base,
        _ => stem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes() {
        for ok in [
            "de",
            "en",
            "ar",
            "zh",
            "pt-BR",
            "zh-Hans",
            "zh-Hant-TW",
            "es-419",
            "fil",
        ] {
            assert!(is_language_code(ok), "{ok}");
        }
        for bad in [
            "", "d", "deutsch", "DE", "pt-br", "pt_BR", "de-", "en-US-x", "1a", "de/x",
        ] {
            assert!(!is_language_code(bad), "{bad}");
        }
    }

    #[test]
    fn suffixes_of_file_names() {
        assert_eq!(suffix(Path::new("guides/a.de.md")), Some("de"));
        assert_eq!(suffix(Path::new("guides/a/index.pt-BR.md")), Some("pt-BR"));
        assert_eq!(suffix(Path::new("guides/a.md")), None);
        assert_eq!(suffix(Path::new("guides/notes.v2.md")), None);
        assert_eq!(suffix(Path::new("guides/a.draft.md")), None);
        assert_eq!(suffix(Path::new(".de.md")), None);
        assert_eq!(
            original(Path::new("guides/a/index.de.md")),
            Path::new("guides/a/index.md")
        );
        assert_eq!(original(Path::new("about.md")), Path::new("about.md"));
        assert_eq!(stem_without_language("a.de"), "a");
        assert_eq!(stem_without_language("a.v2"), "a.v2");
    }
}
