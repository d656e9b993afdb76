//! Atom feeds: the newest guides of a listing, a role, a skill or a term, each entry the
//! guide's summary plus its dates and content, with its categories capped.

use serde::Serialize;
use tera::Value;

use super::{Prepared, Renderer, Vars, with_field};

const FEED_ENTRIES: usize = 20;

#[derive(Serialize)]
struct FeedView<'a> {
    title: &'a str,
    /// The page the feed belongs to.
    url: String,
    feed_url: String,
    updated: String,
}

/// A feed entry's fields beside its guide's summary.
#[derive(Serialize)]
struct FeedEntry<'a> {
    published: String,
    updated: String,
    content: std::borrow::Cow<'a, str>,
}

/// Roles one Atom entry lists as categories at most. A guide tagged with thousands of
/// roles would otherwise repeat all of them in each of its thousands of role feeds: 10,000
/// roles make 10^8 categories and 5 GB of feeds. Entries with fewer roles list them all.
const FEED_CATEGORIES: usize = 32;

/// A feed entry with its `roles` cut to the first `FEED_CATEGORIES`.
fn capped_categories(entry: Value) -> Value {
    let roles = entry
        .as_map()
        .and_then(|m| m.get(&tera::value::Key::from("roles")))
        .and_then(Value::as_array);
    match roles {
        Some(r) if r.len() > FEED_CATEGORIES => {
            let first = r[..FEED_CATEGORIES].to_vec();
            with_field(entry, "roles", Value::from(first))
        }
        _ => entry,
    }
}

fn rfc3339(date: jiff::civil::Date) -> String {
    format!("{date}T00:00:00Z")
}

impl Renderer<'_> {
    /// An Atom feed of the newest guides among `indices` (already newest first).
    pub(super) fn feed(
        &self,
        mut ctx: Vars,
        title: &str,
        page_path: &str,
        feed_path: &str,
        indices: impl Iterator<Item = usize>,
    ) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let mut updated: Option<String> = None;
        let entries: Vec<Value> = indices
            .take(FEED_ENTRIES)
            .map(|i| {
                let g = &site.guides[i];
                let entry = FeedEntry {
                    published: rfc3339(g.date),
                    updated: rfc3339(g.updated.unwrap_or(g.date).max(g.date)),
                    content: g.body.html.read(),
                };
                if updated.as_ref().is_none_or(|u| *u < entry.updated) {
                    updated = Some(entry.updated.clone());
                }
                capped_categories(self.summary_and(i, &entry))
            })
            .collect();
        ctx.insert(
            "feed",
            &FeedView {
                title,
                url: c.permalink(page_path),
                feed_url: c.permalink(feed_path),
                updated: updated.unwrap_or_else(|| "1970-01-01T00:00:00Z".into()),
            },
        );
        ctx.insert_value("entries", Value::from(entries));
        Prepared::template("atom.xml", ctx, None)
    }
}
