//! The values the invariant test's field edits write into front matter: the text after
//! `key:`, or `None` to remove the key. Every value is valid for its field, so a failed
//! rebuild after a field edit is careersite's fault, never the test's.

use std::path::Path;

use super::edits::{Ctx, stem};
use super::text::{block_list, list};

/// Role tags a guide may carry: sample profiles, a display name, an alias that a role
/// edit may add, and tags with no profile (their pages come and go with the guides).
const ROLE_TAGS: [&str; 8] = [
    "software-engineer",
    "data-analyst",
    "Data Scientist",
    "qa-engineer",
    "data-analyst-alias-0",
    "inv-role-0",
    "inv-role-1",
    "cloud-engineer",
];

const SKILL_TAGS: [&str; 8] = [
    "sql",
    "python",
    "Machine Learning",
    "git",
    "sql-alias-1",
    "inv-skill-0",
    "inv-skill-1",
    "linux",
];

pub fn title(c: &mut Ctx, p: &Path) -> Option<String> {
    Some(format!(" \"{} retitled at step {}\"", stem(p), c.step))
}

pub fn text(c: &mut Ctx, _: &Path) -> Option<String> {
    c.maybe(format!(" \"Text written at step {}\"", c.step))
}

pub fn date(c: &mut Ctx, _: &Path) -> Option<String> {
    Some(c.date(2025))
}

pub fn maybe_date(c: &mut Ctx, _: &Path) -> Option<String> {
    let d = c.date(2025);
    c.maybe(d)
}

/// After any `date` the test writes; careersite does not ask `updated` to follow `date`,
/// so a sample date later than it is fine too.
pub fn updated(c: &mut Ctx, _: &Path) -> Option<String> {
    let d = c.date(2026);
    c.maybe(d)
}

pub fn role_tags(c: &mut Ctx, _: &Path) -> Option<String> {
    Some(c.tags(&ROLE_TAGS))
}

/// Terms of the `industries` taxonomy the test declares: its profile, an alias of it, and
/// terms with no profile that come and go.
const INDUSTRY_TERMS: [&str; 5] = [
    "fintech",
    "payments",
    "Health Care",
    "inv-industry-0",
    "retail",
];

pub fn industry_terms(c: &mut Ctx, _: &Path) -> Option<String> {
    Some(c.tags(&INDUSTRY_TERMS))
}

pub fn skill_tags(c: &mut Ctx, _: &Path) -> Option<String> {
    Some(c.tags(&SKILL_TAGS))
}

/// A new slug from the file's name; a translation's (`x.de.md`) without its language, as
/// the README asks of a translation that sets a slug.
pub fn slug(c: &mut Ctx, p: &Path) -> Option<String> {
    let stem = stem(p);
    let name = stem.split('.').next().unwrap_or(&stem);
    c.maybe(format!(" inv-{name}-{}", c.step))
}

pub fn draft(c: &mut Ctx, _: &Path) -> Option<String> {
    c.maybe_pick(&[" true", " false"])
}

pub fn compare(c: &mut Ctx, _: &Path) -> Option<String> {
    let roles = c.some_of("roles", 2, 4);
    c.maybe(list(&roles))
}

pub fn faq(c: &mut Ctx, _: &Path) -> Option<String> {
    c.maybe(format!(
        "\n  - q: \"Question {0}?\"\n    a: \"An answer for [data analysts](role:data-analyst), step {0}.\"",
        c.step
    ))
}

pub fn takeaways(c: &mut Ctx, _: &Path) -> Option<String> {
    let t = block_list(&[format!("\"Takeaway {}\"", c.step), "\"Another one\"".into()]);
    c.maybe(t)
}

pub fn guide_template(c: &mut Ctx, _: &Path) -> Option<String> {
    c.maybe_pick(&[" guide.html", " guide-alt.html"])
}

pub fn page_template(c: &mut Ctx, _: &Path) -> Option<String> {
    c.maybe_pick(&[" page.html", " page-alt.html"])
}

pub fn extra(c: &mut Ctx, _: &Path) -> Option<String> {
    c.maybe(format!("\n  x: \"Extra {}\"", c.step))
}

/// Aliases of a profile, named after it so two profiles never claim one.
pub fn aliases(c: &mut Ctx, p: &Path) -> Option<String> {
    let own = stem(p);
    let aliases: Vec<String> = (0..2)
        .filter(|_| c.rng.one_in(2))
        .map(|i| format!("{own}-alias-{i}"))
        .collect();
    Some(list(&aliases))
}

pub fn core_skills(c: &mut Ctx, _: &Path) -> Option<String> {
    Some(list(&c.some_of("skills", 0, 4)))
}

pub fn salary(c: &mut Ctx, _: &Path) -> Option<String> {
    let m = 50_000 + 1000 * c.step;
    c.maybe(format!(
        " {{currency: USD, low: {}, median: {m}, high: {}, year: 2025, source: \"Invariant survey\"}}",
        m - 20_000,
        m + 30_000
    ))
}

/// Career-path edges to other sample roles.
pub fn other_roles(c: &mut Ctx, p: &Path) -> Option<String> {
    let own = stem(p);
    let mut roles = c.some_of("roles", 0, 3);
    roles.retain(|r| *r != own);
    Some(list(&roles))
}

pub fn category(c: &mut Ctx, _: &Path) -> Option<String> {
    c.maybe_pick(&[" Data", " Cloud", " \"Invariant\""])
}

/// An occupation code of the test's dataset, or a list of two.
pub fn soc(c: &mut Ctx, _: &Path) -> Option<String> {
    let codes = &super::files::OCCUPATIONS;
    let first = c.pick(codes);
    if c.rng.one_in(3) {
        let second = c.pick(codes);
        return Some(format!(" [\"{first}\", \"{second}\"]"));
    }
    c.maybe(format!(" \"{first}\""))
}

/// An old URL of the guide's own, so no two files claim one.
pub fn old_paths(c: &mut Ctx, p: &Path) -> Option<String> {
    c.maybe(format!(" [/old/{}/]", stem(p)))
}

/// A day still to come (the guide leaves the site) or one gone by.
pub fn publish_date(c: &mut Ctx, _: &Path) -> Option<String> {
    c.maybe_pick(&[" 2999-01-01", " 2020-01-01"])
}

/// A day gone by (the page leaves the site) or one still to come.
pub fn expiry_date(c: &mut Ctx, _: &Path) -> Option<String> {
    c.maybe_pick(&[" 2000-01-01", " 2999-01-01"])
}
