//! Related guides, ranked by shared tags through an inverted index (never all pairs):
//! `role_weight` per shared role plus `skill_weight` per shared skill plus each declared
//! taxonomy's `related_weight` per shared term, ties broken by the listing order (newer
//! date, then title).
//!
//! A term shared by thousands of guides would make every one of them a candidate for every
//! other, which is quadratic: at 100,000 guides the ranking took 15 s where 10,000 took
//! 0.19 s. So through each term a guide meets only the `WINDOW` guides nearest it in
//! listing order (the ones written about the same time); a site whose terms each have up
//! to `WINDOW` guides is ranked exactly as over all of them.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::model::RelatedGuide;

/// One taxonomy's part in the ranking: how many terms it has, and what each term two
/// guides share adds to their score.
#[derive(Debug, Clone, Copy)]
pub struct Weighted {
    pub terms: usize,
    pub weight: f64,
}

/// The tags of one guide: for each taxonomy (in the order of the `Weighted` list), the
/// indices of its terms in that taxonomy's table.
#[derive(Default)]
pub struct Tagged {
    pub terms: Vec<Vec<u32>>,
}

impl Tagged {
    /// Its terms in the taxonomy at position `t`.
    pub fn of(&self, t: usize) -> &[u32] {
        self.terms.get(t).map_or(&[], Vec::as_slice)
    }
}

/// For each guide (in listing order), its related guides, best first.
pub fn related_guides(
    guides: &[Tagged],
    taxonomies: &[Weighted],
    limit: usize,
) -> Vec<Vec<RelatedGuide>> {
    related_guides_for(guides, taxonomies, limit, |_| true)
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect()
}

/// How many of a term's guides, nearest in listing order, each guide is ranked against.
pub const WINDOW: usize = 512;

/// Like `related_guides`, but computes only the guides `wanted` says (none for the others).
pub fn related_guides_for(
    guides: &[Tagged],
    taxonomies: &[Weighted],
    limit: usize,
    wanted: impl Fn(usize) -> bool + Sync,
) -> Vec<Option<Vec<RelatedGuide>>> {
    ranked(guides, taxonomies, (limit, WINDOW), wanted)
}

/// The ranking, meeting at most `window` guides through each term.
fn ranked(
    guides: &[Tagged],
    taxonomies: &[Weighted],
    (limit, window): (usize, usize),
    wanted: impl Fn(usize) -> bool + Sync,
) -> Vec<Option<Vec<RelatedGuide>>> {
    // The inverted index: for each taxonomy and term, the guides tagged with it.
    let mut by_term: Vec<Vec<Vec<u32>>> = taxonomies
        .iter()
        .map(|t| vec![Vec::new(); t.terms])
        .collect();
    for (i, g) in guides.iter().enumerate() {
        for (t, index) in by_term.iter_mut().enumerate() {
            for &term in g.of(t) {
                index[term as usize].push(i as u32);
            }
        }
    }
    if limit == 0 {
        return vec![Some(Vec::new()); guides.len()];
    }
    guides
        .par_iter()
        .enumerate()
        .map_init(
            || Scratch::new(guides.len(), taxonomies.len()),
            |scratch, (i, g)| {
                if !wanted(i) {
                    return None;
                }
                for (t, index) in by_term.iter().enumerate() {
                    for &term in g.of(t) {
                        for &other in nearest(&index[term as usize], i as u32, window) {
                            scratch.bump(other, t);
                        }
                    }
                }
                Some(scratch.take_best(i as u32, taxonomies, limit))
            },
        )
        .collect()
}

/// The `window` guides of a term's list (ascending) nearest to guide `me`, which is in it;
/// the whole list when it is no longer.
fn nearest(list: &[u32], me: u32, window: usize) -> &[u32] {
    if list.len() <= window {
        return list;
    }
    let at = list.binary_search(&me).unwrap_or_else(|at| at);
    let start = at.saturating_sub(window / 2).min(list.len() - window);
    &list[start..start + window]
}

/// Per-thread counters, reset after each guide by walking only what was touched.
struct Scratch {
    /// Shared terms by taxonomy, then by other guide.
    shared: Vec<Vec<u16>>,
    seen: Vec<bool>,
    touched: Vec<u32>,
}

impl Scratch {
    fn new(n: usize, taxonomies: usize) -> Self {
        Scratch {
            shared: vec![vec![0; n]; taxonomies],
            seen: vec![false; n],
            touched: Vec::new(),
        }
    }

    fn bump(&mut self, other: u32, taxonomy: usize) {
        let o = other as usize;
        if !self.seen[o] {
            self.seen[o] = true;
            self.touched.push(other);
        }
        let n = &mut self.shared[taxonomy][o];
        *n = n.saturating_add(1);
    }

