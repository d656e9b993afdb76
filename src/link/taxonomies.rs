//! Declared taxonomies (`[[taxonomies]]` in site.toml): which front matter keys of a guide
//! name their terms, which pages are term profiles, the terms' registries, and the
//! warnings about them. One engine for every declared taxonomy: nothing here knows a
//! taxonomy by name.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use super::resolve::ProfileRef;
use super::tags::TagRegistry;
use crate::config::{Config, TaxonomyConfig};
use crate::error::{Diagnostic, did_you_mean};
use crate::markdown::Body;
use crate::model::{ProfileFacts, TaxonomyId, TermProfile};
use crate::parse::{GUIDE_KEYS, GuideFront, PAGE_ONLY_KEYS, PageFront, Parsed};
use crate::text::frontmatter::key_line;

/// Pages split into standalone pages and each declared taxonomy's term profiles.
pub(super) struct Split<'a> {
    pub pages: Vec<&'a Parsed<PageFront>>,
    /// By taxonomy index: (term slug, profile page).
    pub profiles: Vec<Vec<(String, &'a Parsed<PageFront>)>>,
}

/// Takes term profiles (`content/<name>/<slug>.md` of a taxonomy with `profiles = true`)
/// out of the pages. A page anywhere else on a taxonomy's URLs is an error naming the
/// taxonomy's line in site.toml, and so is a profile's key where it means nothing.
pub(super) fn split_pages<'a>(
    config: &Config,
    pages: Vec<&'a Parsed<PageFront>>,
    errors: &mut Vec<Diagnostic>,
) -> Split<'a> {
    let mut out = Split {
        pages: Vec::with_capacity(pages.len()),
        profiles: vec![Vec::new(); config.taxonomies.len()],
    };
    for p in pages {
        let mut segments = p.front.path.split('/');
        let first = segments.next().unwrap_or("");
        let term = segments.next();
        let nested = segments.next().is_some();
        let Some(t) = config.taxonomies.iter().position(|t| t.name == first) else {
            profile_keys_on_page(p, errors);
            out.pages.push(p);
            continue;
        };
        let taxonomy = &config.taxonomies[t];
        match term {
            Some(slug) if taxonomy.profiles && !nested => {
                page_keys_on_profile(p, taxonomy, errors);
                out.profiles[t].push((slug.to_string(), p));
            }
            _ => errors.push(taxonomy.taken_by(
                &config.file,
                &format!("/{}/", p.front.path),
                &p.file,
            )),
        }
    }
    out
}

fn profile_keys_on_page(p: &Parsed<PageFront>, errors: &mut Vec<Diagnostic>) {
    let set = [
        ("aliases", !p.front.aliases.is_empty()),
        ("summary", p.front.summary.is_some()),
    ];
    for (key, _) in set.iter().filter(|(_, set)| *set) {
        errors.push(
            Diagnostic::error(
                p.file.clone(),
                format!("`{key}` is only for a taxonomy's term profiles, not pages"),
            )
            .at_line(line_of(p, key))
            .hint(
                "remove it, or declare the page's folder as a taxonomy with \
                 `profiles = true` in site.toml",
            ),
        );
    }
}

fn page_keys_on_profile(
    p: &Parsed<PageFront>,
    taxonomy: &TaxonomyConfig,
    errors: &mut Vec<Diagnostic>,
) {
    if let Some((path, line)) = p.front.alias_paths.first() {
        errors.push(
            Diagnostic::error(
                p.file.clone(),
                format!("`aliases` entry `/{path}` is a path; a term profile's aliases are other names for the term"),
            )
            .at_line(*line)
            .hint("write another name, such as `swe`: its page redirects to this one"),
        );
    }
    for key in PAGE_ONLY_KEYS {
        if key_line(&p.front_matter, key).is_some() {
            errors.push(
                Diagnostic::error(
                    p.file.clone(),
                    format!("`{key}` is not used on `{}` term profiles", taxonomy.name),
                )
                .at_line(line_of(p, key))
                .hint("profiles take `title`, `aliases`, `summary` and `extra`"),
            );
        }
    }
}

fn line_of<T>(p: &Parsed<T>, key: &str) -> usize {
    p.front_matter_line + key_line(&p.front_matter, key).unwrap_or(1) - 1
}

