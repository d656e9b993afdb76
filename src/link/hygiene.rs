//! Tag hygiene and freshness: the warnings `check` reports about a site that builds but is
//! drifting. Tags with no profile (often typos), near-duplicate tags, profiles nothing uses,
//! career-path edges to missing roles, guides nothing reaches, and stale salary figures.
//! All of it reads the finished model; none of it changes the output.

use std::collections::HashSet;
use std::path::Path;

use crate::error::Diagnostic;
use crate::model::{Guide, Site};
use crate::text::frontmatter::{key_line, value_line};

use super::tags::TagRegistry;

/// Every hygiene warning for `site`. `year` is this year, for the age of salary figures.
pub fn warnings(
    site: &Site,
    roles: &TagRegistry,
    skills: &TagRegistry,
    year: i16,
) -> Vec<Diagnostic> {
    let mut out = missing_profiles(site, roles, skills);
    out.extend(near_duplicates(site));
    out.extend(unused_profiles(site));
    out.extend(orphan_guides(site));
    out.extend(stale_salaries(site, year));
    out
}

/// Front matter starts on the file's second line, after `---`.
const FRONT_MATTER_OFFSET: usize = 1;

/// Which of a guide's tag lists to look in: its roles or its skills.
type TagsOf = fn(&Guide) -> &Vec<String>;

/// Where a guide first uses a tag: the guide and the front-matter line.
fn first_guide_use<'a>(
    site: &'a Site,
    slug: &str,
    pick: TagsOf,
) -> Option<(&'a Path, Option<usize>)> {
    site.guides
        .iter()
        .find(|g| pick(g).iter().any(|s| s == slug))
        .map(|g| {
            let line = g.tag_lines.iter().find(|(s, _)| s == slug).map(|(_, l)| *l);
            (g.source.as_path(), line)
        })
}

fn located(mut d: Diagnostic, at: Option<(&Path, Option<usize>)>) -> Diagnostic {
    if let Some((file, line)) = at {
        d.file = Some(file.to_path_buf());
        d.line = line;
    }
    d
}

/// Tags with no profile (with the closest profile when it looks like a typo), and career
/// path edges to roles without a profile.
fn missing_profiles(site: &Site, roles: &TagRegistry, skills: &TagRegistry) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let closest = |reg: &TagRegistry, slug: &str| {
        crate::error::did_you_mean(
            slug,
            reg.profiles
                .iter()
                .map(String::as_str)
                .chain(reg.aliases.keys().map(String::as_str)),
        )
        .map(|s| reg.canonical(s).to_string())
    };
    let tag_warning =
        |kind: &str, dir: &str, reg: &TagRegistry, slug: &str| match closest(reg, slug) {
            Some(c) => Diagnostic::warning(None, format!("unknown {kind} `{slug}`"))
                .hint(format!("did you mean `{c}`?")),
            None => Diagnostic::warning(None, format!("{kind} `{slug}` has no profile"))
                .hint(format!("add content/{dir}/{slug}.md to describe it")),
        };
    for role in site.roles.values().filter(|r| r.profile.is_none()) {
        if let Some(at) = first_guide_use(site, &role.slug, |g| &g.roles) {
            warnings.push(located(
                tag_warning("role", "roles", roles, &role.slug),
                Some(at),
            ));
            continue;
        }
        // Only a career-path edge names it.
        let edge = site.roles.values().find_map(|r| {
            let p = r.profile.as_ref()?;
            let key = if p.next_roles.contains(&role.slug) {
                "next_roles"
            } else if p.previous_roles.contains(&role.slug) {
                "previous_roles"
            } else {
                return None;
            };
            let line =
                value_line(&p.front_matter, key, &role.slug).map(|l| l + FRONT_MATTER_OFFSET);
            Some((key, p.source.as_path(), line))
        });
        let (key, at) = match edge {
            Some((key, file, line)) => (key, Some((file, line))),
            None => ("next_roles", None),
        };
        let hint = match closest(roles, &role.slug) {
            Some(c) => format!("did you mean `{c}`?"),
            None => format!(
                "add content/roles/{}.md, or remove it from `{key}`",
                role.slug
            ),
        };
        warnings.push(located(
            Diagnostic::warning(
                None,
                format!("`{key}` names role `{}`, which has no profile", role.slug),
            )
            .hint(hint),
            at,
        ));
    }
    for skill in site.skills.values().filter(|s| s.profile.is_none()) {
        let at = first_guide_use(site, &skill.slug, |g| &g.skills).or_else(|| {
            site.roles.values().find_map(|r| {
                let p = r.profile.as_ref()?;
                p.skills.contains(&skill.slug).then(|| {
                    let line = value_line(&p.front_matter, "skills", &skill.slug)
                        .map(|l| l + FRONT_MATTER_OFFSET);
                    (p.source.as_path(), line)
                })
            })
        });
        warnings.push(located(
            tag_warning("skill", "skills", skills, &skill.slug),
            at,
        ));
    }
    warnings
}