    fn take_best(&mut self, me: u32, taxonomies: &[Weighted], limit: usize) -> Vec<RelatedGuide> {
        let mut scored: Vec<(f64, u32)> = Vec::with_capacity(self.touched.len());
        for &o in &self.touched {
            if o != me {
                let score = taxonomies
                    .iter()
                    .zip(&self.shared)
                    .fold(0.0, |sum, (t, shared)| {
                        sum + f64::from(shared[o as usize]) * t.weight
                    });
                if score > 0.0 {
                    scored.push((score, o));
                }
            }
        }
        // Higher score first; lower index (newer, then by title) breaks ties.
        let order = |a: &(f64, u32), b: &(f64, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, order);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(order);
        let best = scored
            .iter()
            .map(|&(_, o)| RelatedGuide {
                guide: o as usize,
                shared: self.shared.iter().map(|s| s[o as usize]).collect(),
            })
            .collect();
        for &o in &self.touched {
            self.seen[o as usize] = false;
            for shared in &mut self.shared {
                shared[o as usize] = 0;
            }
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

/// Pairs of terms of the taxonomy at position `t` that share guides: for each term, (other
/// term, shared guides), most first. Each guide counts the pairs among its first
/// `PAIR_TAGS` terms only.
pub fn related_terms(
    guides: &[Tagged],
    t: usize,
    n_terms: usize,
    limit: usize,
) -> Vec<Vec<(u32, usize)>> {
    let mut counts: Vec<HashMap<u32, usize>> = vec![HashMap::new(); n_terms];
    for g in guides {
        let roles = pair_tags(g.of(t));
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

    /// Roles weigh 2, skills 1, and a third taxonomy 3 (term 2 of it weighs 0).
    fn weights(roles: usize, skills: usize, terms: usize) -> Vec<Weighted> {
        vec![
            Weighted {
                terms: roles,
                weight: 2.0,
            },
            Weighted {
                terms: skills,
                weight: 1.0,
            },
            Weighted { terms, weight: 3.0 },
        ]
    }

    fn tagged(roles: Vec<u32>, skills: Vec<u32>, terms: Vec<u32>) -> Tagged {
        Tagged {
            terms: vec![roles, skills, terms],
        }
    }

    #[test]
    fn ranks_by_weighted_shared_tags_then_listing_order() {
        let guides = vec![
            tagged(vec![0], vec![0, 1], vec![]),
            tagged(vec![0], vec![], vec![]), // 1 role with guide 0: 2.0
            tagged(vec![], vec![0, 1], vec![]), // 2 skills: 2.0, later index
            tagged(vec![0], vec![1], vec![]), // 1 role + 1 skill: 3.0
            tagged(vec![1], vec![2], vec![]), // nothing shared
        ];
        let rel = related_guides(&guides, &weights(2, 3, 0), 5);
        let order: Vec<_> = rel[0].iter().map(|r| r.guide).collect();
        assert_eq!(order, [3, 1, 2]);
        assert_eq!(rel[0][0].shared, [1, 1, 0]);
        assert!(rel[4].is_empty());
    }

    #[test]
    fn every_taxonomy_adds_its_weight_per_shared_term() {
        let mut w = weights(1, 0, 3);
        let guides = vec![
            tagged(vec![0], vec![], vec![0, 2]),
            tagged(vec![0], vec![], vec![]), // one role: 2.0
            tagged(vec![], vec![], vec![0]), // one heavy term: 3.0
            tagged(vec![], vec![], vec![1]), // another term of the same taxonomy: not shared
        ];
        let rel = related_guides(&guides, &w, 5);
        let order: Vec<_> = rel[0].iter().map(|r| r.guide).collect();
        assert_eq!(order, [2, 1]);
        // A weightless taxonomy relates nothing.
        w[2].weight = 0.0;
        let rel = related_guides(&guides, &w, 5);
        assert_eq!(rel[0].iter().map(|r| r.guide).collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn limit_is_respected() {
        let guides: Vec<_> = (0..10).map(|_| tagged(vec![0], vec![], vec![])).collect();
        let rel = related_guides(&guides, &weights(1, 0, 0), 3);
        assert_eq!(
            rel[5].iter().map(|r| r.guide).collect::<Vec<_>>(),
            [0, 1, 2]
        );
    }

    #[test]
    fn through_a_crowded_term_a_guide_meets_its_nearest_guides_only() {
        assert_eq!(nearest(&[0, 1, 2, 3, 4, 5, 6, 7], 5, 4), [3, 4, 5, 6]);
        assert_eq!(nearest(&[0, 1, 2, 3, 4, 5, 6, 7], 0, 4), [0, 1, 2, 3]);
        assert_eq!(nearest(&[0, 1, 2, 3, 4, 5, 6, 7], 7, 4), [4, 5, 6, 7]);
        assert_eq!(nearest(&[2, 9], 9, 4), [2, 9]);
        // Ten guides share one role; each meets the four nearest it (itself included).
        let guides: Vec<_> = (0..10).map(|_| tagged(vec![0], vec![], vec![])).collect();
        let rel = ranked(&guides, &weights(1, 0, 0), (5, 4), |_| true);
        let of =
            |i: usize| -> Vec<usize> { rel[i].as_ref().unwrap().iter().map(|r| r.guide).collect() };
        assert_eq!(of(5), [3, 4, 6]);
        assert_eq!(of(0), [1, 2, 3]);
        // With room for all of them, the ranking is the exact one.
        let all = ranked(&guides, &weights(1, 0, 0), (5, 10), |_| true);
        assert_eq!(all[5].as_ref().unwrap().len(), 5);
    }

    #[test]
    fn related_terms_count_shared_guides() {
        let guides = vec![
            tagged(vec![0, 1], vec![], vec![]),
            tagged(vec![0, 1, 2], vec![], vec![]),
        ];
        let rr = related_terms(&guides, 0, 3, 5);
        assert_eq!(rr[0], vec![(1, 2), (2, 1)]);
    }

    #[test]
    fn a_guide_counts_pairs_among_its_first_tags_only() {
        let n = PAIR_TAGS as u32 + 10;
        let guides = vec![tagged((0..n).collect(), vec![], vec![])];
        let rr = related_terms(&guides, 0, n as usize, 100);
        assert_eq!(rr[0].len(), PAIR_TAGS - 1);
        assert!(rr[n as usize - 1].is_empty());
    }
}
