//! Preparing the pages of declared taxonomies, the same for every one: its index
//! (`taxonomy.html`) and each term's page (`term.html`); and every taxonomy's term feeds,
//! roles' and skills' included. Nothing here knows a taxonomy by name.

use tera::Value;

use super::Vars;
use crate::model::TaxonomyId;

use super::views::*;
use super::{Prepared, Renderer, structured, with_field};

impl Renderer<'_> {
    /// A taxonomy's index: every term, by title.
    pub(super) fn taxonomy_index(&self, mut ctx: Vars, t: usize) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let taxonomy = &site.taxonomies[t];
        let title = &site.taxonomy_config(t).title;
        let description = format!("Every term of {title} on {}, with its guides.", c.title);
        ctx.insert(
            "meta",
            &Meta::new(c, "taxonomy", &taxonomy.path(), title, &description).crumbs(c, &[]),
        );
        let mut terms: Vec<_> = taxonomy
            .terms
            .values()
            .map(|term| term_summary(site, taxonomy, term))
            .collect();
        terms.sort_by(|a, b| a.title.cmp(b.title));
        ctx.insert("taxonomy", &TaxonomyLink::new(site, t));
        ctx.insert("terms", &terms);
        Prepared::template("taxonomy.html", ctx, None)
    }

    /// One term's page: its profile, if it has one, and its guides.
    pub(super) fn term(&self, mut ctx: Vars, t: usize, slug: &str) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let taxonomy = &site.taxonomies[t];
        let config = site.taxonomy_config(t);
        let term = &taxonomy.terms[slug];
        let view = TermView::new(site, t, term);
        let fallback = format!("Guides about {} ({}).", term.title, config.title);
        let description = view.summary.unwrap_or(&fallback);
        let path = taxonomy.term_path(slug);
        let meta = Meta::new(c, "term", &path, &term.title, description)
            .crumbs(c, &[(config.title.as_str(), &taxonomy.path())])
            .schema(vec![structured::term(site, t, term, description)]);
        ctx.insert("meta", &meta);
        ctx.insert("taxonomy", &TaxonomyLink::new(site, t));
        let guides = self.summaries(term.guides.iter().copied());
        ctx.insert_value(
            "term",
            with_field(Value::from_serializable(&view), "guides", guides),
        );
        Prepared::template(
            "term.html",
            ctx,
            term.profile.as_ref().map(|p| p.source.as_path()),
        )
    }

    /// The feed of a term's newest guides, in any taxonomy.
    pub(super) fn term_feed(&self, ctx: Vars, t: TaxonomyId, slug: &str) -> Prepared {
        let site = self.site;
        let taxonomy = site.taxonomy(t);
        let term = &taxonomy.terms[slug];
        let title = format!("{}: {}", site.config.title, term.title);
        let path = taxonomy.term_path(slug);
        self.feed(
            ctx,
            &title,
            &path,
            &format!("{path}atom.xml"),
            term.guides.iter().copied(),
        )
    }
}
