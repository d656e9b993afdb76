//! Text that every stage reads: front matter split from its body, YAML and TOML turned into
//! values with errors at their line and column, and positions within a file. A leaf above
//! `error` only, so `config`, `source` and `parse` can all use it without reaching each other.

pub mod chars;
pub mod format;
pub mod frontmatter;
mod toml_words;
mod yaml_words;
