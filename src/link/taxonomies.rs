//! Declared taxonomies (`[[taxonomies]]` in site.toml): which front matter keys of a guide
//! name their terms, which pages are term profiles, the terms' registries, and the
//! warnings about them. One engine for every declared taxonomy: nothing here knows a
//! taxonomy by name.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::tags::{TagRegistry, canonical_list};
use crate::config::{Config, TaxonomyConfig};
use crate::error::{Diagnostic, did_you_mean};
use crate::markdown::Rendered;
use crate::model::{Guide, ProfileFacts, Site, Taxonomy, Term, TermLinks};
use crate::parse::{GUIDE_KEYS, GuideFront, PAGE_ONLY_KEYS, PageFront, Parsed};
use crate::text::frontmatter::key_line;

/// Pages split into standalone pages and each declared taxonomy's term profiles.
pub(super) struct Split<'a> {
    pub pages: Vec<&'a Parsed<PageFront>>,
    /// By taxonomy index: (term slug, profile page).
    pub profiles: Vec<Vec<(String, &'a Parsed<PageFront>)>>,
}

/// Takes term profiles (`content/<name>/<slug>.md` of a taxonomy with `profiles = true`)
/// out of the pages. A page anywhere else on a taxonomy's URLs is an error naming the
/// taxonomy's line in site.toml, and so is a profile's key where it means nothing.
pub(super) fn split_pages<'a>(
    config: &Config,
    pages: Vec<&'a Parsed<PageFront>>,
    errors: &mut Vec<Diagnostic>,
) -> Split<'a> {
    let mut out = Split {
        pages: Vec::with_capacity(pages.len()),
        profiles: vec![Vec::new(); config.taxonomies.len()],
    };
    for p in pages {
        let mut segments = p.front.path.split('/');
        let first = segments.next().unwrap_or("");
        let term = segments.next();
        let nested = segments.next().is_some();
        let Some(t) = config.taxonomies.iter().position(|t| t.name == first) else {
            profile_keys_on_page(p, errors);
            out.pages.push(p);
            continue;
        };
        let taxonomy = &config.taxonomies[t];
        match term {
            Some(slug) if taxonomy.profiles && !nested => {
                page_keys_on_profile(p, taxonomy, errors);
                out.profiles[t].push((slug.to_string(), p));
            }
            _ => errors.push(taxonomy.taken_by(&format!("/{}/", p.front.path), &p.file)),
        }
    }
    out
}

fn profile_keys_on_page(p: &Parsed<PageFront>, errors: &mut Vec<Diagnostic>) {
    let set = [
        ("aliases", !p.front.aliases.is_empty()),
        ("summary", p.front.summary.is_some()),
    ];
    for (key, _) in set.iter().filter(|(_, set)| *set) {
        errors.push(
            Diagnostic::error(
                p.file.clone(),
                format!("`{key}` is only for a taxonomy's term profiles, not pages"),
            )
            .at_line(line_of(p, key))
            .hint(
                "remove it, or declare the page's folder as a taxonomy with \
                 `profiles = true` in site.toml",
            ),
        );
    }
}

fn page_keys_on_profile(
    p: &Parsed<PageFront>,
    taxonomy: &TaxonomyConfig,
    errors: &mut Vec<Diagnostic>,
) {
    if let Some((path, line)) = p.front.alias_paths.first() {
        errors.push(
            Diagnostic::error(
                p.file.clone(),
                format!("`aliases` entry `/{path}` is a path; a term profile's aliases are other names for the term"),
            )
            .at_line(*line)
            .hint("write another name, such as `swe`: its page redirects to this one"),
        );
    }
    for key in PAGE_ONLY_KEYS {
        if key_line(&p.front_matter, key).is_some() {
            errors.push(
                Diagnostic::error(
                    p.file.clone(),
                    format!("`{key}` is not used on `{}` term profiles", taxonomy.name),
                )
                .at_line(line_of(p, key))
                .hint("profiles take `title`, `aliases`, `summary` and `extra`"),
            );
        }
    }
}

fn line_of<T>(p: &Parsed<T>, key: &str) -> usize {
    p.front_matter_line + key_line(&p.front_matter, key).unwrap_or(1) - 1
}

