//! Preparing the pages of declared taxonomies, the same for every one: its index
//! (`taxonomy.html`) and each term's page (`term.html`); and every taxonomy's term feeds,
//! roles' and skills' included. Nothing here knows a taxonomy by name.

use tera::Value;

use super::Vars;
use crate::model::{Site, TaxonomyId, Term};

use super::paginate::{Paginator, page_path, page_range};
use super::views::*;
use super::{Prepared, Renderer, structured, with_field};

/// Guides a page of the taxonomy's term pages: `role_paginate_by`, `skill_paginate_by`,
/// or a declared taxonomy's own `paginate_by` (each the site's `paginate_by` unless set).
pub(crate) fn paginate_by(site: &Site, id: TaxonomyId) -> usize {
    let c = &site.config;
    match id {
        TaxonomyId::Roles => c.role_paginate_by,
        TaxonomyId::Skills => c.skill_paginate_by,
        TaxonomyId::Declared(t) => site.taxonomy_config(t).paginate_by,
    }
}

/// What page `n` of a term's page knows of its place in the listing.
pub(super) struct TermPage {
    /// The page's site path: the term's own for page 1, `<term>/page/<n>/` after it.
    pub path: String,
    /// `Term title, page n` after the first page, so each page's title is its own.
    pub title: String,
}

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
            &Meta::new(c, "taxonomy", &taxonomy.path(), title, &description).crumbs(
                c,
                &self.words.home,
                &[],
            ),
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

    /// Page `n` of a term's listing: the term's view gets this page's guides as `guides`
    /// and the whole listing's count as `guide_count`; the context gets `paginator`.
    pub(super) fn term_page(
        &self,
        ctx: &mut Vars,
        id: TaxonomyId,
        term: &Term,
        n: usize,
        view: Value,
    ) -> (TermPage, Value) {
        let site = self.site;
        let per = paginate_by(site, id);
        let total = term.guides.len();
        let shown = &term.guides[page_range(n, per, total)];
        let guides = self.summaries(shown.iter().copied());
        let base = site.taxonomy(id).term_path(&term.slug);
        let paginator = Paginator::new(&site.config, &base, n, per, total);
        ctx.insert_value("paginator", paginator.with_pages(guides.clone()));
        let view = with_field(view, "guides", guides);
        let view = with_field(view, "guide_count", Value::from(total));
        let page = TermPage {
            path: page_path(&base, n),
            title: self.page_title(&term.title, n),
        };
        (page, view)
    }

    /// One term's page: its profile, if it has one, and its guides.
    pub(super) fn term(&self, mut ctx: Vars, t: usize, slug: &str, n: usize) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let taxonomy = &site.taxonomies[t];
        let config = site.taxonomy_config(t);
        let term = &taxonomy.terms[slug];
        let view = TermView::new(site, t, term);
        let fallback = format!("Guides about {} ({}).", term.title, config.title);
        let description = view.summary.unwrap_or(&fallback);
        let id = TaxonomyId::Declared(t);
        let (page, view) = self.term_page(&mut ctx, id, term, n, Value::from_serializable(&view));
        let meta = Meta::new(c, "term", &page.path, &page.title, description)
            .crumbs(
                c,
                &self.words.home,
                &[(config.title.as_str(), &taxonomy.path())],
            )
            .schema(vec![structured::term(site, t, term, description)]);
        ctx.insert("meta", &meta);
        ctx.insert("taxonomy", &TaxonomyLink::new(site, t));
        ctx.insert_value("term", view);
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
