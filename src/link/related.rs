//! Related guides, ranked by shared tags through an inverted index (never all pairs):
//! `role_weight` per shared role plus `skill_weight` per shared skill plus each declared
//! taxonomy's `related_weight` per shared term, ties broken by the listing order (newer
//! date, then title).

use std::collections::HashMap;

use rayon::prelude::*;

use crate::config::Related;
use crate::model::RelatedGuide;

/// The tags of one guide, as indices into the role, skill and term tables (the terms of
/// every declared taxonomy in one table).
#[derive(Default)]
pub struct Tagged {
    pub roles: Vec<u32>,
    pub skills: Vec<u32>,
    pub terms: Vec<u32>,
}

/// For each guide (in listing order), its related guides, best first.
pub fn related_guides(
    guides: &[Tagged],
    n_roles: usize,
    n_skills: usize,
    term_weights: &[f64],
    cfg: &Related,
) -> Vec<Vec<RelatedGuide>> {
    related_guides_for(guides, n_roles, n_skills, term_weights, cfg, |_| true)
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect()
}

/// Like `related_guides`, but computes only the guides `wanted` says (none for the others).
/// `term_weights` is each term's taxonomy's weight, by term index.
pub fn related_guides_for(
    guides: &[Tagged],
    n_roles: usize,
    n_skills: usize,
    term_weights: &[f64],
    cfg: &Related,
    wanted: impl Fn(usize) -> bool + Sync,
) -> Vec<Option<Vec<RelatedGuide>>> {
    let mut by_role: Vec<Vec<u32>> = vec![Vec::new(); n_roles];
    let mut by_skill: Vec<Vec<u32>> = vec![Vec::new(); n_skills];
    let mut by_term: Vec<Vec<u32>> = vec![Vec::new(); term_weights.len()];
    for (i, g) in guides.iter().enumerate() {
        for &r in &g.roles {
            by_role[r as usize].push(i as u32);
        }
        for &s in &g.skills {
            by_skill[s as usize].push(i as u32);
        }
        for &t in &g.terms {
            by_term[t as usize].push(i as u32);
        }
    }
    if cfg.limit == 0 {
        return vec![Some(Vec::new()); guides.len()];
    }
    guides
        .par_iter()
        .enumerate()
        .map_init(
            || Scratch::new(guides.len()),
            |scratch, (i, g)| {
                if !wanted(i) {
                    return None;
                }
                for &r in &g.roles {
                    for &other in &by_role[r as usize] {
                        scratch.bump(other, true);
                    }
                }
                for &s in &g.skills {
                    for &other in &by_skill[s as usize] {
                        scratch.bump(other, false);
                    }
                }
                for &t in &g.terms {
                    for &other in &by_term[t as usize] {
                        scratch.bump_term(other, term_weights[t as usize]);
                    }
                }
                Some(scratch.take_best(i as u32, cfg))
            },
        )
        .collect()
}

/// Per-thread counters, reset after each guide by walking only what was touched.
struct Scratch {
    roles: Vec<u16>,
    skills: Vec<u16>,
    /// Shared terms of declared taxonomies, and what they add to the score.
    terms: Vec<u16>,
    term_score: Vec<f64>,
    touched: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            roles: vec![0; n],
            skills: vec![0; n],
            terms: vec![0; n],
            term_score: vec![0.0; n],
            touched: Vec::new(),
        }
    }

    fn first_touch(&mut self, other: u32) {
        let o = other as usize;
        if self.roles[o] == 0 && self.skills[o] == 0 && self.terms[o] == 0 {
            self.touched.push(other);
        }
    }

    fn bump_term(&mut self, other: u32, weight: f64) {
        self.first_touch(other);
        let o = other as usize;
        self.terms[o] = self.terms[o].saturating_add(1);
        self.term_score[o] += weight;
    }

    fn bump(&mut self, other: u32, role: bool) {
        self.first_touch(other);
        let o = other as usize;
        if role {
            self.roles[o] = self.roles[o].saturating_add(1);
        } else {
            self.skills[o] = self.skills[o].saturating_add(1);
        }
    }

    fn take_best(&mut self, me: u32, cfg: &Related) -> Vec<RelatedGuide> {
        let mut scored: Vec<(f64, u32)> = Vec::with_capacity(self.touched.len());
        for &o in &self.touched {
            if o != me {
                let score = self.roles[o as usize] as f64 * cfg.role_weight
                    + self.skills[o as usize] as f64 * cfg.skill_weight
                    + self.term_score[o as usize];
                if score > 0.0 {
                    scored.push((score, o));
                }
            }
        }
        // Higher score first; lower index (newer, then by title) breaks ties.
        let order = |a: &(f64, u32), b: &(f64, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if scored.len() > cfg.limit {
            scored.select_nth_unstable_by(cfg.limit - 1, order);
            scored.truncate(cfg.limit);
        }
        scored.sort_unstable_by(order);
        let best = scored
            .iter()
            .map(|&(_, o)| RelatedGuide {
                guide: o as usize,
                shared_roles: self.roles[o as usize] as usize,
                shared_skills: self.skills[o as usize] as usize,
            })
            .collect();
        for &o in &self.touched {
            self.roles[o as usize] = 0;
            self.skills[o as usize] = 0;
            self.terms[o as usize] = 0;
            self.term_score[o as usize] = 0.0;
        }
        self.touched.clear();
        best
    }
}

