//! Reading a file an earlier command left to spare a later one work (the outbound-link
//! results `check --external` keeps under `.careersite-cache/`). Such a file is only a
//! shortcut: one that is missing, unreadable or not an ordinary file reads as none, and
//! the work is done again.

use std::path::Path;

/// The bytes of the cache file at `path`, when there is one to read.
pub fn read_cache(path: &Path) -> Option<Vec<u8>> {
    super::read_regular(path).ok()
}
