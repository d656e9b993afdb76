//! The check of the finished output: every URL a page points at inside the site must lead
//! to a file the build made (a page, a static file, a file beside the Markdown), and a
//! `#fragment` to an id on that page. A broken one is named where it was written: the
//! Markdown file, line and column when it came from a body, else the page's source file
//! (front matter or template), else the template of a page with no source file. The
//! stylesheets copied as they are get the same check of their `url()`s (`stylesheets`).

mod css;
mod outbound;
mod scan;
mod stylesheets;
mod unpublished;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

pub use outbound::{Outbound, Place, outbound_links};
pub use scan::{PageRefs, scan};
pub use stylesheets::broken_stylesheet_urls;
pub use unpublished::links_to_left_out;

use crate::error::Diagnostic;
use crate::markdown::{Body, Rendered};
use crate::model::Site;

/// Where a page came from: its source file and rendered body, when it has them.
type Origin<'a> = (&'a PathBuf, &'a Arc<Body>);

/// Checks every page's URLs. `pages` are HTML pages by output path (`guides/a/index.html`);
/// `exists` says whether the build made a file at an output path.
pub fn broken_links(
    site: &Site,
    pages: &HashMap<String, PageRefs>,
    exists: &(dyn Fn(&str) -> bool + Sync),
) -> Vec<Diagnostic> {
    let all: Vec<(&str, &PageRefs)> = pages.iter().map(|(p, r)| (p.as_str(), r)).collect();
    broken_links_in(site, &all, &|p| pages.get(p), exists)
}

/// The pages one page's links may lead to, by output path.
pub type RefsOf<'a> = dyn Fn(&str) -> Option<&'a PageRefs> + Sync + 'a;

/// [`broken_links`] for some pages only (`checked`), looking up the pages their links
/// lead to with `refs_of`: a watch rebuild checks the pages it rewrote against the pages
/// it kept.
pub fn broken_links_in<'a>(
    site: &Site,
    checked: &[(&str, &'a PageRefs)],
    refs_of: &RefsOf<'a>,
    exists: &(dyn Fn(&str) -> bool + Sync),
) -> Vec<Diagnostic> {
    let origins = origins(site);
    let config = &site.config;
    // Content left out for its dates is linked to with a warning, not an error: the link
    // works once the content is published.
    let left_out: std::collections::HashSet<String> = site
        .left_out
        .iter()
        .map(|l| format!("{}index.html", l.path))
        .collect();
    let exists = &|p: &str| exists(p) || left_out.contains(p);
    let found: Vec<(String, String, Broken)> = checked
        .par_iter()
        .flat_map_iter(|(page, refs)| {
            refs.urls.iter().filter_map(move |url| {
                let target = target(url, page, &config.base_path)?;
                let broken = check(&target, page, refs_of, exists)?;
                Some((page.to_string(), url.to_string(), broken))
            })
        })
        .collect();
    // One broken link in a template is on every page it makes: said once, with a count.
    let mut from_templates: BTreeMap<String, (String, Broken, usize)> = BTreeMap::new();
    let mut errors = Vec::new();
    for (page, url, broken) in found {
        let origin = origins.get(page.as_str());
        match origin.and_then(|(file, body)| written_at(body, &url).map(|at| (file, at))) {
            Some((file, (line, column))) => errors.push(
                Diagnostic::error((*file).clone(), format!("`{url}` {}", broken.what_short()))
                    .at(line, column)
                    .hint(broken.hint()),
            ),
            None => match origin {
                Some((file, _)) => errors.push(
                    Diagnostic::error(
                        (*file).clone(),
                        format!(
                            "the page made from this file links to `{url}`, which {}",
                            broken.what_short()
                        ),
                    )
                    .hint(format!(
                        "it is written in the file's raw HTML, its front matter or its template; {}",
                        broken.hint()
                    )),
                ),
                None => {
                    let entry = from_templates.entry(url).or_insert((page, broken, 0));
                    entry.2 += 1;
                }
            },
        }
    }
    for (url, (page, broken, count)) in from_templates {
        let more = match count {
            1 => String::new(),
            n => format!(" (and {} other pages)", n - 1),
        };
        errors.push(
            Diagnostic::error(
                PathBuf::from(format!("templates (the page /{page}{more})")),
                format!(
                    "the template links to `{url}`, which {}",
                    broken.what_short()
                ),
            )
            .hint(format!(
                "fix the link in the theme or templates/; {}",
                broken.hint()
            )),
        );
    }
    errors.sort();
    errors.dedup();
    errors
}

/// What is wrong with a link.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Broken {
    /// No file at this output path.
    NoFile(String),
    /// The page is there, the id is not.
    NoId(String, String),
    /// A root-relative URL outside the site's base path.
    OutsideBase(String),
}