/// A guide's terms as written, slugified with their lines, by `TaxonomyId::index`: its
/// roles, its skills, then each declared taxonomy's. A key that is neither a guide's own
/// nor a declared taxonomy is an error with a did-you-mean.
pub(super) fn guide_terms(
    config: &Config,
    g: &Parsed<GuideFront>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Vec<(String, usize)>> {
    let mut out = vec![Vec::new(); 2 + config.taxonomies.len()];
    out[TaxonomyId::Roles.index()] = g.front.roles.clone();
    out[TaxonomyId::Skills.index()] = g.front.skills.clone();
    for other in &g.front.other {
        let key = other.key.as_str();
        let Some(t) = config.taxonomies.iter().position(|t| t.name == key) else {
            let known = GUIDE_KEYS
                .iter()
                .copied()
                .chain(config.taxonomies.iter().map(|t| t.name.as_str()));
            let hint = match did_you_mean(key, known.clone()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("known keys are {}", known.collect::<Vec<_>>().join(", ")),
            };
            errors.push(
                Diagnostic::error(g.file.clone(), format!("unknown key `{key}`"))
                    .at(other.line, 1)
                    .hint(hint),
            );
            continue;
        };
        match &other.terms {
            Some(terms) => out[TaxonomyId::Declared(t).index()] = terms.clone(),
            None => errors.push(
                Diagnostic::error(g.file.clone(), format!("`{key}` must be a list of terms"))
                    .at_line(other.line)
                    .hint(format!("write it as `{key}: [first, second]`")),
            ),
        }
    }
    out
}

/// The errors `guide_terms` finds in every guide among `docs`: keys that are neither a
/// guide's own nor a declared taxonomy, and taxonomies' values that are not lists.
pub fn unknown_guide_keys(config: &Config, docs: &[crate::parse::Doc]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for doc in docs {
        if let crate::parse::Doc::Guide(g) = doc {
            guide_terms(config, g, &mut errors);
        }
    }
    errors
}

/// Every taxonomy's registry, by `TaxonomyId::index`: its profiles and their aliases,
/// then every term in use, in guides (`written`, from `guide_terms`) and, for roles and
/// skills, in compare tables and role profiles.
pub(super) fn registries(
    config: &Config,
    inputs: &super::Inputs<'_>,
    split: &Split<'_>,
    written: &[Vec<Vec<(String, usize)>>],
    warnings: &mut Vec<Diagnostic>,
) -> Vec<TagRegistry> {
    (0..2 + config.taxonomies.len())
        .map(|i| {
            let id = TaxonomyId::from_index(i);
            let (profiles, label): (Vec<ProfileRef<'_>>, String) = match id {
                TaxonomyId::Roles => (
                    inputs
                        .roles
                        .iter()
                        .map(|r| (&r.front.slug, &r.front.aliases, &r.file))
                        .collect(),
                    "role".into(),
                ),
                TaxonomyId::Skills => (
                    inputs
                        .skills
                        .iter()
                        .map(|s| (&s.front.slug, &s.front.aliases, &s.file))
                        .collect(),
                    "skill".into(),
                ),
                TaxonomyId::Declared(t) => (
                    split.profiles[t]
                        .iter()
                        .map(|(slug, p)| (slug, &p.front.aliases, &p.file))
                        .collect(),
                    format!("`{}`", config.taxonomies[t].name),
                ),
            };
            let mut reg = super::registry(profiles.into_iter(), &label, warnings);
            // Distinct tags first: thousands of guides share a few hundred tags.
            let mut used: HashSet<&str> = written
                .iter()
                .flat_map(|g| &g[i])
                .map(|(s, _)| s.as_str())
                .collect();
            used.extend(career_uses(id, inputs));
            let all: Vec<String> = used
                .into_iter()
                .map(|t| reg.canonical(t).to_string())
                .collect();
            reg.all.extend(all);
            reg
        })
        .collect()
}

/// Roles and skills named outside guides' tags: compared roles, role profiles' career
/// paths and core skills. Such a role or skill gets a page like a tag does.
fn career_uses<'a>(
    id: TaxonomyId,
    inputs: &super::Inputs<'a>,
) -> Box<dyn Iterator<Item = &'a str> + 'a> {
    let (guides, roles) = (inputs.guides.clone(), inputs.roles.clone());
    match id {
        TaxonomyId::Roles => Box::new(
            guides
                .into_iter()
                .flat_map(|g| &g.front.compare)
                .chain(
                    roles
                        .into_iter()
                        .flat_map(|r| r.front.next_roles.iter().chain(&r.front.previous_roles)),
                )
                .map(|(s, _)| s.as_str()),
        ),
        TaxonomyId::Skills => Box::new(
            roles
                .into_iter()
                .flat_map(|r| &r.front.skills)
                .map(|(s, _)| s.as_str()),
        ),
        TaxonomyId::Declared(_) => Box::new(std::iter::empty()),
    }
}

/// The declared taxonomies' profiles by slug, in `config.taxonomies` order.
pub(super) fn profiles(
    config: &Config,
    split: &Split<'_>,
    body_of: &dyn Fn(&Path) -> Arc<Body>,
) -> Vec<BTreeMap<String, TermProfile>> {
    config
        .taxonomies
        .iter()
        .zip(&split.profiles)
        .map(|(_, profiles)| {
            profiles
                .iter()
                .map(|(slug, p)| {
                    let f = &p.front;
                    let common = (f.title.as_str(), &f.aliases[..], &f.summary, &f.extra);
                    let profile = super::make::make_profile(
                        &p.file,
                        common,
                        body_of(&p.file),
                        ProfileFacts::Plain,
                    );
                    (slug.clone(), profile)
                })
                .collect()
        })
        .collect()
}
