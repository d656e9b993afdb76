//! Preparing the site's general pages: the template each one uses and the exact context
//! it receives (see `Renderer::prepare`). One function per kind of page.

use tera::Value;

use super::Vars;

use super::paginate::{Paginator, page_range};
use super::views::*;
use super::{Prepared, Renderer, guides_page_path, structured, with_field};

impl Renderer<'_> {
    /// The home page: the newest guides and the most used roles and skills.
    pub(super) fn home(&self, mut ctx: Vars) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let meta = Meta::new(c, "home", &c.lang_path, &c.title, &c.description)
            .schema(vec![structured::website(c)]);
        ctx.insert("meta", &meta);
        ctx.insert_value(
            "latest_guides",
            self.summaries(0..site.guides.len().min(10)),
        );
        let mut roles: Vec<_> = site.roles.terms.values().collect();
        roles.sort_by(|a, b| {
            b.guides
                .len()
                .cmp(&a.guides.len())
                .then(a.title.cmp(&b.title))
        });
        let roles: Vec<_> = roles
            .into_iter()
            .take(12)
            .map(|r| role_summary(site, r))
            .collect();
        ctx.insert("top_roles", &roles);
        let mut skills: Vec<_> = site.skills.terms.values().collect();
        skills.sort_by(|a, b| {
            b.guides
                .len()
                .cmp(&a.guides.len())
                .then(a.title.cmp(&b.title))
        });
        let skills: Vec<_> = skills
            .into_iter()
            .take(24)
            .map(|s| skill_summary(site, s))
            .collect();
        ctx.insert("top_skills", &skills);
        Prepared::template("index.html", ctx, None)
    }

    /// Page `n` of the guides listing.
    pub(super) fn guides_page(&self, mut ctx: Vars, n: &usize) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let per = c.paginate_by;
        let title = self.page_title(&self.words.guides, *n);
        let description = self.word("guides_description");
        ctx.insert(
            "meta",
            &Meta::new(
                c,
                "guides",
                &guides_page_path(&c.lang_path, *n),
                &title,
                &description,
            )
            .crumbs(c, &self.words.home, &[]),
        );
        let guides = self.summaries(page_range(*n, per, site.guides.len()));
        ctx.insert_value("guides", guides.clone());
        let listing = format!("{}guides/", c.lang_path);
        let paginator = Paginator::new(c, &listing, *n, per, site.guides.len());
        ctx.insert_value("paginator", paginator.with_pages(guides));
        Prepared::template("guides.html", ctx, None)
    }

    /// A guide's page, with its related guides.
    pub(super) fn guide(&self, mut ctx: Vars, i: &usize) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let g = &site.guides[*i];
        let description = g.description.as_deref().unwrap_or(&g.body.summary);
        let meta = Meta::new(c, "guide", &g.path(), &g.title, description)
            .crumbs(
                c,
                &self.words.home,
                &[(&self.words.guides, &format!("{}guides/", c.lang_path))],
            )
            .schema(structured::guide(site, g, description));
        ctx.insert("meta", &meta);
        let related = g
            .related
            .iter()
            .map(|r| {
                let shared = RelatedView {
                    shared_roles: r.shared_in(crate::model::TaxonomyId::Roles),
                    shared_skills: r.shared_in(crate::model::TaxonomyId::Skills),
                };
                self.summary_and(r.guide, &shared)
            })
            .collect::<Vec<_>>();
        let view = self.summary_and(*i, &GuideView::new(site, g));
        ctx.insert_value("guide", with_field(view, "related", Value::from(related)));
        Prepared::template(
            g.template.as_deref().unwrap_or("guide.html"),
            ctx,
            Some(&g.source),
        )
    }

    /// A standalone page.
    pub(super) fn page(&self, mut ctx: Vars, i: &usize) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let p = &site.pages[*i];
        let view = PageView::new(site, p);
        let description = p.description.as_deref().unwrap_or(&p.body.summary);
        ctx.insert(
            "meta",
            &Meta::new(c, "page", &p.url_path(), &p.title, description).crumbs(
                c,
                &self.words.home,
                &[],
            ),
        );
        ctx.insert("page", &view);
        Prepared::template(
            p.template.as_deref().unwrap_or("page.html"),
            ctx,
            Some(&p.source),
        )
    }

    /// The 404 page.
    pub(super) fn not_found(&self, mut ctx: Vars) -> Prepared {
        let site = self.site;
        let c = &site.config;
        ctx.insert(
            "meta",
            &Meta::new(
                c,
                "404",
                &format!("{}404.html", c.lang_path),
                &self.words.not_found,
                &self.word("not_found_description"),
            )
            .crumbs(c, &self.words.home, &[]),
        );
        Prepared::template("404.html", ctx, None)
    }

    /// The search page (its index is written apart).
    pub(super) fn search_page(&self, mut ctx: Vars) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let description = self.word("search_description");
        ctx.insert(
            "meta",
            &Meta::new(
                c,
                "search",
                &format!("{}search/", c.lang_path),
                &self.words.search,
                &description,
            )
            .crumbs(c, &self.words.home, &[]),
        );
        Prepared::template("search.html", ctx, None)
    }
}
