//! careersite: a static site generator for career-guide websites.
//!
//! The build is a pipeline of plain stages over an in-memory site model:
//! `source` (read) -> `parse` (front matter) -> `link` (Markdown, tags, cross-links)
//! -> `render` (Tera) -> `output` (staging folder, swap). See `pipeline`.

/// Prints a line to stdout; a closed pipe (`careersite build | head -1`) is not an error.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// Prints a line to stderr, likewise.
#[macro_export]
macro_rules! tell {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

pub mod autolink;
pub mod cli;
pub mod config;
pub mod data_files;
pub mod datasets;
pub mod error;
pub mod external;
pub(crate) mod fs_calls;
#[doc(hidden)]
pub mod fuzzing;
pub mod hash;
pub mod highlight;
pub mod i18n;
pub mod images;
pub mod languages;
pub mod link;
pub mod markdown;
pub mod model;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod progress;
pub mod publish;
pub mod redirects;
pub mod render;
pub mod scaffold;
pub mod scratch;
pub mod serve;
pub mod shortcode;
pub mod slug;
pub mod source;
pub mod subpath;
pub mod text;
pub mod trace;
pub mod verify;
pub mod watch;

pub use error::{Diagnostic, SiteError};
pub use pipeline::{BuildOptions, Report, build, check};
