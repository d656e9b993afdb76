//! Content hashes for fingerprints and the output manifest: a shared leaf that any stage may
//! use, so no stage needs another stage to hash.

use std::hash::{BuildHasher, Hash, Hasher};

/// A fixed-seed fast hasher: the same input gives the same hash in every run, so the
/// output manifest written by one build is valid in the next.
pub struct Fingerprinter(foldhash::quality::FoldHasher<'static>);

impl Fingerprinter {
    pub fn new() -> Self {
        Fingerprinter(
            foldhash::quality::FixedState::with_seed(0x6361_7265_6572_7321).build_hasher(),
        )
    }
}

impl Default for Fingerprinter {
    fn default() -> Self {
        Self::new()
    }
}

impl Hasher for Fingerprinter {
    fn finish(&self) -> u64 {
        self.0.finish()
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes)
    }
}

/// The hash of any hashable value.
pub fn hash_of(value: impl Hash) -> u64 {
    let mut h = Fingerprinter::new();
    value.hash(&mut h);
    h.finish()
}

pub fn hash_str(s: &str) -> u64 {
    hash_of(s)
}

/// The hash of a file's bytes, as the output manifest records it.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = foldhash::quality::FixedState::with_seed(7).build_hasher();
    h.write(bytes);
    h.finish()
}
