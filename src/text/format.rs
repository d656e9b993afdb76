//! Deserializing YAML and TOML into typed structs, with errors mapped to the file's lines.
//!
//! Front matter sits a few lines into its file, so a parser's position is shifted by the
//! front matter's first line. Serde's own wording is rewritten into the product's:
//! "unknown key `rolse`; did you mean `roles`?".

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, did_you_mean};
use crate::text::frontmatter::{Place, place_at};

pub use crate::text::frontmatter::Format;

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
    let (line, column) = (line.max(1), column.max(1));
    let place = place_at(text, line, column);
    let mut wording = rephrase(&message, format, place.as_ref());
    if wording.hint.is_none()
        && format == Format::Yaml
        && let Some(plain) = crate::text::yaml_words::plain(&message)
    {
        wording = Wording::new(plain.message, Some(plain.hint));
    }
    if wording.hint.is_none() && format == Format::Toml {
        wording.hint = crate::text::toml_words::hint(&wording.message);
    }
    // An error about a value points at the value, even where the parser pointed at its key.
    let column = match (&place, wording.about_value) {
        (Some(place), true) => place.column,
        _ => column,
    };
    Err(Diagnostic::error(file.to_path_buf(), wording.message)
        .at(first_line + line - 1, column)
        .maybe_hint(wording.hint))
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

/// A parser's message in the product's words.
#[derive(Debug, PartialEq, Eq)]
struct Wording {
    message: String,
    hint: Option<String>,
    /// The message is about a key's value, so it should point at the value.
    about_value: bool,
}

impl Wording {
    fn new(message: String, hint: Option<String>) -> Self {
        Self {
            message,
            hint,
            about_value: false,
        }
    }
}

/// Turns serde's and the parsers' phrasing into ours, with a hint where one is known.
/// `place` is the key and value at the error's position, to name them.
fn rephrase(message: &str, format: Format, place: Option<&Place<'_>>) -> Wording {
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
        return Wording::new(format!("unknown key `{key}`"), Some(hint));
    }
    if let Some(rest) = message.strip_prefix("missing field `")
        && let Some((key, _)) = rest.split_once('`')
    {
        return Wording::new(
            format!("missing key `{key}`"),
            Some(format!("add `{key}` to the front matter")),
        );
    }
    if message.starts_with("duplicate mapping key") || message.starts_with("duplicate key") {
        let key = duplicate_key(message)
            .or(place.map(|p| p.key))
            .unwrap_or("");
        return Wording::new(
            format!("key `{key}` is given twice"),
            Some("keep one of them".to_string()),
        );
    }
    let Some(place) = place else {
        return Wording::new(message.to_string(), None);
    };
    let (message, hint) = if message.starts_with("cannot deserialize null") {
        (
            format!("`{}` is empty", place.key),
            format!("write a value after `{}:`", place.key),
        )
    } else if let Some(expected) = Expected::of(message) {
        // The parser names what it was reading when it failed, which for a `draft: []`
        // is text; the key's own type is what the writer must write.
        let expected = match declared(place.key) {
            Some(declared) if !place.entry => declared,
            _ => expected,
        };
        wrong_type(expected, format, place)
    } else {
        return Wording::new(message.to_string(), None);
    };
    Wording {
        message,
        hint: Some(hint),
        about_value: true,
    }
}

/// serde-saphyr names the key: `duplicate mapping key: date, set DuplicateKeyPolicy…`.
fn duplicate_key(message: &str) -> Option<&str> {
    let rest = message.split_once(": ")?.1;
    let key = rest.split(',').next()?.trim();
    (!key.is_empty()).then_some(key)
}

/// The kind of value a key needed, as the parsers' messages say it: YAML's
/// `invalid boolean`, `expected sequence start`, `invalid u64`, and TOML's
/// `invalid type: string "maybe", expected a boolean`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expected {
    Bool,
    List,
    WholeNumber,
    Number,
    Text,
    Table,
    Date,
}

impl Expected {
    fn of(message: &str) -> Option<Expected> {
        let invalid = message.strip_prefix("invalid ").unwrap_or("");
        let wanted = message.rsplit_once("expected ").map_or("", |(_, w)| w);
        let wanted = wanted.strip_prefix("a ").unwrap_or(wanted);
        let first_word = |s: &str| s.split([' ', ',', '.']).next().unwrap_or("").to_string();
        let is_integer = |w: &str| {
            matches!(
                w,
                "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
            )
        };
        let (invalid, wanted) = (first_word(invalid), first_word(wanted));
        Some(match (invalid.as_str(), wanted.as_str()) {
            ("boolean", _) | (_, "boolean") => Expected::Bool,
            (i, w) if is_integer(i) || is_integer(w) => Expected::WholeNumber,
            ("f32" | "f64", _) | (_, "f32" | "f64") => Expected::Number,
            (_, "sequence") => Expected::List,
            (_, "string") => Expected::Text,
            (_, "mapping" | "map" | "struct") => Expected::Table,
            (_, "date") => Expected::Date,
            _ => return None,
        })
    }
}

