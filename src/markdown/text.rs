//! Plain-text measures of a body: word count, the summary for listings, and byte offsets
//! turned into the file's lines and columns for messages.

use std::cell::Cell;

use unicode_segmentation::UnicodeSegmentation;

use super::raw_html::Shift;
use crate::i18n::script::is_unspaced;

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
/// joined by apostrophes or hyphens, counted where it starts. Text beyond ASCII is split by
/// Unicode word segmentation (UAX #29), so marks inside a word (a Hindi virama, Arabic
/// vowel signs) do not split it; each character of a script written without spaces
/// (Chinese, Japanese, Thai) counts as a word, and is counted in `unspaced` too, for the
/// reading time.
#[derive(Default)]
pub struct WordCounter {
    pub count: usize,
    pub unspaced: usize,
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
        for segment in text.split_word_bounds() {
            let unspaced = segment
                .graphemes(true)
                .filter(|g| g.chars().next().is_some_and(is_unspaced))
                .count();
            if unspaced > 0 {
                self.count += unspaced;
                self.unspaced += unspaced;
                self.in_word = false;
            } else if segment.chars().any(char::is_alphanumeric) {
                if !self.in_word {
                    self.count += 1;
                    self.in_word = true;
                }
            } else if !matches!(segment, "'" | "’" | "-") {
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

#[cfg(test)]
mod tests {
    use super::WordCounter;

    fn count(events: &[&str]) -> (usize, usize) {
        let mut c = WordCounter::default();
        for e in events {
            c.feed(e);
        }
        (c.count, c.unspaced)
    }

    #[test]
    fn latin_words_join_across_events_and_hyphens() {
        assert_eq!(count(&["don", "’", "t stop well-known café"]), (4, 0));
        assert_eq!(count(&["naïve ", "résumé, 3 items"]), (4, 0));
    }

    #[test]
    fn marks_inside_a_word_do_not_split_it() {
        // A virama and Arabic vowel signs are not letters, but belong to the word.
        assert_eq!(count(&["विश्लेषक डेटा"]), (2, 0));
        assert_eq!(count(&["مُحَلِّل بيانات"]), (2, 0));
    }

    #[test]
    fn unspaced_scripts_count_each_character() {
        assert_eq!(count(&["数据分析师，使用 SQL。"]), (8, 7));
        assert_eq!(count(&["データの分析"]), (6, 6));
        // Thai: grapheme clusters, so a vowel sign above its consonant is one.
        assert_eq!(count(&["นักวิเคราะห์"]), (9, 9));
        let long = "数".repeat(3400);
        assert_eq!(count(&[&long]), (3400, 3400));
    }
}
