//! Redirects from old URLs: a guide's or page's `aliases` (`/old/path/`, in any of the site's
//! languages), and a role's,
//! skill's or term's other names (`/roles/swe/` for `software-engineer`). Each becomes a
//! small page that sends readers and search engines on (meta refresh, canonical link,
//! `noindex`, a visible link), and all are listed in `_redirects` for hosts that read one
//! (Netlify, Cloudflare Pages). Pure: the model in, paths and text out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{Diagnostic, display_path};
use crate::model::Site;

/// One old URL and where it leads now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The old site path: `old/path/`, or a file such as `old/page.html`.
    pub from: String,
    /// The site path of the page it leads to: `guides/new/`.
    pub to: String,
    /// The file that asks for it, and the line where, when known.
    pub source: PathBuf,
    pub line: Option<usize>,
}

impl Redirect {
    /// The file the redirect page is written to.
    pub fn output_path(&self) -> String {
        output_path(&self.from)
    }
}

/// The file a site path is served from: `a/` -> `a/index.html`, `a.html` as it is.
pub fn output_path(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// Every redirect the site asks for, in a stable order (by old path). An alias written
/// with the site's base path (`/careers/old/` under `https://example.org/careers/`) means
/// the same old URL as one written without it.
pub fn all(site: &Site) -> Vec<Redirect> {
    let base = site.config.base_path.trim_start_matches('/');
    let mut out: Vec<Redirect> = Vec::new();
    let mut push = |alias: &str, to: String, source: &Path, line: Option<usize>| {
        let stripped = alias
            .strip_prefix(base)
            .filter(|a| !base.is_empty() && !a.is_empty())
            .unwrap_or(alias);
        out.push(Redirect {
            from: stripped.to_string(),
            to,
            source: source.to_path_buf(),
            line,
        });
    };
    // A translation's aliases are old URLs of its own, written as site paths like any other
    // (`/de/alt/`): each leads to the translation.
    for s in std::iter::once(site).chain(&site.translations) {
        for g in &s.guides {
            for (alias, line) in &g.aliases {
                push(alias, g.path(), &g.source, Some(*line));
            }
        }
        for p in &s.pages {
            for (alias, line) in &p.aliases {
                push(alias, p.url_path(), &p.source, Some(*line));
            }
        }
    }
    for t in site.all_taxonomies() {
        for term in t.terms.values() {
            let Some(profile) = &term.profile else {
                continue;
            };
            // An alias that is another term's own slug keeps that term's page (linking
            // warns about the clash), so it gets no redirect.
            let aliases = profile.aliases.iter();
            for alias in aliases.filter(|a| **a != term.slug && !t.terms.contains_key(*a)) {
                push(
                    &t.term_path(alias),
                    t.term_path(&term.slug),
                    &profile.source,
                    None,
                );
            }
        }
    }
    out.sort_by(|a, b| a.from.cmp(&b.from).then_with(|| a.source.cmp(&b.source)));
    out
}

/// Redirects whose old path is a page the site makes, or that two files both claim: each
/// an error naming both files. `made` is every output file the site's pages make, with
/// the content file it is made from, when it has one.
pub fn collisions<'a>(
    redirects: &[Redirect],
    made: impl Iterator<Item = (String, Option<&'a Path>)>,
) -> Vec<Diagnostic> {
    let made: BTreeMap<String, Option<&Path>> = made.collect();
    let mut claimed: BTreeMap<String, &Redirect> = BTreeMap::new();
    let mut errors = Vec::new();
    for r in redirects {
        let out = r.output_path();
        let other = match made.get(&out) {
            Some(Some(file)) => Some(format!("the page made from {}", display_path(file))),
            Some(None) => Some(format!("the site's own page /{}", r.from)),
            None => claimed
                .get(&out)
                .map(|first| format!("an alias in {}", display_path(&first.source))),
        };
        match other {
            Some(other) => {
                let mut d = Diagnostic::error(
                    r.source.clone(),
                    format!("alias `/{}` is already taken by {other}", r.from),
                )
                .hint("an old URL can lead to one page only: remove or change one of them");
                d.line = r.line;
                errors.push(d);
            }
            None => {
                claimed.insert(out, r);
            }
        }
    }
    errors
}

/// The page written at an old URL.
pub fn page(config: &Config, r: &Redirect) -> String {
    let url = escape(&config.url(&r.to));
    let permalink = escape(&config.permalink(&r.to));
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved to {url}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{permalink}\">\n<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{url}\">{url}</a>.</p>\n</body>\n</html>\n",
        lang = escape(&config.language),
    )
}

/// `_redirects`: one `old new 301` line per redirect, paths with the site's base path.
pub fn redirects_file(config: &Config, redirects: &[Redirect]) -> String {
    let mut text = String::from("# Made by careersite from `aliases`: old URL, new URL, status.\n");
    for r in redirects {
        text.push_str(&format!(
            "{} {} 301\n",
            config.url(&r.from),
            config.url(&r.to)
        ));
    }
    text
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
