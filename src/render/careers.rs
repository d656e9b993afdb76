//! Preparing the career pages of roles and skills, the two taxonomies every site has, with
//! their career facts (salaries, paths, skill gaps, the career map) on top of what every
//! taxonomy's pages show.

use tera::Value;

use super::Vars;

use super::views::*;
use super::{Category, Prepared, Renderer, career_map, structured};
use crate::model::TaxonomyId;

impl Renderer<'_> {
    /// Every role, by title.
    pub(super) fn roles_index(&self, mut ctx: Vars) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let description = self.word("roles_description");
        ctx.insert(
            "meta",
            &Meta::new(
                c,
                "roles",
                &site.roles.path(),
                &self.words.roles,
                &description,
            )
            .crumbs(c, &self.words.home, &[]),
        );
        let mut roles: Vec<_> = site
            .roles
            .terms
            .values()
            .map(|r| role_summary(site, r))
            .collect();
        roles.sort_by(|a, b| a.title.cmp(b.title));
        ctx.insert("roles", &roles);
        let finder =
            super::which_role::has_finder(site).then(|| c.url(&super::which_role::page_path(c)));
        ctx.insert("which_role_url", &finder);
        Prepared::template("roles.html", ctx, None)
    }

    /// The map of every career path.
    pub(super) fn career_map_page(&self, mut ctx: Vars) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let description = self.word("career_map_description");
        ctx.insert(
            "meta",
            &Meta::new(
                c,
                "career-map",
                &format!("{}career-map/", c.lang_path),
                &self.words.career_map,
                &description,
            )
            .crumbs(c, &self.words.home, &[]),
        );
        ctx.insert("career_map", &career_map::career_map(site));
        Prepared::template("career-map.html", ctx, None)
    }

    /// A role's page: its profile, career facts and guides.
    pub(super) fn role(&self, mut ctx: Vars, slug: &String, n: usize) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let r = &site.roles.terms[slug];
        let neighbourhood = career_map::neighbourhood_svg_in(site, self.career_graph(), slug);
        let view = RoleView::new(site, r, neighbourhood);
        let fallback = format!("Guides, skills and career paths for the {} role.", r.title);
        let description = view.summary.unwrap_or(&fallback);
        let view = Value::from_serializable(&view);
        let (page, view) = self.term_page(&mut ctx, TaxonomyId::Roles, r, n, view);
        let meta = Meta::new(c, "role", &page.path, &page.title, description)
            .crumbs(
                c,
                &self.words.home,
                &[(&self.words.roles, &site.roles.path())],
            )
            .schema(vec![structured::role(site, r, description)]);
        ctx.insert("meta", &meta);
        let facts = r.role_facts();
        let codes = facts.map_or(&[][..], |f| &f.soc[..]);
        let occupations: Vec<_> = codes
            .iter()
            .filter_map(|code| site.datasets.occupation(code))
            .collect();
        let views: Vec<_> = occupations
            .iter()
            .map(|o| OccupationView::new(o, &c.language))
            .collect();
        ctx.insert("occupations", &views);
        ctx.insert("salary_areas", &super::salary_pages::area_links(site, slug));
        ctx.insert(
            "occupation_note",
            &facts.and_then(|f| f.soc_note.as_deref()),
        );
        ctx.insert_value("role", view);
        Prepared::template(
            "role.html",
            ctx,
            r.profile.as_ref().map(|p| p.source.as_path()),
        )
    }

    /// Every skill, by title and by category.
    pub(super) fn skills_index(&self, mut ctx: Vars) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let description = self.word("skills_description");
        ctx.insert(
            "meta",
            &Meta::new(
                c,
                "skills",
                &site.skills.path(),
                &self.words.skills,
                &description,
            )
            .crumbs(c, &self.words.home, &[]),
        );
        let mut skills: Vec<_> = site
            .skills
            .terms
            .values()
            .map(|s| skill_summary(site, s))
            .collect();
        skills.sort_by(|a, b| a.title.cmp(b.title));
        let mut categories: std::collections::BTreeMap<&str, Vec<TagSummary>> = Default::default();
        for s in site.skills.terms.values() {
            let cat = s
                .skill_facts()
                .and_then(|p| p.category.as_deref())
                .unwrap_or("Other");
            categories
                .entry(cat)
                .or_default()
                .push(skill_summary(site, s));
        }
        let categories: Vec<Category> = categories
            .into_iter()
            .map(|(name, mut skills)| {
                skills.sort_by(|a, b| a.title.cmp(b.title));
                Category { name, skills }
            })
            .collect();
        ctx.insert("skills", &skills);
        ctx.insert("categories", &categories);
        Prepared::template("skills.html", ctx, None)
    }

    /// A skill's page: its profile, the roles that need it, and its guides.
    pub(super) fn skill(&self, mut ctx: Vars, slug: &String, n: usize) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let s = &site.skills.terms[slug];
        let view = SkillView::new(site, s);
        let fallback = format!(
            "Why {} matters, the roles that need it, and guides to it.",
            s.title
        );
        let description = view.summary.unwrap_or(&fallback);
        let view = Value::from_serializable(&view);
        let (page, view) = self.term_page(&mut ctx, TaxonomyId::Skills, s, n, view);
        let meta = Meta::new(c, "skill", &page.path, &page.title, description).crumbs(
            c,
            &self.words.home,
            &[(&self.words.skills, &site.skills.path())],
        );
        ctx.insert("meta", &meta);
        ctx.insert_value("skill", view);
        Prepared::template(
            "skill.html",
            ctx,
            s.profile.as_ref().map(|p| p.source.as_path()),
        )
    }
}
