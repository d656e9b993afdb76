//! "Which role fits me": a static page where readers tick the skills they have (and may
//! give their education and a salary floor) and see the roles that fit best, with why and
//! the guides to read next. The page itself lists every role with its core skills, which
//! is all a reader without JavaScript needs; `which-role.js` adds the form and the ranking
//! from one small JSON file written here. It lives at `/which-role/`, not under `/roles/`,
//! because any slug under `/roles/` may be a role's.

use std::collections::BTreeMap;

use serde::Serialize;

use super::views::{Meta, SalaryView, TagLink, role_link, skill_link};
use super::{Prepared, Renderer, Vars};
use crate::model::{Role, Site};

/// The page's folder in the site of `config`'s language: `which-role/`, `de/which-role/`.
pub fn page_path(config: &crate::config::Config) -> String {
    format!("{}which-role/", config.lang_path)
}

/// The data file the page's script reads.
pub fn data_path(config: &crate::config::Config) -> String {
    format!("{}roles.json", page_path(config))
}
/// Guides offered per role as reading for the skills a reader lacks.
const GUIDES_PER_ROLE: usize = 6;

/// Whether the site has the page: some role profile lists core skills to compare.
pub fn has_finder(site: &Site) -> bool {
    roles(site).next().is_some()
}

/// The roles with core skills, by slug.
fn roles(site: &Site) -> impl Iterator<Item = &Role> {
    site.roles
        .terms
        .values()
        .filter(|r| r.role_facts().is_some_and(|f| !f.skills.is_empty()))
}

#[derive(Serialize)]
struct FinderRole<'a> {
    #[serde(flatten)]
    link: TagLink<'a>,
    summary: Option<&'a str>,
    skills: Vec<TagLink<'a>>,
    education: Option<&'a str>,
    salary: Option<SalaryView<'a>>,
}

/// The JSON the script reads: skills once, roles pointing at them by position.
#[derive(Serialize)]
struct FinderData<'a> {
    version: u32,
    skills: Vec<TagLink<'a>>,
    roles: Vec<DataRole<'a>>,
}

#[derive(Serialize)]
struct DataRole<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    /// Positions in `skills`.
    skills: Vec<usize>,
    education: Option<&'a str>,
    /// The median and what it is per (`year`), with its display, where the role has one.
    median: Option<u64>,
    median_display: Option<String>,
    period: Option<&'a str>,
    guides: Vec<DataGuide<'a>>,
}

#[derive(Serialize)]
struct DataGuide<'a> {
    title: &'a str,
    url: String,
    /// Positions in `skills` of the role's core skills the guide is tagged with.
    skills: Vec<usize>,
}

/// Every core skill of a finder role, by title then slug.
fn skill_list(site: &Site) -> Vec<&str> {
    let mut slugs: Vec<&str> = roles(site)
        .flat_map(|r| {
            r.role_facts()
                .map(|f| f.skills.iter())
                .into_iter()
                .flatten()
        })
        .map(String::as_str)
        .collect();
    slugs.sort_unstable();
    slugs.dedup();
    slugs.sort_by_key(|s| (skill_link(site, s).title.to_lowercase(), *s));
    slugs
}

/// The finder's data file.
pub fn data_json(site: &Site) -> String {
    let c = &site.config;
    let skills = skill_list(site);
    let position: BTreeMap<&str, usize> = skills.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let roles = roles(site)
        .filter_map(|r| {
            let f = r.role_facts()?;
            let own: Vec<usize> = f
                .skills
                .iter()
                .filter_map(|s| position.get(s.as_str()).copied())
                .collect();
            let guides = r
                .guides
                .iter()
                .map(|&i| &site.guides[i])
                .filter_map(|g| {
                    let taught: Vec<usize> = g
                        .skills()
                        .iter()
                        .filter(|s| f.skills.contains(s))
                        .filter_map(|s| position.get(s.as_str()).copied())
                        .collect();
                    (!taught.is_empty()).then(|| DataGuide {
                        title: &g.title,
                        url: c.url(&g.path()),
                        skills: taught,
                    })
                })
                .take(GUIDES_PER_ROLE)
                .collect();
            let salary = f.salary.as_ref().map(|s| SalaryView::new(s, &c.language));
            Some(DataRole {
                slug: &r.slug,
                title: &r.title,
                url: c.url(&site.roles.term_path(&r.slug)),
                skills: own,
                education: f.education.as_deref(),
                median: salary.as_ref().map(|s| s.median),
                median_display: salary.as_ref().map(|s| s.median_display.clone()),
                period: salary.map(|s| s.period),
                guides,
            })
        })
        .collect();
    let data = FinderData {
        version: 1,
        skills: skills.iter().map(|s| skill_link(site, s)).collect(),
        roles,
    };
    serde_json::to_string(&data).unwrap_or_else(|_| "{}".into())
}

impl Renderer<'_> {
    pub(super) fn which_role(&self, mut ctx: Vars) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let description = &self.word("which_role_description");
        ctx.insert(
            "meta",
            &Meta::new(
                c,
                "which-role",
                &page_path(c),
                &self.word("which_role_title"),
                description,
            )
            .crumbs(
                c,
                &self.words.home,
                &[(&self.words.roles, &site.roles.path())],
            ),
        );
        let mut list: Vec<FinderRole> = roles(site)
            .filter_map(|r| {
                let f = r.role_facts()?;
                Some(FinderRole {
                    link: role_link(site, &r.slug),
                    summary: r.profile.as_ref().and_then(|p| p.summary.as_deref()),
                    skills: f.skills.iter().map(|s| skill_link(site, s)).collect(),
                    education: f.education.as_deref(),
                    salary: f.salary.as_ref().map(|s| SalaryView::new(s, &c.language)),
                })
            })
            .collect();
        list.sort_by(|a, b| a.link.title.cmp(b.link.title));
        let skills: Vec<TagLink> = skill_list(site)
            .into_iter()
            .map(|s| skill_link(site, s))
            .collect();
        let mut educations: Vec<&str> = list.iter().filter_map(|r| r.education).collect();
        educations.sort_unstable();
        educations.dedup();
        ctx.insert("roles", &list);
        ctx.insert("skills", &skills);
        ctx.insert("educations", &educations);
        ctx.insert("data_url", &c.url(&data_path(c)));
        Prepared::template("which-role.html", ctx, None)
    }
}
