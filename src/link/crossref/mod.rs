//! Cross-references between guides, roles and skills: each role's and skill's guides,
//! related guides, related roles, and the roles that need each skill. Computed in place on
//! a `Site` whose guides carry their tags, so that a full link and a watch-mode re-tag of a
//! few guides (`retag`) run the same code.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::LinkContext;
use super::related::{Tagged, Weighted};
use crate::config::Config;
use crate::model::{
    Guide, Page, RelatedGuide, Site, Taxonomy, TaxonomyId, Term, TermLinks, TermProfile,
};

mod retag;
pub use retag::retag;

/// A related list kept from before, by guide index, or none where it must be computed.
type Reusable = Vec<Option<Vec<RelatedGuide>>>;

/// Builds every taxonomy's term pages and every cross-reference between them and the
/// guides. `profiles` holds each taxonomy's profiles by slug, by `TaxonomyId::index`.
pub(super) fn cross_reference(
    config: Config,
    previous: Option<&Site>,
    guides: Vec<Guide>,
    profiles: Vec<BTreeMap<String, TermProfile>>,
    context: &LinkContext,
    pages: Vec<Page>,
) -> Site {
    let reusable = previous.and_then(|p| {
        if p.config.related != config.related
            || p.config.taxonomies != config.taxonomies
            || p.guides.len() != guides.len()
            || p.guides
                .iter()
                .zip(&guides)
                .any(|(a, b)| a.source != b.source)
        {
            return None;
        }
        Some(untouched_related(&guides, |i| {
            let g = &p.guides[i];
            (&g.terms, &g.related)
        }))
    });
    let mut all =
        context
            .registries
            .iter()
            .zip(profiles)
            .enumerate()
            .map(|(i, (reg, mut profiles))| {
                let id = TaxonomyId::from_index(i);
                Taxonomy {
                    name: taxonomy_name(&config, id).to_string(),
                    terms: reg
                        .all
                        .iter()
                        .map(|slug| (slug.clone(), tag_term(id, slug, profiles.remove(slug))))
                        .collect(),
                    lang_path: config.lang_path.clone(),
                }
            });
    let (roles, skills) = (all.next(), all.next());
    let taxonomies = all.collect();
    let mut site = Site {
        config,
        guides,
        roles: roles.expect("the registries start with roles"),
        skills: skills.expect("the registries start with skills"),
        taxonomies,
        pages,
        datasets: Default::default(),
        left_out: context.left_out.clone(),
        translations: Vec::new(),
    };
    fill(&mut site, reusable);
    site
}

/// The name of taxonomy `id`: its front matter key and URL segment.
pub(super) fn taxonomy_name(config: &Config, id: TaxonomyId) -> &str {
    match id {
        TaxonomyId::Roles => "roles",
        TaxonomyId::Skills => "skills",
        TaxonomyId::Declared(t) => &config.taxonomies[t].name,
    }
}

/// A term before cross-referencing, with the links its taxonomy works out still empty.
pub(super) fn tag_term(id: TaxonomyId, slug: &str, profile: Option<TermProfile>) -> Term {
    let links = match id {
        TaxonomyId::Roles => TermLinks::Role {
            related_roles: Vec::new(),
        },
        TaxonomyId::Skills => TermLinks::Skill { roles: Vec::new() },
        TaxonomyId::Declared(_) => TermLinks::Plain,
    };
    Term::new(slug, profile, links)
}

/// Computes every cross-reference of `site` from its guides' tags, keeping the related
/// lists given in `reusable`. Every taxonomy must already hold every term in use.
fn fill(site: &mut Site, reusable: Option<Reusable>) {
    let ids: Vec<TaxonomyId> = site.taxonomy_ids().collect();
    let slugs: Vec<Vec<String>> = site
        .all_taxonomies()
        .map(|t| t.terms.keys().cloned().collect())
        .collect();
    let tagged = tagged(&site.guides, &slugs);
    crate::trace::mark("xref-tagged");
    let weights: Vec<Weighted> = ids
        .iter()
        .zip(&slugs)
        .map(|(&id, s)| Weighted {
            terms: s.len(),
            weight: site.related_weight(id),
        })
        .collect();
    let related =
        super::related::related_guides_for(&tagged, &weights, site.config.related.limit, |i| {
            reusable.as_ref().is_none_or(|r| r[i].is_none())
        });
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
    // Each term's guides, in listing order, for every taxonomy alike.
    let mut term_guides: Vec<Vec<Vec<usize>>> =
        slugs.iter().map(|s| vec![Vec::new(); s.len()]).collect();
    for (i, g) in tagged.iter().enumerate() {
        for (t, terms) in g.terms.iter().enumerate() {
            for &term in terms {
                term_guides[t][term as usize].push(i);
            }
        }
    }
    for (&id, guides) in ids.iter().zip(term_guides) {
        for (term, guides) in site.taxonomy_mut(id).terms.values_mut().zip(guides) {
            term.guides = guides;
        }
    }
    crate::trace::mark("xref-counts");
    career_links(site, &tagged, &slugs);
}

