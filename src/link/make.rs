//! Parsed files into the model's plain data: guides, profiles and pages, and the check
//! that every compared role has a profile.

use super::*;
use crate::markdown::Body;

pub(super) fn make_guide(
    g: &Parsed<GuideFront>,
    bodies: Bodies,
    registries: &[TagRegistry],
    written: &[Vec<(String, usize)>],
) -> Guide {
    let f = &g.front;
    let roles = &registries[TaxonomyId::Roles.index()];
    Guide {
        source: g.file.clone(),
        slug: f.slug.clone(),
        title: f.title.clone(),
        description: f.description.clone(),
        date: f.date,
        updated: f.updated,
        draft: f.draft,
        compare: canonical_list(roles, &f.compare),
        faq: bodies.faq,
        takeaways: f.takeaways.clone(),
        template: f.template.clone(),
        extra: f.extra.clone(),
        body: bodies.body,
        related: Vec::new(),
        tag_lines: tag_lines(f, written),
        terms: canonical_terms(registries, written),
        aliases: f.aliases.clone(),
        lang_path: String::new(),
    }
}

/// Where a guide's tags were written, for errors: its roles, skills and compared roles,
/// then each declared taxonomy's terms. `written` is what `guide_terms` gives.
pub(super) fn tag_lines(
    front: &GuideFront,
    written: &[Vec<(String, usize)>],
) -> Vec<(String, usize)> {
    let (built_in, declared) = written.split_at(2.min(written.len()));
    built_in
        .iter()
        .flatten()
        .chain(&front.compare)
        .chain(declared.iter().flatten())
        .cloned()
        .collect()
}

/// A profile of any taxonomy: what every profile shares, and the facts of its kind.
pub(super) fn make_profile(
    file: &Path,
    (title, aliases, summary, extra): (
        &str,
        &[(String, usize)],
        &Option<String>,
        &serde_json::Value,
    ),
    body: Arc<Body>,
    facts: ProfileFacts,
) -> TermProfile {
    TermProfile {
        source: file.to_path_buf(),
        title: title.to_string(),
        aliases: aliases.iter().map(|(a, _)| a.clone()).collect(),
        summary: summary.clone(),
        extra: extra.clone(),
        body,
        facts,
    }
}

pub(super) fn make_role_profile(
    r: &Parsed<RoleFront>,
    body: Arc<Body>,
    roles: &TagRegistry,
    skills: &TagRegistry,
) -> TermProfile {
    let f = &r.front;
    let facts = RoleFacts {
        skills: canonical_list(skills, &f.skills),
        education: f.education.clone(),
        salary: f.salary.clone(),
        soc: f.soc.iter().map(|(c, _)| c.clone()).collect(),
        soc_line: f.soc.first().map_or(0, |(_, l)| *l),
        soc_note: f.soc_note.clone(),
        salary_from_data: false,
        next_roles: canonical_list(roles, &f.next_roles),
        previous_roles: canonical_list(roles, &f.previous_roles),
        front_matter: r.front_matter.clone(),
    };
    let common = (f.title.as_str(), &f.aliases[..], &f.summary, &f.extra);
    make_profile(&r.file, common, body, ProfileFacts::Role(facts))
}

pub(super) fn make_skill_profile(s: &Parsed<SkillFront>, body: Arc<Body>) -> TermProfile {
    let f = &s.front;
    let facts = SkillFacts {
        category: f.category.clone(),
    };
    let common = (f.title.as_str(), &f.aliases[..], &f.summary, &f.extra);
    make_profile(&s.file, common, body, ProfileFacts::Skill(facts))
}

pub(super) fn make_page(p: &Parsed<PageFront>, body: Arc<Body>) -> Page {
    let f = &p.front;
    Page {
        source: p.file.clone(),
        path: f.path.clone(),
        title: f.title.clone(),
        description: f.description.clone(),
        date: f.date,
        updated: f.updated,
        draft: f.draft,
        template: f.template.clone(),
        extra: f.extra.clone(),
        body,
        aliases: f.alias_paths.clone(),
    }
}

/// A compared role must have a profile: the table is built from it.
pub(super) fn check_compare(
    guides: &[Guide],
    profiles: &BTreeMap<String, TermProfile>,
    errors: &mut Vec<Diagnostic>,
) {
    for g in guides {
        for slug in &g.compare {
            if !profiles.contains_key(slug) {
                let line = g.tag_lines.iter().find(|(s, _)| s == slug).map(|(_, l)| *l);
                let mut d = Diagnostic::error(
                    g.source.clone(),
                    format!("`compare` names role `{slug}`, which has no profile"),
                )
                .hint(format!(
                    "add content/roles/{slug}.md with the role's summary, skills and salary"
                ));
                d.line = line;
                errors.push(d);
            }
        }
    }
}
