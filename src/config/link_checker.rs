//! `[link_checker]` in site.toml: how `check --external` treats outbound links. Only that
//! command reads it; `build` and a plain `check` never go to the network, so nothing here
//! changes what they do. Named as in Zola (`[link_checker] skip_prefixes`), so a site
//! moved from Zola keeps its table.

use std::path::Path;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use crate::error::Diagnostic;

/// One `[link_checker]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLinkChecker {
    #[serde(default)]
    skip_prefixes: Vec<Spanned<String>>,
    timeout: Option<Spanned<f64>>,
    retries: Option<Spanned<u32>>,
    per_host: Option<Spanned<usize>>,
    cache_max_age: Option<Spanned<String>>,
}

/// How outbound links are checked.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkChecker {
    /// URLs that start with any of these are not requested.
    pub skip_prefixes: Vec<String>,
    /// How long one request may take, redirects included.
    pub timeout: Duration,
    /// Further tries after a timeout, a dropped connection, a 429 or a 5xx answer.
    pub retries: u32,
    /// Requests in flight to one host at a time.
    pub per_host: usize,
    /// How long a link that worked is trusted without asking again; zero turns the
    /// cache off.
    pub cache_max_age: Duration,
}

/// A second of waiting per request is too little for a slow host across the world; ten
/// is what lychee and most browsers' fetches give up well after.
pub const DEFAULT_TIMEOUT_SECS: f64 = 10.0;
/// Longer than any link check should wait on one answer.
const MAX_TIMEOUT_SECS: f64 = 300.0;
const MAX_RETRIES: u32 = 10;
const MAX_PER_HOST: usize = 16;
const DAY: u64 = 24 * 60 * 60;

impl Default for LinkChecker {
    fn default() -> Self {
        LinkChecker {
            skip_prefixes: Vec::new(),
            timeout: Duration::from_secs_f64(DEFAULT_TIMEOUT_SECS),
            retries: 2,
            per_host: 2,
            cache_max_age: Duration::from_secs(DAY),
        }
    }
}

/// Checks the table, pushing an error at the value's line and column for each bad one.
pub(super) fn check(
    file: &Path,
    text: &str,
    raw: Option<RawLinkChecker>,
    errors: &mut Vec<Diagnostic>,
) -> LinkChecker {
    let raw = raw.unwrap_or_default();
    let defaults = LinkChecker::default();
    let mut error = super::error_at(file, text, errors);
    let mut skip_prefixes = Vec::with_capacity(raw.skip_prefixes.len());
    for prefix in raw.skip_prefixes {
        if prefix.get_ref().trim().is_empty() {
            error(
                prefix.span(),
                "`skip_prefixes` holds an empty prefix, which would skip every link".into(),
                "remove it, or write the start of the URLs to skip, such as `https://www.linkedin.com/`",
            );
        } else {
            skip_prefixes.push(prefix.into_inner());
        }
    }
    let timeout = match raw.timeout {
        None => defaults.timeout,
        Some(t) if t.get_ref().is_finite() && *t.get_ref() > 0.0 => {
            Duration::from_secs_f64(t.get_ref().min(MAX_TIMEOUT_SECS))
        }
        Some(t) => {
            error(
                t.span(),
                format!("`timeout` must be more than 0 seconds, not {}", t.get_ref()),
                "the default is 10 (seconds); fractions such as 0.5 work too",
            );
            defaults.timeout
        }
    };
    let retries = match raw.retries {
        Some(r) if *r.get_ref() > MAX_RETRIES => {
            error(
                r.span(),
                format!("`retries` is {}, more than {MAX_RETRIES}", r.get_ref()),
                "the default is 2 further tries; 0 tries each link once",
            );
            defaults.retries
        }
        Some(r) => r.into_inner(),
        None => defaults.retries,
    };
    let per_host = match raw.per_host {
        Some(n) if *n.get_ref() == 0 || *n.get_ref() > MAX_PER_HOST => {
            error(
                n.span(),
                format!(
                    "`per_host` must be 1 to {MAX_PER_HOST}, not {}",
                    n.get_ref()
                ),
                "the default is 2 requests at a time to one host",
            );
            defaults.per_host
        }
        Some(n) => n.into_inner(),
        None => defaults.per_host,
    };
    let cache_max_age = match raw.cache_max_age {
        None => defaults.cache_max_age,
        Some(age) => match parse_age(age.get_ref()) {
            Some(d) => d,
            None => {
                error(
                    age.span(),
                    format!("`cache_max_age` `{}` is not an age", age.get_ref()),
                    "write a number and a unit: \"30m\", \"12h\", \"1d\" or \"2w\"; \"0\" turns the cache off",
                );
                defaults.cache_max_age
            }
        },
    };
    LinkChecker {
        skip_prefixes,
        timeout,
        retries,
        per_host,
        cache_max_age,
    }
}

/// `"90s"`, `"30m"`, `"12h"`, `"1d"`, `"2w"` or `"0"`: the units lychee's `max_cache_age`
/// takes, without its combinations, which no one needs for an age counted in days.
fn parse_age(text: &str) -> Option<Duration> {
    let text = text.trim();
    if text == "0" {
        return Some(Duration::ZERO);
    }
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    let unit_secs = match unit.trim() {
        "s" => 1,
        "m" => 60,
        "h" => 60 * 60,
        "d" => DAY,
        "w" => 7 * DAY,
        _ => return None,
    };
    number.checked_mul(unit_secs).map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages() {
        assert_eq!(parse_age("0"), Some(Duration::ZERO));
        assert_eq!(parse_age("90s"), Some(Duration::from_secs(90)));
        assert_eq!(parse_age("12h"), Some(Duration::from_secs(12 * 3600)));
        assert_eq!(parse_age("1d"), Some(Duration::from_secs(DAY)));
        assert_eq!(parse_age("2 w"), Some(Duration::from_secs(14 * DAY)));
        for bad in ["", "d", "1", "1y", "-1d", "1.5d", "99999999999999999999d"] {
            assert_eq!(parse_age(bad), None, "{bad}");
        }
    }
}
