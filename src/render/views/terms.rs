//! What templates see of declared taxonomies: `taxonomy.html` (a taxonomy's index) and
//! `term.html` (one term's page), each guide's terms by taxonomy, and every taxonomy's
//! term links and summaries (roles and skills use the same).

use std::collections::BTreeMap;

use serde::Serialize;

use super::EMPTY_MAP;
use crate::model::{Guide, Site, Taxonomy, TaxonomyId, Term};

/// A declared taxonomy as a link: `site.taxonomies`, and `taxonomy` on its pages.
#[derive(Serialize)]
pub struct TaxonomyLink<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub url: String,
    pub term_count: usize,
    pub has_feeds: bool,
}

impl<'a> TaxonomyLink<'a> {
    pub fn new(site: &'a Site, t: usize) -> Self {
        let taxonomy = &site.taxonomies[t];
        let config = site.taxonomy_config(t);
        TaxonomyLink {
            name: &taxonomy.name,
            title: &config.title,
            url: site.config.url(&taxonomy.path()),
            term_count: taxonomy.terms.len(),
            has_feeds: config.feeds,
        }
    }
}

/// Every declared taxonomy, in site.toml's order.
pub fn taxonomy_links(site: &Site) -> Vec<TaxonomyLink<'_>> {
    (0..site.taxonomies.len())
        .map(|t| TaxonomyLink::new(site, t))
        .collect()
}

#[derive(Serialize, Clone)]
pub struct TagLink<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
}

pub fn role_link<'a>(site: &'a Site, slug: &'a str) -> TagLink<'a> {
    term_link(site, &site.roles, slug)
}

pub fn skill_link<'a>(site: &'a Site, slug: &'a str) -> TagLink<'a> {
    term_link(site, &site.skills, slug)
}

#[derive(Serialize)]
pub struct TagSummary<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub summary: Option<&'a str>,
    pub guide_count: usize,
    pub has_profile: bool,
}

pub fn role_summary<'a>(site: &'a Site, r: &'a Term) -> TagSummary<'a> {
    term_summary(site, &site.roles, r)
}

pub fn skill_summary<'a>(site: &'a Site, s: &'a Term) -> TagSummary<'a> {
    term_summary(site, &site.skills, s)
}

pub fn term_link<'a>(site: &'a Site, taxonomy: &'a Taxonomy, slug: &'a str) -> TagLink<'a> {
    let title = taxonomy
        .terms
        .get(slug)
        .map(|t| t.title.as_str())
        .unwrap_or(slug);
    TagLink {
        slug,
        title,
        url: site.config.url(&taxonomy.term_path(slug)),
    }
}

pub fn term_summary<'a>(site: &'a Site, taxonomy: &'a Taxonomy, term: &'a Term) -> TagSummary<'a> {
    TagSummary {
        slug: &term.slug,
        title: &term.title,
        url: site.config.url(&taxonomy.term_path(&term.slug)),
        summary: term.profile.as_ref().and_then(|p| p.summary.as_deref()),
        guide_count: term.guides.len(),
        has_profile: term.profile.is_some(),
    }
}

/// A guide's terms as links, by taxonomy name: `guide.taxonomies.industries`.
pub fn guide_terms<'a>(site: &'a Site, g: &'a Guide) -> BTreeMap<&'a str, Vec<TagLink<'a>>> {
    site.taxonomies
        .iter()
        .enumerate()
        .map(|(t, taxonomy)| {
            let links = g
                .terms_of(TaxonomyId::Declared(t))
                .iter()
                .map(|slug| term_link(site, taxonomy, slug))
                .collect();
            (taxonomy.name.as_str(), links)
        })
        .collect()
}

/// One term's page. The renderer adds its guides' summaries as `guides`.
#[derive(Serialize)]
pub struct TermView<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    /// The term's feed, when its taxonomy has feeds.
    pub feed_url: Option<String>,
    pub summary: Option<&'a str>,
    pub content: std::borrow::Cow<'a, str>,
    pub has_profile: bool,
    pub aliases: &'a [String],
    pub extra: &'a serde_json::Value,
}

impl<'a> TermView<'a> {
    pub fn new(site: &'a Site, t: usize, term: &'a Term) -> Self {
        let taxonomy = &site.taxonomies[t];
        let p = term.profile.as_ref();
        let path = taxonomy.term_path(&term.slug);
        TermView {
            slug: &term.slug,
            title: &term.title,
            url: site.config.url(&path),
            permalink: site.config.permalink(&path),
            feed_url: site
                .taxonomy_config(t)
                .feeds
                .then(|| site.config.url(&format!("{path}atom.xml"))),
            summary: p.and_then(|p| p.summary.as_deref()),
            content: p.map(|p| p.body.html.read()).unwrap_or_default(),
            has_profile: p.is_some(),
            aliases: p.map(|p| p.aliases.as_slice()).unwrap_or(&[]),
            extra: p.map(|p| &p.extra).unwrap_or(&EMPTY_MAP),
        }
    }
}
