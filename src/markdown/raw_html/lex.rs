//! A small HTML tokenizer for the raw HTML a writer puts in Markdown: just enough of the
//! HTML standard's tokenizer states (tags, quoted attributes, comments, bogus comments) to
//! tell where each construct ends, or that it never ends. A construct that never ends, or
//! an element whose content the browser never shows, would swallow the page that follows;
//! finding those is why this exists. Element-level decisions are made by the caller.

/// One construct found in raw HTML, by byte range in the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    /// One past the construct's last byte; `None` when the text ends inside it.
    pub end: Option<usize>,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `<name …>`, with the name lower-cased and each attribute's name and value.
    /// `valid` is whether CommonMark would read it as a tag too: attribute names made of
    /// `[A-Za-z_:][A-Za-z0-9_.:-]*`, unquoted values without quotes, `=`, `<`, `>` or
    /// backticks. A browser takes `<div to start <span>` as a `div` with three attributes;
    /// a writer meant words.
    Open {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
        valid: bool,
    },
    Close {
        name: String,
    },
    /// `<!-- … -->`: a writer's note, never shown.
    Comment,
    /// `<!…>`, `<?…>`, `<![CDATA[…]]>`, `</ …>`, `</>`: the browser drops them like a
    /// comment, though in Markdown they are nearly always words (`<!important>`).
    Bogus,
}

/// The construct starting at `at`, which must be a `<`; none when it is a plain `<`.
pub fn token_at(text: &str, at: usize) -> Option<Token> {
    let bytes = text.as_bytes();
    let next = |i: usize| bytes.get(at + i).copied();
    match next(1)? {
        b'!' if text[at..].starts_with("<!--") => Some(comment(text, at)),
        b'!' | b'?' => Some(bogus_comment(text, at, at + 2)),
        b'/' => match next(2) {
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, after) = tag_name(text, at + 2);
                let (end, ..) = attributes(text, after);
                Some(Token {
                    start: at,
                    end,
                    kind: Kind::Close { name },
                })
            }
            Some(b'>') => Some(Token {
                start: at,
                end: Some(at + 3),
                kind: Kind::Bogus,
            }),
            Some(_) => Some(bogus_comment(text, at, at + 2)),
            None => None,
        },
        c if c.is_ascii_alphabetic() => {
            let (name, after) = tag_name(text, at + 1);
            let (end, attrs, self_closing, valid_attrs) = attributes(text, after);
            let valid = is_tag_name(&name) && valid_attrs;
            Some(Token {
                start: at,
                end,
                kind: Kind::Open {
                    name,
                    attrs,
                    self_closing,
                    valid,
                },
            })
        }
        _ => None,
    }
}

/// Every construct in `text`, in order, resuming after each one's end; an unterminated
/// construct is the last (everything after its start belongs to it).
pub fn tokens(text: &str) -> impl Iterator<Item = Token> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(i) = memchr::memchr(b'<', &text.as_bytes()[from..]) {
            let at = from + i;
            match token_at(text, at) {
                Some(token) => {
                    from = token.end.unwrap_or(text.len());
                    return Some(token);
                }
                None => from = at + 1,
            }
        }
        from = text.len();
        None
    })
}

fn comment(text: &str, at: usize) -> Token {
    // `<!-->` and `<!--->` are complete (empty) comments.
    let body = at + 4;
    let end = if text[body..].starts_with('>') {
        Some(body + 1)
    } else if text[body..].starts_with("->") {
        Some(body + 2)
    } else {
        text[body..].find("-->").map(|i| body + i + 3)
    };
    Token {
        start: at,
        end,
        kind: Kind::Comment,
    }
}

fn bogus_comment(text: &str, at: usize, from: usize) -> Token {
    let from = from.min(text.len());
    Token {
        start: at,
        end: memchr::memchr(b'>', &text.as_bytes()[from..]).map(|i| from + i + 1),
        kind: Kind::Bogus,
    }
}

fn is_tag_name(name: &str) -> bool {
    name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// An attribute name as CommonMark writes one: `[A-Za-z_:][A-Za-z0-9_.:-]*`.
fn is_attribute_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'_' | b':'))
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'-'))
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn tag_name(text: &str, from: usize) -> (String, usize) {
    let bytes = text.as_bytes();
    let mut end = from;
    while end < bytes.len() && !is_space(bytes[end]) && !matches!(bytes[end], b'/' | b'>') {
        end += 1;
    }
    (text[from..end].to_ascii_lowercase(), end)
}

