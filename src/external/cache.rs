//! What `check --external` remembers between runs: each URL it asked about, what it
//! answered and when (seconds since 1970). A link that worked is trusted until it is
//! older than `cache_max_age`; one that failed is always asked again, since the fix may
//! be on either side. Kept as JSON in `.careersite-cache/external-links.json` under the
//! site, read by `source` and written by `output` like every other file; this module
//! only turns it into data and back.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The file's folder under the site root, and its name.
pub const DIR: &str = ".careersite-cache";
pub const FILE: &str = "external-links.json";

/// Changed whenever an entry's meaning changes, so an old file is read as empty.
const VERSION: u32 = 1;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Cache {
    version: u32,
    /// By URL as requested; ordered, so the file changes only where results do.
    links: BTreeMap<String, Entry>,
}

/// One URL's last result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// When it was asked, in seconds since 1970.
    pub checked: u64,
    /// The status it answered with, when it answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Whether it worked; only these entries are reused.
    pub ok: bool,
}

impl Cache {
    /// The cache a file holds; anything unreadable (another version, a file cut short, a
    /// hand edit gone wrong) reads as empty, and the links are asked about again.
    pub fn parse(bytes: &[u8]) -> Cache {
        match serde_json::from_slice::<Cache>(bytes) {
            Ok(cache) if cache.version == VERSION => cache,
            _ => Cache::default(),
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(&Cache {
            version: VERSION,
            links: self.links.clone(),
        })
        .unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// When `url` last worked, if that was less than `max_age` before `now`. A time
    /// after `now` (a clock set back) is not trusted.
    pub fn fresh(&self, url: &str, now: u64, max_age: Duration) -> Option<&Entry> {
        self.links
            .get(url)
            .filter(|e| e.ok && e.checked <= now && now - e.checked < max_age.as_secs())
    }

    pub fn record(&mut self, url: &str, entry: Entry) {
        self.links.insert(url.to_string(), entry);
    }

    /// Forgets entries too old to be reused, so the file does not grow with every link
    /// a site ever had.
    pub fn prune(&mut self, now: u64, max_age: Duration) {
        self.links
            .retain(|_, e| e.checked <= now && now - e.checked < max_age.as_secs());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: Duration = Duration::from_secs(86_400);

    fn entry(checked: u64, ok: bool) -> Entry {
        Entry {
            checked,
            status: Some(if ok { 200 } else { 404 }),
            ok,
        }
    }

    #[test]
    fn only_young_successes_are_reused() {
        let mut cache = Cache::default();
        cache.record("https://a.org/", entry(1_000, true));
        cache.record("https://b.org/", entry(1_000, false));
        cache.record("https://c.org/", entry(5_000, true));
        let now = 1_000 + DAY.as_secs() - 1;
        assert!(cache.fresh("https://a.org/", now, DAY).is_some());
        assert!(cache.fresh("https://a.org/", now + 1, DAY).is_none());
        assert!(cache.fresh("https://b.org/", now, DAY).is_none());
        // Checked "in the future": the clock moved back.
        assert!(cache.fresh("https://c.org/", 4_000, DAY).is_none());
        assert!(cache.fresh("https://a.org/", now, Duration::ZERO).is_none());
        cache.prune(now + 1, DAY);
        assert_eq!(cache.links.keys().collect::<Vec<_>>(), ["https://c.org/"]);
    }

    #[test]
    fn round_trip_and_bad_files() {
        let mut cache = Cache::default();
        cache.record("https://a.org/", entry(7, true));
        let again = Cache::parse(&cache.to_bytes());
        assert_eq!(again.links, cache.links);
        for bad in [&b""[..], b"{", b"[]", br#"{"version":99,"links":{}}"#] {
            assert!(Cache::parse(bad).links.is_empty());
        }
    }
}
