//! Splitting a Markdown file into its front matter and body, keeping line numbers.

use std::path::Path;

use crate::error::Diagnostic;

/// The keys a guide's front matter has of its own; any other key must name a taxonomy.
pub const GUIDE_KEYS: &[&str] = &[
    "title",
    "description",
    "date",
    "updated",
    "roles",
    "skills",
    "slug",
    "draft",
    "compare",
    "faq",
    "takeaways",
    "template",
    "extra",
    "aliases",
    "publish_date",
    "publishDate",
    "expiry_date",
    "expiryDate",
];

/// The language of a file's front matter, from its fences. Defined here, where files are
/// split, so that `format` (which reads the front matter) depends on this module and not
/// the other way round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
}

/// A file cut in two. Lines are 1-based file lines, so errors can point into the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub format: Format,
    pub front_matter: &'a str,
    /// File line of the front matter's first line (after the opening fence).
    pub front_matter_line: usize,
    pub body: &'a str,
    /// File line of the body's first line.
    pub body_line: usize,
}

/// Finds the front matter fenced by `---` (YAML) or `+++` (TOML) at the top of `text`.
/// `text` has already had its byte-order mark and CR line endings removed.
pub fn split<'a>(file: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(file.to_path_buf(), "the file is empty")
            .at(1, 1)
            .hint("start it with front matter: `---`, `title: \"…\"`, then `---`"));
    }
    let first = text.lines().next().unwrap_or("");
    let (format, fence) = match first.trim_end() {
        "---" => (Format::Yaml, "---"),
        "+++" => (Format::Toml, "+++"),
        _ => {
            return Err(
                Diagnostic::error(file.to_path_buf(), "the file has no front matter")
                    .at(1, 1)
                    .hint(
                        "start it with a `---` line, then `title: \"…\"`, then another `---` line",
                    ),
            );
        }
    };
    let start = first.len() + 1;
    let mut offset = start.min(text.len());
    for (line, l) in (2..).zip(text[offset..].split_inclusive('\n')) {
        if l.trim_end() == fence {
            let body_start = offset + l.len();
            return Ok(Split {
                format,
                front_matter: &text[start.min(text.len())..offset],
                front_matter_line: 2,
                body: &text[body_start.min(text.len())..],
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(
        Diagnostic::error(file.to_path_buf(), "the front matter is never closed")
            .at(1, 1)
            .hint(format!(
                "add a line with `{fence}` after the last front matter key"
            )),
    )
}

/// The 1-based line within `text` where top-level key `key` is set (`key:` or `key =`).
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .map(|rest| {
                    let rest = rest.trim_start();
                    rest.starts_with(':') || rest.starts_with('=')
                })
                .unwrap_or(false)
        })
        .map(|i| i + 1)
}

/// The 1-based line within `text` of the first line containing `needle` at or after the
/// line where `key` is set: for pointing at one entry of a list.
pub fn value_line(text: &str, key: &str, needle: &str) -> Option<usize> {
    let from = key_line(text, key)?;
    text.lines()
        .enumerate()
        .skip(from - 1)
        .find(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .or(Some(from))
}

/// The key set on one line of front matter and the 1-based column where its value starts:
/// `date: 2026-03-07` gives `("date", 7)`. List entries count (`  - q: Why?` gives `q`),
/// and so does TOML's `key = value`. A key with nothing after it (`title:`) gives the column
/// just after the `:`, where the value belongs.
pub fn key_on_line(line: &str) -> Option<(&str, usize)> {
    let mut rest = line.trim_start();
    while let Some(entry) = rest.strip_prefix("- ") {
        rest = entry.trim_start();
    }
    let key_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    let (key, after) = rest.split_at(key_len);
    let spaced = after.trim_start();
    let value = match spaced.chars().next() {
        Some(':') if spaced.len() == 1 || spaced[1..].starts_with([' ', '\t']) => &spaced[1..],
        Some('=') => &spaced[1..],
        _ => return None,
    };
    if key.is_empty() || key.starts_with('-') {
        return None;
    }
    let trimmed = value.trim_start();
    let at = if trimmed.is_empty() {
        line.len() - value.len()
    } else {
        line.len() - trimmed.len()
    };
    Some((key, line[..at].chars().count() + 1))
}

/// The 1-based column where the value of the key on `line` (1-based) of `text` starts.
pub fn value_column(text: &str, line: usize) -> Option<usize> {
    let line = text.lines().nth(line.checked_sub(1)?)?;
    key_on_line(line).map(|(_, column)| column)
}

/// What a parser's error position in front matter is about, read back from the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place<'a> {
    /// The key the value belongs to: the key on the error's line, or for a list entry on a
    /// line of its own, the key the list belongs to.
    pub key: &'a str,
    /// The value as written at the error (`maybe`, `[x]`, `"x"`); empty when the value is
    /// on the lines below its key.
    pub value: &'a str,
    /// 1-based column of the value.
    pub column: usize,
    /// The error is about one entry of the key's list (`roles: [a, [b]]`), not its value.
    pub entry: bool,
}

