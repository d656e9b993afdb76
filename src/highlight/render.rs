//! Code to classed HTML with syntect: each token whose scope the theme colours becomes a
//! `<span class="hl-…">`, from a short fixed list of names (`hl-keyword`, `hl-string`, …)
//! that themes can style, instead of syntect's dotted scopes, which would make every page
//! several times bigger for colours no theme sets.

use syntect::parsing::{
    BasicScopeStackOp, ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet,
};

use super::fence::Fence;

/// The class a scope's token gets, or none when the theme leaves it in the text colour.
fn class_of(scope: &str) -> Option<&'static str> {
    let mut atoms = scope.split('.');
    let first = atoms.next()?;
    let second = atoms.next().unwrap_or("");
    let third = atoms.next().unwrap_or("");
    Some(match (first, second, third) {
        ("comment", ..) => "hl-comment",
        ("string", ..) | ("markup", "raw" | "inline" | "quote", _) => "hl-string",
        ("constant", "numeric" | "language" | "character" | "other", _) => "hl-number",
        ("keyword", "operator", _) => return None,
        ("keyword", ..) | ("storage", ..) | ("markup", "heading", _) => "hl-keyword",
        ("entity", "name", "function") | ("support", "function", _) => "hl-function",
        ("variable", "function", _) => "hl-function",
        ("entity", "name", "type" | "class" | "struct" | "enum" | "trait" | "namespace")
        | ("support", "type" | "class", _)
        | ("entity", "other", "inherited-class") => "hl-type",
        ("entity", "name", "tag") => "hl-tag",
        ("entity", "other", "attribute-name") => "hl-attr",
        ("variable", "parameter" | "language", _) => "hl-variable",
        _ => return None,
    })
}

/// Highlights `code` line by line; none when the grammar fails on it (then it is shown plain).
pub fn classed(
    code: &str,
    syntax: &SyntaxReference,
    set: &SyntaxSet,
    fence: &Fence,
) -> Option<String> {
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut spans = Spans::default();
    spans.out.reserve(code.len() * 2);
    for (index, line) in code.split_inclusive('\n').enumerate() {
        let ops = state.parse_line(line, set).ok()?;
        let (text, newline) = line.strip_suffix('\n').map_or((line, ""), |t| (t, "\n"));
        if fence.by_line() {
            spans.out.push_str(line_start(fence, index + 1));
        }
        spans.reopen();
        let mut at = 0;
        for (offset, op) in ops {
            // The newline stays outside every span, so each line is whole HTML.
            let offset = offset.clamp(at, text.len());
            spans.text(&text[at..offset]);
            at = offset;
            stack
                .apply_with_hook(&op, |basic, _| match basic {
                    BasicScopeStackOp::Push(scope) => spans.push(scope),
                    BasicScopeStackOp::Pop => spans.pop(),
                })
                .ok()?;
        }
        spans.text(&text[at..]);
        spans.close_all();
        if fence.by_line() {
            spans.out.push_str("</span>");
        }
        spans.out.push_str(newline);
    }
    Some(spans.out)
}

/// The HTML being written and the spans open in it.
#[derive(Default)]
struct Spans {
    out: String,
    /// What each scope on the stack opened: a span, or nothing (uncoloured, or the same
    /// class as the span around it, which would only repeat it).
    opened: Vec<Option<&'static str>>,
    /// The span just closed, while nothing has been written after it: opening the same
    /// class again continues it instead (`"` and `x"` of one string are one span).
    just_closed: Option<&'static str>,
}

impl Spans {
    fn text(&mut self, text: &str) {
        if !text.is_empty() {
            self.just_closed = None;
            escape_into(&mut self.out, text);
        }
    }

    fn push(&mut self, scope: Scope) {
        let inner = self.opened.iter().rev().flatten().next().copied();
        let class = class_of(&scope.build_string()).filter(|c| Some(*c) != inner);
        if let Some(class) = class {
            if self.just_closed == Some(class) {
                self.out.truncate(self.out.len() - "</span>".len());
            } else {
                open(&mut self.out, class);
            }
            self.just_closed = None;
        }
        self.opened.push(class);
    }

    fn pop(&mut self) {
        if let Some(Some(class)) = self.opened.pop() {
            self.out.push_str("</span>");
            self.just_closed = Some(class);
        }
    }

    /// What is open at a line's end is closed there and opened again on the next line, so
    /// a marked line can wrap it.
    fn reopen(&mut self) {
        for class in self.opened.iter().flatten() {
            open(&mut self.out, class);
        }
        self.just_closed = None;
    }

    fn close_all(&mut self) {
        for _ in self.opened.iter().flatten() {
            self.out.push_str("</span>");
        }
        self.just_closed = None;
    }
}

/// Code shown as it is, escaped, with line wrappers when the fence asks for them.
pub fn plain(code: &str, fence: &Fence) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 8);
    if !fence.by_line() {
        escape_into(&mut out, code);
        return out;
    }
    for (index, line) in code.split_inclusive('\n').enumerate() {
        out.push_str(line_start(fence, index + 1));
        let (text, newline) = line.strip_suffix('\n').map_or((line, ""), |t| (t, "\n"));
        escape_into(&mut out, text);
        out.push_str("</span>");
        out.push_str(newline);
    }
    out
}

fn line_start(fence: &Fence, n: usize) -> &'static str {
    if fence.marks(n) {
        "<span class=\"line hl-line\">"
    } else {
        "<span class=\"line\">"
    }
}

fn open(out: &mut String, class: &str) {
    out.push_str("<span class=\"");
    out.push_str(class);
    out.push_str("\">");
}

/// Code as element text: quotes stay as written, as pulldown-cmark leaves them.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// A value inside a double-quoted attribute.
pub fn escape_attr_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            c => escape_into(out, c.encode_utf8(&mut [0; 4])),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_map_to_the_few_classes_themes_colour() {
        assert_eq!(
            class_of("comment.line.double-slash.rust"),
            Some("hl-comment")
        );
        assert_eq!(class_of("keyword.control.rust"), Some("hl-keyword"));
        assert_eq!(class_of("keyword.operator.arithmetic"), None);
        assert_eq!(class_of("entity.name.function.rust"), Some("hl-function"));
        assert_eq!(class_of("meta.block.rust"), None);
        assert_eq!(class_of("source.rust"), None);
    }

    #[test]
    fn plain_code_is_escaped_and_marked_by_line() {
        let fence = Fence::parse("x,hl_lines=2");
        assert_eq!(
            plain("a<b\nc&d\n", &fence),
            "<span class=\"line\">a&lt;b</span>\n<span class=\"line hl-line\">c&amp;d</span>\n"
        );
    }
}
