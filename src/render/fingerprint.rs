//! Fingerprints of what each output file is made from, computed from the model without
//! rendering. A watch-mode rebuild renders only the jobs whose fingerprint changed; the
//! invariant test (output equals a clean build after any edits) keeps these honest.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};

use rayon::prelude::*;

use super::{FEED_ENTRIES, Job, guide_pages, jobs};
use crate::model::{Guide, Role, Site, Skill};

/// A fixed-seed fast hasher: stable within a process, which is all fingerprints need.
fn hasher() -> impl Hasher {
    foldhash::quality::FixedState::with_seed(0x6361_7265_6572_7321).build_hasher()
}

pub fn hash_str(s: &str) -> u64 {
    let mut h = hasher();
    s.hash(&mut h);
    h.finish()
}

fn hash_of(parts: impl Hash) -> u64 {
    let mut h = hasher();
    parts.hash(&mut h);
    h.finish()
}

/// What listings show of a guide.
fn summary_hash(g: &Guide) -> u64 {
    hash_of((
        &g.slug,
        &g.title,
        &g.description,
        &g.body.summary,
        g.date,
        g.updated,
        // Listings show minutes to read, not words: most edits leave them alone.
        super::views::reading_time(g.body.words),
        &g.roles,
        &g.skills,
        &g.terms,
    ))
}

fn role_hash(r: &Role) -> u64 {
    let p = r.profile.as_ref().map(|p| {
        (
            &p.title,
            &p.aliases,
            &p.summary,
            &p.skills,
            &p.education,
            format!("{:?}", p.salary),
            &p.next_roles,
            &p.previous_roles,
            p.extra.to_string(),
            p.body.hash,
        )
    });
    hash_of((&r.slug, &r.title, p, r.guides.len(), &r.related_roles))
}

fn skill_hash(s: &Skill) -> u64 {
    let p = s.profile.as_ref().map(|p| {
        (
            &p.title,
            &p.aliases,
            &p.summary,
            &p.category,
            p.extra.to_string(),
            p.body.hash,
        )
    });
    hash_of((&s.slug, &s.title, p, s.guides.len(), &s.roles))
}

/// The core skills of each of role `slug`'s next roles: its page lists the ones it lacks.
fn next_roles_skills<'a>(site: &'a Site, slug: &str) -> Vec<Option<&'a Vec<String>>> {
    let next = site.roles[slug]
        .profile
        .as_ref()
        .map(|p| p.next_roles.as_slice());
    next.unwrap_or(&[])
        .iter()
        .map(|n| Some(&site.roles.get(n)?.profile.as_ref()?.skills))
        .collect()
}

/// Templates whose jobs' fingerprints include the site-wide totals (`site.guide_count`…).
pub const SHOWS_TOTALS: &[&str] = &["index.html", "404.html"];

/// Fingerprints of every job by output path. `global` covers the config, the theme and the
/// site-wide template values; when it changes, every job changes.
pub fn fingerprints(site: &Site, global: u64) -> HashMap<String, (Job, u64)> {
    fingerprints_of(site, global, jobs(site))
}

