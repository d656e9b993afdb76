//! Splitting a Markdown file into its front matter and body, keeping line numbers.

use std::path::Path;

use crate::error::Diagnostic;
use crate::parse::format::Format;

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
    fn key_lines() {
        let fm = "title: x\nroles:\n  - a\n  - Bad Tag\n";
        assert_eq!(key_line(fm, "roles"), Some(2));
        assert_eq!(value_line(fm, "roles", "Bad Tag"), Some(4));
        assert_eq!(key_line(fm, "date"), None);
    }
}
