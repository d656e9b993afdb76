//! How many elements a body's raw HTML leaves open. The sanitizer parses a body as one
//! HTML document, and its tree builder looks through every open element for each tag: a
//! body that opens thousands of elements and closes none (`<pre>` on every other line)
//! takes time that grows with the square of its length, minutes for a large file. Browsers
//! stop nesting at a depth of 512; a body past that is shown as text instead.

use super::is_void;
use super::lex::{Kind, tokens};

/// More elements left open than this, and the body's raw HTML is shown as text.
pub const MAX_OPEN: usize = 512;

/// Elements whose end tag may be left out: the next sibling closes them, so leaving them
/// open does not nest what follows (`<li>` after `<li>`, `<p>` after `<p>`).
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "caption", "colgroup", "rb", "rt", "rtc", "rp", "html", "head", "body",
];

/// Whether the raw HTML `pieces` leave more than `MAX_OPEN` elements open, counting each
/// element by name: an end tag closes one of its name if any is open.
pub fn too_deep<'a>(pieces: impl Iterator<Item = &'a str>) -> bool {
    let mut open: std::collections::HashMap<String, usize> = Default::default();
    let mut total = 0;
    for piece in pieces {
        for token in tokens(piece) {
            match token.kind {
                Kind::Open {
                    name,
                    self_closing: false,
                    ..
                } if !is_void(&name) && !OPTIONAL_END.contains(&name.as_str()) => {
                    *open.entry(name).or_default() += 1;
                    total += 1;
                    if total > MAX_OPEN {
                        return true;
                    }
                }
                Kind::Close { name } => {
                    if let Some(n) = open.get_mut(&name).filter(|n| **n > 0) {
                        *n -= 1;
                        total -= 1;
                    }
                }
                _ => {}
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_elements_left_open_count() {
        let closed = "<div><pre>x</pre></div>".repeat(2_000);
        assert!(!too_deep([closed.as_str()].into_iter()));
        let lists = "<li>item<p>text<br>".repeat(2_000);
        assert!(!too_deep([lists.as_str()].into_iter()));
        let open = vec!["<pre>"; MAX_OPEN + 1];
        assert!(too_deep(open.into_iter()));
        let at_limit = vec!["<div class=\"x\">"; MAX_OPEN];
        assert!(!too_deep(at_limit.into_iter()));
    }
}
