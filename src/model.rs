//! The site model: plain data about guides, roles, skills and pages, with no I/O and no
//! template-engine values. Parsing fills it; linking adds the cross-references.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;

use crate::config::Config;
use crate::markdown::Body;

/// A career guide: `content/guides/**.md`.
#[derive(Debug, Clone)]
pub struct Guide {
    pub source: PathBuf,
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub date: Date,
    pub updated: Option<Date>,
    pub draft: bool,
    pub compare: Vec<String>,
    pub faq: Arc<Vec<Faq>>,
    pub takeaways: Vec<String>,
    pub template: Option<String>,
    pub extra: serde_json::Value,
    pub body: Arc<Body>,
    /// Filled by the link stage: best first.
    pub related: Vec<RelatedGuide>,
    /// Where each tag was written, for errors: (slug as written, front-matter line).
    pub tag_lines: Vec<(String, usize)>,
    /// Canonical terms (aliases resolved, duplicates removed) of every taxonomy, by
    /// `TaxonomyId::index` (roles, skills, then the declared ones), in the writer's order.
    pub terms: Vec<Vec<String>>,
    /// Old URLs that redirect here, as site paths (`old/path/`), with their lines.
    pub aliases: Vec<(String, usize)>,
    /// Where its language's pages live: empty for the default language, `de/`.
    pub lang_path: String,
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
    /// Terms shared with that guide, by `TaxonomyId::index`.
    pub shared: Vec<u16>,
}

impl RelatedGuide {
    /// How many terms of taxonomy `id` the two guides share.
    pub fn shared_in(&self, id: TaxonomyId) -> usize {
        self.shared.get(id.index()).map_or(0, |&n| usize::from(n))
    }
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

/// What a role's profile (`content/roles/<slug>.md`) adds to every term's profile: its
/// career facts.
#[derive(Debug, Clone)]
pub struct RoleFacts {
    pub skills: Vec<String>,
    pub education: Option<String>,
    pub salary: Option<Salary>,
    /// The occupation codes (`soc:`) that give this role its figures in the site's
    /// datasets, and the line they are written on.
    pub soc: Vec<String>,
    pub soc_line: usize,
    /// Why the role maps to those occupations, in the writer's words for readers.
    pub soc_note: Option<String>,
    /// The salary came from the datasets, not the profile's `salary`.
    pub salary_from_data: bool,
    pub next_roles: Vec<String>,
    pub previous_roles: Vec<String>,
    /// The front matter's text, to point errors at its lines.
    pub front_matter: String,
}

/// What a skill's profile (`content/skills/<slug>.md`) adds to every term's profile.
#[derive(Debug, Clone)]
pub struct SkillFacts {
    pub category: Option<String>,
}

/// The facts a profile adds on top of what every taxonomy's profiles share: none for
/// declared taxonomies, career facts for the built-in roles and skills.
// A site has one profile per term at most, so the size of the largest variant costs little,
// and a box would put every read of a role's facts behind one more pointer for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum ProfileFacts {
    Plain,
    Role(RoleFacts),
    Skill(SkillFacts),
}

/// A term's profile in any taxonomy: `content/<taxonomy>/<slug>.md`. What every
/// taxonomy's profiles share; roles and skills add their career facts in `facts`.
#[derive(Debug, Clone)]
pub struct TermProfile {
    pub source: PathBuf,
    pub title: String,
    pub aliases: Vec<String>,
    pub summary: Option<String>,
    pub extra: serde_json::Value,
    pub body: Arc<Body>,
    pub facts: ProfileFacts,
}

impl TermProfile {
    /// A role profile's career facts.
    pub fn role(&self) -> Option<&RoleFacts> {
        match &self.facts {
            ProfileFacts::Role(r) => Some(r),
            _ => None,
        }
    }

    /// A skill profile's facts.
    pub fn skill(&self) -> Option<&SkillFacts> {
        match &self.facts {
            ProfileFacts::Skill(s) => Some(s),
            _ => None,
        }
    }
}

/// What the link stage works out for a term beyond its guides: related roles for a role,
/// the roles that need it for a skill, nothing for declared taxonomies' terms.
#[derive(Debug, Clone, Default)]
pub enum TermLinks {
    #[default]
    Plain,
    /// Roles sharing guides with this one, most shared first: (slug, shared guides).
    Role { related_roles: Vec<(String, usize)> },
    /// Roles that need this skill: profile listings first, then guide co-occurrence.
    Skill { roles: Vec<String> },
}