/// The type of a key of front matter or site.toml, where the key alone tells it.
fn declared(key: &str) -> Option<Expected> {
    Some(match key {
        "draft" | "autolink" | "minify" => Expected::Bool,
        "date" | "updated" => Expected::Date,
        "roles" | "skills" | "compare" | "faq" | "takeaways" | "aliases" | "next_roles"
        | "previous_roles" => Expected::List,
        "title" | "description" | "slug" | "template" | "summary" | "education" | "category"
        | "q" | "a" | "currency" | "source" | "period" | "base_url" | "language" | "theme"
        | "output_dir" => Expected::Text,
        "low"
        | "median"
        | "high"
        | "year"
        | "limit"
        | "paginate_by"
        | "role_paginate_by"
        | "skill_paginate_by"
        | "salary_max_age_years" => Expected::WholeNumber,
        "role_weight" | "skill_weight" => Expected::Number,
        "salary" | "related" | "markdown" | "extra" => Expected::Table,
        _ => return None,
    })
}

/// "`draft` must be true or false, not `maybe`", with how to write it instead.
fn wrong_type(expected: Expected, format: Format, place: &Place<'_>) -> (String, String) {
    let key = place.key;
    let set = |value: &str| match format {
        Format::Yaml => format!("`{key}: {value}`"),
        Format::Toml => format!("`{key} = {value}`"),
    };
    let (kind, hint) = match expected {
        Expected::Bool => (
            "true or false",
            format!("write {} or {}", set("true"), set("false")),
        ),
        Expected::List => ("a list", list_hint(key, format, &set)),
        Expected::WholeNumber => {
            let example = match key {
                "year" => "2025",
                "low" | "median" | "high" => "85000",
                _ => "5",
            };
            (
                "a whole number",
                format!("write digits only, e.g. {}", set(example)),
            )
        }
        Expected::Number => ("a number", format!("write it as {}", set("1.5"))),
        Expected::Text => ("text", "put it in quotes, e.g. `\"…\"`".to_string()),
        Expected::Table => (
            "a table of keys",
            match format {
                Format::Yaml => format!("write its keys on indented lines below `{key}:`"),
                Format::Toml => format!("write it as a `[{key}]` table"),
            },
        ),
        Expected::Date => (
            "a date",
            "write dates as YYYY-MM-DD, e.g. 2026-03-07".to_string(),
        ),
    };
    let subject = if place.entry {
        format!("each entry of `{key}`")
    } else {
        format!("`{key}`")
    };
    let not = if place.value.is_empty() {
        String::new()
    } else {
        format!(", not `{}`", place.value)
    };
    (format!("{subject} must be {kind}{not}"), hint)
}