/// The jobs whose output can show guide `i`: its page, guides listing it as related, its
/// roles' and skills' pages and feeds, its listing page, the home page, feeds and sitemap.
/// After an edit to guide `i`'s body alone, no other job's fingerprint can change.
pub fn jobs_showing(site: &Site, i: usize) -> Vec<Job> {
    let g = &site.guides[i];
    let mut out = vec![
        Job::Guide(i),
        Job::Guides(i / site.config.paginate_by + 1),
        Job::Home,
        Job::Feed,
        Job::Sitemap,
    ];
    out.extend(
        site.guides
            .iter()
            .enumerate()
            .filter(|(_, o)| o.related.iter().any(|r| r.guide == i))
            .map(|(j, _)| Job::Guide(j)),
    );
    for r in &g.roles {
        out.extend([Job::Role(r.clone()), Job::RoleFeed(r.clone())]);
    }
    for s in &g.skills {
        out.extend([Job::Skill(s.clone()), Job::SkillFeed(s.clone())]);
    }
    for (t, terms) in g.terms.iter().enumerate() {
        out.push(Job::Taxonomy(t));
        for s in terms {
            out.push(Job::Term(t, s.clone()));
            if site.taxonomy_config(t).feeds {
                out.push(Job::TermFeed(t, s.clone()));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Fingerprints of the given jobs, by output path.
pub fn fingerprints_of(site: &Site, global: u64, jobs: Vec<Job>) -> HashMap<String, (Job, u64)> {
    let summaries: Vec<u64> = site.guides.iter().map(summary_hash).collect();
    let roles: HashMap<&str, u64> = site
        .roles
        .iter()
        .map(|(k, r)| (k.as_str(), role_hash(r)))
        .collect();
    let skills: HashMap<&str, u64> = site
        .skills
        .iter()
        .map(|(k, s)| (k.as_str(), skill_hash(s)))
        .collect();
    let tag_titles = hash_of((
        site.roles
            .values()
            .map(|r| (&r.slug, &r.title, r.guides.len(), r.profile.is_some()))
            .collect::<Vec<_>>(),
        site.skills
            .values()
            .map(|s| (&s.slug, &s.title, s.guides.len(), s.profile.is_some()))
            .collect::<Vec<_>>(),
    ));
    // A tag's title is its profile's, or made from its slug (which summaries hold): pages
    // that show tags by title depend on the profiles' titles only.
    let profile_titles = hash_of((
        site.roles
            .values()
            .filter(|r| r.profile.is_some())
            .map(|r| (&r.slug, &r.title))
            .collect::<Vec<_>>(),
        site.skills
            .values()
            .filter(|s| s.profile.is_some())
            .map(|s| (&s.slug, &s.title))
            .collect::<Vec<_>>(),
        site.taxonomies
            .iter()
            .flat_map(|t| t.terms.values())
            .filter(|t| t.profile.is_some())
            .map(|t| (&t.slug, &t.title))
            .collect::<Vec<_>>(),
    ));
    // Listings show every role's and skill's summary and count.
    let all_roles = hash_of(
        roles
            .values()
            .copied()
            .collect::<std::collections::BTreeSet<_>>()
            .iter()
            .collect::<Vec<_>>(),
    );
    let all_skills = hash_of(
        skills
            .values()
            .copied()
            .collect::<std::collections::BTreeSet<_>>()
            .iter()
            .collect::<Vec<_>>(),
    );
    let full = |i: usize| {
        let g = &site.guides[i];
        hash_of((
            summaries[i],
            g.body.hash,
            g.faq
                .iter()
                .map(|f| (&f.question, &f.answer_html))
                .collect::<Vec<_>>(),
            &g.takeaways,
            g.extra.to_string(),
            &g.template,
        ))
    };
    let guide_list =
        |idx: &mut dyn Iterator<Item = usize>| idx.map(|i| summaries[i]).collect::<Vec<_>>();
    let feed_list =
        |idx: &mut dyn Iterator<Item = usize>| idx.take(FEED_ENTRIES).map(full).collect::<Vec<_>>();
    // Role pages draw their neighbourhood from every profile's edges; the map draws them all.
    let career = hash_of(super::career_map::career_edges(site));
    let per = site.config.paginate_by;
    let totals = (site.guides.len(), site.roles.len(), site.skills.len());
    jobs.into_par_iter()
        .map(|job| {
            let fp = match &job {
                Job::Home => hash_of((
                    guide_list(&mut (0..site.guides.len().min(10))),
                    all_roles,
                    all_skills,
                    totals,
                )),
                Job::Guides(n) => hash_of((
                    n,
                    guide_pages(site),
                    site.guides.len(),
                    guide_list(&mut ((n - 1) * per..(n * per).min(site.guides.len()))),
                )),
                Job::Guide(i) => {
                    let g = &site.guides[*i];
                    let related: Vec<_> = g
                        .related
                        .iter()
                        .map(|r| (summaries[r.guide], r.shared_roles, r.shared_skills))
                        .collect();
                    let compared: Vec<_> =
                        g.compare.iter().map(|c| roles.get(c.as_str())).collect();
                    hash_of((full(*i), related, compared, profile_titles))
                }
                Job::Roles => hash_of((all_roles, tag_titles)),
                Job::Skills => hash_of((all_skills, tag_titles)),
                Job::CareerMap => hash_of((career, profile_titles)),
                Job::Role(s) => hash_of((
                    career,
                    roles[s.as_str()],
                    next_roles_skills(site, s),
                    guide_list(&mut site.roles[s].guides.iter().copied()),
                    profile_titles,
                )),
                Job::RoleFeed(s) => hash_of((
                    &site.roles[s].title,
                    profile_titles,
                    feed_list(&mut site.roles[s].guides.iter().copied()),
                )),
                Job::Skill(s) => hash_of((
                    skills[s.as_str()],
                    guide_list(&mut site.skills[s].guides.iter().copied()),
                    profile_titles,
                )),
                Job::SkillFeed(s) => hash_of((
                    &site.skills[s].title,
                    profile_titles,
                    feed_list(&mut site.skills[s].guides.iter().copied()),
                )),
                // Declared taxonomies' pages: everything they can show, stated broadly.
                Job::Taxonomy(t) => hash_of(format!(
                    "{:?}{:?}",
                    site.taxonomy_config(*t),
                    site.taxonomies[*t]
                )),
                Job::Term(t, s) | Job::TermFeed(t, s) => {
                    let term = site.taxonomies[*t].terms.get(s);
                    hash_of((
                        format!("{:?}{:?}", site.taxonomy_config(*t), term),
                        term.map(|term| feed_list(&mut term.guides.iter().copied())),
                        profile_titles,
                    ))
                }
                Job::Page(i) => {
                    let p = &site.pages[*i];
                    hash_of((
                        &p.path,
                        &p.title,
                        &p.description,
                        p.date.map(|d| d.to_string()),
                        p.updated.map(|d| d.to_string()),
                        &p.template,
                        p.extra.to_string(),
                        p.body.hash,
                        &p.body.summary,
                    ))
                }
                Job::NotFound => hash_of(totals),
                Job::Robots => 0,
                // search.html shows only `meta` and `site`: the global fingerprint covers it.
                Job::Search => 0,
                Job::Feed => hash_of((profile_titles, feed_list(&mut (0..site.guides.len())))),
                // Each URL with its date: a tag edit seldom moves a role's newest guide.
                Job::Sitemap => hash_of((
                    site.guides
                        .iter()
                        .map(|g| (&g.slug, g.date, g.updated))
                        .collect::<Vec<_>>(),
                    site.roles
                        .values()
                        .map(|r| (&r.slug, r.guides.first().map(|&i| site.guides[i].date)))
                        .collect::<Vec<_>>(),
                    site.skills
                        .values()
                        .map(|s| (&s.slug, s.guides.first().map(|&i| site.guides[i].date)))
                        .collect::<Vec<_>>(),
                    site.taxonomies
                        .iter()
                        .map(|t| {
                            t.terms
                                .values()
                                .map(|term| {
                                    (
                                        &term.slug,
                                        term.guides.iter().map(|&i| site.guides[i].date).max(),
                                    )
                                })
                                .collect::<Vec<_>>()
                        })
                        .collect::<Vec<_>>(),
                    site.pages
                        .iter()
                        .map(|p| {
                            (
                                &p.path,
                                p.date.map(|d| d.to_string()),
                                p.updated.map(|d| d.to_string()),
                            )
                        })
                        .collect::<Vec<_>>(),
                )),
            };
            (job.output_path(site), (job, hash_of((fp, global))))
        })
        .collect()
}
