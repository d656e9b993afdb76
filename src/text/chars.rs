//! Characters a web page or a feed cannot hold. XML 1.0 has no way at all to write NUL or
//! the C0 control characters other than tab and line breaks, nor U+FFFE and U+FFFF: one
//! of them in a title makes every Atom feed and the sitemap unreadable to feed readers. In
//! HTML these, DEL, the C1 controls and the Unicode noncharacters are parse errors. None of
//! them has a visible use in a career guide, and most arrive unseen, pasted from a PDF or
//! a terminal. So they are refused wherever they can come from, with the place they are:
//! the file's own text, escapes in front matter and site.toml (`"\u0001"`, a `!!binary`
//! value), and numeric character references in Markdown (`&#1;`).

use std::path::Path;

use crate::error::Diagnostic;
use crate::text::format::{Format, line_col};

/// Whether `c` may not appear in the site's text.
pub fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}'
        | '\u{FDD0}'..='\u{FDEF}')
        || (c as u32 & 0xFFFE) == 0xFFFE
}

/// The byte offset and character of the first forbidden character in `text`.
pub fn first_forbidden(text: &str) -> Option<(usize, char)> {
    // Only these bytes can start a forbidden character: the scan stays a byte loop.
    let suspect = |b: u8| b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xEF || b >= 0xF0;
    text.bytes()
        .enumerate()
        .filter(|&(i, b)| suspect(b) && text.is_char_boundary(i))
        .find_map(|(i, _)| {
            let c = text[i..].chars().next()?;
            is_forbidden(c).then_some((i, c))
        })
}

/// `c` named for a writer: "a NUL character (U+0000)".
pub fn describe(c: char) -> String {
    let code = format!("U+{:04X}", c as u32);
    match c {
        '\u{0}' => format!("a NUL character ({code})"),
        '\u{FDD0}'..='\u{FDEF}' => format!("the Unicode noncharacter {code}"),
        c if (c as u32 & 0xFFFE) == 0xFFFE => format!("the Unicode noncharacter {code}"),
        _ => format!("the invisible control character {code}"),
    }
}

const HINT_RAW: &str = "delete it: web pages and feeds cannot hold it (most editors show it as a box, or not at all; it often comes in with text pasted from a PDF or a terminal)";

/// An error at the first forbidden character of a whole file's text, if any.
pub fn check_file_text(file: &Path, text: &str) -> Option<Diagnostic> {
    let (at, c) = first_forbidden(text)?;
    let (line, column) = line_col(text, at);
    Some(
        Diagnostic::error(
            file.to_path_buf(),
            format!("the file contains {}", describe(c)),
        )
        .at(line, column)
        .hint(HINT_RAW),
    )
}

/// The first numeric character reference in Markdown (`&#1;`, `&#x1F;`) that stands for a
/// forbidden character: its byte offset, its text and the character. References inside
/// fenced code blocks and code spans are shown as written, so they are left alone.
pub fn forbidden_reference(markdown: &str) -> Option<(usize, &str, char)> {
    let mut offset = 0;
    let mut fence: Option<&str> = None;
    for line in markdown.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start_matches(' ');
        let is_fence = line.len() - trimmed.len() <= 3
            && (trimmed.starts_with("```") || trimmed.starts_with("~~~"));
        match fence {
            Some(open) if is_fence && trimmed.starts_with(open) => fence = None,
            Some(_) => {}
            None if is_fence => fence = Some(&trimmed[..3]),
            None => {
                if let Some((at, text, c)) = reference_in_line(line) {
                    return Some((start + at, text, c));
                }
            }
        }
    }
    None
}

fn reference_in_line(line: &str) -> Option<(usize, &str, char)> {
    let mut from = 0;
    while let Some(i) = line[from..].find("&#").map(|i| i + from) {
        from = i + 2;
        // Inside a code span when an odd number of backticks come before it.
        if line[..i].matches('`').count() % 2 == 1 {
            continue;
        }
        let rest = &line[i + 2..];
        let (digits, radix, skip) = match rest.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 1),
            None => (rest, 10, 0),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        // CommonMark: up to 7 decimal or 6 hex digits, then `;`.
        if len == 0 || len > 7 || !digits[len..].starts_with(';') {
            continue;
        }
        let Ok(value) = u32::from_str_radix(&digits[..len], radix) else {
            continue;
        };
        // NUL, surrogates and values past Unicode become U+FFFD, which is fine.
        if let Some(c) = char::from_u32(value).filter(|&c| c != '\0' && is_forbidden(c)) {
            let end = i + 2 + skip + len + 1;
            return Some((i, &line[i..end], c));
        }
    }
    None
}

/// An error at the first numeric character reference to a forbidden character in the
/// Markdown `text`, which starts on file line `first_line`.
pub fn check_references(file: &Path, text: &str, first_line: usize) -> Option<Diagnostic> {
    let (at, written, c) = forbidden_reference(text)?;
    let (line, column) = line_col(text, at);
    Some(
        Diagnostic::error(
            file.to_path_buf(),
            format!("`{written}` stands for {}", describe(c)),
        )
        .at(first_line + line - 1, column)
        .hint("delete it: web pages and feeds cannot hold that character"),
    )
}

