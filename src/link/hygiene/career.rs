//! The career extras of hygiene: career-path edges to roles with no profile, guides
//! nothing reaches, and stale salary figures.

use std::collections::{HashMap, HashSet};

use super::{FRONT_MATTER_OFFSET, FirstUse, located};
use crate::error::Diagnostic;
use crate::model::{Guide, Site};
use crate::text::frontmatter::{key_line, value_line};

/// Where a role profile's career path first names each role: `(key, file, line)`.
pub(super) fn first_edges(site: &Site) -> HashMap<&str, (&'static str, FirstUse<'_>)> {
    let mut out = HashMap::new();
    for p in site.roles.terms.values().filter_map(|r| r.profile.as_ref()) {
        let Some(f) = p.role() else { continue };
        for (key, list) in [
            ("next_roles", &f.next_roles),
            ("previous_roles", &f.previous_roles),
        ] {
            for slug in list {
                out.entry(slug.as_str()).or_insert_with(|| {
                    let line =
                        value_line(&f.front_matter, key, slug).map(|l| l + FRONT_MATTER_OFFSET);
                    (key, (p.source.as_path(), line))
                });
            }
        }
    }
    out
}

/// Where a role profile first lists each skill among its core `skills`.
pub(super) fn first_role_skill_uses(site: &Site) -> HashMap<&str, FirstUse<'_>> {
    let mut out = HashMap::new();
    for p in site.roles.terms.values().filter_map(|r| r.profile.as_ref()) {
        let Some(f) = p.role() else { continue };
        for slug in &f.skills {
            out.entry(slug.as_str()).or_insert_with(|| {
                let line =
                    value_line(&f.front_matter, "skills", slug).map(|l| l + FRONT_MATTER_OFFSET);
                (p.source.as_path(), line)
            });
        }
    }
    out
}

/// A role no guide is tagged with and no profile describes, named only by a career-path
/// edge: the warning points at the edge. `closest` is the profile it may be a typo of.
pub(super) fn edge_warning(
    edges: &HashMap<&str, (&'static str, FirstUse<'_>)>,
    slug: &str,
    closest: Option<String>,
) -> Diagnostic {
    let (key, at) = match edges.get(slug) {
        Some(&(key, at)) => (key, Some(at)),
        None => ("next_roles", None),
    };
    let hint = match closest {
        Some(c) => format!("did you mean `{c}`?"),
        None => format!("add content/roles/{slug}.md, or remove it from `{key}`"),
    };
    located(
        Diagnostic::warning(
            None,
            format!("`{key}` names role `{slug}`, which has no profile"),
        )
        .hint(hint),
        at,
    )
}

/// Guides with no roles and no skills that no page links to: only the guide listing and
/// the feed reach them, never a role or skill page or a related list.
pub(super) fn orphan_guides(site: &Site) -> Vec<Diagnostic> {
    let untagged: Vec<&Guide> = site
        .guides
        .iter()
        .filter(|g| g.roles().is_empty() && g.skills().is_empty())
        .collect();
    if untagged.is_empty() {
        return Vec::new();
    }
    let linked: HashSet<&str> = site
        .bodies()
        .flat_map(|b| b.resolved.iter())
        .map(|(_, url)| url.split('#').next().unwrap_or(url))
        .collect();
    untagged
        .into_iter()
        .filter(|g| !linked.contains(site.config.url(&g.path()).as_str()))
        .map(|g| {
            Diagnostic::warning(
                g.source.clone(),
                "guide has no roles or skills, and no page links to it",
            )
            .at_line(1)
            .hint("add `roles` or `skills` to its front matter so role, skill and related lists can show it")
        })
        .collect()
}

/// Salary figures older than `salary_max_age_years`.
pub(super) fn stale_salaries(site: &Site, year: i16) -> Vec<Diagnostic> {
    let max_age = i64::from(site.config.salary_max_age_years);
    site.roles
        .terms.values()
        .filter_map(|r| {
            let p = r.profile.as_ref()?;
            let f = p.role()?;
            let s = f.salary.as_ref()?;
            let age = i64::from(year) - i64::from(s.year);
            (age > max_age).then(|| {
                let line = key_line(&f.front_matter, "salary").map(|from| {
                    f.front_matter
                        .lines()
                        .enumerate()
                        .skip(from)
                        .find(|(_, l)| l.trim_start().starts_with("year"))
                        .map_or(from, |(i, _)| i + 1)
                        + FRONT_MATTER_OFFSET
                });
                let mut d = Diagnostic::warning(
                    p.source.clone(),
                    format!(
                        "salary figures for `{}` are from {}, {age} years ago",
                        r.slug, s.year
                    ),
                )
                .hint(format!(
                    "update them from {} (or raise `salary_max_age_years`, now {max_age}, in site.toml)",
                    s.source
                ));
                d.line = line;
                d
            })
        })
        .collect()
}
