//! Rendering: the site model to output files, one job per file. Jobs are independent, so
//! they run in parallel and the watch mode can re-run only the ones a change touches.

pub mod career_map;
pub mod fingerprint;
pub mod minify;
pub mod prepared;
pub mod salary_chart;
pub mod search;
pub mod structured;
pub mod theme;
pub mod views;

use std::sync::OnceLock;

use serde::Serialize;
use tera::Value;

use crate::error::Diagnostic;
use crate::model::Site;
pub use prepared::{Prepared, Vars};
use theme::Theme;
use views::*;

/// One output file to produce.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Job {
    Home,
    /// Page `n` (1-based) of the guides listing.
    Guides(usize),
    /// Index into `Site::guides`.
    Guide(usize),
    Roles,
    Role(String),
    CareerMap,
    RoleFeed(String),
    Skills,
    Skill(String),
    SkillFeed(String),
    /// Index into `Site::pages`.
    Page(usize),
    NotFound,
    Feed,
    Sitemap,
    Robots,
    /// The search page; its index files come from `search::search_index`.
    Search,
}

/// Every file the site's pages make, in a stable order.
pub fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![
        Job::Home,
        Job::Roles,
        Job::CareerMap,
        Job::Skills,
        Job::NotFound,
        Job::Feed,
        Job::Sitemap,
        Job::Robots,
        Job::Search,
    ];
    jobs.extend((1..=guide_pages(site)).map(Job::Guides));
    jobs.extend((0..site.guides.len()).map(Job::Guide));
    for slug in site.roles.keys() {
        jobs.push(Job::Role(slug.clone()));
        jobs.push(Job::RoleFeed(slug.clone()));
    }
    for slug in site.skills.keys() {
        jobs.push(Job::Skill(slug.clone()));
        jobs.push(Job::SkillFeed(slug.clone()));
    }
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs
}

pub(crate) fn guide_pages(site: &Site) -> usize {
    site.guides.len().div_ceil(site.config.paginate_by).max(1)
}

fn guides_page_path(n: usize) -> String {
    if n == 1 {
        "guides/".into()
    } else {
        format!("guides/page/{n}/")
    }
}

impl Job {
    /// The file this job writes, relative to the output folder.
    pub fn output_path(&self, site: &Site) -> String {
        match self {
            Job::Home => "index.html".into(),
            Job::Guides(n) => format!("{}index.html", guides_page_path(*n)),
            Job::Guide(i) => format!("{}index.html", site.guides[*i].path()),
            Job::Roles => "roles/index.html".into(),
            Job::CareerMap => "career-map/index.html".into(),
            Job::Role(s) => format!("roles/{s}/index.html"),
            Job::RoleFeed(s) => format!("roles/{s}/atom.xml"),
            Job::Skills => "skills/index.html".into(),
            Job::Skill(s) => format!("skills/{s}/index.html"),
            Job::SkillFeed(s) => format!("skills/{s}/atom.xml"),
            Job::Page(i) => format!("{}index.html", site.pages[*i].url_path()),
            Job::NotFound => "404.html".into(),
            Job::Feed => "atom.xml".into(),
            Job::Sitemap => "sitemap.xml".into(),
            Job::Robots => "robots.txt".into(),
            Job::Search => "search/index.html".into(),
        }
    }
}

/// Renders one job to the bytes of its file. To render many, use one [`Renderer`].
pub fn render(site: &Site, theme: &Theme, job: &Job) -> Result<Vec<u8>, Diagnostic> {
    Renderer::new(site, theme).render(job)
}

