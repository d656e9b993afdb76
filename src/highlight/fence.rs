//! A code fence's info string, Zola's way: ```` ```rust,linenos,hl_lines=3-5 8 ````. The
//! language comes first; the options after it are comma-separated, and `hl_lines` takes
//! line numbers and ranges separated by spaces.

use std::ops::RangeInclusive;

/// What a fence asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Fence {
    /// The language as written (`rust`, `Python`, `js`), or none for a bare fence.
    pub lang: Option<String>,
    pub linenos: bool,
    /// 1-based lines to mark, as written.
    pub hl_lines: Vec<RangeInclusive<usize>>,
    /// Options the fence named that mean nothing here, kept to tell the writer.
    pub unknown: Vec<String>,
}

impl Fence {
    pub fn parse(info: &str) -> Self {
        let mut fence = Fence::default();
        let mut parts = info.split(',').map(str::trim);
        if let Some(lang) = parts.next().filter(|l| !l.is_empty()) {
            // `rust {.class}` and `rust title="x"`: only the first word names the language.
            let lang = lang.split_whitespace().next().unwrap_or(lang);
            fence.lang = Some(lang.to_string());
        }
        for part in parts.filter(|p| !p.is_empty()) {
            match part.split_once('=') {
                None if part == "linenos" => fence.linenos = true,
                Some(("hl_lines", lines)) => match parse_lines(lines) {
                    Some(lines) => fence.hl_lines.extend(lines),
                    None => fence.unknown.push(part.to_string()),
                },
                _ => fence.unknown.push(part.to_string()),
            }
        }
        fence
    }

    /// Whether line `n` (1-based) is one the fence marks.
    pub fn marks(&self, n: usize) -> bool {
        self.hl_lines.iter().any(|r| r.contains(&n))
    }

    /// Whether lines must be wrapped one by one: for numbers or marks.
    pub fn by_line(&self) -> bool {
        self.linenos || !self.hl_lines.is_empty()
    }
}

/// `3-5 8` as ranges, or none when a piece is not a line number or range.
fn parse_lines(text: &str) -> Option<Vec<RangeInclusive<usize>>> {
    text.split_whitespace()
        .map(|piece| {
            let (from, to) = piece.split_once('-').unwrap_or((piece, piece));
            let (from, to) = (from.parse().ok()?, to.parse().ok()?);
            (from >= 1 && from <= to).then_some(from..=to)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_language_and_options() {
        let f = Fence::parse("rust,linenos,hl_lines=3-5 8");
        assert_eq!(f.lang.as_deref(), Some("rust"));
        assert!(f.linenos);
        assert_eq!(f.hl_lines, vec![3..=5, 8..=8]);
        assert!(f.marks(4) && f.marks(8) && !f.marks(6));
        assert!(f.unknown.is_empty());
    }

    #[test]
    fn a_bare_fence_has_no_language() {
        assert_eq!(Fence::parse(""), Fence::default());
        assert_eq!(Fence::parse("  ,linenos").lang, None);
    }

    #[test]
    fn bad_options_are_kept_to_tell_the_writer() {
        let f = Fence::parse("py,hl_lines=5-2,wrap");
        assert_eq!(f.unknown, ["hl_lines=5-2", "wrap"]);
        assert!(f.hl_lines.is_empty());
    }
}
