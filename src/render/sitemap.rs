//! The sitemap: one `sitemap.xml` listing every page while it fits sitemaps.org's limits
//! (50,000 URLs and 50 MB a file), and past them an index of `sitemap-1.xml`,
//! `sitemap-2.xml`… each within them. Search engines ignore a file over either limit.

use std::ops::Range;

use serde::Serialize;

use super::paginate::{page_count, page_path, page_range};
use super::{Job, Prepared, Renderer, Vars, guide_pages, guides_page_path, terms};
use crate::model::{Site, TaxonomyId};

/// URLs one sitemap file may list (sitemaps.org).
pub(crate) const MAX_URLS: usize = 50_000;

/// Bytes one sitemap file may take: sitemaps.org allows 50 MiB; the rest is margin for
/// the template's own markup.
const MAX_BYTES: usize = 45 * 1024 * 1024;

/// What one entry adds to the file beyond its URL and date: the `<url>`, `<loc>` and
/// `<lastmod>` tags with their indentation, rounded up.
const ENTRY_MARKUP: usize = 100;

/// The URLs a part may hold: `MAX_URLS`, unless the hidden `CAREERSITE_SITEMAP_MAX_URLS`
/// lowers it so that tests can split a small site.
fn max_urls() -> usize {
    std::env::var("CAREERSITE_SITEMAP_MAX_URLS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .map_or(MAX_URLS, |n| n.min(MAX_URLS))
}

/// Consecutive parts of entries of these `sizes` (bytes), each with at most `max_urls`
/// entries and `max_bytes` bytes (an entry larger than that alone gets a part of its own).
/// One part, perhaps empty, when everything fits.
pub(crate) fn split(sizes: &[usize], max_urls: usize, max_bytes: usize) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, &size) in sizes.iter().enumerate() {
        let full = i - start == max_urls || (i > start && bytes + size > max_bytes);
        if full {
            parts.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    parts.push(start..sizes.len());
    parts
}

fn parts(entries: &[SitemapEntry]) -> Vec<Range<usize>> {
    let sizes: Vec<usize> = entries
        .iter()
        .map(|e| e.loc.len() + e.lastmod.as_ref().map_or(0, String::len) + ENTRY_MARKUP)
        .collect();
    split(&sizes, max_urls(), MAX_BYTES)
}

/// `sitemap-<n>.xml`.
pub(crate) fn part_path(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// The part files' jobs: none while one file holds every URL.
pub(crate) fn part_jobs(site: &Site) -> Vec<Job> {
    let count = parts(&sitemap_entries(site)).len();
    if count > 1 {
        (1..=count).map(Job::SitemapPart).collect()
    } else {
        Vec::new()
    }
}

#[derive(Serialize)]
struct SitemapRef {
    loc: String,
    lastmod: Option<String>,
}

impl Renderer<'_> {
    /// `sitemap.xml`: every page, or the index of the parts.
    pub(super) fn sitemap(&self, mut ctx: Vars) -> Prepared {
        let site = self.site;
        let entries = sitemap_entries(site);
        let parts = parts(&entries);
        if parts.len() <= 1 {
            ctx.insert("entries", &entries);
            return Prepared::template("sitemap.xml", ctx, None);
        }
        let refs: Vec<SitemapRef> = parts
            .iter()
            .enumerate()
            .map(|(k, range)| SitemapRef {
                loc: site.config.permalink(&part_path(k + 1)),
                lastmod: entries[range.clone()]
                    .iter()
                    .filter_map(|e| e.lastmod.clone())
                    .max(),
            })
            .collect();
        ctx.insert("sitemaps", &refs);
        Prepared::template("sitemap_index.xml", ctx, None)
    }

    /// Part `n` of a sitemap split into several files.
    pub(super) fn sitemap_part(&self, mut ctx: Vars, n: usize) -> Prepared {
        let entries = sitemap_entries(self.site);
        let parts = parts(&entries);
        let range = parts.get(n - 1).cloned().unwrap_or(0..0);
        ctx.insert("entries", &entries[range]);
        Prepared::template("sitemap.xml", ctx, None)
    }
}

#[derive(Serialize)]
struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
    /// The page's versions in every language, `x-default` last; empty when it has none.
    alternates: Vec<super::languages::Alternate>,
}

