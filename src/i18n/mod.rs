//! Languages: what the site needs to know about how each one is written and read. For
//! now, the scripts written without spaces between words (Chinese, Japanese, Thai), which
//! word counts, reading time and search must treat character by character.

pub mod script;
