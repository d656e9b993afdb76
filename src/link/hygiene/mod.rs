//! Tag hygiene and freshness: the warnings `check` reports about a site that builds but is
//! drifting. Terms with no profile (often typos), near-duplicate terms and profiles nothing
//! uses, the same way for every taxonomy; then the career extras: career-path edges to
//! missing roles, guides nothing reaches, and stale salary figures. All of it reads the
//! finished model; none of it changes the output.

mod career;
mod duplicates;
mod terms;

use std::collections::HashMap;
use std::path::Path;

use crate::error::Diagnostic;
use crate::model::{Site, TaxonomyId};

use super::tags::TagRegistry;

/// Every hygiene warning for `site`. `registries` are the link stage's, by
/// `TaxonomyId::index`; `year` is this year, for the age of salary figures.
pub fn warnings(site: &Site, registries: &[TagRegistry], year: i16) -> Vec<Diagnostic> {
    let kinds = kinds(site);
    let mut out = terms::missing_profiles(site, &kinds, registries);
    out.extend(duplicates::near_duplicates(site, &kinds));
    out.extend(terms::unused_profiles(site, &kinds));
    out.extend(career::orphan_guides(site));
    out.extend(career::stale_salaries(site, year));
    out
}

/// How warnings name one taxonomy's terms.
struct Kind {
    id: TaxonomyId,
    /// One term: `role`, or `` `industries` term `` for a declared taxonomy.
    noun: String,
    /// Its front matter key and content folder: `roles`, `industries`.
    key: String,
    /// Whether its terms are meant to have profiles.
    profiles: bool,
}

fn kinds(site: &Site) -> Vec<Kind> {
    site.taxonomy_ids()
        .map(|id| {
            let key = site.taxonomy(id).name.clone();
            let (noun, profiles) = match id {
                TaxonomyId::Roles => ("role".to_string(), true),
                TaxonomyId::Skills => ("skill".to_string(), true),
                TaxonomyId::Declared(t) => {
                    (format!("`{key}` term"), site.taxonomy_config(t).profiles)
                }
            };
            Kind {
                id,
                noun,
                key,
                profiles,
            }
        })
        .collect()
}

/// Front matter starts on the file's second line, after `---`.
const FRONT_MATTER_OFFSET: usize = 1;

/// Where a guide first uses a tag: the guide and the front-matter line.
type FirstUse<'a> = (&'a Path, Option<usize>);

/// For every term of taxonomy `id`, where a guide first uses it: built in one pass over
/// the guides, so a site with thousands of terms is not scanned once per term.
fn first_uses(site: &Site, id: TaxonomyId) -> HashMap<&str, FirstUse<'_>> {
    let mut out: HashMap<&str, FirstUse<'_>> = HashMap::new();
    for g in &site.guides {
        let lines: HashMap<&str, usize> = g
            .tag_lines
            .iter()
            .rev()
            .map(|(s, l)| (s.as_str(), *l))
            .collect();
        for slug in g.terms_of(id) {
            out.entry(slug.as_str())
                .or_insert_with(|| (g.source.as_path(), lines.get(slug.as_str()).copied()));
        }
    }
    out
}

fn located(mut d: Diagnostic, at: Option<(&Path, Option<usize>)>) -> Diagnostic {
    if let Some((file, line)) = at {
        d.file = Some(file.to_path_buf());
        d.line = line;
    }
    d
}
