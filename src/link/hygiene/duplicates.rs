//! Near-duplicate terms: two slugs of one taxonomy that differ by a plural or a letter or
//! two, found through an index of deletions rather than by comparing every pair.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{Kind, first_uses, located};
use crate::error::Diagnostic;
use crate::model::Site;

/// Why two slugs look like one tag written two ways, if they do.
fn likeness(a: &str, b: &str) -> Option<&'static str> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // Numbers name different things on purpose: `python-2` and `python-3`, `level-1` to
    // `level-9` are distinct tags, never one tag misspelt.
    if short.len() < 4 || digits(a) != digits(b) {
        return None;
    }
    let plural = long
        .strip_prefix(short)
        .is_some_and(|rest| rest == "s" || rest == "es")
        || short
            .strip_suffix('y')
            .is_some_and(|stem| long.strip_prefix(stem) == Some("ies"));
    if plural {
        return Some("singular and plural");
    }
    // Stricter than "did you mean": both are real tags, and short ones differ by design.
    let allowed = if short.len() < 9 { 1 } else { 2 };
    if long.len() - short.len() > allowed {
        return None;
    }
    (strsim::damerau_levenshtein(a, b) <= allowed).then_some("a small spelling difference")
}

/// Pairs of terms of one taxonomy whose slugs differ by a plural or a letter or two, in
/// every taxonomy. A term with no profile close to a profile is already reported as
/// unknown, so pairs where only one side has a profile are left to that warning.
pub(super) fn near_duplicates(site: &Site, kinds: &[Kind]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for kind in kinds {
        let (noun, dir) = (&kind.noun, &kind.key);
        let tags: Vec<(&str, Option<&Path>)> = site
            .taxonomy(kind.id)
            .terms
            .values()
            .map(|t| {
                let source = t.profile.as_ref().map(|p| p.source.as_path());
                (t.slug.as_str(), source)
            })
            .collect();
        let uses = first_uses(site, kind.id);
        let slugs: Vec<&str> = tags.iter().map(|(s, _)| *s).collect();
        for (i, j) in candidate_pairs(&slugs) {
            let ((a, a_file), (b, b_file)) = (tags[i], tags[j]);
            if a_file.is_some() != b_file.is_some() {
                continue;
            }
            let Some(why) = likeness(a, b) else { continue };
            let at = match b_file {
                Some(file) => Some((file, Some(1))),
                None => uses.get(b).copied(),
            };
            let hint = if b_file.is_some() {
                format!(
                    "if they are one {noun}, keep content/{dir}/{a}.md and list `{b}` in its `aliases`"
                )
            } else if kind.profiles {
                format!("use one spelling in every guide, or add an alias to content/{dir}/{a}.md")
            } else {
                "use one spelling in every guide".to_string()
            };
            out.push(located(
                Diagnostic::warning(
                    None,
                    format!("{noun}s `{a}` and `{b}` look like one {noun} ({why})"),
                )
                .hint(hint),
                at,
            ));
        }
    }
    out
}

/// The digits of a slug, in order: slugs with different numbers are different tags.
fn digits(slug: &str) -> String {
    slug.chars().filter(char::is_ascii_digit).collect()
}