/// A guide's terms by taxonomy index, slugified with their lines. A key that is neither a
/// guide's own nor a declared taxonomy is an error with a did-you-mean.
pub(super) fn guide_terms(
    config: &Config,
    g: &Parsed<GuideFront>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Vec<(String, usize)>> {
    let mut out = vec![Vec::new(); config.taxonomies.len()];
    for other in &g.front.other {
        let key = other.key.as_str();
        let Some(t) = config.taxonomies.iter().position(|t| t.name == key) else {
            let known = GUIDE_KEYS
                .iter()
                .copied()
                .chain(config.taxonomies.iter().map(|t| t.name.as_str()));
            let hint = match did_you_mean(key, known.clone()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("known keys are {}", known.collect::<Vec<_>>().join(", ")),
            };
            errors.push(
                Diagnostic::error(g.file.clone(), format!("unknown key `{key}`"))
                    .at(other.line, 1)
                    .hint(hint),
            );
            continue;
        };
        match &other.terms {
            Some(terms) => out[t] = terms.clone(),
            None => errors.push(
                Diagnostic::error(g.file.clone(), format!("`{key}` must be a list of terms"))
                    .at_line(other.line)
                    .hint(format!("write it as `{key}: [first, second]`")),
            ),
        }
    }
    out
}

/// The errors `guide_terms` finds in every guide among `docs`: keys that are neither a
/// guide's own nor a declared taxonomy, and taxonomies' values that are not lists.
pub fn unknown_guide_keys(config: &Config, docs: &[crate::parse::Doc]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for doc in docs {
        if let crate::parse::Doc::Guide(g) = doc {
            guide_terms(config, g, &mut errors);
        }
    }
    errors
}

/// Each taxonomy's registry: its profiles and their aliases, then every term in use.
pub(super) fn registries(
    config: &Config,
    split: &Split<'_>,
    guide_terms: &[Vec<Vec<(String, usize)>>],
    warnings: &mut Vec<Diagnostic>,
) -> Vec<TagRegistry> {
    config
        .taxonomies
        .iter()
        .enumerate()
        .map(|(t, taxonomy)| {
            let profiles = split.profiles[t]
                .iter()
                .map(|(slug, p)| (slug, &p.front.aliases, &p.file));
            let mut reg = super::registry(profiles, &format!("`{}`", taxonomy.name), warnings);
            let used: Vec<String> = guide_terms
                .iter()
                .flat_map(|g| &g[t])
                .map(|(s, _)| reg.canonical(s).to_string())
                .collect();
            reg.all.extend(used);
            reg
        })
        .collect()
}

/// Canonical terms of one guide, by taxonomy index.
pub(super) fn canonical_terms(
    registries: &[TagRegistry],
    terms: &[Vec<(String, usize)>],
) -> Vec<Vec<String>> {
    registries
        .iter()
        .zip(terms)
        .map(|(reg, t)| canonical_list(reg, t))
        .collect()
}

/// The declared taxonomies' terms with their profiles and their guides (in listing order).
pub(super) fn taxonomies(
    config: &Config,
    registries: &[TagRegistry],
    split: &Split<'_>,
    body_of: &dyn Fn(&Path) -> Arc<Rendered>,
    guides: &[Guide],
) -> Vec<Taxonomy> {
    let mut out: Vec<Taxonomy> = config
        .taxonomies
        .iter()
        .zip(registries)
        .zip(&split.profiles)
        .map(|((taxonomy, reg), profiles)| {
            let mut profiles: BTreeMap<&str, &Parsed<PageFront>> =
                profiles.iter().map(|(s, p)| (s.as_str(), *p)).collect();
            let terms = reg
                .all
                .iter()
                .map(|slug| {
                    let profile = profiles.remove(slug.as_str()).map(|p| {
                        let f = &p.front;
                        let common = (f.title.as_str(), &f.aliases[..], &f.summary, &f.extra);
                        super::make::make_profile(
                            &p.file,
                            common,
                            body_of(&p.file),
                            ProfileFacts::Plain,
                        )
                    });
                    let term = Term::new(slug, profile, TermLinks::Plain);
                    (slug.clone(), term)
                })
                .collect();
            Taxonomy {
                name: taxonomy.name.clone(),
                terms,
            }
        })
        .collect();
    for (i, g) in guides.iter().enumerate() {
        for (t, terms) in g.terms.iter().enumerate() {
            for slug in terms {
                if let Some(term) = out[t].terms.get_mut(slug) {
                    term.guides.push(i);
                }
            }
        }
    }
    out
}

/// Terms with no profile in taxonomies that have profiles (with the closest profile when
/// it looks like a typo), and profiles no guide uses.
pub(super) fn warnings(site: &Site, registries: &[TagRegistry]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for ((taxonomy, config), reg) in site
        .taxonomies
        .iter()
        .zip(&site.config.taxonomies)
        .zip(registries)
    {
        if !config.profiles {
            continue;
        }
        let name = &taxonomy.name;
        for term in taxonomy.terms.values() {
            let slug = &term.slug;
            match &term.profile {
                None => {
                    let closest = did_you_mean(
                        slug,
                        reg.profiles
                            .iter()
                            .chain(reg.aliases.keys())
                            .map(String::as_str),
                    );
                    let mut d = match closest {
                        Some(c) => {
                            Diagnostic::warning(None, format!("unknown `{name}` term `{slug}`"))
                                .hint(format!("did you mean `{}`?", reg.canonical(c)))
                        }
                        None => Diagnostic::warning(
                            None,
                            format!("`{name}` term `{slug}` has no profile"),
                        )
                        .hint(format!("add content/{name}/{slug}.md to describe it")),
                    };
                    if let Some(&i) = term.guides.first() {
                        let g = &site.guides[i];
                        d.file = Some(g.source.clone());
                        d.line = g.tag_lines.iter().find(|(s, _)| s == slug).map(|(_, l)| *l);
                    }
                    out.push(d);
                }
                Some(p) if term.guides.is_empty() => out.push(
                    Diagnostic::warning(
                        p.source.clone(),
                        format!("`{name}` term `{slug}` has no guides"),
                    )
                    .at_line(1)
                    .hint(format!(
                        "tag a guide with `{name}: [{slug}]`, or remove the profile"
                    )),
                ),
                Some(_) => {}
            }
        }
    }
    out
}
