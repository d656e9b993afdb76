//! Cross-references between guides, roles and skills: each role's and skill's guides,
//! related guides, related roles, and the roles that need each skill. Computed in place on
//! a `Site` whose guides carry their tags, so that a full link and a watch-mode re-tag of a
//! few guides (`retag`) run the same code.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::tags::canonical_list;
use super::{LinkContext, PatchedBody, patch_bodies};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::model::{Guide, Page, RelatedGuide, Site, Taxonomy, Term, TermLinks, TermProfile};
use crate::parse::Doc;

/// A related list kept from before, by guide index, or none where it must be computed.
type Reusable = Vec<Option<Vec<RelatedGuide>>>;

/// Builds role and skill pages and every cross-reference between them and the guides.
pub(super) fn cross_reference(
    config: Config,
    previous: Option<&Site>,
    guides: Vec<Guide>,
    (mut role_profiles, mut skill_profiles): (
        BTreeMap<String, TermProfile>,
        BTreeMap<String, TermProfile>,
    ),
    context: &LinkContext,
    taxonomies: Vec<Taxonomy>,
    pages: Vec<Page>,
) -> Site {
    let reusable = previous.and_then(|p| {
        // Related lists kept from before follow roles and skills only: a change to any
        // declared taxonomy's weights or terms recomputes them all.
        if p.config.related != config.related
            || p.config.taxonomies != config.taxonomies
            || p.guides.len() != guides.len()
            || p.guides
                .iter()
                .zip(&guides)
                .any(|(a, b)| a.source != b.source || a.terms != b.terms)
        {
            return None;
        }
        Some(untouched_related(&guides, |i| {
            let g = &p.guides[i];
            (&g.roles, &g.skills, &g.related)
        }))
    });
    let roles = Taxonomy {
        name: "roles".into(),
        terms: context
            .roles
            .all
            .iter()
            .map(|slug| (slug.clone(), tag_role(slug, role_profiles.remove(slug))))
            .collect(),
    };
    let skills = Taxonomy {
        name: "skills".into(),
        terms: context
            .skills
            .all
            .iter()
            .map(|slug| (slug.clone(), tag_skill(slug, skill_profiles.remove(slug))))
            .collect(),
    };
    let mut site = Site {
        config,
        guides,
        roles,
        skills,
        taxonomies,
        pages,
        datasets: Default::default(),
        left_out: context.left_out.clone(),
    };
    fill(&mut site, reusable);
    site
}

/// The set of every role (or skill) slug with a page.
fn registry(context: &mut LinkContext, role: bool) -> &mut std::collections::BTreeSet<String> {
    if role {
        &mut context.roles.all
    } else {
        &mut context.skills.all
    }
}

/// A role before cross-referencing: titled by its profile, or from its slug.
fn tag_role(slug: &str, profile: Option<TermProfile>) -> Term {
    let related_roles = Vec::new();
    Term::new(slug, profile, TermLinks::Role { related_roles })
}

fn tag_skill(slug: &str, profile: Option<TermProfile>) -> Term {
    Term::new(slug, profile, TermLinks::Skill { roles: Vec::new() })
}

