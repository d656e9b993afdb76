//! Fenced and indented code blocks: their text is gathered whole and handed to the
//! highlighter, which returns the block's HTML; a fence naming a language no grammar
//! knows is shown plain, with a warning for `check` (never an error: the page still builds).

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event};

use super::walk::Walk;
use crate::error::Diagnostic;
use crate::highlight::{self, Fence};

/// A code block being read.
pub struct OpenBlock {
    fence: Fence,
    text: String,
    /// Where the block starts in the parsed text, for the warning's line and column.
    at: usize,
}

impl OpenBlock {
    pub fn new(kind: &CodeBlockKind<'_>, range: &Range<usize>) -> Self {
        let fence = match kind {
            CodeBlockKind::Fenced(info) => Fence::parse(info),
            CodeBlockKind::Indented => Fence::default(),
        };
        Self {
            fence,
            text: String::new(),
            at: range.start,
        }
    }

    pub fn push(&mut self, text: &str) {
        self.text.push_str(text);
    }
}

impl<'a> Walk<'a, '_> {
    /// The block's HTML, once its end is reached.
    pub(super) fn close_code_block(&mut self, block: OpenBlock) -> Event<'a> {
        let made = highlight::highlight(&block.text, &block.fence);
        let (line, column) = self.lines.line_col(block.at);
        if !made.known {
            let lang = block.fence.lang.as_deref().unwrap_or_default();
            self.out.warnings.push(
                Diagnostic::warning(
                    self.input.file.to_path_buf(),
                    format!("unknown language `{lang}` in a code block: it is shown without colours"),
                )
                .at(line, column)
                .hint("name a known language (rust, python, js, ts, toml, yaml, sh, sql, html, css, …), or `text` for plain text"),
            );
        }
        if !block.fence.unknown.is_empty() {
            let options: Vec<String> = block
                .fence
                .unknown
                .iter()
                .map(|o| format!("`{o}`"))
                .collect();
            self.out.warnings.push(
                Diagnostic::warning(
                    self.input.file.to_path_buf(),
                    format!("code block options not understood: {}", options.join(", ")),
                )
                .at(line, column)
                .hint(
                    "after the language, write `linenos` and `hl_lines=3-5 8` separated by commas",
                ),
            );
        }
        Event::Html(CowStr::from(made.html.to_string()))
    }
}
