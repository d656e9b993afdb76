//! Linking: turns every parsed file into the site model. Resolves tags (case, slugs,
//! aliases), renders Markdown with internal links resolved to real URLs, checks anchors,
//! and computes the cross-references: guides per role and skill, related guides, related
//! roles, roles that need a skill.

mod anchors;
pub mod bodies;
pub use anchors::check_anchors;
mod crossref;
pub use crossref::retag;
mod hygiene;
pub mod languages;
mod make;
mod patch;
pub use patch::{PatchedBody, patch_bodies};
pub mod occupations;
pub mod related;
pub mod relative;
mod resolve;
pub mod tags;
mod taxonomies;
mod translated_profiles;
pub use taxonomies::unknown_guide_keys;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::autolink::{Autolinker, Source, TagKind};
use crate::config::Config;
use crate::error::{Diagnostic, display_path};
use crate::markdown::{LinkResolver, LinkTarget, Rendered, Unresolved};
use crate::model::{
    Guide, Page, ProfileFacts, RoleFacts, Site, SkillFacts, TaxonomyId, TermProfile,
};
use crate::parse::{Doc, GuideFront, PageFront, Parsed, RoleFront, SkillFront};
use crate::shortcode::Shortcodes;
use bodies::{Bodies, BodyCache, Dirty, content_rel};
use make::*;
pub use resolve::Resolver;
use resolve::*;
use tags::{TagRegistry, canonical_list, canonical_terms};

/// First path segments that belong to generated pages, so standalone pages cannot take them.
const RESERVED: &[&str] = &[
    "guides",
    "roles",
    "skills",
    "search",
    "career-map",
    "404",
    "page",
    "which-role",
];

/// Result of linking: the model and the warnings `check` reports.
pub struct Linked {
    pub site: Site,
    pub warnings: Vec<Diagnostic>,
    /// What links resolve against, kept so a body-only edit can be re-linked alone.
    pub context: LinkContext,
}

/// Every page's URL and every known tag: what a Markdown body's links resolve against.
#[derive(Debug, Clone, Default)]
pub struct LinkContext {
    pub content_urls: HashMap<String, String>,
    pub drafts: HashSet<String>,
    /// Guides and pages left out today for their publish or expiry date: links to them
    /// resolve (with a warning), so they work once the content is built.
    pub left_out: Vec<crate::publish::LeftOut>,
    /// Every taxonomy's registry, by `TaxonomyId::index`.
    pub registries: Vec<TagRegistry>,
    /// Role and skill names to link on first mention, with `autolink = true`.
    pub autolink: Option<Arc<Autolinker>>,
    /// The shortcodes bodies may call; kept so a body-only edit expands them the same way.
    pub shortcodes: Option<Arc<Shortcodes>>,
    /// The site's image files' sizes, for the `width` and `height` of Markdown images.
    pub images: Arc<crate::images::Sizes>,
}

/// What a rebuild may reuse from the last build: rendered bodies of files not in `dirty`,
/// and the previous site's related lists where they cannot have changed. The default
/// reuses nothing.
#[derive(Clone, Copy, Default)]
pub struct Reuse<'a> {
    pub cache: Option<&'a BodyCache>,
    pub dirty: Dirty<'a>,
    pub previous: Option<&'a Site>,
    /// The site's shortcodes (not a reuse, but what bodies are rendered with).
    pub shortcodes: Option<&'a Arc<Shortcodes>>,
    /// Linking another language's pages: the default language's URLs by content path,
    /// which `@/` links fall back to where this language has no version of a file.
    pub fallback_urls: Option<&'a HashMap<String, String>>,
    /// The site's image files' sizes (not a reuse either: what images are rendered with).
    pub images: Option<&'a Arc<crate::images::Sizes>>,
    /// Where a build keeps rendered bodies until their pages are written (none in watch
    /// mode, which keeps them in memory).
    pub scratch: Option<&'a Arc<crate::scratch::Scratch>>,
}

