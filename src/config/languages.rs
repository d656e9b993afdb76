//! `[languages.<code>]` in site.toml: the languages beside the default one, each with its
//! own title and description, and the errors for codes that are not language codes.

use std::path::Path;

use serde::Deserialize;

use crate::error::Diagnostic;
use crate::languages::is_language_code;

/// One `[languages.<code>]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLanguage {
    title: Option<String>,
    description: Option<String>,
}

/// A language beside the default one.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageConfig {
    /// BCP 47, as written in site.toml: `de`, `pt-BR`.
    pub code: String,
    /// The site's title and description in that language (the site's own when not given).
    pub title: String,
    pub description: String,
    /// The line of its table in site.toml.
    pub line: usize,
}

/// How a code that is not accepted should be written, when the fix is only its case:
/// `pt-br` -> `pt-BR`, `EN` -> `en`.
fn suggestion(code: &str) -> Option<String> {
    let mut parts = code.split('-');
    let mut out = vec![parts.next()?.to_ascii_lowercase()];
    for p in parts {
        out.push(match p.len() {
            4 => {
                let (first, rest) = p.split_at(1);
                format!(
                    "{}{}",
                    first.to_ascii_uppercase(),
                    rest.to_ascii_lowercase()
                )
            }
            _ => p.to_ascii_uppercase(),
        });
    }
    let fixed = out.join("-");
    is_language_code(&fixed).then_some(fixed)
}

/// The error for a language code site.toml writes at `line` (`key` names where).
pub(super) fn code_error(file: &Path, code: &str, key: &str, line: usize) -> Diagnostic {
    let hint = match suggestion(code) {
        Some(s) if s != code => format!("write it `{s}`"),
        _ => "use a BCP 47 language code such as `de`, `fr`, `zh` or `pt-BR`".into(),
    };
    Diagnostic::error(
        file.to_path_buf(),
        format!("{key}: `{code}` is not a language code"),
    )
    .at_line(line)
    .hint(hint)
}

/// Checks the `[languages]` tables against the default language `default`, in code order.
pub(super) fn check(
    file: &Path,
    text: &str,
    raw: std::collections::BTreeMap<String, RawLanguage>,
    default: &str,
    (title, description): (&str, &str),
    errors: &mut Vec<Diagnostic>,
) -> Vec<LanguageConfig> {
    let mut out = Vec::with_capacity(raw.len());
    for (code, lang) in raw {
        let line = table_line(text, &code);
        if !is_language_code(&code) {
            errors.push(code_error(file, &code, "`[languages]`", line));
            continue;
        }
        if code == default {
            errors.push(
                Diagnostic::error(
                    file.to_path_buf(),
                    format!("`[languages.{code}]` is the site's default language"),
                )
                .at_line(line)
                .hint("list only the other languages under [languages]; `language` names the default one"),
            );
            continue;
        }
        out.push(LanguageConfig {
            code,
            title: lang.title.unwrap_or_else(|| title.to_string()),
            description: lang.description.unwrap_or_else(|| description.to_string()),
            line,
        });
    }
    out
}

/// The line of `[languages.<code>]` in site.toml, or of whatever first names the code.
fn table_line(text: &str, code: &str) -> usize {
    let quoted = format!("\"{code}\"");
    let found = text.lines().position(|l| {
        let l = l.trim();
        l.starts_with('[')
            && l.contains("languages")
            && (l.contains(&format!(".{code}]")) || l.contains(&quoted))
    });
    found
        .or_else(|| {
            text.lines().position(|l| {
                l.trim_start().starts_with(&format!("{code} ")) || l.contains(&quoted)
            })
        })
        .map_or(1, |i| i + 1)
}

/// A language's pages live under `/<code>/`, which a taxonomy of that name would take too.
pub(super) fn check_folders(
    file: &Path,
    languages: &[LanguageConfig],
    taxonomies: &[super::TaxonomyConfig],
    errors: &mut Vec<Diagnostic>,
) {
    for l in languages {
        if let Some(t) = taxonomies.iter().find(|t| t.name == l.code) {
            errors.push(
                Diagnostic::error(
                    file.to_path_buf(),
                    format!(
                        "language `{}` and the taxonomy on line {} both make the pages under `/{}/`",
                        l.code, t.line, l.code
                    ),
                )
                .at_line(l.line)
                .hint("rename the taxonomy"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_wrong_only_in_case_is_suggested() {
        assert_eq!(suggestion("pt-br").as_deref(), Some("pt-BR"));
        assert_eq!(suggestion("DE").as_deref(), Some("de"));
        assert_eq!(suggestion("deutsch"), None);
    }
}