/// Computes every cross-reference of `site` from its guides' tags, keeping the related
/// lists given in `reusable`. Roles and skills must already be every tag in use.
fn fill(site: &mut Site, reusable: Option<Reusable>) {
    let role_ids: Vec<String> = site.roles.terms.keys().cloned().collect();
    let skill_ids: Vec<String> = site.skills.terms.keys().cloned().collect();
    let index = |ids: &[String]| -> HashMap<String, u32> {
        ids.iter()
            .enumerate()
            .map(|(i, s)| (s.clone(), i as u32))
            .collect()
    };
    let (role_index, skill_index) = (index(&role_ids), index(&skill_ids));
    // Every declared taxonomy's terms in one table, each with its taxonomy's weight.
    let mut term_weights: Vec<f64> = Vec::new();
    let term_index: Vec<HashMap<&str, u32>> = site
        .taxonomies
        .iter()
        .zip(&site.config.taxonomies)
        .map(|(t, c)| {
            t.terms
                .keys()
                .map(|slug| {
                    term_weights.push(c.related_weight);
                    (slug.as_str(), term_weights.len() as u32 - 1)
                })
                .collect()
        })
        .collect();
    let tagged: Vec<super::related::Tagged> = site
        .guides
        .iter()
        .map(|g| super::related::Tagged {
            roles: g
                .roles
                .iter()
                .filter_map(|r| role_index.get(r).copied())
                .collect(),
            skills: g
                .skills
                .iter()
                .filter_map(|s| skill_index.get(s).copied())
                .collect(),
            terms: g
                .terms
                .iter()
                .zip(&term_index)
                .flat_map(|(terms, index)| terms.iter().filter_map(|s| index.get(s.as_str())))
                .copied()
                .collect(),
        })
        .collect();
    crate::trace::mark("xref-tagged");
    let related = super::related::related_guides_for(
        &tagged,
        role_ids.len(),
        skill_ids.len(),
        &term_weights,
        &site.config.related,
        |i| reusable.as_ref().is_none_or(|r| r[i].is_none()),
    );
    crate::trace::mark("xref-related");
    let mut reusable = reusable;
    for (i, (g, rel)) in site.guides.iter_mut().zip(related).enumerate() {
        g.related = match rel {
            Some(computed) => computed,
            None => reusable
                .as_mut()
                .and_then(|r| r[i].take())
                .unwrap_or_default(),
        };
    }
    let related_roles = super::related::related_roles(&tagged, role_ids.len(), 6);

    let mut role_guides: Vec<Vec<usize>> = vec![Vec::new(); role_ids.len()];
    let mut skill_guides: Vec<Vec<usize>> = vec![Vec::new(); skill_ids.len()];
    // Roles co-occurring with each skill in guides: skill -> role -> count.
    let mut skill_role_counts: Vec<HashMap<u32, usize>> = vec![HashMap::new(); skill_ids.len()];
    for (i, t) in tagged.iter().enumerate() {
        for &r in &t.roles {
            role_guides[r as usize].push(i);
        }
        for &s in &t.skills {
            skill_guides[s as usize].push(i);
        }
        // Skills times roles is quadratic in one guide's tags: count its first few of each.
        for &s in super::related::pair_tags(&t.skills) {
            for &r in super::related::pair_tags(&t.roles) {
                *skill_role_counts[s as usize].entry(r).or_default() += 1;
            }
        }
    }
    crate::trace::mark("xref-counts");
    for (i, role) in site.roles.terms.values_mut().enumerate() {
        role.guides = std::mem::take(&mut role_guides[i]);
        let related_roles = related_roles[i]
            .iter()
            .map(|&(r, n)| (role_ids[r as usize].clone(), n))
            .collect();
        role.links = TermLinks::Role { related_roles };
    }
    crate::trace::mark("xref-roles");
    // Role profiles listing each skill come first, then roles whose guides use it most.
    let mut listed_by: HashMap<&str, Vec<String>> = HashMap::new();
    for r in site.roles.terms.values() {
        for s in r.role_facts().iter().flat_map(|p| &p.skills) {
            listed_by
                .entry(s.as_str())
                .or_default()
                .push(r.slug.clone());
        }
    }
    let mut needed: Vec<Vec<String>> = Vec::with_capacity(skill_ids.len());
    for (i, slug) in skill_ids.iter().enumerate() {
        let mut needed_by = listed_by.remove(slug.as_str()).unwrap_or_default();
        let mut co: Vec<(u32, usize)> =
            skill_role_counts[i].iter().map(|(&r, &n)| (r, n)).collect();
        co.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for (r, _) in co {
            if needed_by.len() >= 10 {
                break;
            }
            let r = &role_ids[r as usize];
            if !needed_by.contains(r) {
                needed_by.push(r.clone());
            }
        }
        needed.push(needed_by);
    }
    for ((skill, guides), roles) in site.skills.terms.values_mut().zip(skill_guides).zip(needed) {
        skill.guides = guides;
        skill.links = TermLinks::Skill { roles };
    }
}

/// The related lists that cannot have changed, by guide index: a guide's list can only
/// change if it shares a tag (old or new) with a guide whose tags changed. `old(i)` gives
/// guide `i`'s tags and related list before; the listing order must be the same.
fn untouched_related<'a>(
    guides: &[Guide],
    old: impl Fn(usize) -> (&'a Vec<String>, &'a Vec<String>, &'a Vec<RelatedGuide>),
) -> Reusable {
    let mut touched_tags: HashSet<(bool, &str)> = HashSet::new();
    for (i, new) in guides.iter().enumerate() {
        let (roles, skills, _) = old(i);
        if *roles != new.roles || *skills != new.skills {
            for (r, s) in [(roles, skills), (&new.roles, &new.skills)] {
                touched_tags.extend(r.iter().map(|r| (true, r.as_str())));
                touched_tags.extend(s.iter().map(|s| (false, s.as_str())));
            }
        }
    }
    guides
        .iter()
        .enumerate()
        .map(|(i, new)| {
            let (roles, skills, related) = old(i);
            let touched = *roles != new.roles
                || *skills != new.skills
                || new
                    .roles
                    .iter()
                    .any(|r| touched_tags.contains(&(true, r.as_str())))
                || new
                    .skills
                    .iter()
                    .any(|s| touched_tags.contains(&(false, s.as_str())));
            (!touched).then(|| related.clone())
        })
        .collect()
}