/// An error for the first string in front matter or site.toml that holds a forbidden
/// character once its escapes are read (`"\u0000"`, `"\x07"`, `!!binary AAE=`). The
/// file's own text has been checked already, so only text with an escape or a tag is
/// parsed again.
pub fn check_escapes(
    format: Format,
    text: &str,
    file: &Path,
    first_line: usize,
) -> Option<Diagnostic> {
    let may_escape = match format {
        Format::Yaml => text.contains(['\\', '!']),
        Format::Toml => text.contains('\\'),
    };
    if !may_escape {
        return None;
    }
    let value: serde_json::Value = match format {
        Format::Yaml => serde_saphyr::from_str(text).ok()?,
        Format::Toml => serde_json::to_value(toml::from_str::<toml::Table>(text).ok()?).ok()?,
    };
    let (key, c) = forbidden_in(&value, None)?;
    let (line, column) = escape_place(text, key);
    let shown = key.map(|k| format!("`{k}`")).unwrap_or("a value".into());
    Some(
        Diagnostic::error(
            file.to_path_buf(),
            format!("{shown} holds {} once its escapes are read", describe(c)),
        )
        .at(first_line + line - 1, column)
        .hint("remove the escape or `!!binary` value that makes it: web pages and feeds cannot hold that character"),
    )
}

/// The innermost key whose value (or the key itself) holds a forbidden character.
fn forbidden_in<'a>(
    value: &'a serde_json::Value,
    key: Option<&'a str>,
) -> Option<(Option<&'a str>, char)> {
    use serde_json::Value;
    match value {
        Value::String(s) => first_forbidden(s).map(|(_, c)| (key, c)),
        Value::Array(items) => items.iter().find_map(|v| forbidden_in(v, key)),
        Value::Object(map) => map.iter().find_map(|(k, v)| match first_forbidden(k) {
            Some((_, c)) => Some((key, c)),
            None => forbidden_in(v, Some(k)),
        }),
        _ => None,
    }
}

/// 1-based line and column of the first escape or tag at or after the line that sets
/// `key`: the escape that made the character is there, or close below.
fn escape_place(text: &str, key: Option<&str>) -> (usize, usize) {
    let sets_key = |line: &str| {
        let Some(key) = key else { return true };
        let rest = line.trim_start().trim_start_matches("- ").trim_start();
        let rest = rest
            .strip_prefix(key)
            .or_else(|| rest.strip_prefix(&format!("\"{key}\"")))
            .or_else(|| rest.strip_prefix(&format!("'{key}'")));
        rest.is_some_and(|r| r.trim_start().starts_with([':', '=']))
    };
    let lines: Vec<&str> = text.lines().collect();
    let from = lines.iter().position(|l| sets_key(l)).unwrap_or(0);
    for (i, line) in lines.iter().enumerate().skip(from) {
        if let Some(at) = line.find(['\\', '!']) {
            return (i + 1, line[..at].chars().count() + 1);
        }
    }
    (from + 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_the_ones_xml_and_html_refuse() {
        for c in [
            '\0',
            '\u{1}',
            '\u{8}',
            '\u{B}',
            '\u{C}',
            '\u{1B}',
            '\u{7F}',
            '\u{85}',
            '\u{9F}',
            '\u{FDD0}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{1FFFF}',
            '\u{10FFFE}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in [
            '\t', '\n', '\r', ' ', 'é', '\u{A0}', '\u{200B}', '\u{2028}', '\u{FEFF}', '\u{FFFD}',
            '😀',
        ] {
            assert!(!is_forbidden(c), "{c:?}");
        }
    }

    #[test]
    fn the_first_is_found_at_its_byte_offset() {
        assert_eq!(first_forbidden("Café \u{1}x"), Some((6, '\u{1}')));
        assert_eq!(first_forbidden("é\u{FFFF}"), Some((2, '\u{FFFF}')));
        assert_eq!(first_forbidden("tab\tand\nline 😀"), None);
        let e = check_file_text(Path::new("a.md"), "---\ntitle: A\u{0}\n").unwrap();
        assert_eq!((e.line, e.column), (Some(2), Some(9)));
        assert!(
            e.message.contains("NUL character (U+0000)"),
            "{}",
            e.message
        );
    }

    #[test]
    fn numeric_references_outside_code_are_found() {
        let refs = forbidden_reference;
        assert_eq!(refs("a &#1; b"), Some((2, "&#1;", '\u{1}')));
        assert_eq!(refs("a &#x1b; b"), Some((2, "&#x1b;", '\u{1B}')));
        assert_eq!(refs("&#65; &#0; &#xD800; &#1114112; &#10;"), None);
        assert_eq!(refs("`&#1;` and\n```\n&#2;\n```\n"), None);
        assert_eq!(refs("```\n&#2;\n```\n&#3;"), Some((13, "&#3;", '\u{3}')));
        let e = check_references(Path::new("a.md"), "ok\nsee &#7;\n", 5).unwrap();
        assert_eq!((e.line, e.column), (Some(6), Some(5)));
    }

    #[test]
    fn escapes_are_read_and_placed() {
        let f = Path::new("a.md");
        let e = check_escapes(Format::Yaml, "title: A\ndescription: \"x\\u0001\"\n", f, 2).unwrap();
        assert_eq!((e.line, e.column), (Some(3), Some(16)));
        assert!(
            e.message
                .starts_with("`description` holds the invisible control character U+0001")
        );
        let e = check_escapes(
            Format::Yaml,
            "title: A\nextra:\n  blob: !!binary AAE=\n",
            f,
            2,
        )
        .unwrap();
        assert_eq!((e.line, e.column), (Some(4), Some(9)));
        let e = check_escapes(Format::Toml, "title = \"a\\u0000\"\n", f, 1).unwrap();
        assert_eq!(e.line, Some(1));
        assert!(check_escapes(Format::Yaml, "title: Hello!\nx: \"a\\tb\"\n", f, 2).is_none());
    }
}
