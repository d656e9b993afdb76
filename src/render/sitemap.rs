//! The sitemap's entries: every page's permalink with the date it last changed.

use serde::Serialize;

use super::{guide_pages, guides_page_path};
use crate::model::{Site, TaxonomyId};

#[derive(Serialize)]
pub(super) struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
}

pub(super) fn sitemap_entries(site: &Site) -> Vec<SitemapEntry> {
    let c = &site.config;
    let modified = |g: &crate::model::Guide| g.updated.unwrap_or(g.date).max(g.date);
    // Listings, the map and the search page change whenever any guide does; pages with no
    // date of their own fall back to that too, so every entry has a lastmod.
    let newest = site
        .guides
        .iter()
        .map(modified)
        .max()
        .map(|d| d.to_string());
    let entry = |path: &str, lastmod: Option<String>| SitemapEntry {
        loc: c.permalink(path),
        lastmod: lastmod.or_else(|| newest.clone()),
    };
    let mut out = vec![
        entry("", None),
        entry("roles/", None),
        entry("career-map/", None),
        entry("skills/", None),
        entry("search/", None),
    ];
    for n in 1..=guide_pages(site) {
        out.push(entry(&guides_page_path(n), None));
    }
    for g in &site.guides {
        out.push(entry(&g.path(), Some(modified(g).to_string())));
    }
    let latest_of = |idx: &[usize]| {
        idx.iter()
            .map(|&i| modified(&site.guides[i]))
            .max()
            .map(|d| d.to_string())
    };
    for id in site.taxonomy_ids() {
        let taxonomy = site.taxonomy(id);
        // The built-in indexes are listed above, beside the career map.
        if let TaxonomyId::Declared(_) = id {
            out.push(entry(&taxonomy.path(), None));
        }
        for term in taxonomy.terms.values() {
            out.push(entry(
                &taxonomy.term_path(&term.slug),
                latest_of(&term.guides),
            ));
        }
    }
    for p in &site.pages {
        let own = p.updated.into_iter().chain(p.date).max();
        out.push(entry(&p.url_path(), own.map(|d| d.to_string())));
    }
    for p in &site.datasets.salary_pages {
        out.push(entry(&p.url_path(), None));
    }
    if super::which_role::has_finder(site) {
        out.push(entry(super::which_role::PAGE_PATH, None));
    }
    out
}
