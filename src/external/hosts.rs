//! Handing URLs to the workers so that no host gets more than its share at once. A site
//! often links to one host a hundred times (its own GitHub, a government statistics
//! office); asking for all of them at once is how a checker gets rate-limited or blocked.
//! A worker takes the first URL whose host has a free slot, and waits when every host
//! with URLs left is busy.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// The URLs still to ask about and the requests in flight per host.
pub struct Hosts {
    state: Mutex<State>,
    freed: Condvar,
    per_host: usize,
}

struct State {
    /// Indexes into the caller's list, with their hosts, in the order to ask.
    pending: Vec<(usize, String)>,
    busy: HashMap<String, usize>,
}

impl Hosts {
    /// `urls` are asked about in order, at most `per_host` at a time per host.
    pub fn new<'a>(urls: impl IntoIterator<Item = &'a str>, per_host: usize) -> Hosts {
        let pending = urls
            .into_iter()
            .enumerate()
            .map(|(i, url)| (i, host_of(url)))
            .collect();
        Hosts {
            state: Mutex::new(State {
                pending,
                busy: HashMap::new(),
            }),
            freed: Condvar::new(),
            per_host: per_host.max(1),
        }
    }

    /// The next URL's index, once its host has a free slot; none when all are taken.
    /// The slot is the caller's until it drops the [`Slot`], even if it panics.
    pub fn next(&self) -> Option<Slot<'_>> {
        let mut state = self.lock();
        loop {
            if state.pending.is_empty() {
                return None;
            }
            let free = state
                .pending
                .iter()
                .position(|(_, host)| state.busy.get(host).copied().unwrap_or(0) < self.per_host);
            if let Some(at) = free {
                let (index, host) = state.pending.remove(at);
                *state.busy.entry(host.clone()).or_default() += 1;
                return Some(Slot {
                    hosts: self,
                    host,
                    index,
                });
            }
            // A poisoned lock only means another worker panicked; the counts are whole.
            state = self
                .freed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A host's slot, taken for the URL at `index`.
pub struct Slot<'a> {
    hosts: &'a Hosts,
    host: String,
    pub index: usize,
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut state = self.hosts.lock();
        if let Some(n) = state.busy.get_mut(&self.host) {
            *n = n.saturating_sub(1);
        }
        drop(state);
        self.hosts.freed.notify_all();
    }
}

/// The host a URL names, lower-cased, without user, password or port: two ports of one
/// machine are one server to spare.
pub fn host_of(url: &str) -> String {
    let rest = url.split_once("//").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        // An IPv6 address: its colons are not the port's.
        host_port
            .find(']')
            .map_or(host_port, |end| &host_port[..=end])
    } else {
        host_port.split(':').next().unwrap_or(host_port)
    };
    host.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn hosts_of_urls() {
        assert_eq!(host_of("https://Ex.ORG/a"), "ex.org");
        assert_eq!(host_of("http://u:p@ex.org:8080?q"), "ex.org");
        assert_eq!(host_of("http://[::1]:80/x"), "[::1]");
        assert_eq!(host_of("https://ex.org#top"), "ex.org");
    }

    #[test]
    fn no_host_gets_more_than_its_share() {
        let urls: Vec<String> = (0..40)
            .map(|i| format!("https://{}.org/{i}", ["a", "b", "c"][i % 3]))
            .collect();
        let hosts = Hosts::new(urls.iter().map(String::as_str), 2);
        let in_flight: HashMap<String, AtomicUsize> = ["a.org", "b.org", "c.org"]
            .iter()
            .map(|h| (h.to_string(), AtomicUsize::new(0)))
            .collect();
        let most = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    while let Some(slot) = hosts.next() {
                        let n = &in_flight[&host_of(&urls[slot.index])];
                        let now = n.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(2));
                        n.fetch_sub(1, Ordering::SeqCst);
                        done.fetch_add(1, Ordering::SeqCst);
                    }
                });
            }
        });
        assert_eq!(done.load(Ordering::SeqCst), 40);
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }
}