impl Broken {
    fn what_short(&self) -> &'static str {
        match self {
            Broken::NoFile(_) => "leads to no page or file of the site",
            Broken::NoId(..) => "names a heading or id the page does not have",
            Broken::OutsideBase(_) => "lies outside the site's base URL",
        }
    }

    fn hint(&self) -> String {
        match self {
            Broken::NoFile(path) => format!(
                "the build made nothing at /{path}; check the spelling, or add the file (under static/, or beside the Markdown)"
            ),
            Broken::NoId(page, id) => format!("/{page} has no element with id `{id}`"),
            Broken::OutsideBase(base) => format!(
                "the site is published under {base}; write the link relative to the page, or as an @/ link"
            ),
        }
    }
}

/// The output path and fragment a URL on `page` points at; none for full URLs (what
/// `base_url`'s host serves beside the site is not the build's to know) and other schemes.
/// The output path a URL written on the page at output path `page` leads to, when it
/// leads inside the site.
pub fn output_path(url: &str, page: &str, base_path: &str) -> Option<String> {
    Some(target(url, page, base_path)?.ok()?.0)
}

/// Whether the output check of `url`, on the page at output path `page`, passes as soon as
/// every path `made` says yes to is written: the URL leads outside the site, or to such a
/// file with no id to look for. A build keeps only the other URLs of each page until the
/// check: at 100,000 guides, every URL of every page was some 300 MB.
pub fn surely_fine(url: &str, page: &str, base_path: &str, made: &dyn Fn(&str) -> bool) -> bool {
    match target(url, page, base_path) {
        None => true,
        Some(Err(_) | Ok((_, Some(_)))) => false,
        // The file `check` looks for, in the same order.
        Some(Ok((path, None))) => {
            path == page
                || if path.is_empty() || path.ends_with('/') {
                    made(&format!("{path}index.html"))
                } else {
                    made(&path) || made(&format!("{path}/index.html"))
                }
        }
    }
}

fn target(
    url: &str,
    page: &str,
    base_path: &str,
) -> Option<Result<(String, Option<String>), String>> {
    let url = url.trim();
    let (rest, fragment) = match url.split_once('#') {
        Some((r, f)) => (r, Some(f).filter(|f| !f.is_empty()).map(str::to_string)),
        None => (url, None),
    };
    let rest = rest.split('?').next().unwrap_or("");
    let path = if rest.is_empty() {
        // A fragment alone names an id on this very page.
        fragment.as_ref()?;
        page.to_string()
    } else if rest.starts_with("//") || scheme(rest) {
        return None;
    } else if let Some(abs) = rest.strip_prefix('/') {
        match format!("/{abs}").strip_prefix(base_path) {
            Some(inside) => inside.to_string(),
            None => return Some(Err(base_path.to_string())),
        }
    } else {
        join(page, rest)
    };
    let path = percent_encoding::percent_decode_str(&path)
        .decode_utf8_lossy()
        .into_owned();
    Some(Ok((path, fragment)))
}

/// Whether a URL has a scheme: a colon before any slash. Browsers read a first segment
/// with a colon as one, so such a URL never names a file of the site.
fn scheme(url: &str) -> bool {
    url.split_once(':')
        .is_some_and(|(s, _)| !s.is_empty() && !s.contains('/'))
}

/// `rel` resolved against the folder of the output file `page`.
fn join(page: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    let trailing = rel.ends_with('/');
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => drop(parts.pop()),
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if trailing && !path.is_empty() {
        path.push('/');
    }
    path
}

