//! Linking: turns every parsed file into the site model. Resolves tags (case, slugs,
//! aliases), renders Markdown with internal links resolved to real URLs, checks anchors,
//! and computes the cross-references: guides per role and skill, related guides, related
//! roles, roles that need a skill.

pub mod bodies;
mod crossref;
pub use crossref::retag;
mod hygiene;
mod make;
pub mod occupations;
pub mod related;
pub mod relative;
mod resolve;
pub mod tags;
mod taxonomies;
pub use taxonomies::unknown_guide_keys;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::autolink::{Autolinker, Source, TagKind};
use crate::config::Config;
use crate::error::{Diagnostic, display_path};
use crate::markdown::{LinkResolver, LinkTarget, Rendered, Unresolved};
use crate::model::{Guide, Page, ProfileFacts, RoleFacts, Site, SkillFacts, TermProfile};
use crate::parse::{Doc, GuideFront, PageFront, Parsed, RoleFront, SkillFront};
use crate::shortcode::Shortcodes;
use bodies::{Bodies, BodyCache, Dirty, content_rel};
use make::*;
pub use resolve::Resolver;
use resolve::*;
use tags::{TagRegistry, canonical_list};

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
    pub roles: TagRegistry,
    pub skills: TagRegistry,
    /// Each declared taxonomy's registry, in `config.taxonomies` order.
    pub taxonomies: Vec<TagRegistry>,
    /// Role and skill names to link on first mention, with `autolink = true`.
    pub autolink: Option<Arc<Autolinker>>,
    /// The shortcodes bodies may call; kept so a body-only edit expands them the same way.
    pub shortcodes: Option<Arc<Shortcodes>>,
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
    } = reuse;
    let empty_cache = BodyCache::new();
    crate::trace::mark("link-start");
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let Inputs {
        guides: guides_in,
        roles: roles_in,
        skills: skills_in,
        pages: pages_in,
        drafts: draft_paths,
        live: live_docs,
    } = inputs(docs, drafts);

    let split = taxonomies::split_pages(&config, pages_in, &mut errors);
    let guide_terms: Vec<Vec<Vec<(String, usize)>>> = guides_in
        .iter()
        .map(|g| taxonomies::guide_terms(&config, g, &mut errors))
        .collect();
    let term_registries = taxonomies::registries(&config, &split, &guide_terms, &mut warnings);
    let (roles, skills) =
        role_and_skill_registries(&guides_in, &roles_in, &skills_in, &mut warnings);

    crate::trace::mark("registries");
    let mut content_urls =
        content_urls(&guides_in, &roles_in, &skills_in, &split.pages, &mut errors);
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
        .then(|| autolinker(&roles_in, &skills_in, &term_profiles))
        .flatten()
        .map(Arc::new);
    let context = LinkContext {
        content_urls,
        drafts: draft_paths,
        roles,
        skills,
        taxonomies: term_registries,
        autolink,
        shortcodes: shortcodes.cloned(),
    };
    let resolver = Resolver {
        config: &config,
        context: &context,
    };

    // Markdown, in parallel: each body is independent once URLs are known.
    crate::trace::mark("urls");
    let rendered: Vec<(Bodies, Vec<Diagnostic>)> = live_docs
        .par_iter()
        .map(|doc| {
            bodies::render_doc(
                doc,
                &resolver,
                config.raw_html,
                cache.unwrap_or(&empty_cache),
                dirty,
            )
        })
        .collect();
    let mut new_cache: BodyCache = HashMap::with_capacity(rendered.len());
    for (doc, (b, errs)) in live_docs.iter().zip(rendered) {
        errors.extend(errs);
        warnings.extend(b.body.warnings.iter().cloned());
        new_cache.insert(doc.file().to_path_buf(), b);
    }
    let body_of = |file: &Path| new_cache[file].clone();

    crate::trace::mark("markdown");
    // Anchors, now that every page's heading ids are known.
    let bodies: Vec<(&Path, &Rendered)> = live_docs
        .iter()
        .map(|d| (d.file(), &*new_cache[d.file()].body))
        .collect();
    errors.extend(check_anchors(&bodies, |target| {
        new_cache
            .get(&Path::new("content").join(target))
            .map(|b| &*b.body)
    }));
    let (roles, skills) = (&context.roles, &context.skills);
    // Guides in listing order: newest first, then title, then slug.
    let mut guides: Vec<Guide> = guides_in
        .par_iter()
        .zip(&guide_terms)
        .map(|(g, terms)| {
            let mut guide = make_guide(g, body_of(&g.file), roles, skills);
            guide.terms = taxonomies::canonical_terms(&context.taxonomies, terms);
            guide.tag_lines.extend(terms.iter().flatten().cloned());
            guide
        })
        .collect();
    guides.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    let role_profiles: BTreeMap<String, TermProfile> = roles_in
        .iter()
        .map(|r| {
            (
                r.front.slug.clone(),
                make_role_profile(r, body_of(&r.file).body, roles, skills),
            )
        })
        .collect();
    let skill_profiles: BTreeMap<String, TermProfile> = skills_in
        .iter()
        .map(|s| {
            (
                s.front.slug.clone(),
                make_skill_profile(s, body_of(&s.file).body),
            )
        })
        .collect();
    let taxonomies = taxonomies::taxonomies(
        &config,
        &context.taxonomies,
        &split,
        &|f: &Path| body_of(f).body,
        &guides,
    );
    let mut pages: Vec<Page> = split
        .pages
        .iter()
        .map(|p| make_page(p, body_of(&p.file).body))
        .collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));

    crate::trace::mark("model");
    check_compare(&guides, &role_profiles, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }

    crate::trace::mark("compare");
    let site = crossref::cross_reference(
        config,
        previous,
        guides,
        (role_profiles, skill_profiles),
        &context,
        taxonomies,
        pages,
    );
    crate::trace::mark("crossref");
    Ok((
        Linked {
            site,
            warnings,
            context,
        },
        new_cache,
    ))
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
}