/// How many of a guide's tags, in the writer's order, count towards co-occurrence (related
/// roles, roles that need a skill). A guide tagged with hundreds of roles says little about
/// how any two of them relate, and counting all its pairs is quadratic in its tags: 10,000
/// roles make 10^8 pairs and minutes of work. Guides with up to this many tags, which is
/// every guide a writer means, count exactly as before.
pub const PAIR_TAGS: usize = 32;

/// The first `PAIR_TAGS` of `tags`: the ones that count towards co-occurrence.
pub fn pair_tags(tags: &[u32]) -> &[u32] {
    &tags[..tags.len().min(PAIR_TAGS)]
}

/// Pairs of roles that share guides: for each role, (other role, shared guides), most first.
/// Each guide counts the pairs among its first `PAIR_TAGS` roles only.
pub fn related_roles(guides: &[Tagged], n_roles: usize, limit: usize) -> Vec<Vec<(u32, usize)>> {
    let mut counts: Vec<HashMap<u32, usize>> = vec![HashMap::new(); n_roles];
    for g in guides {
        let roles = pair_tags(&g.roles);
        for &a in roles {
            for &b in roles {
                if a != b {
                    *counts[a as usize].entry(b).or_default() += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .map(|m| {
            let mut v: Vec<(u32, usize)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(limit);
            v
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(limit: usize) -> Related {
        Related {
            limit,
            role_weight: 2.0,
            skill_weight: 1.0,
        }
    }

    #[test]
    fn ranks_by_weighted_shared_tags_then_listing_order() {
        let guides = vec![
            Tagged {
                roles: vec![0],
                skills: vec![0, 1],
                terms: vec![],
            },
            Tagged {
                roles: vec![0],
                skills: vec![],
                terms: vec![],
            }, // 1 role with guide 0: 2.0
            Tagged {
                roles: vec![],
                skills: vec![0, 1],
                terms: vec![],
            }, // 2 skills: 2.0, later index
            Tagged {
                roles: vec![0],
                skills: vec![1],
                terms: vec![],
            }, // 1 role + 1 skill: 3.0
            Tagged {
                roles: vec![1],
                skills: vec![2],
                terms: vec![],
            }, // nothing shared
        ];
        let rel = related_guides(&guides, 2, 3, &[], &cfg(5));
        let order: Vec<_> = rel[0].iter().map(|r| r.guide).collect();
        assert_eq!(order, [3, 1, 2]);
        assert_eq!((rel[0][0].shared_roles, rel[0][0].shared_skills), (1, 1));
        assert!(rel[4].is_empty());
    }

    #[test]
    fn declared_taxonomies_add_their_weight_per_shared_term() {
        let tagged = |roles: Vec<u32>, terms: Vec<u32>| Tagged {
            roles,
            skills: vec![],
            terms,
        };
        // Terms 0 and 1 weigh 3.0 (an industry), term 2 weighs 0.0.
        let guides = vec![
            tagged(vec![0], vec![0, 2]),
            tagged(vec![0], vec![]), // one role: 2.0
            tagged(vec![], vec![0]), // one heavy term: 3.0
            tagged(vec![], vec![2]), // a weightless term only: not related
            tagged(vec![], vec![1]), // another term of the same taxonomy: not shared
        ];
        let rel = related_guides(&guides, 1, 0, &[3.0, 3.0, 0.0], &cfg(5));
        let order: Vec<_> = rel[0].iter().map(|r| r.guide).collect();
        assert_eq!(order, [2, 1]);
    }

    #[test]
    fn limit_is_respected() {
        let guides: Vec<_> = (0..10)
            .map(|_| Tagged {
                roles: vec![0],
                skills: vec![],
                terms: vec![],
            })
            .collect();
        let rel = related_guides(&guides, 1, 0, &[], &cfg(3));
        assert_eq!(
            rel[5].iter().map(|r| r.guide).collect::<Vec<_>>(),
            [0, 1, 2]
        );
    }

    #[test]
    fn related_roles_count_shared_guides() {
        let guides = vec![
            Tagged {
                roles: vec![0, 1],
                skills: vec![],
                terms: vec![],
            },
            Tagged {
                roles: vec![0, 1, 2],
                skills: vec![],
                terms: vec![],
            },
        ];
        let rr = related_roles(&guides, 3, 5);
        assert_eq!(rr[0], vec![(1, 2), (2, 1)]);
    }

    #[test]
    fn a_guide_counts_pairs_among_its_first_tags_only() {
        let n = PAIR_TAGS as u32 + 10;
        let guides = vec![Tagged {
            roles: (0..n).collect(),
            skills: vec![],
            terms: vec![],
        }];
        let rr = related_roles(&guides, n as usize, 100);
        assert_eq!(rr[0].len(), PAIR_TAGS - 1);
        assert!(rr[n as usize - 1].is_empty());
    }
}
