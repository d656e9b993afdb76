//! Text that every stage reads: front matter split from its body, YAML and TOML turned into
//! values with errors at their line and column, and positions within a file. A leaf above
//! `error` only, so `config`, `source` and `parse` can all use it without reaching each other.

pub mod chars;
pub mod format;
pub mod frontmatter;
mod toml_words;
mod yaml_words;

/// A count with its noun, singular for one: "1 guide", "2 guides". Every noun the tool
/// counts in its messages takes a plain "s".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod count_tests {
    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(super::count(1, "guide"), "1 guide");
        assert_eq!(super::count(0, "warning"), "0 warnings");
        assert_eq!(super::count(2, "career move"), "2 career moves");
    }
}