fn check<'a>(
    target: &Result<(String, Option<String>), String>,
    page: &str,
    refs_of: &RefsOf<'a>,
    exists: &(dyn Fn(&str) -> bool + Sync),
) -> Option<Broken> {
    let (path, fragment) = match target {
        Ok(t) => t,
        Err(base) => return Some(Broken::OutsideBase(base.clone())),
    };
    let file = if path == page {
        page.to_string()
    } else if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else if exists(path) {
        path.clone()
    } else {
        format!("{path}/index.html")
    };
    let refs = refs_of(&file);
    if refs.is_none() && !exists(&file) {
        return Some(Broken::NoFile(path.clone()));
    }
    let id = fragment.as_ref()?;
    let refs = refs?;
    if refs.ids.iter().any(|i| i == id) {
        return None;
    }
    let shown = file.strip_suffix("index.html").unwrap_or(&file).to_string();
    Some(Broken::NoId(shown, id.clone()))
}

/// Where in a Markdown body a URL was written.
fn written_at(body: &Rendered, url: &str) -> Option<(usize, usize)> {
    body.urls
        .iter()
        .find(|(u, _, _)| u == url)
        .map(|(_, l, c)| (*l, *c))
}

/// Each page made from a source file, by output path, in every language.
fn origins(site: &Site) -> HashMap<String, Origin<'_>> {
    let mut map: HashMap<String, Origin<'_>> = HashMap::new();
    for t in &site.translations {
        map.extend(origins(t));
    }
    for g in &site.guides {
        map.insert(format!("{}index.html", g.path()), (&g.source, &g.body));
    }
    for p in &site.pages {
        map.insert(format!("{}index.html", p.url_path()), (&p.source, &p.body));
    }
    for t in site.all_taxonomies() {
        for term in t.terms.values() {
            if let Some(p) = &term.profile {
                map.insert(
                    format!("{}index.html", t.term_path(&term.slug)),
                    (&p.source, &p.body),
                );
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_become_output_paths() {
        let t = |url: &str, page: &str| target(url, page, "/c/");
        let ok = |p: &str, f: Option<&str>| Some(Ok((p.to_string(), f.map(str::to_string))));
        assert_eq!(t("/c/guides/a/", "index.html"), ok("guides/a/", None));
        assert_eq!(
            t("/c/img/a%20b.png?v=1", "index.html"),
            ok("img/a b.png", None)
        );
        assert_eq!(
            t("chart.png", "guides/a/index.html"),
            ok("guides/a/chart.png", None)
        );
        assert_eq!(t("../b/", "guides/a/index.html"), ok("guides/b/", None));
        assert_eq!(
            t("#pay", "guides/a/index.html"),
            ok("guides/a/index.html", Some("pay"))
        );
        assert_eq!(t("/img/x.png", "index.html"), Some(Err("/c/".to_string())));
        // Full URLs are outbound, even to the site's own host: another app may serve them.
        for external in [
            "https://ex.org/c/x/",
            "https://other.org/",
            "//cdn.org/x.js",
            "mailto:a@b.c",
            "#",
            "?q=1",
        ] {
            assert_eq!(t(external, "index.html"), None, "{external}");
        }
    }

    #[test]
    fn only_urls_to_made_files_without_ids_are_settled_early() {
        let made = |p: &str| ["guides/a/index.html", "style.css", "index.html"].contains(&p);
        let fine = |url: &str| surely_fine(url, "guides/b/index.html", "/c/", &made);
        for settled in [
            "/c/guides/a/",
            "../a/",
            "/c/style.css?h=1",
            "/c/",
            "https://ex.org/x/",
        ] {
            assert!(fine(settled), "{settled}");
        }
        // Ids are looked for once every page is written; other files may be made later
        // (variants, the search index) or be broken.
        for kept in [
            "/c/guides/a/#pay",
            "#top",
            "/c/img/x.480.png",
            "/c/guides/z/",
            "/other/",
        ] {
            assert!(!fine(kept), "{kept}");
        }
    }
}
