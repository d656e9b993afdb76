//! Links from built pages to guides and pages left out for their publish or expiry date:
//! warnings, since such a link works once the content is published (and never again
//! once it has expired).

use crate::error::Diagnostic;
use crate::model::Site;
use crate::publish::{LeftOut, Unpublished};

/// Warnings for links from built pages to content left out: they lead nowhere until the
/// content is published (or for good, once it has expired).
pub fn links_to_left_out(site: &Site) -> Vec<Diagnostic> {
    if site.left_out.is_empty() {
        return Vec::new();
    }
    let by_url: std::collections::HashMap<String, &LeftOut> = site
        .left_out
        .iter()
        .map(|l| (site.config.url(&l.path), l))
        .collect();
    let mut warnings = Vec::new();
    let profiles = site
        .all_taxonomies()
        .flat_map(|t| t.terms.values())
        .filter_map(|t| t.profile.as_ref().map(|p| (&p.source, &p.body)));
    let bodies = site
        .guides
        .iter()
        .map(|g| (&g.source, &g.body))
        .chain(site.pages.iter().map(|p| (&p.source, &p.body)))
        .chain(profiles);
    for (file, body) in bodies {
        for (url, line, column) in &body.urls {
            let bare = url.split(['#', '?']).next().unwrap_or("");
            let Some(target) = by_url.get(bare) else {
                continue;
            };
            let (message, hint) = match target.why {
                Unpublished::Future(d) => (
                    format!("is not published until {d}"),
                    "the link leads nowhere until then: build with --future to see it, or link to it once it is out",
                ),
                Unpublished::Expired(d) => (
                    format!("expired on {d}"),
                    "the link leads nowhere: remove it, or build with --expired to keep the page",
                ),
            };
            warnings.push(
                Diagnostic::warning(
                    file.clone(),
                    format!(
                        "`{url}` links to {}, which {message}",
                        crate::error::display_path(&target.source)
                    ),
                )
                .at(*line, *column)
                .hint(hint),
            );
        }
    }
    warnings
}
