//! Role and skill profiles: `content/roles/<slug>.md` and `content/skills/<slug>.md`. Their
//! common part (title, aliases, summary, extra) is what every taxonomy's profiles have;
//! roles add salary, education, skills and career-path edges, skills a category.

use serde::Deserialize;

use super::check::{FileCheck, blank_as_empty};
use super::empty_map;
use crate::error::Diagnostic;
use crate::model::Salary;
use crate::text::format::{Format, deserialize};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    #[serde(deserialize_with = "blank_as_empty")]
    title: String,
    #[serde(default)]
    aliases: Vec<String>,
    summary: Option<String>,
    #[serde(default)]
    skills: Vec<String>,
    education: Option<String>,
    salary: Option<Salary>,
    /// The occupation code(s) in the site's datasets: `"15-1252"` or a list.
    soc: Option<OneOrMany>,
    /// Why the role maps to these occupations, for readers.
    soc_note: Option<String>,
    #[serde(default)]
    next_roles: Vec<String>,
    #[serde(default)]
    previous_roles: Vec<String>,
    extra: Option<serde_json::Value>,
}

/// One value or a list of them, as writers write either.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct RoleFront {
    pub slug: String,
    pub title: String,
    pub aliases: Vec<(String, usize)>,
    pub summary: Option<String>,
    pub skills: Vec<(String, usize)>,
    pub education: Option<String>,
    pub salary: Option<Salary>,
    /// Occupation codes with the line each is written on.
    pub soc: Vec<(String, usize)>,
    pub soc_note: Option<String>,
    pub next_roles: Vec<(String, usize)>,
    pub previous_roles: Vec<(String, usize)>,
    pub extra: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSkill {
    #[serde(deserialize_with = "blank_as_empty")]
    title: String,
    #[serde(default)]
    aliases: Vec<String>,
    summary: Option<String>,
    category: Option<String>,
    extra: Option<serde_json::Value>,
}

#[derive(Debug, Clone)]
pub struct SkillFront {
    pub slug: String,
    pub title: String,
    pub aliases: Vec<(String, usize)>,
    pub summary: Option<String>,
    pub category: Option<String>,
    pub extra: serde_json::Value,
}

pub(super) fn role(
    check: &mut FileCheck<'_>,
    format: Format,
    stem: &str,
) -> Result<RoleFront, Vec<Diagnostic>> {
    let raw: RawRole = deserialize(format, check.front_matter, check.file, check.first_line)
        .map_err(|d| vec![d])?;
    check.slug("title", stem);
    check.title(&raw.title, "role");
    let front = RoleFront {
        slug: stem.to_string(),
        title: raw.title.trim().to_string(),
        aliases: check.tags("aliases", &raw.aliases),
        summary: raw.summary,
        skills: check.tags("skills", &raw.skills),
        education: raw.education,
        salary: raw.salary,
        soc: {
            let line = check.line_of("soc");
            let codes = match raw.soc {
                None => Vec::new(),
                Some(OneOrMany::One(c)) => vec![c],
                Some(OneOrMany::Many(c)) => c,
            };
            codes
                .into_iter()
                .map(|c| (c.trim().to_string(), line))
                .filter(|(c, _)| !c.is_empty())
                .collect()
        },
        soc_note: raw.soc_note.filter(|n| !n.trim().is_empty()),
        next_roles: check.tags("next_roles", &raw.next_roles),
        previous_roles: check.tags("previous_roles", &raw.previous_roles),
        extra: raw.extra.unwrap_or_else(empty_map),
    };
    if let Some(s) = &front.salary
        && !(s.low <= s.median && s.median <= s.high)
    {
        check.error(
            "salary",
            format!(
                "salary figures are out of order: low {} median {} high {}",
                s.low, s.median, s.high
            ),
            "low <= median <= high",
        );
    }
    Ok(front)
}

pub(super) fn skill(
    check: &mut FileCheck<'_>,
    format: Format,
    stem: &str,
) -> Result<SkillFront, Vec<Diagnostic>> {
    let raw: RawSkill = deserialize(format, check.front_matter, check.file, check.first_line)
        .map_err(|d| vec![d])?;
    check.slug("title", stem);
    check.title(&raw.title, "skill");
    Ok(SkillFront {
        slug: stem.to_string(),
        title: raw.title.trim().to_string(),
        aliases: check.tags("aliases", &raw.aliases),
        summary: raw.summary,
        category: raw.category.filter(|c| !c.trim().is_empty()),
        extra: raw.extra.unwrap_or_else(empty_map),
    })
}