/// Builds the site model from parsed files, or every error found. Bodies in `cache` are
/// reused for files not in `dirty` (see `bodies`); the returned cache holds this build's.
pub fn link(
    config: Config,
    docs: &[&Doc],
    drafts: bool,
    reuse: Reuse<'_>,
) -> Result<(Linked, BodyCache), Vec<Diagnostic>> {
    let Reuse {
        cache,
        dirty,
        previous,
        shortcodes,
        fallback_urls,
        images,
        scratch,
    } = reuse;
    crate::trace::mark("link-start");
    let mut found = Found::default();
    let mut inputs = inputs(docs, drafts, &config.publish);
    let pages = std::mem::take(&mut inputs.pages);
    let split = taxonomies::split_pages(&config, pages, &mut found.errors);
    let guide_terms: Vec<Vec<Vec<(String, usize)>>> = inputs
        .guides
        .iter()
        .map(|g| taxonomies::guide_terms(&config, g, &mut found.errors))
        .collect();
    let mut context = link_context(
        &config,
        &mut inputs,
        &split,
        &guide_terms,
        (shortcodes, images),
        &mut found,
    );
    for (rel, url) in fallback_urls.into_iter().flatten() {
        (context.content_urls)
            .entry(rel.clone())
            .or_insert_with(|| url.clone());
    }
    let empty_cache = BodyCache::new();
    let reused = (cache.unwrap_or(&empty_cache), dirty);
    let bodies = render_bodies(
        &config,
        &context,
        (&inputs.live, scratch),
        reused,
        &mut found,
    );
    let body_of = |file: &Path| bodies[file].clone();
    let (guides, profiles, pages) =
        model(&config, &context, &inputs, &split, &guide_terms, &body_of);
    crate::trace::mark("model");
    let Found {
        mut errors,
        warnings,
    } = found;
    check_compare(&guides, &profiles[TaxonomyId::Roles.index()], &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    crate::trace::mark("compare");
    let site = crossref::cross_reference(config, previous, guides, profiles, &context, pages);
    crate::trace::mark("crossref");
    Ok((
        Linked {
            site,
            warnings,
            context,
        },
        bodies,
    ))
}

/// The errors and warnings found so far.
#[derive(Default)]
struct Found {
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

/// What bodies' links resolve against: every taxonomy's registry, every content file's
/// URL, the drafts (taken from `inputs`), the auto-linker and the shortcodes.
fn link_context(
    config: &Config,
    inputs: &mut Inputs<'_>,
    split: &taxonomies::Split<'_>,
    guide_terms: &[Vec<Vec<(String, usize)>>],
    (shortcodes, images): (Option<&Arc<Shortcodes>>, Option<&Arc<crate::images::Sizes>>),
    found: &mut Found,
) -> LinkContext {
    let registries =
        taxonomies::registries(config, inputs, split, guide_terms, &mut found.warnings);
    crate::trace::mark("registries");
    let mut content_urls = content_urls(
        &config.lang_path,
        &inputs.guides,
        &inputs.roles,
        &inputs.skills,
        &split.pages,
        &mut found.errors,
    );
    for l in &inputs.left_out {
        content_urls
            .entry(content_rel(&l.source))
            .or_insert_with(|| l.path.clone());
    }
    for (taxonomy, profiles) in config.taxonomies.iter().zip(&split.profiles) {
        for (slug, p) in profiles {
            content_urls.insert(content_rel(&p.file), format!("{}/{slug}/", taxonomy.name));
        }
    }
    // Declared taxonomies' profiles link like roles' and skills', by their content path.
    let term_profiles: Vec<(String, &Parsed<PageFront>)> = split
        .profiles
        .iter()
        .flatten()
        .map(|(_, p)| (content_rel(&p.file), *p))
        .collect();
    let autolink = config
        .autolink
        .then(|| autolinker(&inputs.roles, &inputs.skills, &term_profiles))
        .flatten()
        .map(Arc::new);
    LinkContext {
        content_urls,
        drafts: std::mem::take(&mut inputs.drafts),
        left_out: std::mem::take(&mut inputs.left_out),
        registries,
        autolink,
        shortcodes: shortcodes.cloned(),
        images: images.cloned().unwrap_or_default(),
    }
}

/// Every built file's Markdown, in parallel (each body is independent once URLs are
/// known), reusing `reused` bodies where allowed; then every `#anchor` link is checked.
fn render_bodies(
    config: &Config,
    context: &LinkContext,
    (live_docs, scratch): (&[&Doc], Option<&Arc<crate::scratch::Scratch>>),
    (cache, dirty): (&BodyCache, Dirty<'_>),
    found: &mut Found,
) -> BodyCache {
    let resolver = Resolver { config, context };
    crate::trace::mark("urls");
    let rendered: Vec<(Bodies, Vec<Diagnostic>)> = live_docs
        .par_iter()
        .map(|doc| bodies::render_doc(doc, &resolver, config.raw_html, (cache, dirty), scratch))
        .collect();
    let mut new_cache: BodyCache = HashMap::with_capacity(rendered.len());
    for (doc, (b, errs)) in live_docs.iter().zip(rendered) {
        found.errors.extend(errs);
        found.warnings.extend(b.body.warnings.iter().cloned());
        new_cache.insert(doc.file().to_path_buf(), b);
    }
    crate::trace::mark("markdown");
    // Anchors, now that every page's heading ids are known.
    let bodies: Vec<(&Path, &Rendered)> = live_docs
        .iter()
        .map(|d| (d.file(), &**new_cache[d.file()].body))
        .collect();
    found.errors.extend(check_anchors(&bodies, |target| {
        new_cache
            .get(&Path::new("content").join(target))
            .map(|b| &**b.body)
    }));
    new_cache
}

/// Each taxonomy's profiles by slug, by `TaxonomyId::index`.
type Profiles = Vec<BTreeMap<String, TermProfile>>;

/// The model's plain data: guides in listing order, every taxonomy's profiles, and the
/// standalone pages by path.
fn model(
    config: &Config,
    context: &LinkContext,
    inputs: &Inputs<'_>,
    split: &taxonomies::Split<'_>,
    guide_terms: &[Vec<Vec<(String, usize)>>],
    body_of: &(dyn Fn(&Path) -> Bodies + Sync),
) -> (Vec<Guide>, Profiles, Vec<Page>) {
    let registries = &context.registries;
    // Guides in listing order: newest first, then title, then slug.
    let mut guides: Vec<Guide> = inputs
        .guides
        .par_iter()
        .zip(guide_terms)
        .map(|(g, written)| make_guide(g, body_of(&g.file), registries, written))
        .collect();
    guides.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    let (roles, skills) = (
        &registries[TaxonomyId::Roles.index()],
        &registries[TaxonomyId::Skills.index()],
    );
    let role_profiles = inputs.roles.iter().map(|r| {
        let profile = make_role_profile(r, body_of(&r.file).body, roles, skills);
        (r.front.slug.clone(), profile)
    });
    let skill_profiles = inputs.skills.iter().map(|s| {
        let profile = make_skill_profile(s, body_of(&s.file).body);
        (s.front.slug.clone(), profile)
    });
    let mut profiles = vec![role_profiles.collect(), skill_profiles.collect()];
    profiles.extend(taxonomies::profiles(config, split, &|f: &Path| {
        body_of(f).body
    }));
    let mut pages: Vec<Page> = split
        .pages
        .iter()
        .map(|p| make_page(p, body_of(&p.file).body))
        .collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    (guides, profiles, pages)
}

/// Parsed files by kind, drafts left out (unless built) but remembered, so that a link to
/// one can say why it does not resolve.
struct Inputs<'a> {
    guides: Vec<&'a Parsed<GuideFront>>,
    roles: Vec<&'a Parsed<RoleFront>>,
    skills: Vec<&'a Parsed<SkillFront>>,
    pages: Vec<&'a Parsed<PageFront>>,
    drafts: HashSet<String>,
    /// Every file that is built.
    live: Vec<&'a Doc>,
    /// Guides and pages not built today for their dates.
    left_out: Vec<crate::publish::LeftOut>,
}

fn inputs<'a>(docs: &[&'a Doc], drafts: bool, window: &crate::publish::Window) -> Inputs<'a> {
    let today = crate::publish::today();
    let mut left_out = Vec::new();
    let mut guides_in = Vec::new();
    let mut roles_in = Vec::new();
    let mut skills_in = Vec::new();
    let mut pages_in = Vec::new();
    let mut draft_paths = HashSet::new();
    let mut live_docs = Vec::with_capacity(docs.len());
    for &doc in docs {
        let is_draft = match doc {
            Doc::Guide(g) => g.front.draft,
            Doc::Page(p) => p.front.draft,
            _ => false,
        };
        if is_draft && !drafts {
            draft_paths.insert(content_rel(doc.file()));
            continue;
        }
        if let Some(l) = doc_left_out(window, doc, today) {
            left_out.push(l);
            continue;
        }
        match doc {
            Doc::Guide(g) => guides_in.push(g),
            Doc::Role(r) => roles_in.push(r),
            Doc::Skill(s) => skills_in.push(s),
            Doc::Page(p) => pages_in.push(p),
        }
        live_docs.push(doc);
    }
    Inputs {
        guides: guides_in,
        roles: roles_in,
        skills: skills_in,
        pages: pages_in,
        drafts: draft_paths,
        live: live_docs,
        left_out,
    }
}

/// A guide or page left out `today` for its dates, with where it would be published.
fn doc_left_out(
    window: &crate::publish::Window,
    doc: &Doc,
    today: jiff::civil::Date,
) -> Option<crate::publish::LeftOut> {
    let (publish, expiry, path) = match doc {
        Doc::Guide(g) => (
            g.front.publish_date,
            g.front.expiry_date,
            format!("guides/{}/", g.front.slug),
        ),
        Doc::Page(p) => (
            p.front.publish_date,
            p.front.expiry_date,
            format!("{}/", p.front.path),
        ),
        _ => return None,
    };
    let why = window.left_out(publish, expiry, today)?;
    Some(crate::publish::LeftOut {
        source: doc.file().to_path_buf(),
        path,
        why,
    })
}

/// The warnings `check` reports about the linked site as a whole: tags without profiles,
/// near-duplicates, unused profiles, orphans, stale salaries. Kept out of `link` so that a
/// watch-mode rebuild, which prints none of them, does not pay for them.
pub fn site_warnings(linked: &Linked) -> Vec<Diagnostic> {
    // This year, for the age of salary figures: only warnings depend on it, never output.
    let year = jiff::Zoned::now().year();
    hygiene::warnings(&linked.site, &linked.context.registries, year)
}