/// How to write list `key`, with an example that fits it.
fn list_hint(key: &str, format: Format, set: &dyn Fn(&str) -> String) -> String {
    let example = match key {
        "faq" => {
            return match format {
                Format::Yaml => {
                    "write each question on lines below `faq:` as `- q: …` with `a: …` under it"
                        .to_string()
                }
                Format::Toml => {
                    "write each question as a `[[faq]]` table with `q` and `a`".to_string()
                }
            };
        }
        "roles" | "next_roles" | "previous_roles" => "[data-analyst]",
        "compare" => "[data-analyst, data-scientist]",
        "skills" => "[sql]",
        _ => "[first, second]",
    };
    format!("write it as {}", set(example))
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

    fn yaml_error(text: &str) -> String {
        deserialize::<Guideish>(Format::Yaml, text, Path::new("a.md"), 2)
            .unwrap_err()
            .to_string()
    }

    fn toml_error(text: &str) -> String {
        deserialize::<Guideish>(Format::Toml, text, Path::new("a.md"), 2)
            .unwrap_err()
            .to_string()
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Guideish {
        title: String,
        #[serde(default)]
        draft: bool,
        roles: Option<Vec<String>>,
        faq: Option<Vec<Faqish>>,
        salary: Option<Salaryish>,
        date: Option<crate::parse::dates::DateText>,
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Faqish {
        q: String,
        a: String,
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Salaryish {
        low: u64,
        year: Option<i32>,
    }

    #[test]
    fn duplicate_keys_are_named() {
        assert_eq!(
            yaml_error("title: A\ndate: 2026-01-02\ndate: 2026-01-03\n"),
            "error: a.md:4:1: key `date` is given twice\n  hint: keep one of them"
        );
        assert_eq!(
            toml_error("title = 'A'\ntitle = 'B'\n"),
            "error: a.md:3:1: key `title` is given twice\n  hint: keep one of them"
        );
    }

    #[test]
    fn wrong_types_name_the_key_and_the_fix() {
        assert_eq!(
            yaml_error("title: A\ndraft: maybe\n"),
            "error: a.md:3:8: `draft` must be true or false, not `maybe`\n  hint: write `draft: true` or `draft: false`"
        );
        assert_eq!(
            toml_error("title = 'A'\ndraft = \"maybe\"\n"),
            "error: a.md:3:9: `draft` must be true or false, not `\"maybe\"`\n  hint: write `draft = true` or `draft = false`"
        );
        assert_eq!(
            yaml_error("title: A\nroles: x\n"),
            "error: a.md:3:8: `roles` must be a list, not `x`\n  hint: write it as `roles: [data-analyst]`"
        );
        assert_eq!(
            yaml_error("title: A\nsalary:\n  low: big\n"),
            "error: a.md:4:8: `low` must be a whole number, not `big`\n  hint: write digits only, e.g. `low: 85000`"
        );
        assert_eq!(
            toml_error("title = 'A'\n[salary]\nlow = 1\nyear = 1.5\n"),
            "error: a.md:5:8: `year` must be a whole number, not `1.5`\n  hint: write digits only, e.g. `year = 2025`"
        );
        assert_eq!(
            yaml_error("title: A\nroles:\n  - [x]\n"),
            "error: a.md:4:5: each entry of `roles` must be text, not `[x]`\n  hint: put it in quotes, e.g. `\"…\"`"
        );
        assert_eq!(
            yaml_error("title: A\nsalary: 3\n"),
            "error: a.md:3:9: `salary` must be a table of keys, not `3`\n  hint: write its keys on indented lines below `salary:`"
        );
        assert_eq!(
            yaml_error("title: A\ndate: [1]\n"),
            "error: a.md:3:7: `date` must be a date, not `[1]`\n  hint: write dates as YYYY-MM-DD, e.g. 2026-03-07"
        );
        assert_eq!(
            Expected::of("invalid type: string \"x\", expected f64"),
            Some(Expected::Number)
        );
        assert_eq!(Expected::of("invalid u64"), Some(Expected::WholeNumber));
        assert_eq!(Expected::of("unexpected end of input"), None);
        assert!(
            yaml_error("title: A\nfaq: 3\n")
                .contains("`faq` must be a list, not `3`\n  hint: write each question")
        );
    }

    #[test]
    fn a_key_of_known_type_names_its_own_type_and_fix() {
        assert_eq!(
            yaml_error("title: A\ndraft: []\n"),
            "error: a.md:3:8: `draft` must be true or false, not `[]`\n  hint: write `draft: true` or `draft: false`"
        );
        assert_eq!(
            yaml_error("title: A\ndraft: {a: 1}\n"),
            "error: a.md:3:8: `draft` must be true or false, not `{a: 1}`\n  hint: write `draft: true` or `draft: false`"
        );
        assert!(yaml_error("title: [a]\n").contains("`title` must be text, not `[a]`"));
    }

    #[test]
    fn parser_messages_are_in_plain_words() {
        for (text, words) in [
            (
                "title: a: b\n",
                "a colon inside an unquoted value\n  hint: quote the value",
            ),
            ("title: !!binary /w==\n", "does not decode to text"),
            ("title: !!int 5\n", "a YAML tag"),
            ("title: @x\n", "`@` cannot start an unquoted value"),
            ("title: A\n  b: c\n", "a colon inside an unquoted value"),
            ("title: *x\n", "refers to an anchor"),
        ] {
            let e = yaml_error(text);
            assert!(e.contains(words), "{text:?}: {e}");
        }
    }

    #[test]
    fn blank_values_are_named_without_rust_advice() {
        assert_eq!(
            yaml_error("title: A\nfaq:\n  - q:\n    a: B\n"),
            "error: a.md:4:7: `q` is empty\n  hint: write a value after `q:`"
        );
    }

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab", 0), (1, 1));
    }
}
