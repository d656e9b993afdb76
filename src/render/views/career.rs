//! What role and skill pages and comparisons see: the career facts roles and skills add
//! on top of every taxonomy's terms (salaries, skill gaps, career paths).

use serde::Serialize;

use super::{EMPTY_MAP, TagLink, role_link, skill_link};
use crate::model::{Role, Salary, Site, Skill};

#[derive(Serialize)]
pub struct SalaryView<'a> {
    pub currency: &'a str,
    pub low: u64,
    pub median: u64,
    pub high: u64,
    pub period: &'a str,
    pub source: &'a str,
    pub year: i32,
    pub low_display: String,
    pub median_display: String,
    pub high_display: String,
}

impl<'a> SalaryView<'a> {
    pub fn new(s: &'a Salary, language: &str) -> Self {
        SalaryView {
            currency: &s.currency,
            low: s.low,
            median: s.median,
            high: s.high,
            period: &s.period,
            source: &s.source,
            year: s.year,
            low_display: money(s.low, &s.currency, language),
            median_display: money(s.median, &s.currency, language),
            high_display: money(s.high, &s.currency, language),
        }
    }
}

/// Formats whole currency amounts the way readers of `language` expect: digits grouped by
/// ICU4X's CLDR data; the symbol and its side from this table, as ICU4X has no stable
/// currency formatter yet.
pub fn money(amount: u64, currency: &str, language: &str) -> String {
    let lang = language
        .split(['-', '_'])
        .next()
        .unwrap_or("en")
        .to_ascii_lowercase();
    let symbol_after = matches!(
        lang.as_str(),
        "de" | "es"
            | "it"
            | "nl"
            | "pt"
            | "da"
            | "id"
            | "tr"
            | "fr"
            | "sv"
            | "nb"
            | "no"
            | "fi"
            | "pl"
            | "cs"
            | "ru"
            | "uk"
    );
    let grouped = crate::i18n::format::number(amount, &lang);
    let symbol = match currency.to_ascii_uppercase().as_str() {
        "USD" if lang == "en" => "$".to_string(),
        "USD" => "US$".to_string(),
        "EUR" => "€".to_string(),
        "GBP" => "£".to_string(),
        "JPY" => "¥".to_string(),
        "INR" => "₹".to_string(),
        other => format!("{other} "),
    };
    if symbol_after {
        format!("{grouped}\u{a0}{}", symbol.trim())
    } else {
        format!("{symbol}{grouped}")
    }
}

#[derive(Serialize)]
pub struct ComparedRole<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub summary: Option<&'a str>,
    pub education: Option<&'a str>,
    pub salary: Option<SalaryView<'a>>,
    pub skills: Vec<TagLink<'a>>,
    pub own_skills: Vec<TagLink<'a>>,
    pub next_roles: Vec<TagLink<'a>>,
    pub guide_count: usize,
    /// For each other compared role: the skills to add to move from it to this one.
    pub gaps_from: Vec<SkillGap<'a>>,
}

/// A move between two roles and the core skills it asks for that the first role lacks.
#[derive(Serialize)]
pub struct SkillGap<'a> {
    /// The other role: where the move goes (role pages) or comes from (comparisons).
    pub role: TagLink<'a>,
    /// Whether the other role has a profile; without one its skills are unknown.
    pub known: bool,
    pub skills: Vec<TagLink<'a>>,
}

fn core_skills(role: &Role) -> &[String] {
    role.role_facts()
        .map(|p| p.skills.as_slice())
        .unwrap_or(&[])
}

/// The core skills of `to` that `from` does not list, in `to`'s order.
pub fn skills_to_add<'a>(site: &'a Site, from: &Role, to: &'a Role) -> Vec<TagLink<'a>> {
    let have = core_skills(from);
    core_skills(to)
        .iter()
        .filter(|s| !have.contains(s))
        .map(|s| skill_link(site, s))
        .collect()
}