/// Re-tags guides in place after edits that changed their roles and skills (and maybe
/// bodies) but nothing else in their front matter (as the watch session's plan decides):
/// bodies are rendered again, tags new to the site get pages, tags no longer used lose them, and every
/// cross-reference is recomputed, skipping registries, URLs and the model, which cannot
/// otherwise have changed. None when the edit needs a full link (a guide not in the model,
/// or a page linking to a tag that goes); the site is then untouched.
pub fn retag(
    site: &mut Site,
    context: &mut LinkContext,
    docs: &[&Doc],
) -> Option<Result<Vec<PatchedBody>, Vec<Diagnostic>>> {
    let mut changes = Vec::with_capacity(docs.len());
    for doc in docs {
        let Doc::Guide(g) = doc else { return None };
        let index = site.guides.iter().position(|x| x.source == g.file)?;
        let roles = canonical_list(&context.roles, &g.front.roles);
        let skills = canonical_list(&context.skills, &g.front.skills);
        changes.push((index, roles, skills));
    }
    let changed: HashSet<usize> = changes.iter().map(|(i, _, _)| *i).collect();
    // Tags with no profile exist only while something uses them.
    let used_by_profiles = |role: bool, slug: &String| {
        site.roles
            .terms
            .values()
            .filter_map(|r| r.role_facts())
            .any(|p| {
                if role {
                    p.next_roles.contains(slug) || p.previous_roles.contains(slug)
                } else {
                    p.skills.contains(slug)
                }
            })
    };
    let mut gone: Vec<(bool, String)> = Vec::new();
    for (i, ..) in &changes {
        let g = &site.guides[*i];
        for (role, slug) in g
            .roles
            .iter()
            .map(|r| (true, r))
            .chain(g.skills.iter().map(|s| (false, s)))
        {
            let (profile, guides) = if role {
                let r = &site.roles.terms[slug];
                (r.profile.is_some(), &r.guides)
            } else {
                let s = &site.skills.terms[slug];
                (s.profile.is_some(), &s.guides)
            };
            let kept = guides.iter().any(|j| !changed.contains(j))
                || changes.iter().any(|(_, rs, ss)| {
                    if role {
                        rs.contains(slug)
                    } else {
                        ss.contains(slug)
                    }
                });
            if !profile
                && !kept
                && !used_by_profiles(role, slug)
                && !gone.contains(&(role, slug.clone()))
            {
                gone.push((role, slug.clone()));
            }
        }
    }
    // A page still linking to a tag that goes would now be a broken link: a full link
    // reports it.
    if !gone.is_empty() {
        let urls: HashSet<String> = gone
            .iter()
            .map(|(role, slug)| {
                let dir = if *role { "roles" } else { "skills" };
                site.config.url(&format!("{dir}/{slug}/"))
            })
            .collect();
        let linked = site
            .bodies()
            .flat_map(|b| b.resolved.iter())
            .any(|(_, url)| urls.contains(url.split('#').next().unwrap_or(url)));
        if linked {
            return None;
        }
    }
    let mut new: Vec<(bool, String)> = Vec::new();
    for (_, roles, skills) in &changes {
        let tags = roles
            .iter()
            .map(|r| (true, r))
            .chain(skills.iter().map(|s| (false, s)));
        for (role, slug) in tags {
            let known = if role {
                site.roles.terms.contains_key(slug)
            } else {
                site.skills.terms.contains_key(slug)
            };
            if !known && !new.contains(&(role, slug.clone())) {
                new.push((role, slug.clone()));
            }
        }
    }
    // Bodies resolve `role:`/`skill:` links against the tags as they are after the edit.
    for (role, slug) in &new {
        registry(context, *role).insert(slug.clone());
    }
    for (role, slug) in &gone {
        registry(context, *role).remove(slug);
    }
    let patched = match patch_bodies(site, context, docs) {
        Some(Ok(p)) => p,
        failed => {
            for (role, slug) in &new {
                registry(context, *role).remove(slug);
            }
            for (role, slug) in &gone {
                registry(context, *role).insert(slug.clone());
            }
            return failed;
        }
    };
    for (role, slug) in &new {
        if *role {
            site.roles.terms.insert(slug.clone(), tag_role(slug, None));
        } else {
            site.skills
                .terms
                .insert(slug.clone(), tag_skill(slug, None));
        }
    }
    for (role, slug) in &gone {
        if *role {
            site.roles.terms.remove(slug);
        } else {
            site.skills.terms.remove(slug);
        }
    }
    let old_tags: HashMap<usize, (Vec<String>, Vec<String>)> = changes
        .into_iter()
        .map(|(i, roles, skills)| {
            let g = &mut site.guides[i];
            let old = (
                std::mem::replace(&mut g.roles, roles),
                std::mem::replace(&mut g.skills, skills),
            );
            (i, old)
        })
        .collect();
    for doc in docs {
        if let Doc::Guide(p) = doc
            && let Some(g) = site.guides.iter_mut().find(|g| g.source == p.file)
        {
            g.tag_lines = p
                .front
                .roles
                .iter()
                .chain(&p.front.skills)
                .chain(&p.front.compare)
                .chain(
                    p.front
                        .other
                        .iter()
                        .filter_map(|o| o.terms.as_ref())
                        .flatten(),
                )
                .cloned()
                .collect();
        }
    }
    let reusable = untouched_related(&site.guides, |i| {
        let g = &site.guides[i];
        match old_tags.get(&i) {
            Some((roles, skills)) => (roles, skills, &g.related),
            None => (&g.roles, &g.skills, &g.related),
        }
    });
    fill(site, Some(reusable));
    Some(Ok(patched))
}
