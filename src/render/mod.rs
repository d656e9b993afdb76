//! Rendering: the site model to output files, one job per file. Jobs are independent, so
//! they run in parallel and the watch mode can re-run only the ones a change touches.

pub mod career_map;
mod careers;
mod feeds;
pub mod fingerprint;
pub mod languages;
pub mod minify;
mod paginate;
mod prepare;
pub mod prepared;
pub mod salary_chart;
mod salary_pages;
pub mod search;
mod sitemap;
pub mod structured;
mod terms;
pub mod theme;
pub mod views;
pub mod which_role;
mod words;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;
use tera::Value;

use crate::error::Diagnostic;
use crate::model::{Site, TaxonomyId};
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
    CareerMap,
    /// A taxonomy's index page: `roles.html`, `skills.html` or `taxonomy.html`.
    Taxonomy(TaxonomyId),
    /// Page `n` (1-based) of a term's page: `role.html`, `skill.html` or `term.html`.
    Term(TaxonomyId, String, usize),
    /// A term's feed: every role and skill has one, declared taxonomies' terms with
    /// `feeds = true`.
    TermFeed(TaxonomyId, String),
    /// Index into `Site::pages`.
    Page(usize),
    NotFound,
    Feed,
    /// `sitemap.xml`: every URL, or an index of the parts once they do not fit in one.
    Sitemap,
    /// Part `n` (1-based) of a sitemap too large for one file: `sitemap-<n>.xml`.
    SitemapPart(usize),
    Robots,
    /// The search page; its index files come from `search::search_index`.
    Search,
    /// A page at an old URL that sends readers on: old site path, new site path.
    Redirect(String, String),
    /// `_redirects`, listing every redirect for hosts that read one.
    Redirects,
    /// Index into `Site::datasets.salary_pages`: a role's pay in one area.
    SalaryPage(usize),
    /// The "which role fits me" page, and the data its script reads.
    WhichRole,
    WhichRoleData,
    /// A page of another language's site: `Site::translations[l]` and its own job.
    Lang(usize, Box<Job>),
}

/// Every file the site's pages make, in a stable order.
pub fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = base_jobs(site);
    jobs.extend(sitemap::part_jobs(site));
    jobs
}

/// Every job but the parts of a sitemap too large for one file, which count the rest.
fn base_jobs(site: &Site) -> Vec<Job> {
    let mut jobs = language_jobs(site);
    jobs.extend([Job::Sitemap, Job::Robots]);
    let redirects = crate::redirects::all(site);
    if !redirects.is_empty() {
        jobs.push(Job::Redirects);
    }
    jobs.extend(redirects.into_iter().map(|r| Job::Redirect(r.from, r.to)));
    for (l, t) in site.translations.iter().enumerate() {
        jobs.extend(
            language_jobs(t)
                .into_iter()
                .map(|j| Job::Lang(l, Box::new(j))),
        );
    }
    jobs
}

/// The pages every language has, each under its `/<code>/`: the default language's, or
/// those of one of `Site::translations` (before they are wrapped in `Job::Lang`). The
/// files of the whole site (sitemap, robots.txt, redirects) are the default language's.
pub(crate) fn language_jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![
        Job::Home,
        Job::Taxonomy(TaxonomyId::Roles),
        Job::CareerMap,
        Job::Taxonomy(TaxonomyId::Skills),
        Job::NotFound,
        Job::Feed,
        Job::Search,
    ];
    jobs.extend((1..=guide_pages(site)).map(Job::Guides));
    jobs.extend((0..site.guides.len()).map(Job::Guide));
    for id in site.taxonomy_ids() {
        // The built-in indexes are listed above, beside the career map.
        if let TaxonomyId::Declared(_) = id {
            jobs.push(Job::Taxonomy(id));
        }
        let feeds = site.has_feeds(id);
        let per = terms::paginate_by(site, id);
        for (slug, term) in &site.taxonomy(id).terms {
            let pages = paginate::page_count(term.guides.len(), per);
            jobs.extend((1..=pages).map(|n| Job::Term(id, slug.clone(), n)));
            if feeds {
                jobs.push(Job::TermFeed(id, slug.clone()));
            }
        }
    }
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.extend((0..site.datasets.salary_pages.len()).map(Job::SalaryPage));
    if which_role::has_finder(site) {
        jobs.extend([Job::WhichRole, Job::WhichRoleData]);
    }
    jobs
}

pub(crate) fn guide_pages(site: &Site) -> usize {
    paginate::page_count(site.guides.len(), site.config.paginate_by)
}

/// Page `n` of the guides listing of the language at `lang_path` (empty or `de/`).
fn guides_page_path(lang_path: &str, n: usize) -> String {
    paginate::page_path(&format!("{lang_path}guides/"), n)
}

