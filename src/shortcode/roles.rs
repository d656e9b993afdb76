//! What the built-in role shortcodes (`salary`, `compare`, `role_card`, `skill_list`) read:
//! each role profile as one template value, found by slug, title or alias. Every lookup is
//! recorded with the value's hash (`role:` and the slug), so a body that shows a role is
//! rendered again exactly when that role's card changed.

use std::collections::BTreeMap;

use crate::data_files;

/// The prefix of a role's key among a body's recorded dependencies.
pub const DEPENDENCY: &str = "role:";

/// Role cards by slug, and the other names that lead to them.
#[derive(Debug, Default)]
pub struct RoleCards {
    cards: BTreeMap<String, (tera::Value, u64)>,
    /// Slugified aliases and titles -> slug.
    names: BTreeMap<String, String>,
}

impl RoleCards {
    /// Adds one role's card, reachable by its slug and by each of `names`.
    pub fn insert(&mut self, slug: &str, card: serde_json::Value, names: &[&str]) {
        let hash = crate::hash::hash_str(&card.to_string());
        self.cards.insert(
            slug.to_string(),
            (tera::Value::from_serializable(&card), hash),
        );
        for name in names {
            self.names
                .entry(crate::slug::slugify(name))
                .or_insert_with(|| slug.to_string());
        }
    }

    pub fn version(&self, slug: &str) -> Option<u64> {
        self.cards.get(slug).map(|(_, h)| h.to_owned())
    }

    /// The card for `name`, recorded as read; an unknown name says which role was meant.
    pub fn get(&self, name: &str) -> Result<tera::Value, String> {
        let wanted = crate::slug::slugify(name);
        let slug = match self.cards.contains_key(&wanted) {
            true => wanted.clone(),
            false => self.names.get(&wanted).cloned().unwrap_or(wanted),
        };
        match self.cards.get(&slug) {
            Some((value, hash)) => {
                data_files::record(format!("{DEPENDENCY}{slug}"), *hash);
                Ok(value.clone())
            }
            None => {
                // A profile added later must bring this body back to be rendered again.
                data_files::record(format!("{DEPENDENCY}{slug}"), 0);
                let guess = crate::error::did_you_mean(
                    &slug,
                    self.cards
                        .keys()
                        .chain(self.names.keys())
                        .map(String::as_str),
                )
                .map(|g| self.names.get(g).map_or(g, String::as_str));
                Err(match guess {
                    Some(g) => format!(
                        "{}unknown role `{name}`{}did you mean `{g}`?",
                        super::OURS,
                        super::HINT
                    ),
                    None => format!(
                        "{}unknown role `{name}`{}name a role with a profile in content/roles/ by its file name",
                        super::OURS,
                        super::HINT
                    ),
                })
            }
        }
    }
}
