//! What `check --external` tells the writer: one diagnostic per URL that failed, at the
//! first place it is written, naming the other places; and one summary line.
//!
//! A link that answered with an error, or whose host is gone or refused it, is an error:
//! readers following it get nothing. One that could not be answered in time, or whose
//! host kept asking us to slow down, is a warning: the page may well work for readers,
//! and a slow or busy server should not fail a deploy (`check --strict` still fails on
//! it). Neither is kept in the cache, so both are asked about again next time.

use std::path::PathBuf;
use std::time::Duration;

use super::http::Outcome;
use crate::config::LinkChecker;
use crate::error::{Diagnostic, display_path};
use crate::verify::{Outbound, Place};

/// Other places named in a hint before the rest are only counted.
const PLACES_NAMED: usize = 3;

/// The diagnostic for a link whose outcome is not a success.
pub fn diagnostic(
    link: &Outbound,
    outcome: &Outcome,
    settings: &LinkChecker,
) -> Option<Diagnostic> {
    let (what, fix, error) = match outcome {
        Outcome::Works(_) => return None,
        Outcome::Status(status) => (
            format!("is broken: the server answers {}", status_text(*status)),
            if *status >= 500 {
                "the server kept failing; check the link in a browser, and fix or remove it if the page is gone"
            } else {
                "fix or remove the link; if it works in a browser, the server may refuse checkers: add its start to `[link_checker] skip_prefixes`"
            },
            true,
        ),
        Outcome::Failed(why) => (
            format!("is broken: {why}"),
            "check the address; fix or remove the link, or add its start to `[link_checker] skip_prefixes`",
            true,
        ),
        Outcome::TimedOut => (
            format!("did not answer within {}", seconds(settings.timeout)),
            "it is asked again next time; for a slow host raise `[link_checker] timeout`, or add its start to `skip_prefixes`",
            false,
        ),
        Outcome::RateLimited => (
            "kept answering 429 Too Many Requests".to_string(),
            "the host limits how often it is asked; check again later, lower `[link_checker] per_host`, or add its start to `skip_prefixes`",
            false,
        ),
        Outcome::Unsupported(why) => (
            format!("cannot be checked: {why}"),
            "or add its start to `[link_checker] skip_prefixes`",
            false,
        ),
    };
    let url = &link.url;
    let first = link.places.first()?;
    let (file, message, at) = match first {
        Place::Written { file, line, column } => (
            file.clone(),
            format!("`{url}` {what}"),
            Some((*line, *column)),
        ),
        Place::PageOf { file } => (
            file.clone(),
            format!("the page made from this file links to `{url}`, which {what}"),
            None,
        ),
        Place::Template { page } => (
            PathBuf::from(format!("templates (the page {})", page_url(page))),
            format!("the template links to `{url}`, which {what}"),
            None,
        ),
    };
    let hint = match also(&link.places[1..]) {
        Some(also) => format!("also linked from {also}; {fix}"),
        None => fix.to_string(),
    };
    let d = if error {
        Diagnostic::error(file, message)
    } else {
        Diagnostic::warning(file, message)
    };
    let d = d.hint(hint);
    Some(match at {
        Some((line, column)) => d.at(line, column),
        None => d,
    })
}

/// The other places a link is written, the first few by name.
fn also(places: &[Place]) -> Option<String> {
    if places.is_empty() {
        return None;
    }
    let named: Vec<String> = places.iter().take(PLACES_NAMED).map(place_text).collect();
    let rest = places.len() - named.len();
    Some(match rest {
        0 => named.join(", "),
        1 => format!("{} and 1 more place", named.join(", ")),
        n => format!("{} and {n} more places", named.join(", ")),
    })
}

fn place_text(place: &Place) -> String {
    match place {
        Place::Written { file, line, column } => {
            format!("{}:{line}:{column}", display_path(file))
        }
        Place::PageOf { file } => display_path(file),
        Place::Template { page } => page_url(page),
    }
}

/// `guides/page/2/index.html` -> `/guides/page/2/`.
fn page_url(page: &str) -> String {
    format!("/{}", page.strip_suffix("index.html").unwrap_or(page))
}

fn status_text(status: u16) -> String {
    match ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

/// `0.3 s`, `10 s`.
fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{} s", (s * 100.0).round() / 100.0)
    }
}

/// The counts the summary line gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// URLs asked about or taken from the cache.
    pub checked: usize,
    pub hosts: usize,
    pub from_cache: usize,
    pub broken: usize,
    /// Timed out, rate-limited or not checkable: warnings.
    pub warnings: usize,
    pub skipped: usize,
    pub elapsed: Duration,
}

impl Summary {
    /// `checked 7 external links on 2 hosts (3 from the cache) in 1.2 s: 1 broken, 1
    /// warning, 2 skipped`.
    pub fn line(&self) -> String {
        use crate::text::count;
        let elapsed = if self.elapsed < Duration::from_secs(1) {
            format!("{} ms", self.elapsed.as_millis())
        } else {
            format!("{:.1} s", self.elapsed.as_secs_f64())
        };
        format!(
            "checked {} on {} ({} from the cache) in {elapsed}: {} broken, {}, {} skipped",
            count(self.checked, "external link"),
            count(self.hosts, "host"),
            self.from_cache,
            self.broken,
            count(self.warnings, "warning"),
            self.skipped,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(places: Vec<Place>) -> Outbound {
        Outbound {
            url: "https://ex.org/gone".into(),
            places,
        }
    }

    fn written(file: &str, line: usize) -> Place {
        Place::Written {
            file: file.into(),
            line,
            column: 3,
        }
    }

    #[test]
    fn a_broken_link_is_said_once_at_its_first_place() {
        let places = vec![
            written("content/guides/a.md", 4),
            written("content/guides/b.md", 9),
            Place::PageOf {
                file: "content/roles/x.md".into(),
            },
            Place::Template {
                page: "guides/index.html".into(),
            },
            Place::Template {
                page: "index.html".into(),
            },
        ];
        let d = diagnostic(
            &link(places),
            &Outcome::Status(404),
            &LinkChecker::default(),
        )
        .unwrap();
        assert_eq!(
            d.to_string(),
            "error: content/guides/a.md:4:3: `https://ex.org/gone` is broken: the server answers 404 Not Found\n  \
             hint: also linked from content/guides/b.md:9:3, content/roles/x.md, /guides/ and 1 more place; \
             fix or remove the link; if it works in a browser, the server may refuse checkers: add its start to `[link_checker] skip_prefixes`"
        );
    }

    #[test]
    fn slow_links_are_warnings_and_templates_name_the_page() {
        let settings = LinkChecker {
            timeout: Duration::from_millis(300),
            ..LinkChecker::default()
        };
        let places = vec![Place::Template {
            page: "roles/index.html".into(),
        }];
        let d = diagnostic(&link(places), &Outcome::TimedOut, &settings).unwrap();
        assert!(!d.is_error());
        assert_eq!(
            d.location().as_deref(),
            Some("templates (the page /roles/)")
        );
        assert!(
            d.message.ends_with("which did not answer within 0.3 s"),
            "{}",
            d.message
        );
        assert!(diagnostic(&link(vec![]), &Outcome::Works(200), &settings).is_none());
    }
}
