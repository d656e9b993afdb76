//! The site model: plain data about guides, roles, skills and pages, with no I/O and no
//! template-engine values. Parsing fills it; linking adds the cross-references.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;

use crate::config::Config;
use crate::markdown::Rendered;

/// A career guide: `content/guides/**.md`.
#[derive(Debug, Clone)]
pub struct Guide {
    pub source: PathBuf,
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub date: Date,
    pub updated: Option<Date>,
    /// Canonical role slugs (aliases resolved, duplicates removed), in the writer's order.
    pub roles: Vec<String>,
    pub skills: Vec<String>,
    pub draft: bool,
    pub compare: Vec<String>,
    pub faq: Arc<Vec<Faq>>,
    pub takeaways: Vec<String>,
    pub template: Option<String>,
    pub extra: serde_json::Value,
    pub body: Arc<Rendered>,
    /// Filled by the link stage: best first.
    pub related: Vec<RelatedGuide>,
    /// Where each tag was written, for errors: (slug as written, front-matter line).
    pub tag_lines: Vec<(String, usize)>,
    /// Canonical terms of each declared taxonomy, by its index in `config.taxonomies`
    /// (and `Site::taxonomies`), in the writer's order.
    pub terms: Vec<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct Faq {
    pub question: String,
    pub answer_html: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedGuide {
    /// Index into `Site::guides`.
    pub guide: usize,
    pub shared_roles: usize,
    pub shared_skills: usize,
}

/// A salary range from a named public source.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Salary {
    pub currency: String,
    pub low: u64,
    pub median: u64,
    pub high: u64,
    #[serde(default = "default_period")]
    pub period: String,
    pub source: String,
    pub year: i32,
}

fn default_period() -> String {
    "year".to_string()
}

/// `content/roles/<slug>.md`.
#[derive(Debug, Clone)]
pub struct RoleProfile {
    pub source: PathBuf,
    pub title: String,
    pub aliases: Vec<String>,
    pub summary: Option<String>,
    pub skills: Vec<String>,
    pub education: Option<String>,
    pub salary: Option<Salary>,
    pub next_roles: Vec<String>,
    pub previous_roles: Vec<String>,
    pub extra: serde_json::Value,
    pub body: Arc<Rendered>,
    /// The front matter's text, to point errors at its lines.
    pub front_matter: String,
}

/// `content/skills/<slug>.md`.
#[derive(Debug, Clone)]
pub struct SkillProfile {
    pub source: PathBuf,
    pub title: String,
    pub aliases: Vec<String>,
    pub summary: Option<String>,
    pub category: Option<String>,
    pub extra: serde_json::Value,
    pub body: Arc<Rendered>,
}

/// A role as the site shows it: from a profile, or only from guides' tags.
#[derive(Debug, Clone)]
pub struct Role {
    pub slug: String,
    pub title: String,
    pub profile: Option<RoleProfile>,
    /// Indices into `Site::guides`, newest first.
    pub guides: Vec<usize>,
    /// Roles sharing guides with this one, most shared first: (slug, shared guides).
    pub related_roles: Vec<(String, usize)>,
}

#[derive(Debug, Clone)]
pub struct Skill {
    pub slug: String,
    pub title: String,
    pub profile: Option<SkillProfile>,
    pub guides: Vec<usize>,
    /// Roles that need this skill: profile listings first, then guide co-occurrence.
    pub roles: Vec<String>,
}

/// A term's profile in a declared taxonomy: `content/<taxonomy>/<slug>.md`. What every
/// taxonomy's profiles share; roles and skills add their career facts on top.
#[derive(Debug, Clone)]
pub struct TermProfile {
    pub source: PathBuf,
    pub title: String,
    pub aliases: Vec<String>,
    pub summary: Option<String>,
    pub extra: serde_json::Value,
    pub body: Arc<Rendered>,
}

/// A term of a declared taxonomy as the site shows it: from a profile, or only from
/// guides' front matter.
#[derive(Debug, Clone)]
pub struct Term {
    pub slug: String,
    pub title: String,
    pub profile: Option<TermProfile>,
    /// Indices into `Site::guides`, newest first.
    pub guides: Vec<usize>,
}

/// A taxonomy declared in `site.toml` and its terms. Its settings are
/// `config.taxonomies` at the same index.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub name: String,
    pub terms: BTreeMap<String, Term>,
}

/// Any other Markdown file: `content/about.md` -> `/about/`.
#[derive(Debug, Clone)]
pub struct Page {
    pub source: PathBuf,
    /// The site path without slashes at the ends: `about`, `help/faq`.
    pub path: String,
    pub title: String,
    pub description: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub draft: bool,
    pub template: Option<String>,
    pub extra: serde_json::Value,
    pub body: Arc<Rendered>,
}

/// Everything the render stage needs, in deterministic order.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Sorted newest first, then by title, then by slug: the listing order.
    pub guides: Vec<Guide>,
    pub roles: BTreeMap<String, Role>,
    pub skills: BTreeMap<String, Skill>,
    /// The declared taxonomies, in `config.taxonomies` order.
    pub taxonomies: Vec<Taxonomy>,
    /// Sorted by path.
    pub pages: Vec<Page>,
}

impl Site {
    /// Every rendered Markdown body: guides, role and skill profiles, pages.
    pub fn bodies(&self) -> impl Iterator<Item = &Arc<Rendered>> {
        let roles = self
            .roles
            .values()
            .filter_map(|r| Some(&r.profile.as_ref()?.body));
        let skills = self
            .skills
            .values()
            .filter_map(|s| Some(&s.profile.as_ref()?.body));
        let terms = self
            .taxonomies
            .iter()
            .flat_map(|t| t.terms.values())
            .filter_map(|t| Some(&t.profile.as_ref()?.body));
        self.guides
            .iter()
            .map(|g| &g.body)
            .chain(roles)
            .chain(skills)
            .chain(terms)
            .chain(self.pages.iter().map(|p| &p.body))
    }
}

impl Guide {
    pub fn path(&self) -> String {
        format!("guides/{}/", self.slug)
    }
}

impl Site {
    /// The settings of declared taxonomy `t`.
    pub fn taxonomy_config(&self, t: usize) -> &crate::config::TaxonomyConfig {
        &self.config.taxonomies[t]
    }
}

impl Taxonomy {
    /// The site path of its index: `industries/`.
    pub fn path(&self) -> String {
        format!("{}/", self.name)
    }

    /// The site path of one term's page: `industries/fintech/`.
    pub fn term_path(&self, slug: &str) -> String {
        format!("{}/{slug}/", self.name)
    }
}

impl Page {
    pub fn url_path(&self) -> String {
        format!("{}/", self.path)
    }
}
