//! The outbound links of a finished site: every full `http://` or `https://` URL its pages
//! point at, from the same scan of the output the internal check reads, each with every
//! place it was written. What `check --external` asks the network about; nothing here
//! goes to it.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::{PageRefs, origins, written_at};
use crate::model::Site;

/// Where an outbound link was written, most precise first (the order places sort in).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// In a Markdown body: the source file (from the site root), line and column.
    Written {
        file: PathBuf,
        line: usize,
        column: usize,
    },
    /// Elsewhere on the page made from a source file: its raw HTML, front matter or
    /// template.
    PageOf { file: PathBuf },
    /// On a page no source file made (a listing, a term's page): the template wrote it.
    /// The page's output path.
    Template { page: String },
}

/// One URL to ask about, and everywhere it is linked from, sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outbound {
    /// The URL as requested: without its `#fragment`, which never reaches the server.
    pub url: String,
    pub places: Vec<Place>,
}

/// Every outbound link of `pages` (HTML pages by output path), one per URL, sorted by
/// where each is first written, then by URL.
pub fn outbound_links(site: &Site, pages: &HashMap<String, PageRefs>) -> Vec<Outbound> {
    let mut origins = origins(site);
    for translation in &site.translations {
        origins.extend(super::origins(translation));
    }
    let mut by_url: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    for (page, refs) in pages {
        for written in refs.urls.iter() {
            let Some(url) = outbound(written) else {
                continue;
            };
            let place = match origins.get(page.as_str()) {
                Some((file, body)) => match written_at(body, written) {
                    Some((line, column)) => Place::Written {
                        file: (*file).clone(),
                        line,
                        column,
                    },
                    None => Place::PageOf {
                        file: (*file).clone(),
                    },
                },
                None => Place::Template { page: page.clone() },
            };
            by_url.entry(url).or_default().push(place);
        }
    }
    let mut links: Vec<Outbound> = by_url
        .into_iter()
        .map(|(url, mut places)| {
            places.sort();
            places.dedup();
            Outbound { url, places }
        })
        .collect();
    links.sort_by(|a, b| {
        a.places
            .first()
            .cmp(&b.places.first())
            .then(a.url.cmp(&b.url))
    });
    links
}

/// The URL to request for a URL written on a page, when it is a full http(s) one.
fn outbound(written: &str) -> Option<String> {
    let url = written.trim();
    let scheme = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if !(scheme.starts_with("http://") || scheme.starts_with("https://")) {
        return None;
    }
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    // `https://` alone names no host.
    let host_at = url.find("//").map_or(url.len(), |i| i + 2);
    (url.len() > host_at).then(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_full_http_urls_go_out() {
        assert_eq!(
            outbound(" https://ex.org/a?b=1#pay ").as_deref(),
            Some("https://ex.org/a?b=1")
        );
        assert_eq!(
            outbound("HTTP://EX.org/").as_deref(),
            Some("HTTP://EX.org/")
        );
        for not in [
            "/guides/a/",
            "chart.png",
            "#pay",
            "mailto:a@b.c",
            "//cdn.org/x.js",
            "ftp://ex.org/",
            "https://",
            "https://#x",
        ] {
            assert_eq!(outbound(not), None, "{not}");
        }
    }
}
