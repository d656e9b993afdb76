//! Re-tagging in watch mode: a few guides' terms changed, nothing else in their front
//! matter, so the registries learn the new terms, drop the unused ones, and every
//! cross-reference is recomputed from the same code a full link runs.

use std::collections::{HashMap, HashSet};

use super::{fill, tag_term};
use crate::error::Diagnostic;
use crate::link::related::WINDOW;
use crate::link::{LinkContext, PatchedBody, patch_bodies};
use crate::model::{Site, TaxonomyId};
use crate::parse::Doc;

/// Re-tags guides in place after edits that changed their terms (and maybe bodies) but
/// nothing else in their front matter (as the watch session's plan decides): bodies are
/// rendered again, terms new to the site get pages, terms no longer used lose them, and
/// every cross-reference is recomputed, skipping registries, URLs and the model, which
/// cannot otherwise have changed. None when the edit needs a full link (a guide not in the
/// model, a key in error, or a page linking to a term that goes); the site is then untouched.
pub fn retag(
    site: &mut Site,
    context: &mut LinkContext,
    docs: &[&Doc],
) -> Option<Result<Vec<PatchedBody>, Vec<Diagnostic>>> {
    let mut changes = Vec::with_capacity(docs.len());
    for doc in docs {
        let Doc::Guide(g) = doc else { return None };
        let index = site.guide_index(&g.file)?;
        let mut errors = Vec::new();
        let written = crate::link::taxonomies::guide_terms(&site.config, g, &mut errors);
        if !errors.is_empty() {
            return None;
        }
        let terms = crate::link::tags::canonical_terms(&context.registries, &written);
        let lines = crate::link::make::tag_lines(&g.front, &written);
        changes.push((index, terms, lines));
    }
    let gone = gone_terms(site, &changes);
    // A page still linking to a term that goes would now be a broken link: a full link
    // reports it.
    if linked_to_any(site, &gone) {
        return None;
    }
    let new = new_terms(site, &changes);
    // Bodies resolve `role:`/`skill:` links against the terms as they are after the edit.
    swap_terms(context, &new, &gone);
    let patched = match patch_bodies(site, context, docs) {
        Some(Ok(p)) => p,
        failed => {
            swap_terms(context, &gone, &new);
            return failed;
        }
    };
    for (t, slug) in &new {
        let id = TaxonomyId::from_index(*t);
        let term = tag_term(id, slug, None);
        site.taxonomy_mut(id).terms.insert(slug.clone(), term);
    }
    for (t, slug) in &gone {
        site.taxonomy_mut(TaxonomyId::from_index(*t))
            .terms
            .remove(slug);
    }
    let old_terms: HashMap<usize, Vec<Vec<String>>> = changes
        .into_iter()
        .map(|(i, terms, lines)| {
            let g = &mut site.guides[i];
            g.tag_lines = lines;
            (i, std::mem::replace(&mut g.terms, terms))
        })
        .collect();
    // The untouched guides' lists are moved, not copied: at 100,000 guides copying them
    // took longer than ranking the touched ones.
    let near = near_changed(site, &old_terms);
    let reusable = (site.guides.iter_mut().enumerate())
        .map(|(i, g)| (!near.contains(&i)).then(|| std::mem::take(&mut g.related)))
        .collect();
    crate::trace::mark("xref-near");
    fill(site, Some(reusable));
    Some(Ok(patched))
}

/// Adds the terms `add` to the registries and takes the terms `drop` out of them (each a
/// taxonomy index and slug); swapped back when re-rendering the bodies fails.
fn swap_terms(context: &mut LinkContext, add: &[(usize, String)], drop: &[(usize, String)]) {
    let registries = &mut context.registries;
    for (t, slug) in add {
        registries[*t].all.insert(slug.clone());
    }
    for (t, slug) in drop {
        registries[*t].all.remove(slug);
    }
}

/// Whether any page links to one of `terms` (taxonomy index, slug).
fn linked_to_any(site: &Site, terms: &[(usize, String)]) -> bool {
    if terms.is_empty() {
        return false;
    }
    let urls: HashSet<String> = terms
        .iter()
        .map(|(t, slug)| {
            let taxonomy = site.taxonomy(TaxonomyId::from_index(*t));
            site.config.url(&taxonomy.term_path(slug))
        })
        .collect();
    site.bodies()
        .flat_map(|b| b.resolved.iter())
        .any(|(_, url)| urls.contains(url.split('#').next().unwrap_or(url)))
}

