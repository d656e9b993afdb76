//! Every taxonomy's registry: which slugs have profiles, which aliases point where, and
//! how a tag as written becomes a canonical slug.

use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Known slugs of one kind (roles or skills) and their aliases.
#[derive(Debug, Default, Clone)]
pub struct TagRegistry {
    /// Slugs that have a profile file.
    pub profiles: BTreeSet<String>,
    /// alias slug -> canonical slug.
    pub aliases: BTreeMap<String, String>,
    /// Every slug the site will have a page for (profiles and tags in use).
    pub all: BTreeSet<String>,
}

impl TagRegistry {
    /// The canonical slug for a slugified tag: itself, or what an alias points to.
    pub fn canonical<'a>(&'a self, slug: &'a str) -> &'a str {
        if self.profiles.contains(slug) {
            return slug;
        }
        self.aliases.get(slug).map(String::as_str).unwrap_or(slug)
    }

    pub fn contains(&self, slug: &str) -> bool {
        self.all.contains(self.canonical(slug))
    }

    /// The closest known slug to an unknown one, for "did you mean".
    pub fn suggest(&self, slug: &str) -> Option<&str> {
        crate::error::did_you_mean(
            slug,
            self.all
                .iter()
                .map(String::as_str)
                .chain(self.aliases.keys().map(String::as_str)),
        )
        .map(|s| self.canonical(s))
    }
}

/// Canonical slugs for a list of (slug, line), duplicates removed, order kept.
/// A set remembers what was seen, so a guide with thousands of tags is not quadratic.
pub fn canonical_list(registry: &TagRegistry, tags: &[(String, usize)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    let mut seen: HashSet<&str> = HashSet::with_capacity(tags.len());
    for (slug, _) in tags {
        let c = registry.canonical(slug);
        if seen.insert(c) {
            out.push(c.to_string());
        }
    }
    out
}

/// Canonical terms of one guide, by `TaxonomyId::index`.
pub fn canonical_terms(
    registries: &[TagRegistry],
    terms: &[Vec<(String, usize)>],
) -> Vec<Vec<String>> {
    registries
        .iter()
        .zip(terms)
        .map(|(reg, t)| canonical_list(reg, t))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_and_profiles_resolve() {
        let mut r = TagRegistry::default();
        r.profiles.insert("site-reliability-engineer".into());
        r.aliases
            .insert("sre".into(), "site-reliability-engineer".into());
        r.all.insert("site-reliability-engineer".into());
        assert_eq!(r.canonical("sre"), "site-reliability-engineer");
        assert_eq!(r.canonical("other"), "other");
        let list = canonical_list(
            &r,
            &[("sre".into(), 1), ("site-reliability-engineer".into(), 2)],
        );
        assert_eq!(list, ["site-reliability-engineer"]);
        assert_eq!(
            r.suggest("site-reliabilty-engineer"),
            Some("site-reliability-engineer")
        );
    }
}
