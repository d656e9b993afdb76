//! `check --external`: asking the servers a site links to whether its outbound links
//! still work. Run by the `check` command only after the site has passed every other
//! check, and never by `build` or a plain `check`, which stay off the network.
//!
//! The links come from `verify` (the scan of the rendered pages, with where each was
//! written); `http` asks about each, `hosts` keeps each host to `per_host` requests at a
//! time across [`WORKERS`] threads, `cache` remembers what worked, and `report` says what
//! did not. The cache file is read through `source` and written through `output`, the
//! stages that own reading and writing, so this module's only I/O is the network.

mod cache;
mod hosts;
mod http;
mod report;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Instant, SystemTime};

pub use report::Summary;

use crate::config::Config;
use crate::error::{Diagnostic, display_path};
use crate::verify::Outbound;
use cache::{Cache, Entry};
use http::{Client, Outcome};

/// Threads asking at once, over all hosts. Each spends its time waiting on a server, so
/// more than the machine's cores is right; `per_host` keeps any one server's share small.
pub const WORKERS: usize = 16;

/// What the network check found.
#[derive(Debug)]
pub struct External {
    /// Errors (broken links) and warnings (no answer), sorted by where they are written.
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
}

/// What to do with one link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// One of the site's own pages (under `base_url`: canonical links, feeds), which the
    /// build checks itself and which may not be published yet. Not counted at all.
    Own,
    /// Under `skip_prefixes`.
    Skip,
    /// It worked recently enough.
    Cached,
    Ask,
}

fn plan(url: &str, config: &Config, cache: &Cache, now: u64) -> Plan {
    let settings = &config.link_checker;
    if url.starts_with(&config.base_url) {
        Plan::Own
    } else if settings
        .skip_prefixes
        .iter()
        .any(|p| url.starts_with(p.as_str()))
    {
        Plan::Skip
    } else if cache.fresh(url, now, settings.cache_max_age).is_some() {
        Plan::Cached
    } else {
        Plan::Ask
    }
}

/// Checks `links` for the site at `root`. `asking` is told how many URLs will be asked
/// about and on how many hosts, before the first request (the binary prints it: a check
/// of many links takes a while).
pub fn check_links(
    root: &Path,
    config: &Config,
    links: &[Outbound],
    asking: &dyn Fn(usize, usize),
) -> External {
    let start = Instant::now();
    let settings = &config.link_checker;
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let use_cache = !settings.cache_max_age.is_zero();
    let cache_file = root.join(cache::DIR).join(cache::FILE);
    let mut cache = match use_cache {
        true => {
            crate::source::read_cache(&cache_file).map_or_else(Cache::default, |b| Cache::parse(&b))
        }
        false => Cache::default(),
    };
    let plans: Vec<Plan> = links
        .iter()
        .map(|l| plan(&l.url, config, &cache, now))
        .collect();
    let to_ask: Vec<&str> = links
        .iter()
        .zip(&plans)
        .filter(|(_, p)| **p == Plan::Ask)
        .map(|(l, _)| l.url.as_str())
        .collect();
    asking(to_ask.len(), count_hosts(to_ask.iter().copied()));
    let mut answers = ask_all(&to_ask, config).into_iter();

    let mut summary = Summary::default();
    let mut diagnostics = Vec::new();
    for (link, plan) in links.iter().zip(&plans) {
        let outcome = match plan {
            Plan::Own => continue,
            Plan::Skip => {
                summary.skipped += 1;
                continue;
            }
            Plan::Cached => {
                summary.from_cache += 1;
                continue;
            }
            Plan::Ask => answers.next().unwrap_or(Outcome::TimedOut),
        };
        let status = match &outcome {
            Outcome::Works(s) | Outcome::Status(s) => Some(*s),
            _ => None,
        };
        let entry = Entry {
            checked: now,
            status,
            ok: outcome.works(),
        };
        cache.record(&link.url, entry);
        if let Some(d) = report::diagnostic(link, &outcome, settings) {
            match d.is_error() {
                true => summary.broken += 1,
                false => summary.warnings += 1,
            }
            diagnostics.push(d);
        }
    }
    let checked: Vec<&str> = links
        .iter()
        .zip(&plans)
        .filter(|(_, p)| matches!(p, Plan::Cached | Plan::Ask))
        .map(|(l, _)| l.url.as_str())
        .collect();
    summary.checked = checked.len();
    summary.hosts = count_hosts(checked.into_iter());
    if use_cache && !to_ask.is_empty() {
        cache.prune(now, settings.cache_max_age);
        if let Err(e) = crate::output::write_cache(&cache_file, &cache.to_bytes()) {
            let shown = display_path(Path::new(cache::DIR).join(cache::FILE).as_path());
            diagnostics.push(
                Diagnostic::warning(
                    std::path::PathBuf::from(shown),
                    format!("the results could not be kept: {e}"),
                )
                .hint("the links are checked again next time; check the folder's permissions"),
            );
        }
    }
    diagnostics.sort();
    summary.elapsed = start.elapsed();
    External {
        diagnostics,
        summary,
    }
}

fn count_hosts<'a>(urls: impl Iterator<Item = &'a str>) -> usize {
    urls.map(hosts::host_of).collect::<BTreeSet<_>>().len()
}

/// The outcome for each of `urls`, in order.
fn ask_all(urls: &[&str], config: &Config) -> Vec<Outcome> {
    if urls.is_empty() {
        return Vec::new();
    }
    let client = Client::new(&config.link_checker);
    let hosts = hosts::Hosts::new(urls.iter().copied(), config.link_checker.per_host);
    let mut done: Vec<(usize, Outcome)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..WORKERS.min(urls.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    while let Some(slot) = hosts.next() {
                        out.push((
                            slot.index,
                            client.check(urls[slot.index], &std::thread::sleep),
                        ));
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, o)| o).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_cached_or_asked() {
        let text = "base_url = \"https://careers.example.com/c/\"\n\
                    [link_checker]\nskip_prefixes = [\"https://www.linkedin.com/\"]\n";
        let config = Config::parse(text, None).unwrap();
        let mut cache = Cache::default();
        let ok = |checked| Entry {
            checked,
            status: Some(200),
            ok: true,
        };
        cache.record("https://ex.org/fresh", ok(1_000));
        cache.record("https://ex.org/old", ok(1));
        let now = 2_000 + 86_400 - 1_001;
        let p = |url| plan(url, &config, &cache, now);
        assert_eq!(p("https://www.linkedin.com/in/x"), Plan::Skip);
        assert_eq!(p("https://careers.example.com/c/guides/a/"), Plan::Own);
        assert_eq!(p("https://careers.example.com/other/"), Plan::Ask);
        assert_eq!(p("https://ex.org/fresh"), Plan::Cached);
        assert_eq!(p("https://ex.org/old"), Plan::Ask);
    }
}
