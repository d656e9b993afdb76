//! The role cards the built-in role shortcodes show, made from the role profiles and the
//! datasets before any body is rendered: a card holds what a role page leads with (title,
//! summary, salary with its source and period, core skills), in the same views role pages
//! use, so a figure reads alike in a guide and on its role page.

use serde::Serialize;

use crate::config::Config;
use crate::datasets::Index;
use crate::model::Salary;
use crate::parse::Doc;
use crate::render::views::SalaryView;
use crate::shortcode::RoleCards;

#[derive(Serialize)]
struct Card<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    summary: Option<&'a str>,
    education: Option<&'a str>,
    salary: Option<SalaryCard<'a>>,
    skills: Vec<SkillLink>,
}

/// A salary with where it comes from: `period` is the dataset's ("May 2024") or the
/// written figure's year.
#[derive(Serialize)]
struct SalaryCard<'a> {
    #[serde(flatten)]
    figures: SalaryView<'a>,
    source_period: String,
    source_url: Option<&'a str>,
    from_data: bool,
}

#[derive(Serialize)]
struct SkillLink {
    slug: String,
    title: String,
    url: String,
}

/// Every role profile's card.
pub fn role_cards(config: &Config, docs: &[&Doc], datasets: &Index) -> RoleCards {
    let skill_titles: std::collections::HashMap<&str, &str> = docs
        .iter()
        .filter_map(|d| match d {
            Doc::Skill(p) => Some((p.front.slug.as_str(), p.front.title.as_str())),
            _ => None,
        })
        .collect();
    let mut cards = RoleCards::default();
    for doc in docs {
        let Doc::Role(p) = doc else { continue };
        let r = &p.front;
        let occupation = r.soc.first().and_then(|(c, _)| datasets.occupation(c));
        let national = occupation.as_ref().and_then(|o| o.national);
        let derived: Option<Salary> = occupation
            .as_ref()
            .and_then(crate::link::occupations::salary_of);
        let (salary, from_data) = match (&r.salary, &derived) {
            (Some(s), _) => (Some(s), false),
            (None, Some(d)) => (Some(d), true),
            (None, None) => (None, false),
        };
        let salary = salary.map(|s| SalaryCard {
            figures: SalaryView::new(s, &config.language),
            source_period: match (&national, from_data) {
                (Some(n), true) => n.source.period.clone(),
                _ => s.year.to_string(),
            },
            source_url: national
                .as_ref()
                .filter(|_| from_data)
                .and_then(|n| n.source.url.as_deref()),
            from_data,
        });
        let skills = r
            .skills
            .iter()
            .map(|(s, _)| {
                let slug = crate::slug::slugify(s);
                let title = skill_titles
                    .get(slug.as_str())
                    .map_or_else(|| crate::slug::title_from_slug(&slug), |t| t.to_string());
                let url = config.url(&format!("{}skills/{slug}/", config.lang_path));
                SkillLink { slug, title, url }
            })
            .collect();
        let card = Card {
            slug: &r.slug,
            title: &r.title,
            url: config.url(&format!("{}roles/{}/", config.lang_path, r.slug)),
            summary: r.summary.as_deref(),
            education: r.education.as_deref(),
            salary,
            skills,
        };
        let value = serde_json::to_value(&card).unwrap_or_default();
        let mut names: Vec<&str> = vec![r.title.as_str()];
        names.extend(r.aliases.iter().map(|(a, _)| a.as_str()));
        cards.insert(&r.slug, value, &names);
    }
    cards
}