/// The pairs `(i, j)`, `i < j`, of sorted `slugs` that `likeness` could accept, without
/// comparing every pair: two slugs within `d` edits (an adjacent swap counting as one) both
/// become the same string after at most `d` deletions each, so slugs are bucketed by those
/// deletions; plurals are found by their singular. Sorted, for a stable order of warnings.
fn candidate_pairs(slugs: &[&str]) -> Vec<(usize, usize)> {
    let index: HashMap<&str, usize> = slugs.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let mut buckets: HashMap<String, Vec<usize>> = HashMap::new();
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    for (i, slug) in slugs.iter().enumerate() {
        if slug.len() < 4 || !slug.is_ascii() {
            continue;
        }
        let edits = if slug.len() < 9 { 1 } else { 2 };
        // Only slugs with the same digits can be alike, so they share buckets only then.
        let number = digits(slug);
        for variant in deletions(slug, edits) {
            buckets
                .entry(format!("{number}/{variant}"))
                .or_default()
                .push(i);
        }
        for stem in singulars(slug) {
            if let Some(&j) = index.get(stem.as_str()) {
                pairs.insert((i.min(j), i.max(j)));
            }
        }
    }
    for members in buckets.values() {
        for (n, &i) in members.iter().enumerate() {
            for &j in &members[n + 1..] {
                if i != j {
                    pairs.insert((i.min(j), i.max(j)));
                }
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = pairs.into_iter().collect();
    pairs.sort_unstable();
    pairs
}

/// `slug` with up to `edits` characters deleted, itself included, each once.
fn deletions(slug: &str, edits: usize) -> HashSet<String> {
    let mut out = HashSet::from([slug.to_string()]);
    let mut frontier = vec![slug.to_string()];
    for _ in 0..edits {
        let mut next = Vec::new();
        for word in &frontier {
            for k in 0..word.len() {
                let mut shorter = word.clone();
                shorter.remove(k);
                if out.insert(shorter.clone()) {
                    next.push(shorter);
                }
            }
        }
        frontier = next;
    }
    out
}

/// The singulars a plural slug may have (`skills` -> `skill`, `boxes` -> `box`,
/// `technologies` -> `technology`).
fn singulars(slug: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(stem) = slug.strip_suffix("ies") {
        out.push(format!("{stem}y"));
    }
    if let Some(stem) = slug.strip_suffix("es") {
        out.push(stem.to_string());
    }
    if let Some(stem) = slug.strip_suffix('s') {
        out.push(stem.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{candidate_pairs, likeness};

    /// The index finds every pair that comparing all pairs finds.
    #[test]
    fn candidate_pairs_miss_nothing_that_every_pair_would_find() {
        let words = [
            "python",
            "pyhton",
            "pythons",
            "data-analyst",
            "data-analysts",
            "data-anlyst",
            "technology",
            "technologies",
            "kubernetes",
            "kubernets",
            "kubrenetes",
            "box",
            "boxes",
            "level-1",
            "level-2",
            "levle-1",
            "sql",
            "sqls",
            "analytics",
            "analytic",
            "dashboard",
            "dashbaord",
            "dashboards",
            "machine-learning",
            "machine-learnign",
            "machine-lerning",
            "devops-engineer",
            "devops-engineers",
            "devop-engineer",
        ];
        let mut slugs: Vec<&str> = words.to_vec();
        slugs.sort_unstable();
        let mut every = Vec::new();
        for i in 0..slugs.len() {
            for j in i + 1..slugs.len() {
                if likeness(slugs[i], slugs[j]).is_some() {
                    every.push((i, j));
                }
            }
        }
        let found: Vec<(usize, usize)> = candidate_pairs(&slugs)
            .into_iter()
            .filter(|&(i, j)| likeness(slugs[i], slugs[j]).is_some())
            .collect();
        assert!(every.len() > 10, "the words must hold pairs to find");
        assert_eq!(found, every);
    }

    #[test]
    fn likeness_finds_plurals_and_small_typos_only() {
        assert!(likeness("devops-engineer", "devops-engineers").is_some());
        assert!(likeness("dashboard", "dashboards").is_some());
        assert!(likeness("technology", "technologies").is_some());
        assert!(likeness("kubernetes", "kubernets").is_some());
        assert!(likeness("python", "pyhton").is_some());
        assert_eq!(likeness("sql", "sqls"), None, "short tags differ by design");
        assert_eq!(likeness("backend-engineer", "frontend-engineer"), None);
        assert_eq!(likeness("data-analyst", "data-scientist"), None);
        assert_eq!(likeness("java", "javascript"), None);
        assert_eq!(likeness("role-1234", "role-1235"), None, "numbers differ");
        assert_eq!(likeness("python-2", "python-3"), None);
        assert!(likeness("level-2-engineer", "levl-2-engineer").is_some());
    }
}
