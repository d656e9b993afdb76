//! Tag hygiene and freshness: the warnings `check` reports about a site that builds but is
//! drifting. Tags with no profile (often typos), near-duplicate tags, profiles nothing uses,
//! career-path edges to missing roles, guides nothing reaches, and stale salary figures.
//! All of it reads the finished model; none of it changes the output.

use std::collections::{HashMap, HashSet};
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
type FirstUse<'a> = (&'a Path, Option<usize>);

/// For every tag of one kind, where a guide first uses it: built in one pass over the
/// guides, so a site with thousands of tags is not scanned once per tag.
fn first_uses<'a>(site: &'a Site, pick: TagsOf) -> HashMap<&'a str, FirstUse<'a>> {
    let mut out: HashMap<&str, FirstUse<'_>> = HashMap::new();
    for g in &site.guides {
        let lines: HashMap<&str, usize> = g
            .tag_lines
            .iter()
            .rev()
            .map(|(s, l)| (s.as_str(), *l))
            .collect();
        for slug in pick(g) {
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

/// The profiles and aliases of one kind, grouped by length: "did you mean" only compares
/// an unknown tag with names whose length is within a typo of its own.
struct Closest<'a> {
    reg: &'a TagRegistry,
    by_len: HashMap<usize, Vec<&'a str>>,
}

impl<'a> Closest<'a> {
    fn new(reg: &'a TagRegistry) -> Self {
        let mut by_len: HashMap<usize, Vec<&str>> = HashMap::new();
        for name in reg.profiles.iter().chain(reg.aliases.keys()) {
            by_len.entry(name.len()).or_default().push(name.as_str());
        }
        Closest { reg, by_len }
    }

    fn find(&self, slug: &str) -> Option<String> {
        // An edit changes the length by at most one, and no typo is more than three edits.
        let reach = crate::error::typo_distance(usize::MAX);
        let near = (slug.len().saturating_sub(reach)..=slug.len() + reach)
            .filter_map(|len| self.by_len.get(&len))
            .flatten()
            .copied();
        crate::error::did_you_mean(slug, near).map(|s| self.reg.canonical(s).to_string())
    }
}

/// Where a role profile's career path first names each role: `(key, file, line)`.
fn first_edges(site: &Site) -> HashMap<&str, (&'static str, FirstUse<'_>)> {
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
fn first_role_skill_uses(site: &Site) -> HashMap<&str, FirstUse<'_>> {
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

fn tag_warning(kind: &str, dir: &str, closest: &Closest<'_>, slug: &str) -> Diagnostic {
    match closest.find(slug) {
        Some(c) => Diagnostic::warning(None, format!("unknown {kind} `{slug}`"))
            .hint(format!("did you mean `{c}`?")),
        None => Diagnostic::warning(None, format!("{kind} `{slug}` has no profile"))
            .hint(format!("add content/{dir}/{slug}.md to describe it")),
    }
}

/// Tags with no profile (with the closest profile when it looks like a typo), and career
/// path edges to roles without a profile. Every lookup goes through an index built once,
/// so the work grows with the number of tags, not with its square.
fn missing_profiles(site: &Site, roles: &TagRegistry, skills: &TagRegistry) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let (close_roles, close_skills) = (Closest::new(roles), Closest::new(skills));
    let role_uses = first_uses(site, |g| &g.roles);
    let edges = first_edges(site);
    for role in site.roles.terms.values().filter(|r| r.profile.is_none()) {
        if let Some(&at) = role_uses.get(role.slug.as_str()) {
            let d = tag_warning("role", "roles", &close_roles, &role.slug);
            warnings.push(located(d, Some(at)));
            continue;
        }
        // Only a career-path edge names it.
        let (key, at) = match edges.get(role.slug.as_str()) {
            Some(&(key, at)) => (key, Some(at)),
            None => ("next_roles", None),
        };
        let hint = match close_roles.find(&role.slug) {
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
    let skill_uses = first_uses(site, |g| &g.skills);
    let role_skill_uses = first_role_skill_uses(site);
    for skill in site.skills.terms.values().filter(|s| s.profile.is_none()) {
        let slug = skill.slug.as_str();
        let at = skill_uses
            .get(slug)
            .or_else(|| role_skill_uses.get(slug))
            .copied();
        let d = tag_warning("skill", "skills", &close_skills, slug);
        warnings.push(located(d, at));
    }
    warnings
}

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

/// Pairs of roles (or skills) whose slugs differ by a plural or a letter or two. A tag
/// with no profile close to a profile is already reported as unknown, so pairs where only
/// one side has a profile are left to that warning.
fn near_duplicates(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let roles: Vec<(&str, Option<&Path>)> = site
        .roles
        .terms
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
        .terms
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
        let uses = first_uses(site, pick);
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
                    "if they are one {kind}, keep content/{dir}/{a}.md and list `{b}` in its `aliases`"
                )
            } else {
                format!("use one spelling in every guide, or add an alias to content/{dir}/{a}.md")
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

/// Role profiles no guide is tagged with, and skill profiles no guide or role uses.
fn unused_profiles(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for role in site.roles.terms.values() {
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
    for skill in site.skills.terms.values() {
        let Some(p) = &skill.profile else { continue };
        if skill.guides.is_empty() && skill.needed_by().is_empty() {
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
