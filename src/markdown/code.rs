//! Fenced and indented code blocks: their text is gathered whole and handed to the
//! highlighter, which returns the block's HTML; a fence naming a language no grammar
//! knows is shown plain, with a warning for `check` (never an error: the page still builds).

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, CowStr, Event};

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

impl OpenBlock {
    /// Where the block starts in the parsed text.
    pub fn at(&self) -> usize {
        self.at
    }

    /// The block's HTML once its end is reached, and what `check` should tell the writer
    /// about it; `(line, column)` is where the block starts in the file.
    pub fn close(
        self,
        file: &Path,
        (line, column): (usize, usize),
    ) -> (Event<'static>, Vec<Diagnostic>) {
        let made = highlight::highlight(&self.text, &self.fence);
        let mut warnings = Vec::new();
        if !made.known {
            let lang = self.fence.lang.as_deref().unwrap_or_default();
            warnings.push(
                Diagnostic::warning(
                    file.to_path_buf(),
                    format!("unknown language `{lang}` in a code block: it is shown without colours"),
                )
                .at(line, column)
                .hint("name a known language (rust, python, js, ts, toml, yaml, sh, sql, html, css, …), or `text` for plain text"),
            );
        }
        if !self.fence.unknown.is_empty() {
            let options: Vec<String> = self
                .fence
                .unknown
                .iter()
                .map(|o| format!("`{o}`"))
                .collect();
            warnings.push(
                Diagnostic::warning(
                    file.to_path_buf(),
                    format!("code block options not understood: {}", options.join(", ")),
                )
                .at(line, column)
                .hint(
                    "after the language, write `linenos` and `hl_lines=3-5 8` separated by commas",
                ),
            );
        }
        (Event::Html(CowStr::from(made.html.to_string())), warnings)
    }
}
