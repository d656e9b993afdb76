//! Terms of any taxonomy with no profile (often typos, answered with the closest profile)
//! and profiles nothing uses.

use std::collections::HashMap;

use super::{Kind, career, first_uses, located};
use crate::error::Diagnostic;
use crate::link::tags::TagRegistry;
use crate::model::{Site, TaxonomyId};

/// The profiles and aliases of one taxonomy, grouped by length: "did you mean" only
/// compares an unknown term with names whose length is within a typo of its own.
struct Closest<'a> {
    reg: &'a TagRegistry,
    by_len: HashMap<usize, Vec<&'a str>>,
}

impl<'a> Closest<'a> {
    fn new(reg: &'a TagRegistry) -> Self {
        let mut by_len: HashMap<usize, Vec<&str>> = HashMap::new();
        for name in reg.profiles.iter().chain(reg.aliases.keys()) {
            by_len.entry(name.len()).or_default().push(name.as_str());
        }
        Closest { reg, by_len }
    }

    pub(super) fn find(&self, slug: &str) -> Option<String> {
        // An edit changes the length by at most one, and no typo is more than three edits.
        let reach = crate::error::typo_distance(usize::MAX);
        let near = (slug.len().saturating_sub(reach)..=slug.len() + reach)
            .filter_map(|len| self.by_len.get(&len))
            .flatten()
            .copied();
        crate::error::did_you_mean(slug, near).map(|s| self.reg.canonical(s).to_string())
    }
}

fn tag_warning(kind: &Kind, closest: &Closest<'_>, slug: &str) -> Diagnostic {
    let (noun, dir) = (&kind.noun, &kind.key);
    match closest.find(slug) {
        Some(c) => Diagnostic::warning(None, format!("unknown {noun} `{slug}`"))
            .hint(format!("did you mean `{c}`?")),
        None => Diagnostic::warning(None, format!("{noun} `{slug}` has no profile"))
            .hint(format!("add content/{dir}/{slug}.md to describe it")),
    }
}

/// Terms with no profile in taxonomies that have profiles (with the closest profile when
/// it looks like a typo), pointed at where a guide (or, for roles and skills, a role
/// profile) first names them. Every lookup goes through an index built once, so the work
/// grows with the number of terms, not with its square.
pub(super) fn missing_profiles(
    site: &Site,
    kinds: &[Kind],
    registries: &[TagRegistry],
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let edges = career::first_edges(site);
    let role_skill_uses = career::first_role_skill_uses(site);
    for kind in kinds.iter().filter(|k| k.profiles) {
        let closest = Closest::new(&registries[kind.id.index()]);
        let uses = first_uses(site, kind.id);
        let taxonomy = site.taxonomy(kind.id);
        for term in taxonomy.terms.values().filter(|t| t.profile.is_none()) {
            let slug = term.slug.as_str();
            let at = uses.get(slug).copied();
            let at = match kind.id {
                // Only a career-path edge names it.
                TaxonomyId::Roles if at.is_none() => {
                    let hint = closest.find(slug);
                    warnings.push(career::edge_warning(&edges, slug, hint));
                    continue;
                }
                TaxonomyId::Skills => at.or_else(|| role_skill_uses.get(slug).copied()),
                _ => at,
            };
            warnings.push(located(tag_warning(kind, &closest, slug), at));
        }
    }
    warnings
}

/// Profiles no guide is tagged with (for skills: no guide or role uses), in every
/// taxonomy.
pub(super) fn unused_profiles(site: &Site, kinds: &[Kind]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for kind in kinds {
        let (noun, key) = (&kind.noun, &kind.key);
        for term in site.taxonomy(kind.id).terms.values() {
            let Some(p) = &term.profile else { continue };
            if !term.guides.is_empty() || !term.needed_by().is_empty() {
                continue;
            }
            let slug = &term.slug;
            let d = if kind.id == TaxonomyId::Skills {
                Diagnostic::warning(
                    p.source.clone(),
                    format!("skill `{slug}` is not used by any guide or role"),
                )
                .hint(format!(
                    "tag a guide with `skills: [{slug}]`, list it in a role's `skills`, or remove the profile"
                ))
            } else {
                Diagnostic::warning(p.source.clone(), format!("{noun} `{slug}` has no guides"))
                    .hint(format!(
                        "tag a guide with `{key}: [{slug}]`, or remove the profile"
                    ))
            };
            out.push(d.at_line(1));
        }
    }
    out
}