fn inputs<'a>(docs: &[&'a Doc], drafts: bool) -> Inputs<'a> {
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
    }
}

/// The role and skill registries: profiles and their aliases, then every tag in use in
/// guides and in role profiles' skills and career paths.
fn role_and_skill_registries(
    guides_in: &[&Parsed<GuideFront>],
    roles_in: &[&Parsed<RoleFront>],
    skills_in: &[&Parsed<SkillFront>],
    warnings: &mut Vec<Diagnostic>,
) -> (TagRegistry, TagRegistry) {
    let mut roles = registry(
        roles_in
            .iter()
            .map(|r| (&r.front.slug, &r.front.aliases, &r.file)),
        "role",
        warnings,
    );
    let mut skills = registry(
        skills_in
            .iter()
            .map(|s| (&s.front.slug, &s.front.aliases, &s.file)),
        "skill",
        warnings,
    );
    // Distinct tags first: thousands of guides share a few hundred tags.
    let mut role_tags: HashSet<&str> = HashSet::new();
    let mut skill_tags: HashSet<&str> = HashSet::new();
    for g in guides_in {
        role_tags.extend(
            g.front
                .roles
                .iter()
                .chain(&g.front.compare)
                .map(|(s, _)| s.as_str()),
        );
        skill_tags.extend(g.front.skills.iter().map(|(s, _)| s.as_str()));
    }
    for r in roles_in {
        role_tags.extend(
            r.front
                .next_roles
                .iter()
                .chain(&r.front.previous_roles)
                .map(|(s, _)| s.as_str()),
        );
        skill_tags.extend(r.front.skills.iter().map(|(s, _)| s.as_str()));
    }
    let role_all: Vec<String> = role_tags
        .into_iter()
        .map(|t| roles.canonical(t).to_string())
        .collect();
    let skill_all: Vec<String> = skill_tags
        .into_iter()
        .map(|t| skills.canonical(t).to_string())
        .collect();
    roles.all.extend(role_all);
    skills.all.extend(skill_all);
    (roles, skills)
}