/// What `attributes` read: the tag's end (none if the text ends first), the attributes,
/// whether the tag ended in `/>` and whether CommonMark would read the attributes too.
type Attributes = (Option<usize>, Vec<(String, String)>, bool, bool);

/// Reads attributes up to the tag's `>`.
fn attributes(text: &str, mut i: usize) -> Attributes {
    let bytes = text.as_bytes();
    let mut attrs = Vec::new();
    let mut slash = false;
    let mut valid = true;
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            slash = bytes[i] == b'/';
            i += 1;
        }
        match bytes.get(i) {
            None => return (None, attrs, false, false),
            Some(b'>') => return (Some(i + 1), attrs, slash, valid),
            Some(_) => slash = false,
        }
        let name_start = i;
        i += 1; // The first character may be `=`.
        while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = text[name_start..i].to_ascii_lowercase();
        valid &= is_attribute_name(&name);
        let mut j = i;
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        if bytes.get(j) != Some(&b'=') {
            attrs.push((name, String::new()));
            continue;
        }
        j += 1;
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        let (value, after) = match bytes.get(j) {
            None => return (None, attrs, false, false),
            Some(&q @ (b'"' | b'\'')) => match memchr::memchr(q, &bytes[j + 1..]) {
                Some(k) => (&text[j + 1..j + 1 + k], j + k + 2),
                None => return (None, attrs, false, false),
            },
            Some(_) => {
                let mut k = j;
                while k < bytes.len() && !is_space(bytes[k]) && bytes[k] != b'>' {
                    k += 1;
                }
                valid &= !text[j..k].contains(['"', '\'', '=', '<', '`']);
                (&text[j..k], k)
            }
        };
        attrs.push((name, value.to_string()));
        i = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(usize, Option<usize>, String)> {
        tokens(text)
            .map(|t| {
                let what = match t.kind {
                    Kind::Open { name, .. } => name,
                    Kind::Close { name } => format!("/{name}"),
                    Kind::Comment => "!".into(),
                    Kind::Bogus => "?".into(),
                };
                (t.start, t.end, what)
            })
            .collect()
    }

    #[test]
    fn tags_comments_and_their_ends() {
        assert_eq!(
            kinds("a <B x='>'>b</b> <!-- c --> 1 < 2"),
            [
                (2, Some(11), "b".into()),
                (12, Some(16), "/b".into()),
                (17, Some(27), "!".into()),
            ]
        );
    }

    #[test]
    fn unterminated_constructs_run_to_the_end() {
        for text in [
            "<div class=\"x>",
            "<!-- open",
            "<?php",
            "<!DOCTYPE",
            "<a href=x",
        ] {
            let all: Vec<_> = tokens(text).collect();
            assert_eq!(all.len(), 1, "{text}");
            assert_eq!(all[0].end, None, "{text}");
        }
    }

    #[test]
    fn attributes_and_self_closing() {
        let t = token_at("<img src=\"a.png\" alt=x onerror = 'y' />", 0).unwrap();
        let Kind::Open {
            name,
            attrs,
            self_closing,
            valid,
        } = t.kind
        else {
            panic!()
        };
        assert!(valid);
        assert_eq!(name, "img");
        assert!(self_closing);
        let names: Vec<_> = attrs.iter().map(|(n, v)| format!("{n}={v}")).collect();
        assert_eq!(names, ["src=a.png", "alt=x", "onerror=y"]);
    }

    #[test]
    fn tags_commonmark_would_not_read_are_not_valid() {
        for text in ["<div to start <span>", "<a b=c=d>", "<a `x`>", "<a b=<c>"] {
            let t = token_at(text, 0).unwrap();
            assert!(matches!(t.kind, Kind::Open { valid: false, .. }), "{text}");
        }
        for text in ["<a href=\"x<y>\">", "<a data-x='1=2' _y :z>"] {
            let t = token_at(text, 0).unwrap();
            assert!(matches!(t.kind, Kind::Open { valid: true, .. }), "{text}");
        }
    }
}