fn gap<'a>(site: &'a Site, from: &Role, to: &'a Role, other: &'a Role) -> SkillGap<'a> {
    SkillGap {
        role: role_link(site, &other.slug),
        known: other.profile.is_some(),
        skills: skills_to_add(site, from, to),
    }
}

#[derive(Serialize)]
pub struct Comparison<'a> {
    pub roles: Vec<ComparedRole<'a>>,
    pub shared_skills: Vec<TagLink<'a>>,
    /// The compared roles' salary ranges on one scale, or none when none has a salary.
    pub salary_chart_svg: Option<String>,
}

pub fn comparison<'a>(site: &'a Site, slugs: &'a [String]) -> Option<Comparison<'a>> {
    if slugs.is_empty() {
        return None;
    }
    let roles: Vec<&Role> = slugs
        .iter()
        .filter_map(|s| site.roles.terms.get(s))
        .collect();
    let skills_of = core_skills;
    let shared: Vec<&String> = roles
        .first()
        .map(|first| {
            skills_of(first)
                .iter()
                .filter(|s| roles.iter().all(|r| skills_of(r).contains(s)))
                .collect()
        })
        .unwrap_or_default();
    let compared = roles
        .iter()
        .map(|r| {
            let p = r.profile.as_ref();
            let f = r.role_facts();
            let own = skills_of(r)
                .iter()
                .filter(|s| {
                    roles
                        .iter()
                        .filter(|o| o.slug != r.slug)
                        .all(|o| !skills_of(o).contains(s))
                })
                .map(|s| skill_link(site, s))
                .collect();
            ComparedRole {
                slug: &r.slug,
                title: &r.title,
                url: site.config.url(&site.roles.term_path(&r.slug)),
                summary: p.and_then(|p| p.summary.as_deref()),
                education: f.and_then(|p| p.education.as_deref()),
                salary: f
                    .and_then(|p| p.salary.as_ref())
                    .map(|s| SalaryView::new(s, &site.config.language)),
                skills: skills_of(r).iter().map(|s| skill_link(site, s)).collect(),
                own_skills: own,
                next_roles: f
                    .map(|p| p.next_roles.iter().map(|n| role_link(site, n)).collect())
                    .unwrap_or_default(),
                guide_count: r.guides.len(),
                gaps_from: roles
                    .iter()
                    .filter(|o| o.slug != r.slug)
                    .map(|o| gap(site, o, r, o))
                    .collect(),
            }
        })
        .collect();
    let salaries: Vec<(&str, &Salary)> = roles
        .iter()
        .filter_map(|r| Some((r.title.as_str(), r.role_facts()?.salary.as_ref()?)))
        .collect();
    let salary_chart_svg = (!salaries.is_empty()).then(|| {
        crate::render::salary_chart::salary_comparison_svg(&salaries, &site.config.language)
    });
    Some(Comparison {
        salary_chart_svg,
        roles: compared,
        shared_skills: shared.into_iter().map(|s| skill_link(site, s)).collect(),
    })
}

/// A guide page's own fields. The renderer adds the guide's summary fields beside them
/// and its related guides, from values it makes once per guide.

#[derive(Serialize)]
pub struct RelatedRole<'a> {
    #[serde(flatten)]
    pub link: TagLink<'a>,
    pub shared_guides: usize,
}

#[derive(Serialize)]
pub struct RoleView<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    pub summary: Option<&'a str>,
    pub content: std::borrow::Cow<'a, str>,
    pub has_profile: bool,
    pub aliases: &'a [String],
    pub education: Option<&'a str>,
    pub salary: Option<SalaryView<'a>>,
    pub skills: Vec<TagLink<'a>>,
    pub previous_roles: Vec<TagLink<'a>>,
    pub next_roles: Vec<TagLink<'a>>,
    /// Each next role with the core skills this role lacks.
    pub next_steps: Vec<SkillGap<'a>>,
    pub related_roles: Vec<RelatedRole<'a>>,
    pub extra: &'a serde_json::Value,
    /// Previous roles -> this role -> next roles as an inline SVG, or none.
    pub neighbourhood_svg: Option<String>,
    /// The salary range as an inline SVG, or none.
    pub salary_chart_svg: Option<String>,
}

