//! Deserializing YAML and TOML into typed structs, with errors mapped to the file's lines.
//!
//! Front matter sits a few lines into its file, so a parser's position is shifted by the
//! front matter's first line. Serde's own wording is rewritten into the product's:
//! "unknown key `rolse`; did you mean `roles`?".

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, did_you_mean};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
}

/// Parses `text` as `format`; `first_line` is the file line that `text` starts on (1-based).
pub fn deserialize<T: DeserializeOwned>(
    format: Format,
    text: &str,
    file: &Path,
    first_line: usize,
) -> Result<T, Diagnostic> {
    let (message, line, column) = match format {
        Format::Yaml => {
            // An empty YAML document is "no keys", not an error of its own: let the
            // struct report what is missing.
            let text = if text.trim().is_empty() { "{}" } else { text };
            match serde_saphyr::from_str::<T>(text) {
                Ok(v) => return Ok(v),
                Err(e) => {
                    let (line, col) = e
                        .location()
                        .map(|l| (l.line() as usize, l.column() as usize))
                        .unwrap_or((1, 1));
                    (yaml_message(&e.without_snippet().to_string()), line, col)
                }
            }
        }
        Format::Toml => match toml::from_str::<T>(text) {
            Ok(v) => return Ok(v),
            Err(e) => {
                let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
                (e.message().trim().to_string(), line, col)
            }
        },
    };
    let (message, hint) = rephrase(&message);
    Err(Diagnostic::error(file.to_path_buf(), message)
        .at(first_line + line.max(1) - 1, column.max(1))
        .maybe_hint(hint))
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// serde-saphyr prefixes its message with the position, which we report separately.
fn yaml_message(rendered: &str) -> String {
    let first = rendered.lines().next().unwrap_or(rendered);
    let first = first.strip_prefix("error: ").unwrap_or(first);
    if first.starts_with("line ")
        && let Some((_, rest)) = first.split_once(": ")
    {
        return rest.trim().to_string();
    }
    match first.split_once(" at line ") {
        Some((msg, _)) => msg.trim().to_string(),
        None => first.trim().to_string(),
    }
}

/// Turns serde's phrasing into ours, with a hint where one is known.
fn rephrase(message: &str) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((key, expected)) = rest.split_once('`')
    {
        let known: Vec<&str> = expected
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty() && !matches!(*w, "expected" | "one" | "of" | "or"))
            .collect();
        let hint = match did_you_mean(key, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("known keys are {}", known.join(", ")),
        };
        return (format!("unknown key `{key}`"), Some(hint));
    }
    if let Some(rest) = message.strip_prefix("missing field `")
        && let Some((key, _)) = rest.split_once('`')
    {
        return (
            format!("missing key `{key}`"),
            Some(format!("add `{key}` to the front matter")),
        );
    }
    if message.starts_with("duplicate mapping key") || message.starts_with("duplicate key") {
        let key = message
            .split([':', '`'])
            .nth(1)
            .map(str::trim)
            .unwrap_or("");
        return (
            format!("key `{key}` is given twice"),
            Some("keep one of them".to_string()),
        );
    }
    (message.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        roles: Option<Vec<String>>,
    }

    #[test]
    fn unknown_yaml_key_gets_line_and_suggestion() {
        let e = deserialize::<Sample>(Format::Yaml, "title: x\nrolse: [a]\n", Path::new("a.md"), 2)
            .unwrap_err();
        assert_eq!(e.message, "unknown key `rolse`");
        assert_eq!(e.hint.as_deref(), Some("did you mean `roles`?"));
        assert_eq!((e.line, e.column), (Some(3), Some(1)));
    }

    #[test]
    fn unknown_toml_key_gets_line_and_suggestion() {
        let e = deserialize::<Sample>(
            Format::Toml,
            "title = \"x\"\nrolse = []\n",
            Path::new("a.md"),
            2,
        )
        .unwrap_err();
        assert_eq!(e.message, "unknown key `rolse`");
        assert_eq!(e.hint.as_deref(), Some("did you mean `roles`?"));
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn missing_title_is_named() {
        let e =
            deserialize::<Sample>(Format::Yaml, "roles: []\n", Path::new("a.md"), 2).unwrap_err();
        assert_eq!(e.message, "missing key `title`");
    }

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab", 0), (1, 1));
    }
}
