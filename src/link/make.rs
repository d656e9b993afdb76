//! Parsed files into the model's plain data: guides, profiles and pages, and the check
//! that every compared role has a profile.

use super::*;

pub(super) fn make_guide(
    g: &Parsed<GuideFront>,
    bodies: Bodies,
    roles: &TagRegistry,
    skills: &TagRegistry,
) -> Guide {
    let f = &g.front;
    let tag_lines = f
        .roles
        .iter()
        .chain(&f.skills)
        .chain(&f.compare)
        .cloned()
        .collect();
    Guide {
        source: g.file.clone(),
        slug: f.slug.clone(),
        title: f.title.clone(),
        description: f.description.clone(),
        date: f.date,
        updated: f.updated,
        roles: canonical_list(roles, &f.roles),
        skills: canonical_list(skills, &f.skills),
        draft: f.draft,
        compare: canonical_list(roles, &f.compare),
        faq: bodies.faq,
        takeaways: f.takeaways.clone(),
        template: f.template.clone(),
        extra: f.extra.clone(),
        body: bodies.body,
        related: Vec::new(),
        tag_lines,
        terms: Vec::new(),
    }
}

pub(super) fn make_role_profile(
    r: &Parsed<RoleFront>,
    body: Arc<Rendered>,
    roles: &TagRegistry,
    skills: &TagRegistry,
) -> RoleProfile {
    let f = &r.front;
    RoleProfile {
        source: r.file.clone(),
        title: f.title.clone(),
        aliases: f.aliases.iter().map(|(a, _)| a.clone()).collect(),
        summary: f.summary.clone(),
        skills: canonical_list(skills, &f.skills),
        education: f.education.clone(),
        salary: f.salary.clone(),
        next_roles: canonical_list(roles, &f.next_roles),
        previous_roles: canonical_list(roles, &f.previous_roles),
        extra: f.extra.clone(),
        body,
        front_matter: r.front_matter.clone(),
    }
}

pub(super) fn make_skill_profile(s: &Parsed<SkillFront>, body: Arc<Rendered>) -> SkillProfile {
    let f = &s.front;
    SkillProfile {
        source: s.file.clone(),
        title: f.title.clone(),
        aliases: f.aliases.iter().map(|(a, _)| a.clone()).collect(),
        summary: f.summary.clone(),
        category: f.category.clone(),
        extra: f.extra.clone(),
        body,
    }
}

pub(super) fn make_page(p: &Parsed<PageFront>, body: Arc<Rendered>) -> Page {
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
    }
}

/// A compared role must have a profile: the table is built from it.
pub(super) fn check_compare(
    guides: &[Guide],
    profiles: &BTreeMap<String, RoleProfile>,
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
