//! Languages: how each one is written and read, and the theme's words in it. `script`
//! knows the scripts written without spaces between words (Chinese, Japanese, Thai), which
//! word counts, reading time and search treat character by character; `strings` holds the
//! theme's translated strings with their plural rules; `format` writes dates and numbers
//! the language's way.

pub mod format;
pub mod script;
pub mod strings;
