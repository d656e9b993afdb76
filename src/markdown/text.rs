//! Plain-text measures of a body: word count, the summary for listings, and byte offsets
//! turned into the file's lines and columns for messages.

use std::cell::Cell;

use super::raw_html::Shift;

pub const SUMMARY_MAX_CHARS: usize = 280;

pub fn push_summary(summary: &mut String, text: &str) {
    if summary.len() < SUMMARY_MAX_CHARS * 4 {
        summary.push_str(text);
    }
}

/// Collapses whitespace and cuts at a word boundary near `SUMMARY_MAX_CHARS`.
pub fn finish_summary(raw: &str) -> String {
    let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= SUMMARY_MAX_CHARS {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(SUMMARY_MAX_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) => &cut[..i],
        None => &cut[..],
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// Counts words across the text events of a body. Smart punctuation and emphasis split one
/// word into several events (`don`, `’`, `t`), so a word is a run of letters and digits
/// joined by apostrophes or hyphens, counted where it starts.
#[derive(Default)]
pub struct WordCounter {
    pub count: usize,
    in_word: bool,
}

impl WordCounter {
    pub fn feed(&mut self, text: &str) {
        if text.is_ascii() {
            // Nearly all text: bytes, without decoding characters.
            for b in text.bytes() {
                if b.is_ascii_alphanumeric() {
                    if !self.in_word {
                        self.count += 1;
                        self.in_word = true;
                    }
                } else if !matches!(b, b'\'' | b'-') {
                    self.in_word = false;
                }
            }
            return;
        }
        for c in text.chars() {
            if c.is_alphanumeric() {
                if !self.in_word {
                    self.count += 1;
                    self.in_word = true;
                }
            } else if !matches!(c, '\'' | '’' | '-') {
                self.in_word = false;
            }
        }
    }

    pub fn boundary(&mut self) {
        self.in_word = false;
    }
}

/// Byte offsets to file lines and columns. Columns count characters, as editors and the
/// YAML and TOML errors do, so `Café [x](…)` puts the `[` at column 6, not 7. Offsets are
/// in the parsed text, which may have backslashes the writer did not type (`shift`).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    first_line: usize,
    shift: Shift,
    /// The last answer (offset, line index, column): offsets mostly come in order, so the
    /// next column is counted from there rather than from the line's start, which keeps
    /// many links on one very long line linear.
    last: Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str, first_line: usize, shift: Shift) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Self {
            text,
            starts,
            first_line,
            shift,
            last: Cell::new((0, 0, 1)),
        }
    }

    pub fn line_col(&self, parsed_offset: usize) -> (usize, usize) {
        let offset = self.shift.original(parsed_offset).min(self.text.len());
        let idx = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let (last_offset, last_idx, last_col) = self.last.get();
        let (from, col) = if last_idx == idx && last_offset <= offset {
            (last_offset, last_col)
        } else {
            (self.starts[idx], 1)
        };
        let col = col + self.text.get(from..offset).map_or(0, |s| s.chars().count());
        self.last.set((offset, idx, col));
        (self.first_line + idx, col)
    }
}