/// The key and value at 1-based `line` and `column` of `text`, where a YAML or TOML parser
/// reported a bad value. Parsers point at the value, or sometimes at its key.
pub fn place_at(text: &str, line: usize, column: usize) -> Option<Place<'_>> {
    let lines: Vec<&str> = text.lines().collect();
    let here = *lines.get(line.checked_sub(1)?)?;
    if let Some((key, value_column)) = key_on_line(here) {
        let column = column.max(value_column);
        return Some(Place {
            key,
            value: token_at(here, column),
            column,
            entry: column > value_column,
        });
    }
    // A list entry on its own line (`  - [x]`) belongs to the nearest key above that is not
    // indented past the entry's dash; keys inside earlier entries (`  - q: …`) are.
    let indent = here.len() - here.trim_start().len();
    let key = lines[..line - 1].iter().rev().find_map(|l| {
        let (key, _) = key_on_line(l)?;
        // `key` is a slice of `l`: its offset is where the key starts.
        let key_at = key.as_ptr() as usize - l.as_ptr() as usize;
        (key_at <= indent).then_some(key)
    })?;
    Some(Place {
        key,
        value: token_at(here, column),
        column,
        entry: true,
    })
}

/// The value written from 1-based `column` of `line`: a whole `[…]` or `{…}`, a quoted
/// string, or plain text up to a comment (or, inside `[…]`, up to the next `,`).
fn token_at(line: &str, column: usize) -> &str {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let end = match rest.chars().next() {
        Some(open @ ('[' | '{')) => closing_bracket(rest, open),
        Some(quote @ ('"' | '\'')) => rest[1..].find(quote).map(|i| i + 2),
        _ => {
            let in_flow = line[..start].matches(['[', '{']).count()
                > line[..start].matches([']', '}']).count();
            let stops: &[char] = if in_flow { &[',', ']', '}'] } else { &[] };
            rest.find(stops).or_else(|| rest.find(" #"))
        }
    };
    rest[..end.unwrap_or(rest.len())].trim()
}

/// Byte length of the `[…]` or `{…}` that `text` starts with, brackets included.
fn closing_bracket(text: &str, open: char) -> Option<usize> {
    let close = if open == '[' { ']' } else { '}' };
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(i + 1);
            }
        }
    }
    None
}

/// Where a text value is written in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextAt {
    /// 1-based line and column of the value's first character.
    pub line: usize,
    pub column: usize,
    /// The value is a `|` block: every line of it is indented like the first, so a column
    /// in any of its lines moves by the same amount. Otherwise only its first line is
    /// written as is (YAML folds quoted and plain values onto one line).
    pub block: bool,
}

/// Where the value of `key` is written in `text`, at or after line `from`, found by the
/// value's first line of text: after `key:` (quoted or not), or on a line of its own in a
/// `|` block. Only the start of that line, up to a quote or backslash, is compared, since
/// quoting may have escaped those in the file.
pub fn text_position(text: &str, from: usize, key: &str, value: &str) -> Option<TextAt> {
    let first_line = value.trim().lines().next().unwrap_or("");
    let needle: String = first_line
        .trim()
        .chars()
        .take_while(|c| !matches!(c, '"' | '\'' | '\\'))
        .take(60)
        .collect();
    if needle.trim().is_empty() {
        return None;
    }
    let found = |line: &str, at: usize| {
        line[at..]
            .starts_with(&needle)
            .then(|| line[..at].chars().count() + 1)
    };
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(i, line)| {
            let after_key = match key_on_line(line) {
                Some((k, column)) if k == key => found(line, unquoted_start(line, column)),
                _ => None,
            };
            let at = |column, block| TextAt {
                line: i + 1,
                column,
                block,
            };
            match after_key {
                Some(column) => Some(at(column, false)),
                None => found(line, line.len() - line.trim_start().len()).map(|c| at(c, true)),
            }
        })
}

/// Byte offset of a value starting at 1-based `column` of `line`, past an opening quote
/// (`"`, `'` or TOML's `"""`).
fn unquoted_start(line: &str, column: usize) -> usize {
    let at = line
        .char_indices()
        .nth(column - 1)
        .map_or(line.len(), |(i, _)| i);
    let value = &line[at..];
    let unquoted = value
        .strip_prefix("\"\"\"")
        .or_else(|| value.strip_prefix(['"', '\'']))
        .unwrap_or(value);
    line.len() - unquoted.len()
}