/// A term of any taxonomy as the site shows it: from a profile, or only from guides'
/// front matter. Roles and skills are terms of the two built-in taxonomies.
#[derive(Debug, Clone)]
pub struct Term {
    pub slug: String,
    pub title: String,
    pub profile: Option<TermProfile>,
    /// Indices into `Site::guides`, newest first.
    pub guides: Vec<usize>,
    pub links: TermLinks,
}

/// A role is a term of the built-in `roles` taxonomy.
pub type Role = Term;
/// A skill is a term of the built-in `skills` taxonomy.
pub type Skill = Term;

impl Term {
    /// A term titled by its profile, or from its slug, before cross-referencing.
    pub fn new(slug: &str, profile: Option<TermProfile>, links: TermLinks) -> Term {
        Term {
            slug: slug.to_string(),
            title: profile
                .as_ref()
                .map_or_else(|| crate::slug::title_from_slug(slug), |p| p.title.clone()),
            profile,
            guides: Vec::new(),
            links,
        }
    }

    /// A role's career facts, when it has a profile.
    pub fn role_facts(&self) -> Option<&RoleFacts> {
        self.profile.as_ref()?.role()
    }

    /// A skill's facts, when it has a profile.
    pub fn skill_facts(&self) -> Option<&SkillFacts> {
        self.profile.as_ref()?.skill()
    }

    /// Roles sharing guides with this role; none for other terms.
    pub fn related_roles(&self) -> &[(String, usize)] {
        match &self.links {
            TermLinks::Role { related_roles } => related_roles,
            _ => &[],
        }
    }

    /// Roles that need this skill; none for other terms.
    pub fn needed_by(&self) -> &[String] {
        match &self.links {
            TermLinks::Skill { roles } => roles,
            _ => &[],
        }
    }
}

/// A taxonomy and its terms: the built-in roles and skills, or one declared in
/// `site.toml` (whose settings are `config.taxonomies` at its index).
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub name: String,
    pub terms: BTreeMap<String, Term>,
    /// Where its language's pages live: empty for the default language, `de/` for German.
    pub lang_path: String,
}

/// Which taxonomy: one of the two every site has, or a declared one by its index in
/// `config.taxonomies` (and `Site::taxonomies`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TaxonomyId {
    Roles,
    Skills,
    Declared(usize),
}

impl TaxonomyId {
    /// Its position in `Site::all_taxonomies` and in every per-taxonomy list
    /// (`Guide::terms`, `RelatedGuide::shared`).
    pub fn index(self) -> usize {
        match self {
            TaxonomyId::Roles => 0,
            TaxonomyId::Skills => 1,
            TaxonomyId::Declared(t) => t + 2,
        }
    }

    /// The id at position `i` of `Site::all_taxonomies`.
    pub fn from_index(i: usize) -> TaxonomyId {
        match i {
            0 => TaxonomyId::Roles,
            1 => TaxonomyId::Skills,
            t => TaxonomyId::Declared(t - 2),
        }
    }
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
    pub body: Arc<Body>,
    /// Old URLs that redirect here, as site paths (`old/path/`), with their lines.
    pub aliases: Vec<(String, usize)>,
}

/// Everything the render stage needs, in deterministic order.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Sorted newest first, then by title, then by slug: the listing order.
    pub guides: Vec<Guide>,
    /// The built-in taxonomies every site has.
    pub roles: Taxonomy,
    pub skills: Taxonomy,
    /// The declared taxonomies, in `config.taxonomies` order.
    pub taxonomies: Vec<Taxonomy>,
    /// Sorted by path.
    pub pages: Vec<Page>,
    /// The public datasets site.toml names, by occupation code, and the salary pages per
    /// role and area made from them.
    pub datasets: crate::datasets::SiteData,
    /// Guides and pages not built today (publish date to come, or expired), by source.
    pub left_out: Vec<crate::publish::LeftOut>,
    /// Each other language's pages, in `config.languages` order: a site of its own whose
    /// config is that language's (`lang_path` `de/`), empty in those sites themselves.
    pub translations: Vec<Site>,
}

impl Site {
    /// The index of the guide made from `file`. Names are compared first: comparing whole
    /// paths, part by part, for each of 100,000 guides took a watch rebuild 20 ms.
    pub fn guide_index(&self, file: &std::path::Path) -> Option<usize> {
        (self.guides.iter()).position(|g| is_file(&g.source, file))
    }