/// Renders the jobs of one build, from any number of threads. What many pages repeat is
/// made once: a guide's summary becomes a template value the first time a page needs it,
/// and every listing, feed and related list after that shares it (template values are
/// reference-counted). At 10,000 guides that is some 100,000 summaries fewer to build.
pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    summaries: Vec<OnceLock<Value>>,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme) -> Self {
        Renderer {
            site,
            theme,
            summaries: site.guides.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    fn summary(&self, i: usize) -> &Value {
        self.summaries[i].get_or_init(|| {
            Value::from_serializable(&GuideSummary::new(self.site, &self.site.guides[i]))
        })
    }

    /// Every guide's summary hash by the address of its entries, for fingerprints: pages
    /// share summaries, so each is hashed once instead of once per page showing it.
    pub fn summary_memo(&self) -> prepared::Memo {
        use rayon::prelude::*;
        (0..self.site.guides.len())
            .into_par_iter()
            .filter_map(|i| prepared::memo_entry(self.summary(i)))
            .collect()
    }

    fn summaries(&self, guides: impl Iterator<Item = usize>) -> Value {
        Value::from(guides.map(|i| self.summary(i).clone()).collect::<Vec<_>>())
    }

    /// Guide `i`'s summary with the fields of `more` beside its own.
    fn summary_and(&self, i: usize, more: &impl Serialize) -> Value {
        let mut map = self.summary(i).as_map().cloned().unwrap_or_default();
        map.extend(
            Value::from_serializable(more)
                .into_map()
                .unwrap_or_default(),
        );
        Value::from(map)
    }

    /// Renders one job to the bytes of its file.
    pub fn render(&self, job: &Job) -> Result<Vec<u8>, Diagnostic> {
        let prepared = self.prepare(job);
        self.render_prepared(job, &prepared)
    }

    /// Renders what `prepare` made for `job`.
    pub fn render_prepared(&self, job: &Job, prepared: &Prepared) -> Result<Vec<u8>, Diagnostic> {
        let c = &self.site.config;
        let html = match prepared {
            Prepared::Template {
                name,
                vars,
                for_file,
            } => self
                .theme
                .render(name, &vars.context(), for_file.as_deref())?,
            Prepared::Text(text) => text.clone(),
        };
        if c.minify
            && let Some(small) = minify::for_path(&job.output_path(self.site), html.as_bytes())
        {
            return Ok(small);
        }
        Ok(html.into_bytes())
    }

    /// Everything rendering `job` reads: the template's name and the exact context handed
    /// to Tera. Together with the theme's templates and global context this determines the
    /// output, which is why watch mode fingerprints jobs by hashing it.
    pub fn prepare(&self, job: &Job) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let mut ctx = Vars::new();
        match job {
            Job::Home => {
                let meta = Meta::new(c, "home", "", &c.title, &c.description)
                    .schema(vec![structured::website(c)]);
                ctx.insert("meta", &meta);
                ctx.insert_value(
                    "latest_guides",
                    self.summaries(0..site.guides.len().min(10)),
                );
                let mut roles: Vec<_> = site.roles.values().collect();
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
                let mut skills: Vec<_> = site.skills.values().collect();
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
            Job::Guides(n) => {
                let per = c.paginate_by;
                let total = guide_pages(site);
                let title = if *n == 1 {
                    "Guides".to_string()
                } else {
                    format!("Guides, page {n}")
                };
                let description = format!("Every guide on {}, newest first.", c.title);
                ctx.insert(
                    "meta",
                    &Meta::new(c, "guides", &guides_page_path(*n), &title, &description)
                        .crumbs(c, &[]),
                );
                let first = ((n - 1) * per).min(site.guides.len());
                let last = (first + per).min(site.guides.len());
                ctx.insert_value("guides", self.summaries(first..last));
                ctx.insert(
                    "paginator",
                    &Paginator {
                        current: *n,
                        total_pages: total,
                        total_guides: site.guides.len(),
                        previous_url: (*n > 1).then(|| c.url(&guides_page_path(n - 1))),
                        next_url: (*n < total).then(|| c.url(&guides_page_path(n + 1))),
                        pages: page_window(*n, total)
                            .map(|(k, gap_before)| PageNumber {
                                number: k,
                                url: c.url(&guides_page_path(k)),
                                current: k == *n,
                                gap_before,
                            })
                            .collect(),
                    },
                );
                Prepared::template("guides.html", ctx, None)
            }
            Job::Guide(i) => {
                let g = &site.guides[*i];
                let description = g.description.as_deref().unwrap_or(&g.body.summary);
                let meta = Meta::new(c, "guide", &g.path(), &g.title, description)
                    .crumbs(c, &[("Guides", "guides/")])
                    .schema(structured::guide(site, g, description));
                ctx.insert("meta", &meta);
                let related = g
                    .related
                    .iter()
                    .map(|r| {
                        let shared = RelatedView {
                            shared_roles: r.shared_roles,
                            shared_skills: r.shared_skills,
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
            Job::Roles => {
                let description = format!("Every role on {}, with its guides.", c.title);
                ctx.insert(
                    "meta",
                    &Meta::new(c, "roles", "roles/", "Roles", &description).crumbs(c, &[]),
                );
                let mut roles: Vec<_> =
                    site.roles.values().map(|r| role_summary(site, r)).collect();
                roles.sort_by(|a, b| a.title.cmp(b.title));
                ctx.insert("roles", &roles);
                Prepared::template("roles.html", ctx, None)
            }
            Job::CareerMap => {
                let description = format!(
                    "How the roles on {} connect: where each one leads.",
                    c.title
                );
                ctx.insert(
                    "meta",
                    &Meta::new(c, "career-map", "career-map/", "Career map", &description)
                        .crumbs(c, &[]),
                );
                ctx.insert("career_map", &career_map::career_map(site));
                Prepared::template("career-map.html", ctx, None)
            }
            Job::Role(slug) => {
                let r = &site.roles[slug];
                let view = RoleView::new(site, r);
                let fallback = format!("Guides, skills and career paths for the {} role.", r.title);
                let description = view.summary.unwrap_or(&fallback);
                let meta = Meta::new(c, "role", &format!("roles/{slug}/"), &r.title, description)
                    .crumbs(c, &[("Roles", "roles/")])
                    .schema(vec![structured::role(site, r, description)]);
                ctx.insert("meta", &meta);
                let guides = self.summaries(r.guides.iter().copied());
                ctx.insert_value(
                    "role",
                    with_field(Value::from_serializable(&view), "guides", guides),
                );
                Prepared::template(
                    "role.html",
                    ctx,
                    r.profile.as_ref().map(|p| p.source.as_path()),
                )
            }
            Job::Skills => {
                let description = format!("Every skill on {}, by category.", c.title);
                ctx.insert(
                    "meta",
                    &Meta::new(c, "skills", "skills/", "Skills", &description).crumbs(c, &[]),
                );
                let mut skills: Vec<_> = site
                    .skills
                    .values()
                    .map(|s| skill_summary(site, s))
                    .collect();
                skills.sort_by(|a, b| a.title.cmp(b.title));
                let mut categories: std::collections::BTreeMap<&str, Vec<TagSummary>> =
                    Default::default();
                for s in site.skills.values() {
                    let cat = s
                        .profile
                        .as_ref()
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
            Job::Skill(slug) => {
                let s = &site.skills[slug];
                let view = SkillView::new(site, s);
                let fallback = format!(
                    "Why {} matters, the roles that need it, and guides to it.",
                    s.title
                );
                let description = view.summary.unwrap_or(&fallback);
                let meta = Meta::new(
                    c,
                    "skill",
                    &format!("skills/{slug}/"),
                    &s.title,
                    description,
                )
                .crumbs(c, &[("Skills", "skills/")]);
                ctx.insert("meta", &meta);
                let guides = self.summaries(s.guides.iter().copied());
                ctx.insert_value(
                    "skill",
                    with_field(Value::from_serializable(&view), "guides", guides),
                );
                Prepared::template(
                    "skill.html",
                    ctx,
                    s.profile.as_ref().map(|p| p.source.as_path()),
                )
            }
            Job::Page(i) => {
                let p = &site.pages[*i];
                let view = PageView::new(site, p);
                let description = p.description.as_deref().unwrap_or(&p.body.summary);
                ctx.insert(
                    "meta",
                    &Meta::new(c, "page", &p.url_path(), &p.title, description).crumbs(c, &[]),
                );
                ctx.insert("page", &view);
                Prepared::template(
                    p.template.as_deref().unwrap_or("page.html"),
                    ctx,
                    Some(&p.source),
                )
            }
            Job::NotFound => {
                ctx.insert(
                    "meta",
                    &Meta::new(
                        c,
                        "404",
                        "404.html",
                        "Page not found",
                        "The page you asked for is not here.",
                    )
                    .crumbs(c, &[]),
                );
                Prepared::template("404.html", ctx, None)
            }
            Job::Feed => self.feed(
                ctx,
                &c.title,
                "",
                "atom.xml",
                site.guides.iter().enumerate().map(|(i, _)| i),
            ),
            Job::RoleFeed(slug) => {
                let r = &site.roles[slug];
                let title = format!("{}: {}", c.title, r.title);
                self.feed(
                    ctx,
                    &title,
                    &format!("roles/{slug}/"),
                    &format!("roles/{slug}/atom.xml"),
                    r.guides.iter().copied(),
                )
            }
            Job::SkillFeed(slug) => {
                let s = &site.skills[slug];
                let title = format!("{}: {}", c.title, s.title);
                self.feed(
                    ctx,
                    &title,
                    &format!("skills/{slug}/"),
                    &format!("skills/{slug}/atom.xml"),
                    s.guides.iter().copied(),
                )
            }
            Job::Sitemap => {
                ctx.insert("entries", &sitemap_entries(site));
                Prepared::template("sitemap.xml", ctx, None)
            }
            Job::Search => {
                let description = format!("Search every guide, role and skill on {}.", c.title);
                ctx.insert(
                    "meta",
                    &Meta::new(c, "search", "search/", "Search", &description).crumbs(c, &[]),
                );
                Prepared::template("search.html", ctx, None)
            }
            Job::Robots => Prepared::Text(format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}\n",
                c.permalink("sitemap.xml")
            )),
        }
    }
}

/// `value`, a map, with `key` set to `field`.
fn with_field(value: Value, key: &'static str, field: Value) -> Value {
    let mut map = value.into_map().unwrap_or_default();
    map.insert(key.into(), field);
    Value::from(map)
}

#[derive(Serialize)]
struct Paginator {
    current: usize,
    total_pages: usize,
    total_guides: usize,
    previous_url: Option<String>,
    next_url: Option<String>,
    pages: Vec<PageNumber>,
}

#[derive(Serialize)]
struct PageNumber {
    number: usize,
    url: String,
    current: bool,
    /// Pages are skipped between the one before and this one.
    gap_before: bool,
}

/// Pages around `current` worth a link: the first, the last, and `PAGE_WINDOW` either side
/// of the current one, each with whether pages are skipped before it. Linking every page
/// would give each of 5,000 listing pages (100,000 guides) 5,000 links.
fn page_window(current: usize, total: usize) -> impl Iterator<Item = (usize, bool)> {
    let near = move |k: usize| k == 1 || k == total || k.abs_diff(current) <= PAGE_WINDOW;
    let mut previous = 0;
    (1..=total).filter(move |&k| near(k)).map(move |k| {
        let gap = k > previous + 1;
        previous = k;
        (k, gap)
    })
}

const PAGE_WINDOW: usize = 2;

#[derive(Serialize)]
struct Category<'a> {
    name: &'a str,
    skills: Vec<TagSummary<'a>>,
}

pub(crate) const FEED_ENTRIES: usize = 20;

#[derive(Serialize)]
struct FeedView<'a> {
    title: &'a str,
    /// The page the feed belongs to.
    url: String,
    feed_url: String,
    updated: String,
}

/// A feed entry's fields beside its guide's summary.
#[derive(Serialize)]
struct FeedEntry<'a> {
    published: String,
    updated: String,
    content: &'a str,
}

fn rfc3339(date: jiff::civil::Date) -> String {
    format!("{date}T00:00:00Z")
}

impl Renderer<'_> {
    /// An Atom feed of the newest guides among `indices` (already newest first).
    fn feed(
        &self,
        mut ctx: Vars,
        title: &str,
        page_path: &str,
        feed_path: &str,
        indices: impl Iterator<Item = usize>,
    ) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let mut updated: Option<String> = None;
        let entries: Vec<Value> = indices
            .take(FEED_ENTRIES)
            .map(|i| {
                let g = &site.guides[i];
                let entry = FeedEntry {
                    published: rfc3339(g.date),
                    updated: rfc3339(g.updated.unwrap_or(g.date).max(g.date)),
                    content: &g.body.html,
                };
                if updated.as_ref().is_none_or(|u| *u < entry.updated) {
                    updated = Some(entry.updated.clone());
                }
                self.summary_and(i, &entry)
            })
            .collect();
        ctx.insert(
            "feed",
            &FeedView {
                title,
                url: c.permalink(page_path),
                feed_url: c.permalink(feed_path),
                updated: updated.unwrap_or_else(|| "1970-01-01T00:00:00Z".into()),
            },
        );
        ctx.insert_value("entries", Value::from(entries));
        Prepared::template("atom.xml", ctx, None)
    }
}

#[derive(Serialize)]
struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
}

fn sitemap_entries(site: &Site) -> Vec<SitemapEntry> {
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
    for r in site.roles.values() {
        out.push(entry(&format!("roles/{}/", r.slug), latest_of(&r.guides)));
    }
    for s in site.skills.values() {
        out.push(entry(&format!("skills/{}/", s.slug), latest_of(&s.guides)));
    }
    for p in &site.pages {
        let own = p.updated.into_iter().chain(p.date).max();
        out.push(entry(&p.url_path(), own.map(|d| d.to_string())));
    }
    out
}
