//! Finding the URLs written in CSS: `url(…)`, `@import "…"`, and the strings of an
//! `image-set(…)`, each with where it is written. Just enough of CSS's tokenizer to tell a
//! URL from text that merely looks like one: comments and other strings are skipped whole,
//! so a `url(` commented out, or inside `content: "…"`, is not taken for a link.

/// One URL written in CSS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CssUrl {
    /// The URL, its escapes resolved and spaces around it trimmed.
    pub url: String,
    /// As the writer wrote it, for messages: `url("a.png")`, `@import "b.css"`, `"c.png"`.
    pub written: String,
    /// The byte offset of `written` in the CSS.
    pub at: usize,
}

/// Every URL in a piece of CSS, in the order written.
pub fn urls(css: &str) -> Vec<CssUrl> {
    let b = css.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    let mut depth = 0usize;
    // The depth of the `image-set(` being read, whose strings are image URLs.
    let mut image_set: Option<usize> = None;
    // Where an `@import` starts whose URL has not come yet.
    let mut import: Option<usize> = None;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = css[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
                continue;
            }
            b'"' | b'\'' => {
                let (url, end) = string(css, i);
                if let Some(at) = import.take() {
                    let written = format!("@import {}", &css[i..end]);
                    found.push(CssUrl { url, written, at });
                } else if image_set == Some(depth) {
                    let written = css[i..end].to_string();
                    found.push(CssUrl {
                        url,
                        written,
                        at: i,
                    });
                }
                i = end;
                continue;
            }
            b'\\' => {
                // An escaped character stands for itself, never for a quote or a bracket.
                import = None;
                i += 1 + css[i + 1..].chars().next().map_or(0, char::len_utf8);
                continue;
            }
            b'@' if starts_with_ci(&css[i + 1..], "import") && !is_ident(b.get(i + 7)) => {
                import = Some(i);
                i += 7;
                continue;
            }
            c if is_ident(Some(&c)) => {
                let start = i;
                while is_ident(b.get(i)) {
                    i += 1;
                }
                let name = &css[start..i];
                if b.get(i) == Some(&b'(') {
                    if name.eq_ignore_ascii_case("url") {
                        let (url, end) = url_argument(css, i + 1);
                        let written = css[start..end].trim_end().to_string();
                        found.push(CssUrl {
                            url,
                            written,
                            at: start,
                        });
                        import = None;
                        i = end;
                        continue;
                    }
                    if ends_with_ci(name, "image-set") {
                        depth += 1;
                        image_set = Some(depth);
                        i += 1;
                        import = None;
                        continue;
                    }
                }
                import = None;
                continue;
            }
            b'(' => depth += 1,
            b')' => {
                if image_set == Some(depth) {
                    image_set = None;
                }
                depth = depth.saturating_sub(1);
            }
            c if c.is_ascii_whitespace() => {}
            _ => import = None,
        }
        i += 1;
    }
    found
}

/// Whether a byte is part of a CSS name (letters, digits, `-`, `_`, anything not ASCII).
fn is_ident(b: Option<&u8>) -> bool {
    b.is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c >= 0x80)
}

fn starts_with_ci(hay: &str, needle: &str) -> bool {
    hay.len() >= needle.len()
        && hay.as_bytes()[..needle.len()].eq_ignore_ascii_case(needle.as_bytes())
}

fn ends_with_ci(hay: &str, needle: &str) -> bool {
    hay.len() >= needle.len()
        && hay.as_bytes()[hay.len() - needle.len()..].eq_ignore_ascii_case(needle.as_bytes())
}

/// The value of the string whose quote is at `at`, and where it ends. A string cut by a
/// line break or the end of the CSS ends there, as browsers read it.
fn string(css: &str, at: usize) -> (String, usize) {
    let quote = css.as_bytes()[at] as char;
    let mut value = String::new();
    let mut chars = css[at + 1..].char_indices().peekable();
    while let Some((j, c)) = chars.next() {
        match c {
            c if c == quote => return (value, at + 1 + j + 1),
            '\n' => return (value, at + 1 + j),
            '\\' => match chars.peek() {
                // A backslash before a line break continues the string on the next line.
                Some(&(_, '\n')) => drop(chars.next()),
                Some(_) => value.push(escape(&mut chars)),
                None => {}
            },
            c => value.push(c),
        }
    }
    (value, css.len())
}

