//! Stable hashing of text, at the bottom of the import graph: the model's rendered bodies
//! carry a hash of their HTML, which watch mode compares, and nothing here depends on any
//! stage.

use std::hash::BuildHasher;

/// A fixed-seed fast hash: stable within a process, which is all comparisons need.
pub fn hash_str(s: &str) -> u64 {
    foldhash::quality::FixedState::with_seed(0x6361_7265_6572_7321).hash_one(s)
}
