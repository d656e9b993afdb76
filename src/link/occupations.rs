//! Roles that name their occupation (`soc:` in a role profile) take their figures from the
//! site's datasets: a code no dataset has is an error with the nearest code or title, a role
//! without a written `salary` shows the dataset's 10th, 50th and 90th percentiles, and a
//! written one that strays far from the dataset is a warning, so a guide and its role page
//! never quote two medians without the writer knowing. Here too the salary pages per role
//! and area are chosen, so every stage after this one lists the same pages.

use std::sync::Arc;

use crate::datasets::{Area, Figure, Index, Occupation, SalaryPage, SiteData, Wages};
use crate::error::Diagnostic;
use crate::model::{ProfileFacts, RoleFacts, Salary, Site};
use crate::slug::slugify;

/// How far a written median may stray from the dataset's before `check` says so.
pub const SALARY_TOLERANCE_PERCENT: u64 = 10;

/// Gives every role its dataset figures and puts the datasets in the model for the render
/// stage. Returns errors and warnings.
pub fn apply(site: &mut Site, index: Arc<Index>) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    for term in site.roles.terms.values_mut() {
        let Some(profile) = term.profile.as_mut() else {
            continue;
        };
        let ProfileFacts::Role(facts) = &mut profile.facts else {
            continue;
        };
        let file = profile.source.clone();
        for code in &facts.soc {
            if !index.knows(code) {
                errors.push(unknown_code(&index, &file, facts.soc_line, code));
            }
        }
        let Some(occupation) = facts.soc.first().and_then(|c| index.occupation(c)) else {
            continue;
        };
        let Some(derived) = salary_of(&occupation) else {
            continue;
        };
        match &facts.salary {
            None => {
                facts.salary = Some(derived);
                facts.salary_from_data = true;
            }
            Some(written) => {
                if let Some(w) = strays(written, &derived, &file, facts) {
                    warnings.push(w);
                }
            }
        }
    }
    let salary_pages = salary_pages(site, &index);
    site.datasets = SiteData {
        index,
        salary_pages,
    };
    (errors, warnings)
}

/// A page for each role and each area of the kinds site.toml asks for where one of the
/// role's occupations has a published figure, sorted by role then area slug. Two areas
/// with the same name (a metro and a state) keep apart by their code.
fn salary_pages(site: &Site, index: &Index) -> Vec<SalaryPage> {
    let choices = &site.config.salary_pages;
    if choices.is_empty() || index.is_empty() {
        return Vec::new();
    }
    let mut pages = Vec::new();
    for (slug, role) in &site.roles.terms {
        let Some(facts) = role.role_facts() else {
            continue;
        };
        let mut areas: Vec<&Area> = Vec::new();
        for o in facts.soc.iter().filter_map(|c| index.occupation(c)) {
            for c in &o.areas {
                let area = &c.row.area;
                let wanted = choices.iter().any(|ch| ch.takes(area.kind));
                if wanted && has_figures(c.row) && !areas.iter().any(|a| a.code == area.code) {
                    areas.push(area);
                }
            }
        }
        let first = pages.len();
        for area in areas {
            let mut area_slug = slugify(&area.title);
            let taken = |s: &str| pages[first..].iter().any(|p: &SalaryPage| p.area_slug == s);
            if area_slug.is_empty() || taken(&area_slug) {
                area_slug = format!("{area_slug}-{}", slugify(&area.code))
                    .trim_start_matches('-')
                    .to_string();
            }
            pages.push(SalaryPage {
                role: slug.clone(),
                path: format!("{}salary/{area_slug}", site.roles.term_path(slug)),
                title: format!("{} pay in {}", role.title, area.title),
                area: area.clone(),
                area_slug,
            });
        }
        pages[first..].sort_by(|a, b| a.area_slug.cmp(&b.area_slug));
    }
    pages
}

/// Whether a row publishes anything a page can show: a percentile or the employment.
fn has_figures(w: &Wages) -> bool {
    let any = |p: &crate::datasets::Percentiles| {
        [p.p10, p.p25, p.median, p.p75, p.p90]
            .iter()
            .any(|f| f.value().is_some())
    };
    any(&w.annual) || any(&w.hourly) || w.employment.value().is_some()
}

fn unknown_code(index: &Index, file: &std::path::Path, line: usize, code: &str) -> Diagnostic {
    let hint = if index.is_empty() {
        "name the dataset that has it with a [[salary_data]] table in site.toml".to_string()
    } else {
        match index.suggest(code) {
            Some((near, title)) => format!("did you mean `{near}` ({title})?"),
            None => "check the code against the dataset, or remove `soc`".to_string(),
        }
    };
    Diagnostic::error(
        file.to_path_buf(),
        format!("occupation `{code}` is in none of the site's datasets"),
    )
    .at_line(line.max(1))
    .hint(hint)
}

/// The national yearly 10th, 50th and 90th percentiles, where all three are published.
pub fn salary_of(o: &Occupation<'_>) -> Option<Salary> {
    let national = o.national?;
    let w = national.row;
    let value = |f: Figure| f.value();
    Some(Salary {
        currency: w.currency.clone(),
        low: value(w.annual.p10)?,
        median: value(w.annual.median)?,
        high: value(w.annual.p90)?,
        period: "year".into(),
        source: national.source.name.clone(),
        year: year_of(&national.source.period)?,
    })
}

/// The year a period names: `May 2024` -> 2024.
fn year_of(period: &str) -> Option<i32> {
    period
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .next_back()
}

fn strays(
    written: &Salary,
    data: &Salary,
    file: &std::path::Path,
    facts: &RoleFacts,
) -> Option<Diagnostic> {
    if written.currency != data.currency || written.period != data.period {
        return None;
    }
    let gap = written.median.abs_diff(data.median);
    if gap * 100 <= data.median * SALARY_TOLERANCE_PERCENT {
        return None;
    }
    let line =
        crate::text::frontmatter::key_line(&facts.front_matter, "salary").map_or(1, |l| l + 1);
    Some(
        Diagnostic::warning(
            file.to_path_buf(),
            format!(
                "the written median salary {} differs from {}'s {} ({}) by more than {SALARY_TOLERANCE_PERCENT}%",
                written.median, data.source, data.median, data.year
            ),
        )
        .at_line(line)
        .hint("update the figure, or remove `salary` to show the dataset's"),
    )
}