fn sitemap_entries(site: &Site) -> Vec<SitemapEntry> {
    let languages = super::languages::LanguageMap::new(site);
    let mut out = Vec::new();
    for lang in std::iter::once(site).chain(&site.translations) {
        language_entries(site, lang, languages.as_deref(), &mut out);
    }
    out
}

/// The entries of one language's pages: `lang` is `site` itself or one of its
/// translations, whose paths carry their `/<code>/`.
fn language_entries(
    site: &Site,
    lang: &Site,
    map: Option<&super::languages::LanguageMap>,
    out: &mut Vec<SitemapEntry>,
) {
    let c = &site.config;
    let modified = |g: &crate::model::Guide| g.updated.unwrap_or(g.date).max(g.date);
    // Listings, the map and the search page change whenever any guide does; pages with no
    // date of their own fall back to that too, so every entry has a lastmod.
    let newest = lang
        .guides
        .iter()
        .map(modified)
        .max()
        .map(|d| d.to_string());
    let entry = |path: &str, lastmod: Option<String>| SitemapEntry {
        loc: c.permalink(path),
        lastmod: lastmod.or_else(|| newest.clone()),
        alternates: map
            .map(|map| super::languages::sitemap_alternates(map, site, path))
            .unwrap_or_default(),
    };
    let at = &lang.config.lang_path;
    out.extend([
        entry(at, None),
        entry(&lang.roles.path(), None),
        entry(&format!("{at}career-map/"), None),
        entry(&lang.skills.path(), None),
        entry(&format!("{at}search/"), None),
    ]);
    for n in 1..=guide_pages(lang) {
        out.push(entry(&guides_page_path(at, n), None));
    }
    for g in &lang.guides {
        out.push(entry(&g.path(), Some(modified(g).to_string())));
    }
    let latest_of = |idx: &[usize]| {
        idx.iter()
            .map(|&i| modified(&lang.guides[i]))
            .max()
            .map(|d| d.to_string())
    };
    for id in lang.taxonomy_ids() {
        let taxonomy = lang.taxonomy(id);
        // The built-in indexes are listed above, beside the career map.
        if let TaxonomyId::Declared(_) = id {
            out.push(entry(&taxonomy.path(), None));
        }
        let per = terms::paginate_by(lang, id);
        for term in taxonomy.terms.values() {
            let base = taxonomy.term_path(&term.slug);
            for n in 1..=page_count(term.guides.len(), per) {
                let shown = &term.guides[page_range(n, per, term.guides.len())];
                out.push(entry(&page_path(&base, n), latest_of(shown)));
            }
        }
    }
    for p in &lang.pages {
        let own = p.updated.into_iter().chain(p.date).max();
        out.push(entry(&p.url_path(), own.map(|d| d.to_string())));
    }
    for p in &lang.datasets.salary_pages {
        out.push(entry(&p.url_path(), None));
    }
    if super::which_role::has_finder(lang) {
        out.push(entry(&super::which_role::page_path(&lang.config), None));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sitemap_within_the_limits_is_one_part() {
        let whole = |parts: Vec<Range<usize>>| parts.into_iter().map(|r| (r.start, r.end));
        assert!(whole(split(&[], 3, 100)).eq([(0, 0)]));
        assert!(whole(split(&[10, 10, 10], 3, 100)).eq([(0, 3)]));
    }

    #[test]
    fn parts_end_at_the_url_limit_or_before_the_byte_limit() {
        assert_eq!(split(&[1; 7], 3, 100), [0..3, 3..6, 6..7]);
        assert_eq!(split(&[40, 40, 40, 10], 10, 100), [0..2, 2..4]);
        // An entry over the byte limit alone still gets written, in a part of its own.
        assert_eq!(split(&[10, 500, 10], 10, 100), [0..1, 1..2, 2..3]);
    }
}