    /// Every rendered Markdown body: guides, role and skill profiles, pages.
    pub fn bodies(&self) -> impl Iterator<Item = &Arc<Body>> {
        self.bodies_with_sources().map(|(_, body)| body)
    }

    /// Every rendered Markdown body with the file it comes from: guides first, in order,
    /// so a guide's index is its position here; then role and skill profiles, then pages.
    pub fn bodies_with_sources(&self) -> impl Iterator<Item = (&std::path::Path, &Arc<Body>)> {
        let terms = self
            .all_taxonomies()
            .flat_map(|t| t.terms.values())
            .filter_map(|t| t.profile.as_ref())
            .map(|p| (p.source.as_path(), &p.body));
        let guides = self.guides.iter().map(|g| (g.source.as_path(), &g.body));
        let pages = self.pages.iter().map(|p| (p.source.as_path(), &p.body));
        guides.chain(terms).chain(pages)
    }
}

impl Guide {
    pub fn path(&self) -> String {
        format!("{}guides/{}/", self.lang_path, self.slug)
    }

    /// Its terms in taxonomy `id`.
    pub fn terms_of(&self, id: TaxonomyId) -> &[String] {
        self.terms.get(id.index()).map_or(&[], Vec::as_slice)
    }

    /// Its canonical role slugs.
    pub fn roles(&self) -> &[String] {
        self.terms_of(TaxonomyId::Roles)
    }

    /// Its canonical skill slugs.
    pub fn skills(&self) -> &[String] {
        self.terms_of(TaxonomyId::Skills)
    }
}

impl Site {
    /// Roles, skills, then the declared taxonomies in `config.taxonomies` order.
    pub fn all_taxonomies(&self) -> impl Iterator<Item = &Taxonomy> {
        [&self.roles, &self.skills]
            .into_iter()
            .chain(&self.taxonomies)
    }

    /// Every taxonomy's id, in the order of `all_taxonomies`.
    pub fn taxonomy_ids(&self) -> impl Iterator<Item = TaxonomyId> + use<> {
        [TaxonomyId::Roles, TaxonomyId::Skills]
            .into_iter()
            .chain((0..self.taxonomies.len()).map(TaxonomyId::Declared))
    }

    /// Whether the taxonomy's terms have feeds: always for roles and skills, as
    /// `feeds` says for declared ones.
    pub fn has_feeds(&self, id: TaxonomyId) -> bool {
        match id {
            TaxonomyId::Declared(t) => self.config.taxonomies[t].feeds,
            _ => true,
        }
    }

    pub fn taxonomy(&self, id: TaxonomyId) -> &Taxonomy {
        match id {
            TaxonomyId::Roles => &self.roles,
            TaxonomyId::Skills => &self.skills,
            TaxonomyId::Declared(t) => &self.taxonomies[t],
        }
    }

    pub fn taxonomy_mut(&mut self, id: TaxonomyId) -> &mut Taxonomy {
        match id {
            TaxonomyId::Roles => &mut self.roles,
            TaxonomyId::Skills => &mut self.skills,
            TaxonomyId::Declared(t) => &mut self.taxonomies[t],
        }
    }

    /// What each shared term of taxonomy `id` adds to a related guide's score.
    pub fn related_weight(&self, id: TaxonomyId) -> f64 {
        let related = &self.config.related;
        match id {
            TaxonomyId::Roles => related.role_weight,
            TaxonomyId::Skills => related.skill_weight,
            TaxonomyId::Declared(t) => self.config.taxonomies[t].related_weight,
        }
    }

    /// The settings of declared taxonomy `t`.
    pub fn taxonomy_config(&self, t: usize) -> &crate::config::TaxonomyConfig {
        &self.config.taxonomies[t]
    }
}

impl Taxonomy {
    /// The site path of its index: `industries/`, `de/industries/`.
    pub fn path(&self) -> String {
        format!("{}{}/", self.lang_path, self.name)
    }

    /// The site path of one term's page: `industries/fintech/`, `de/industries/fintech/`.
    pub fn term_path(&self, slug: &str) -> String {
        format!("{}{}/{slug}/", self.lang_path, self.name)
    }
}

impl Page {
    pub fn url_path(&self) -> String {
        format!("{}/", self.path)
    }
}

/// Whether `a` and `b` name the same file, checking the file names first (cheap) before the
/// whole paths.
pub fn is_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    a.file_name() == b.file_name() && a == b
}