/// Each guide's terms as indices into `slugs`, each taxonomy's sorted terms.
fn tagged(guides: &[Guide], slugs: &[Vec<String>]) -> Vec<Tagged> {
    let index: Vec<HashMap<&str, u32>> = slugs
        .iter()
        .map(|s| {
            s.iter()
                .enumerate()
                .map(|(i, s)| (s.as_str(), i as u32))
                .collect()
        })
        .collect();
    guides
        .iter()
        .map(|g| Tagged {
            terms: index
                .iter()
                .enumerate()
                .map(|(t, index)| {
                    let terms = g.terms.get(t).map_or(&[][..], Vec::as_slice);
                    terms
                        .iter()
                        .filter_map(|s| index.get(s.as_str()).copied())
                        .collect()
                })
                .collect(),
        })
        .collect()
}

/// What roles and skills add on top of every taxonomy's cross-references: each role's
/// related roles, and the roles that need each skill.
fn career_links(site: &mut Site, tagged: &[Tagged], slugs: &[Vec<String>]) {
    let (roles, skills) = (TaxonomyId::Roles.index(), TaxonomyId::Skills.index());
    let (role_ids, skill_ids) = (&slugs[roles], &slugs[skills]);
    let related_roles = super::related::related_terms(tagged, roles, role_ids.len(), 6);
    for (role, related) in site.roles.terms.values_mut().zip(related_roles) {
        let related_roles = related
            .iter()
            .map(|&(r, n)| (role_ids[r as usize].clone(), n))
            .collect();
        role.links = TermLinks::Role { related_roles };
    }
    crate::trace::mark("xref-roles");
    // Roles co-occurring with each skill in guides: skill -> role -> count. Skills times
    // roles is quadratic in one guide's tags: count its first few of each.
    let mut skill_role_counts: Vec<HashMap<u32, usize>> = vec![HashMap::new(); skill_ids.len()];
    for t in tagged {
        for &s in super::related::pair_tags(t.of(skills)) {
            for &r in super::related::pair_tags(t.of(roles)) {
                *skill_role_counts[s as usize].entry(r).or_default() += 1;
            }
        }
    }
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
    for (skill, roles) in site.skills.terms.values_mut().zip(needed) {
        skill.links = TermLinks::Skill { roles };
    }
}

/// The related lists that cannot have changed, by guide index: a guide's list can only
/// change if it shares a term (old or new, of any taxonomy) with a guide whose terms
/// changed. `old(i)` gives guide `i`'s terms and related list before; the listing order
/// must be the same.
fn untouched_related<'a>(
    guides: &[Guide],
    old: impl Fn(usize) -> (&'a Vec<Vec<String>>, &'a Vec<RelatedGuide>),
) -> Reusable {
    let mut touched_tags: HashSet<(usize, &str)> = HashSet::new();
    for (i, new) in guides.iter().enumerate() {
        let (terms, _) = old(i);
        if *terms != new.terms {
            for list in [terms, &new.terms] {
                for (t, terms) in list.iter().enumerate() {
                    touched_tags.extend(terms.iter().map(|s| (t, s.as_str())));
                }
            }
        }
    }
    guides
        .iter()
        .enumerate()
        .map(|(i, new)| {
            let (terms, related) = old(i);
            let touched = *terms != new.terms
                || new.terms.iter().enumerate().any(|(t, terms)| {
                    terms
                        .iter()
                        .any(|s| touched_tags.contains(&(t, s.as_str())))
                });
            (!touched).then(|| related.clone())
        })
        .collect()
}