/// Removes a UTF-8 byte-order mark and turns CRLF and lone CR line endings into LF, so
/// that every later stage sees one kind of text.
pub fn normalise_text(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f() -> &'static Path {
        Path::new("content/guides/a.md")
    }

    #[test]
    fn yaml_and_toml_fences() {
        let s = split(f(), "---\ntitle: x\n---\nbody\n").unwrap();
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(s.front_matter, "title: x\n");
        assert_eq!((s.body, s.body_line), ("body\n", 4));
        let s = split(f(), "+++\ntitle = 'x'\n+++\n\nbody").unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!((s.body, s.body_line), ("\nbody", 4));
    }

    #[test]
    fn closing_fence_at_end_of_file() {
        let s = split(f(), "---\ntitle: x\n---").unwrap();
        assert_eq!(s.body, "");
    }

    #[test]
    fn errors_name_the_problem() {
        assert!(split(f(), "").unwrap_err().message.contains("empty"));
        assert!(
            split(f(), "# Hi\n")
                .unwrap_err()
                .message
                .contains("no front matter")
        );
        let e = split(f(), "---\ntitle: x\nbody\n").unwrap_err();
        assert!(e.message.contains("never closed"));
        assert!(e.hint.unwrap().contains("`---`"));
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        assert_eq!(normalise_text("\u{feff}a\r\nb\rc".into()), "a\nb\nc");
    }

    #[test]
    fn keys_and_value_columns_on_a_line() {
        assert_eq!(key_on_line("date: 2026-02-30"), Some(("date", 7)));
        assert_eq!(key_on_line("slug:   Bad/Slug"), Some(("slug", 9)));
        assert_eq!(key_on_line("title:"), Some(("title", 7)));
        assert_eq!(key_on_line("  - q: Why?"), Some(("q", 8)));
        assert_eq!(key_on_line("date = 2026-02-30"), Some(("date", 8)));
        assert_eq!(key_on_line("titré: Café"), None);
        assert_eq!(key_on_line("  - https://example.com"), None);
        assert_eq!(key_on_line("  - Data Analyst"), None);
        assert_eq!(value_column("title: A\ndate: x\n", 2), Some(7));
        assert_eq!(value_column("title: A\n", 3), None);
    }

    #[test]
    fn places_name_the_key_and_the_value_written() {
        let fm = "title: A\ndraft: maybe # not sure\nroles: [a, [b], c]\nskills:\n  - [x]\nfaq:\n  - q: Why?\n  - 3\ndate: [1]\n";
        let place = |line, column| place_at(fm, line, column).unwrap();
        assert_eq!(
            place(2, 8),
            Place {
                key: "draft",
                value: "maybe",
                column: 8,
                entry: false
            }
        );
        assert_eq!((place(3, 12).key, place(3, 12).value), ("roles", "[b]"));
        assert!(place(3, 12).entry);
        assert_eq!((place(5, 5).key, place(5, 5).value), ("skills", "[x]"));
        assert_eq!((place(8, 5).key, place(8, 5).value), ("faq", "3"));
        // Parsers sometimes point at the key: the value is still what is named.
        assert_eq!((place(9, 1).value, place(9, 1).column), ("[1]", 7));
        let toml = "title = 'A'\nroles = \"x\"\n";
        assert_eq!((place_at(toml, 2, 9).unwrap().value), "\"x\"");
        assert_eq!(place_at(fm, 20, 1), None);
    }

    #[test]
    fn text_values_are_found_after_their_key_or_in_a_block() {
        let fm = "faq:\n  - q: See it?\n    a: \"See [x](@/a.md).\"\n  - q: B\n    a: |\n      Café [y](@/b.md)\n";
        let at =
            |from, value| text_position(fm, from, "a", value).map(|t| (t.line, t.column, t.block));
        assert_eq!(at(1, "See [x](@/a.md)."), Some((3, 9, false)));
        assert_eq!(at(4, "Café [y](@/b.md)\nmore"), Some((6, 7, true)));
        // The question that starts like the answer is not taken for it.
        assert_eq!(at(1, "See"), Some((3, 9, false)));
        assert_eq!(at(1, "\"Quoted\" start"), None);
        assert_eq!(at(1, "Nowhere"), None);
        let toml = "[[faq]]\nq = \"Why?\"\na = \"\"\"Because [x](@/a.md)\"\"\"\n";
        let t = text_position(toml, 1, "a", "Because").unwrap();
        assert_eq!((t.line, t.column), (3, 8));
    }

    #[test]
    fn key_lines() {
        let fm = "title: x\nroles:\n  - a\n  - Bad Tag\n";
        assert_eq!(key_line(fm, "roles"), Some(2));
        assert_eq!(value_line(fm, "roles", "Bad Tag"), Some(4));
        assert_eq!(key_line(fm, "date"), None);
    }
}