/// The terms `changes` use that the site has no page for yet: (taxonomy index, slug).
fn new_terms(site: &Site, changes: &[Retagged]) -> Vec<(usize, String)> {
    let mut new: Vec<(usize, String)> = Vec::new();
    for (_, terms, _) in changes {
        for (t, terms) in terms.iter().enumerate() {
            let taxonomy = site.taxonomy(TaxonomyId::from_index(t));
            for slug in terms {
                if !taxonomy.terms.contains_key(slug) && !new.contains(&(t, slug.clone())) {
                    new.push((t, slug.clone()));
                }
            }
        }
    }
    new
}

/// A re-tagged guide: its index, its new terms by taxonomy, and its new tag lines.
type Retagged = (usize, Vec<Vec<String>>, Vec<(String, usize)>);

/// The terms with no profile that no guide or profile uses once `changes` are made:
/// (taxonomy index, slug). Terms with no profile exist only while something uses them.
fn gone_terms(site: &Site, changes: &[Retagged]) -> Vec<(usize, String)> {
    let changed: HashSet<usize> = changes.iter().map(|(i, ..)| *i).collect();
    let used_by_profiles = |id: TaxonomyId, slug: &String| {
        site.roles
            .terms
            .values()
            .filter_map(|r| r.role_facts())
            .any(|p| match id {
                TaxonomyId::Roles => p.next_roles.contains(slug) || p.previous_roles.contains(slug),
                TaxonomyId::Skills => p.skills.contains(slug),
                TaxonomyId::Declared(_) => false,
            })
    };
    let mut gone: Vec<(usize, String)> = Vec::new();
    for (i, ..) in changes {
        for (t, terms) in site.guides[*i].terms.iter().enumerate() {
            let id = TaxonomyId::from_index(t);
            let taxonomy = site.taxonomy(id);
            for slug in terms {
                let term = &taxonomy.terms[slug];
                let kept = term.guides.iter().any(|j| !changed.contains(j))
                    || changes.iter().any(|(_, new, _)| new[t].contains(slug));
                if term.profile.is_none()
                    && !kept
                    && !used_by_profiles(id, slug)
                    && !gone.contains(&(t, slug.clone()))
                {
                    gone.push((t, slug.clone()));
                }
            }
        }
    }
    gone
}

/// The guides whose related lists can change when the guides in `old_terms` (by index, their
/// terms before) gained or lost terms: those guides, and every guide near one of them in
/// the list of a term it gained or lost. A guide meets other guides through a term only
/// within `WINDOW` of itself in that term's list (`related`), so one further away cannot
/// meet it there, before or after; a term with few guides puts all of them within reach.
/// Term lists are as the last cross-reference left them, in listing order.
fn near_changed(site: &Site, old_terms: &HashMap<usize, Vec<Vec<String>>>) -> HashSet<usize> {
    // Each changed guide shifts the others by one place in a list.
    let reach = WINDOW + old_terms.len() + 2;
    let mut near: HashSet<usize> = old_terms.keys().copied().collect();
    for (&i, before) in old_terms {
        let after = &site.guides[i].terms;
        for t in 0..before.len().max(after.len()) {
            let (b, a) = (before.get(t), after.get(t));
            let lost = b
                .into_iter()
                .flatten()
                .filter(|s| !a.is_some_and(|a| a.contains(s)));
            let gained = a
                .into_iter()
                .flatten()
                .filter(|s| !b.is_some_and(|b| b.contains(s)));
            for slug in lost.chain(gained) {
                // A term that goes had no guide but the changed ones.
                let Some(term) = site.taxonomy(TaxonomyId::from_index(t)).terms.get(slug) else {
                    continue;
                };
                let list = &term.guides;
                if list.len() <= 2 * reach {
                    near.extend(list.iter().copied());
                    continue;
                }
                let at = list.binary_search(&i).unwrap_or_else(|at| at);
                near.extend(&list[at.saturating_sub(reach)..(at + reach).min(list.len())]);
            }
        }
    }
    near
}