/// Why two slugs look like one tag written two ways, if they do.
fn likeness(a: &str, b: &str) -> Option<&'static str> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 4 {
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

/// Pairs of roles (or skills) whose slugs differ by a plural or a letter or two. A tag
/// with no profile close to a profile is already reported as unknown, so pairs where only
/// one side has a profile are left to that warning.
fn near_duplicates(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let roles: Vec<(&str, Option<&Path>)> = site
        .roles
        .values()
        .map(|r| {
            (
                r.slug.as_str(),
                r.profile.as_ref().map(|p| p.source.as_path()),
            )
        })
        .collect();
    let skills: Vec<(&str, Option<&Path>)> = site
        .skills
        .values()
        .map(|s| {
            (
                s.slug.as_str(),
                s.profile.as_ref().map(|p| p.source.as_path()),
            )
        })
        .collect();
    let kinds: [(&str, &str, _, TagsOf); 2] = [
        ("role", "roles", roles, |g| &g.roles),
        ("skill", "skills", skills, |g| &g.skills),
    ];
    for (kind, dir, tags, pick) in kinds {
        for (i, &(a, a_file)) in tags.iter().enumerate() {
            for &(b, b_file) in &tags[i + 1..] {
                if a_file.is_some() != b_file.is_some() {
                    continue;
                }
                let Some(why) = likeness(a, b) else { continue };
                let at = match b_file {
                    Some(file) => Some((file, Some(1))),
                    None => first_guide_use(site, b, pick),
                };
                let hint = if b_file.is_some() {
                    format!(
                        "if they are one {kind}, keep content/{dir}/{a}.md and list `{b}` in its `aliases`"
                    )
                } else {
                    format!(
                        "use one spelling in every guide, or add an alias to content/{dir}/{a}.md"
                    )
                };
                out.push(located(
                    Diagnostic::warning(
                        None,
                        format!("{kind}s `{a}` and `{b}` look like one {kind} ({why})"),
                    )
                    .hint(hint),
                    at,
                ));
            }
        }
    }
    out
}

/// Role profiles no guide is tagged with, and skill profiles no guide or role uses.
fn unused_profiles(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for role in site.roles.values() {
        let Some(p) = &role.profile else { continue };
        if role.guides.is_empty() {
            out.push(
                Diagnostic::warning(
                    p.source.clone(),
                    format!("role `{}` has no guides", role.slug),
                )
                .at_line(1)
                .hint(format!(
                    "tag a guide with `roles: [{}]`, or remove the profile",
                    role.slug
                )),
            );
        }
    }
    for skill in site.skills.values() {
        let Some(p) = &skill.profile else { continue };
        if skill.guides.is_empty() && skill.roles.is_empty() {
            out.push(
                Diagnostic::warning(
                    p.source.clone(),
                    format!("skill `{}` is not used by any guide or role", skill.slug),
                )
                .at_line(1)
                .hint(format!(
                    "tag a guide with `skills: [{}]`, list it in a role's `skills`, or remove the profile",
                    skill.slug
                )),
            );
        }
    }
    out
}

/// Guides with no roles and no skills that no page links to: only the guide listing and
/// the feed reach them, never a role or skill page or a related list.
fn orphan_guides(site: &Site) -> Vec<Diagnostic> {
    let untagged: Vec<&Guide> = site
        .guides
        .iter()
        .filter(|g| g.roles.is_empty() && g.skills.is_empty())
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
fn stale_salaries(site: &Site, year: i16) -> Vec<Diagnostic> {
    let max_age = i64::from(site.config.salary_max_age_years);
    site.roles
        .values()
        .filter_map(|r| {
            let p = r.profile.as_ref()?;
            let s = p.salary.as_ref()?;
            let age = i64::from(year) - i64::from(s.year);
            (age > max_age).then(|| {
                let line = key_line(&p.front_matter, "salary").map(|from| {
                    p.front_matter
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

#[cfg(test)]
mod tests {
    use super::likeness;

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
    }
}