/// The URL of a `url(` whose argument starts at `from`, and where the `)` ends it.
fn url_argument(css: &str, from: usize) -> (String, usize) {
    let rest = &css[from..];
    let start = from + (rest.len() - rest.trim_start().len());
    if matches!(css.as_bytes().get(start), Some(b'"' | b'\'')) {
        let (url, end) = string(css, start);
        let close = css[end..].find(')').map_or(css.len(), |c| end + c + 1);
        return (url.trim().to_string(), close);
    }
    let mut value = String::new();
    let mut chars = css[start..].char_indices().peekable();
    while let Some((j, c)) = chars.next() {
        match c {
            ')' => return (value.trim().to_string(), start + j + 1),
            '\\' if chars.peek().is_some() => value.push(escape(&mut chars)),
            c => value.push(c),
        }
    }
    (value.trim().to_string(), css.len())
}

/// The character a backslash escape stands for, read from just after the backslash: up to
/// six hex digits and one optional space, or any other character as itself.
fn escape(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> char {
    let mut code = 0u32;
    let mut digits = 0;
    while digits < 6 {
        match chars.peek().and_then(|&(_, c)| c.to_digit(16)) {
            Some(d) => {
                code = code * 16 + d;
                digits += 1;
                chars.next();
            }
            None => break,
        }
    }
    if digits == 0 {
        return chars.next().map_or('\u{fffd}', |(_, c)| c);
    }
    if chars.peek().is_some_and(|&(_, c)| c.is_ascii_whitespace()) {
        chars.next();
    }
    char::from_u32(code)
        .filter(|&c| c != '\0')
        .unwrap_or('\u{fffd}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(css: &str) -> Vec<(String, String, usize)> {
        urls(css)
            .into_iter()
            .map(|u| (u.url, u.written, u.at))
            .collect()
    }

    #[test]
    fn urls_imports_and_image_sets() {
        let css = r#"@import "base.css";
@import url(print.css) print;
a { background: URL( "a b.png" ) }
/* b { background: url(commented.png) } */
c::before { content: "url(not-a-link.png)" }
d { background-image: -webkit-image-set("x.png" 1x, url(y.png) 2x, "z.avif" type("image/avif")) }
e { src: url(f\(1\).woff) }
f { background: myurl(no.png) }"#;
        let got = found(css);
        let at = |s: &str| css.find(s).unwrap();
        assert_eq!(
            got,
            [
                ("base.css".into(), "@import \"base.css\"".into(), 0),
                ("print.css".into(), "url(print.css)".into(), at("url(print")),
                ("a b.png".into(), "URL( \"a b.png\" )".into(), at("URL(")),
                ("x.png".into(), "\"x.png\"".into(), at("\"x.png")),
                ("y.png".into(), "url(y.png)".into(), at("url(y")),
                ("z.avif".into(), "\"z.avif\"".into(), at("\"z.avif")),
                ("f(1).woff".into(), "url(f\\(1\\).woff)".into(), at("url(f")),
            ]
        );
    }

    #[test]
    fn escapes_and_broken_css_never_panic() {
        assert_eq!(found("a{b:url(\\41 b.png)}")[0].0, "Ab.png");
        assert_eq!(found("a{b:url('caf\\e9.png')}")[0].0, "café.png");
        for css in [
            "url(",
            "url(\"",
            "url('a",
            "@import",
            "@import '",
            "/*",
            "\\",
            "a{b:url(x\\",
            "é url(é) \\é",
            "image-set(\"a\"",
            "))) url(a)",
        ] {
            let _ = urls(css);
        }
        // Pieces of CSS in any order, as the minifier's own test makes them.
        const PIECES: &[&str] = &[
            "url(",
            "URL(",
            "@import",
            "image-set(",
            ")",
            "(",
            "\"",
            "'",
            "\\",
            "/*",
            "*/",
            "\n",
            " ",
            "a",
            "f",
            "0",
            "é",
            "/",
            "#",
            "?",
            ";",
            "{",
            "}",
            "\\41 ",
            "../",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut input = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                input.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            for u in urls(&input) {
                assert!(input[u.at..].starts_with(&u.written[..1]), "{input:?}");
            }
        }
        assert_eq!(found("@import\n  'x.css' screen;")[0].0, "x.css");
        assert!(found("@importer 'x.css';").is_empty());
        assert!(found("@import foo 'x.css';").is_empty());
    }
}
