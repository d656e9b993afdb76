//! Roles that name their occupation (`soc:` in a role profile) take their figures from the
//! site's datasets: a code no dataset has is an error with the nearest code or title, a role
//! without a written `salary` shows the dataset's 10th, 50th and 90th percentiles, and a
//! written one that strays far from the dataset is a warning, so a guide and its role page
//! never quote two medians without the writer knowing.

use std::sync::Arc;

use crate::datasets::{Figure, Index, Occupation};
use crate::error::Diagnostic;
use crate::model::{ProfileFacts, RoleFacts, Salary, Site};

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
    site.datasets = index;
    (errors, warnings)
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