impl<'a> RoleView<'a> {
    /// `neighbourhood_svg` is the role's place on the career map, drawn by the caller
    /// from a graph it shares between pages.
    pub fn new(site: &'a Site, r: &'a Role, neighbourhood_svg: Option<String>) -> Self {
        let p = r.profile.as_ref();
        let f = r.role_facts();
        let path = site.roles.term_path(&r.slug);
        RoleView {
            slug: &r.slug,
            title: &r.title,
            url: site.config.url(&path),
            permalink: site.config.permalink(&path),
            summary: p.and_then(|p| p.summary.as_deref()),
            content: p.map(|p| p.body.html.read()).unwrap_or_default(),
            has_profile: p.is_some(),
            aliases: p.map(|p| p.aliases.as_slice()).unwrap_or(&[]),
            education: f.and_then(|p| p.education.as_deref()),
            salary: f
                .and_then(|p| p.salary.as_ref())
                .map(|s| SalaryView::new(s, &site.config.language)),
            skills: f
                .map(|p| p.skills.iter().map(|s| skill_link(site, s)).collect())
                .unwrap_or_default(),
            previous_roles: f
                .map(|p| {
                    p.previous_roles
                        .iter()
                        .map(|s| role_link(site, s))
                        .collect()
                })
                .unwrap_or_default(),
            next_roles: f
                .map(|p| p.next_roles.iter().map(|s| role_link(site, s)).collect())
                .unwrap_or_default(),
            next_steps: f
                .map(|p| {
                    p.next_roles
                        .iter()
                        .filter_map(|n| site.roles.terms.get(n))
                        .map(|next| gap(site, r, next, next))
                        .collect()
                })
                .unwrap_or_default(),
            related_roles: r
                .related_roles()
                .iter()
                .map(|(s, n)| RelatedRole {
                    link: role_link(site, s),
                    shared_guides: *n,
                })
                .collect(),
            extra: p.map(|p| &p.extra).unwrap_or(&EMPTY_MAP),
            neighbourhood_svg,
            salary_chart_svg: f.and_then(|p| p.salary.as_ref()).map(|s| {
                crate::render::salary_chart::salary_chart_svg(
                    s,
                    &site.config.language,
                    &format!("{} salary range", r.title),
                )
            }),
        }
    }
}

#[derive(Serialize)]
pub struct SkillView<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    pub summary: Option<&'a str>,
    pub category: Option<&'a str>,
    pub content: std::borrow::Cow<'a, str>,
    pub has_profile: bool,
    pub aliases: &'a [String],
    pub roles: Vec<TagLink<'a>>,
    pub extra: &'a serde_json::Value,
}

impl<'a> SkillView<'a> {
    pub fn new(site: &'a Site, s: &'a Skill) -> Self {
        let p = s.profile.as_ref();
        let f = s.skill_facts();
        let path = site.skills.term_path(&s.slug);
        SkillView {
            slug: &s.slug,
            title: &s.title,
            url: site.config.url(&path),
            permalink: site.config.permalink(&path),
            summary: p.and_then(|p| p.summary.as_deref()),
            category: f.and_then(|p| p.category.as_deref()),
            content: p.map(|p| p.body.html.read()).unwrap_or_default(),
            has_profile: p.is_some(),
            aliases: p.map(|p| p.aliases.as_slice()).unwrap_or(&[]),
            roles: s.needed_by().iter().map(|r| role_link(site, r)).collect(),
            extra: p.map(|p| &p.extra).unwrap_or(&EMPTY_MAP),
        }
    }
}