impl Job {
    /// The file this job writes, relative to the output folder.
    pub fn output_path(&self, site: &Site) -> String {
        let lang = &site.config.lang_path;
        match self {
            Job::Home => format!("{lang}index.html"),
            Job::Guides(n) => format!("{}index.html", guides_page_path(lang, *n)),
            Job::Guide(i) => format!("{}index.html", site.guides[*i].path()),
            Job::CareerMap => format!("{lang}career-map/index.html"),
            Job::Taxonomy(t) => format!("{}index.html", site.taxonomy(*t).path()),
            Job::Term(t, s, n) => {
                let base = site.taxonomy(*t).term_path(s);
                format!("{}index.html", paginate::page_path(&base, *n))
            }
            Job::TermFeed(t, s) => format!("{}atom.xml", site.taxonomy(*t).term_path(s)),
            Job::Page(i) => format!("{}index.html", site.pages[*i].url_path()),
            Job::NotFound => format!("{lang}404.html"),
            Job::Feed => format!("{lang}atom.xml"),
            Job::Sitemap => "sitemap.xml".into(),
            Job::SitemapPart(n) => sitemap::part_path(*n),
            Job::Robots => "robots.txt".into(),
            Job::Search => format!("{lang}search/index.html"),
            Job::Redirect(from, _) => crate::redirects::output_path(from),
            Job::Redirects => "_redirects".into(),
            Job::SalaryPage(i) => format!("{}/index.html", site.datasets.salary_pages[*i].path),
            Job::WhichRole => format!("{}index.html", which_role::page_path(&site.config)),
            Job::WhichRoleData => which_role::data_path(&site.config),
            Job::Lang(l, job) => match site.translations.get(*l) {
                Some(t) => job.output_path(t),
                None => String::new(),
            },
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
    /// Each term's `TagLink` by taxonomy index and slug, made the first time a summary
    /// names the term and shared by every summary after it.
    tag_links: std::sync::Mutex<HashMap<(usize, &'a str), Value>>,
    /// The career paths between roles, made the first time a role page needs them.
    career_graph: OnceLock<career_map::Graph<'a>>,
    /// Which pages each language has, for switchers and alternates; none with one language.
    languages: Option<std::sync::Arc<languages::LanguageMap>>,
    /// The renderers of the other languages' sites, in `Site::translations` order.
    translations: Vec<Renderer<'a>>,
    /// This language's `site` variable, for another language's pages (the default
    /// language's is the theme's global one).
    site_value: Option<Value>,
    /// The theme's words for the titles and breadcrumbs made here, in this language.
    words: words::Words,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme) -> Self {
        let languages = languages::LanguageMap::new(site);
        let translations = (site.translations.iter())
            .map(|t| Renderer {
                site_value: Some(Value::from_serializable(&SiteView::new(t))),
                languages: languages.clone(),
                ..Renderer::bare(t, theme)
            })
            .collect();
        Renderer {
            languages,
            translations,
            ..Renderer::bare(site, theme)
        }
    }

    fn bare(site: &'a Site, theme: &'a Theme) -> Self {
        Renderer {
            site,
            theme,
            summaries: site.guides.iter().map(|_| OnceLock::new()).collect(),
            tag_links: Default::default(),
            career_graph: OnceLock::new(),
            languages: None,
            translations: Vec::new(),
            site_value: None,
            words: words::Words::new(theme, &site.config.language),
        }
    }

    fn career_graph(&self) -> &career_map::Graph<'a> {
        self.career_graph
            .get_or_init(|| career_map::graph(self.site))
    }

    fn summary(&self, i: usize) -> &Value {
        self.summaries[i].get_or_init(|| {
            let (site, g) = (self.site, &self.site.guides[i]);
            let mut map = Value::from_serializable(&GuideSummary::new(site, g))
                .into_map()
                .unwrap_or_default();
            let mut declared = std::collections::BTreeMap::new();
            for (t, taxonomy) in site.all_taxonomies().enumerate() {
                let id = TaxonomyId::from_index(t);
                let links = self.tag_links(t, g.terms_of(id));
                match id {
                    TaxonomyId::Roles => map.insert("roles".into(), links),
                    TaxonomyId::Skills => map.insert("skills".into(), links),
                    TaxonomyId::Declared(_) => declared.insert(taxonomy.name.clone(), links),
                };
            }
            map.insert("taxonomies".into(), Value::from(declared));
            Value::from(map)
        })
    }

    /// The `TagLink`s of `slugs` in taxonomy `t` (an index into `Site::all_taxonomies`).
    fn tag_links(&self, t: usize, slugs: &'a [String]) -> Value {
        let mut made = self.tag_links.lock().unwrap_or_else(|e| e.into_inner());
        let links = slugs.iter().map(|slug| {
            let value = made.entry((t, slug.as_str())).or_insert_with(|| {
                let taxonomy = self.site.taxonomy(TaxonomyId::from_index(t));
                Value::from_serializable(&term_link(self.site, taxonomy, slug))
            });
            value.clone()
        });
        Value::from(links.collect::<Vec<_>>())
    }

    /// Lets go of the guide summaries on another thread: freeing 100,000 of them takes a
    /// fifth of a second that a save waiting for the watch loop should not wait.
    pub fn free_in_background(mut self) {
        let mut summaries = vec![std::mem::take(&mut self.summaries)];
        summaries.extend((self.translations.iter_mut()).map(|t| std::mem::take(&mut t.summaries)));
        std::thread::spawn(move || drop(summaries));
    }

    /// Every guide's summary hash by the address of its entries, for fingerprints: pages
    /// share summaries, so each is hashed once instead of once per page showing it. None
    /// once `stop` says so.
    pub fn summary_memo(&self, stop: &dyn Fn() -> bool) -> Option<prepared::Memo> {
        use rayon::prelude::*;
        let mut memo = prepared::Memo::with_capacity(self.site.guides.len());
        // A few thousand guides at a time, so that `stop` is heard within milliseconds.
        const RUN: usize = 4096;
        let count = self.site.guides.len();
        for start in (0..count).step_by(RUN) {
            if stop() {
                return None;
            }
            memo.par_extend(
                (start..count.min(start + RUN))
                    .into_par_iter()
                    .filter_map(|i| prepared::memo_entry(self.summary(i))),
            );
        }
        for t in &self.translations {
            memo.extend(t.summary_memo(stop)?);
        }
        Some(memo)
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
        // Root-relative URLs from raw HTML and front matter fields, under a sub-path.
        let html = match job.output_path(self.site).ends_with(".html") {
            true => crate::subpath::prefix_html(&html, &c.base_path).unwrap_or(html),
            false => html,
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
        if let Job::Lang(l, job) = job
            && let Some(t) = self.translations.get(*l)
        {
            return t.prepare(job);
        }
        let mut ctx = Vars::new();
        let names = &self.theme.language_names;
        languages::insert_vars(&mut ctx, self.site, self.languages.as_deref(), names, job);
        if let Some(site) = &self.site_value {
            ctx.insert_value("site", site.clone());
        }
        let c = &self.site.config;
        match job {
            Job::Home => self.home(ctx),
            Job::Guides(n) => self.guides_page(ctx, n),
            Job::Guide(i) => self.guide(ctx, i),
            Job::CareerMap => self.career_map_page(ctx),
            Job::Taxonomy(TaxonomyId::Roles) => self.roles_index(ctx),
            Job::Taxonomy(TaxonomyId::Skills) => self.skills_index(ctx),
            Job::Taxonomy(TaxonomyId::Declared(t)) => self.taxonomy_index(ctx, *t),
            Job::Term(TaxonomyId::Roles, slug, n) => self.role(ctx, slug, *n),
            Job::Term(TaxonomyId::Skills, slug, n) => self.skill(ctx, slug, *n),
            Job::Term(TaxonomyId::Declared(t), slug, n) => self.term(ctx, *t, slug, *n),
            Job::TermFeed(t, slug) => self.term_feed(ctx, *t, slug),
            Job::Page(i) => self.page(ctx, i),
            Job::NotFound => self.not_found(ctx),
            Job::Feed => self.feed(
                ctx,
                &c.title,
                &c.lang_path,
                &format!("{}atom.xml", c.lang_path),
                0..self.site.guides.len(),
            ),
            Job::Sitemap => self.sitemap(ctx),
            Job::SitemapPart(n) => self.sitemap_part(ctx, *n),
            Job::Search => self.search_page(ctx),
            Job::Redirect(from, to) => Prepared::Text(crate::redirects::page(
                c,
                &crate::redirects::Redirect {
                    from: from.clone(),
                    to: to.clone(),
                    source: Default::default(),
                    line: None,
                },
            )),
            Job::Redirects => Prepared::Text(crate::redirects::redirects_file(
                c,
                &crate::redirects::all(self.site),
            )),
            Job::SalaryPage(i) => self.salary_page(ctx, *i),
            Job::WhichRole => self.which_role(ctx),
            Job::WhichRoleData => Prepared::Text(which_role::data_json(self.site)),
            // Another language's job, when the site has no such language: nothing to make.
            Job::Lang(..) => Prepared::Text(String::new()),
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
struct Category<'a> {
    name: &'a str,
    skills: Vec<TagSummary<'a>>,
}