/// Checks every `@/…#anchor` link in `bodies` against the heading ids of its target, found
/// with `target_body` (by path relative to `content/`).
pub fn check_anchors<'a>(
    bodies: &[(&Path, &Rendered)],
    target_body: impl Fn(&str) -> Option<&'a Rendered>,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (file, body) in bodies {
        for link in &body.anchor_links {
            let Some(target) = target_body(link.target.trim_start_matches("./")) else {
                continue;
            };
            if target.headings.iter().any(|h| h.id == link.anchor) {
                continue;
            }
            let ids: HashSet<&str> = target.headings.iter().map(|h| h.id.as_str()).collect();
            let hint = match crate::error::did_you_mean(&link.anchor, ids.iter().copied()) {
                Some(s) => format!("did you mean `#{s}`?"),
                None => format!("headings there have ids: {}", sorted_ids(&ids)),
            };
            errors.push(
                Diagnostic::error(
                    file.to_path_buf(),
                    format!("no heading `#{}` in content/{}", link.anchor, link.target),
                )
                .at(link.line, link.column)
                .hint(hint),
            );
        }
    }
    errors
}

fn sorted_ids(ids: &HashSet<&str>) -> String {
    let mut v: Vec<_> = ids.iter().map(|s| format!("`{s}`")).collect();
    v.sort();
    if v.is_empty() {
        "none".into()
    } else {
        v.join(", ")
    }
}

/// The warnings `check` reports about the linked site as a whole: tags without profiles,
/// near-duplicates, unused profiles, orphans, stale salaries. Kept out of `link` so that a
/// watch-mode rebuild, which prints none of them, does not pay for them.
pub fn site_warnings(linked: &Linked) -> Vec<Diagnostic> {
    // This year, for the age of salary figures: only warnings depend on it, never output.
    let year = jiff::Zoned::now().year();
    let LinkContext {
        roles,
        skills,
        taxonomies,
        ..
    } = &linked.context;
    let mut warnings = hygiene::warnings(&linked.site, roles, skills, year);
    warnings.extend(taxonomies::warnings(&linked.site, taxonomies));
    warnings
}

/// A guide's file and its new bodies, for the cache.
pub type PatchedBody = (std::path::PathBuf, Bodies);

/// Re-renders the bodies of guides whose front matter did not change, in place: their tags,
/// URLs and related lists cannot have changed, so nothing else needs relinking. Returns the
/// new bodies for the cache, or the errors (the site is then left as it was).
pub fn patch_bodies(
    site: &mut Site,
    context: &LinkContext,
    docs: &[&Doc],
) -> Option<Result<Vec<PatchedBody>, Vec<Diagnostic>>> {
    let resolver = Resolver {
        config: &site.config,
        context,
    };
    let mut patched = Vec::with_capacity(docs.len());
    let mut errors = Vec::new();
    for doc in docs {
        let Doc::Guide(g) = doc else { return None };
        let index = site.guides.iter().position(|x| x.source == g.file)?;
        let (b, errs) = bodies::render_doc(
            doc,
            &resolver,
            site.config.raw_html,
            &BodyCache::new(),
            None,
        );
        errors.extend(errs);
        patched.push((index, g.file.clone(), b));
    }
    if !errors.is_empty() {
        return Some(Err(errors));
    }
    let mut bodies: Vec<(&Path, &Rendered)> = site
        .guides
        .iter()
        .map(|g| (g.source.as_path(), &*g.body))
        .chain(
            site.all_taxonomies()
                .flat_map(|t| t.terms.values())
                .filter_map(|t| t.profile.as_ref())
                .map(|p| (p.source.as_path(), &*p.body)),
        )
        .chain(site.pages.iter().map(|p| (p.source.as_path(), &*p.body)))
        .collect();
    for (index, _, b) in &patched {
        bodies[*index].1 = &b.body;
    }
    let targets: HashSet<&str> = bodies
        .iter()
        .flat_map(|(_, b)| b.anchor_links.iter().map(|l| l.target.as_str()))
        .collect();
    let by_target: HashMap<String, &Rendered> = bodies
        .iter()
        .map(|(f, b)| (content_rel(f), *b))
        .filter(|(rel, _)| targets.contains(rel.as_str()))
        .collect();
    let errors = check_anchors(&bodies, |t| by_target.get(t).copied());
    if !errors.is_empty() {
        return Some(Err(errors));
    }
    let mut out = Vec::with_capacity(patched.len());
    for (index, file, b) in patched {
        let g = &mut site.guides[index];
        g.body = b.body.clone();
        g.faq = b.faq.clone();
        out.push((file, b));
    }
    Some(Ok(out))
}
