//! Raw HTML in Markdown, decided so that it never eats the writer's words.
//!
//! CommonMark decides what is raw HTML, per block and per inline span; a browser then
//! decides what shows. The two disagree in ways that lose content: a `<script>` block that
//! is never closed makes the rest of the file one HTML block; `Use the <script> element.`
//! opens a script element that hides everything after it; `<img>` in prose is an empty
//! image. So, after CommonMark has spoken, every raw construct must end where the writer's
//! HTML ends, and an element whose content a browser hides must be closed there too:
//! - an HTML *block* whose opening construct would swallow what follows (never closed, or
//!   a bare tag name in a sentence) is not a block: its `<` is escaped in the source and the
//!   text parsed again, so the lines after it are Markdown as written;
//! - inside HTML blocks, and for inline tags, such a construct is shown as text;
//! - an inline tag must be closed within its paragraph (or heading, or cell), and a void
//!   element named bare (`<img>`) is a word, not an image.
//!
//! These rules hold under every `raw_html` policy; `sanitize` then removes what is unsafe,
//! and `sanitize::dropped` says what it removed.

mod blocks;
pub mod depth;
mod inline;
pub mod lex;

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Parser};

use crate::config::RawHtml;
use lex::Kind;

pub use blocks::Fix;

/// A parser event and its byte range in the text that was parsed.
pub type Spanned<'a> = (Event<'a>, Range<usize>);

/// Elements whose content is not markup (the tokenizer reads it up to `</name`).
const RAW_TEXT: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "title", "textarea",
];

/// Elements whose content a browser does not show (or shows as source) until they close.
const HIDING: &[&str] = &[
    "template",
    "plaintext",
    "select",
    "datalist",
    "video",
    "audio",
    "canvas",
    "object",
    "svg",
    "math",
    "dialog",
];

/// Elements that never have content or an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen",
];

/// Void elements that mean something with no attributes; any other, named bare, is prose.
const BARE_VOID_OK: &[&str] = &["br", "hr", "wbr"];

/// How many times the text is parsed again at most; each pass escapes every block that
/// swallowed content. Past this (only hostile input gets here), blocks are escaped in place.
const MAX_PASSES: usize = 4;

fn is_raw_text(name: &str) -> bool {
    RAW_TEXT.contains(&name)
}

fn hides_content(name: &str) -> bool {
    RAW_TEXT.contains(&name) || HIDING.contains(&name)
}

fn is_void(name: &str) -> bool {
    VOID.contains(&name)
}

/// A void element named with no attributes that does nothing as HTML: `<img>`, `<input>`.
fn is_bare_void(kind: &Kind) -> bool {
    match kind {
        Kind::Open { name, attrs, .. } => {
            is_void(name) && attrs.is_empty() && !BARE_VOID_OK.contains(&name.as_str())
        }
        _ => false,
    }
}

pub fn parse<'a>(text: &'a str, options: pulldown_cmark::Options) -> Vec<Spanned<'a>> {
    Parser::new_ext(text, options).into_offset_iter().collect()
}

/// Offsets in `text` of each `<` that must be escaped so that it starts text rather than
/// an HTML block that swallows what follows. Sorted.
pub fn block_escapes(text: &str, options: pulldown_cmark::Options) -> Vec<usize> {
    let mut escapes: Vec<usize> = Vec::new();
    if !may_open_html_block(text) {
        return escapes;
    }
    for _ in 0..MAX_PASSES {
        let fixed = escape(text, &escapes);
        let shift = Shift::new(&escapes);
        let events = parse(&fixed, options);
        let found: Vec<usize> = blocks::fixes(&events, &fixed)
            .into_iter()
            .filter(|f| f.block_start)
            .map(|f| shift.original(f.source))
            .collect();
        if found.is_empty() {
            break;
        }
        escapes.extend(found);
        escapes.sort_unstable();
        escapes.dedup();
    }
    escapes
}

/// Whether some line starts with `<` once indentation and container markers (`>`, list
/// bullets and numbers) are skipped: no HTML block can start anywhere else, and most
/// texts have none, so they are parsed once only.
fn may_open_html_block(text: &str) -> bool {
    text.split('\n').any(|line| {
        line.trim_start_matches(|c: char| {
            matches!(c, ' ' | '\t' | '>' | '*' | '+' | '-' | '.' | ')') || c.is_ascii_digit()
        })
        .starts_with('<')
    })
}

/// `text` with a backslash before each of `escapes` (sorted offsets of `<`).
pub fn escape<'a>(text: &'a str, escapes: &[usize]) -> Cow<'a, str> {
    if escapes.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + escapes.len());
    let mut from = 0;
    for &at in escapes {
        out.push_str(&text[from..at]);
        out.push('\\');
        from = at;
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// Maps offsets in the escaped text back to the writer's text.
#[derive(Debug, Default, Clone)]
pub struct Shift {
    /// Where each inserted backslash is in the escaped text, ascending.
    backslashes: Vec<usize>,
}

impl Shift {
    pub fn new(escapes: &[usize]) -> Self {
        Self {
            backslashes: escapes.iter().enumerate().map(|(i, &e)| e + i).collect(),
        }
    }

    pub fn original(&self, offset: usize) -> usize {
        offset - self.backslashes.partition_point(|&b| b < offset)
    }
}

/// A raw construct kept as HTML, for `sanitize::dropped` to judge: where it is in the
/// parsed text and what it is.
#[derive(Debug, Clone)]
pub struct Kept {
    pub source: usize,
    pub kind: Kind,
}

/// Applies the rules above to parsed `events` (of `text`) in place: constructs that would
/// swallow what follows become text. Returns the raw constructs that stay HTML.
pub fn secure(events: &mut [Spanned<'_>], text: &str, policy: RawHtml) -> Vec<Kept> {
    if policy == RawHtml::Escape {
        // Every raw construct becomes text later; nothing can swallow anything.
        return Vec::new();
    }
    let mut kept = blocks::apply(events, text);
    kept.extend(inline::apply(events));
    kept.sort_by_key(|k| k.source);
    kept
}

/// `html` with the `<` at each of `at` (sorted byte offsets) written as `&lt;`.
fn escape_at(html: &str, at: &[usize]) -> String {
    let mut out = String::with_capacity(html.len() + at.len() * 3);
    let mut from = 0;
    for &i in at {
        out.push_str(&html[from..i]);
        out.push_str("&lt;");
        from = i + 1;
    }
    out.push_str(&html[from..]);
    out
}

/// Turns an inline HTML event into the same characters as text.
fn as_text(event: &mut Event<'_>) {
    if let Event::InlineHtml(html) = event {
        let html = std::mem::replace(html, CowStr::Borrowed(""));
        *event = Event::Text(html);
    }
}

#[cfg(test)]
mod tests;
