//! `[[salary_data]]` tables in site.toml: which dataset files a site reads, in which layout,
//! and the source, link and period every page shows beside their figures.

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use super::{AreaChoice, Format, TopCode};
use crate::error::Diagnostic;

/// One `[[salary_data]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDataset {
    file: toml::Spanned<String>,
    format: toml::Spanned<String>,
    source: String,
    url: Option<String>,
    period: String,
    /// What OEWS's `#` stands for in this file, when it is not BLS's current top code.
    top_coded_annual: Option<u64>,
    top_coded_hourly: Option<f64>,
}

/// A dataset the site reads.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetConfig {
    /// Relative to the site root, inside it: `data/oews-national-2024.csv`.
    pub file: PathBuf,
    pub format: Format,
    pub source: String,
    pub url: Option<String>,
    pub period: String,
    pub top_code: TopCode,
    /// The line of its `file` in site.toml.
    pub line: usize,
}

/// Checks each table: a known format, and a file under the site's `data/` folder.
pub fn check(
    config_file: &Path,
    text: &str,
    raw: Vec<RawDataset>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<DatasetConfig> {
    let line_of = |span: std::ops::Range<usize>| crate::text::format::line_col(text, span.start);
    let mut out: Vec<DatasetConfig> = Vec::with_capacity(raw.len());
    for d in raw {
        let (line, _) = line_of(d.file.span());
        let (format_line, format_col) = line_of(d.format.span());
        let format = Format::from_name(d.format.get_ref());
        if format.is_none() {
            errors.push(
                Diagnostic::error(
                    config_file.to_path_buf(),
                    format!("`{}` is not a dataset format", d.format.get_ref()),
                )
                .at(format_line, format_col)
                .hint(format!("use one of {}", Format::NAMES.join(", "))),
            );
        }
        let file = PathBuf::from(d.file.into_inner());
        // Under `data/`, where the watcher looks for changes.
        let inside = file.starts_with("data")
            && file.components().count() > 1
            && file
                .components()
                .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if !inside {
            errors.push(
                Diagnostic::error(
                    config_file.to_path_buf(),
                    format!("dataset file `{}` is not under `data/`", file.display()),
                )
                .at_line(line)
                .hint("put the file under `data/` and write its path from the site's folder, such as `data/oews-national-2024.csv`"),
            );
        } else if let Some(first) = out.iter().find(|o| o.file == file) {
            errors.push(
                Diagnostic::error(
                    config_file.to_path_buf(),
                    format!("dataset file `{}` is named twice", file.display()),
                )
                .at_line(line)
                .hint(format!(
                    "it is first named on line {}; keep one of them",
                    first.line
                )),
            );
        }
        let defaults = TopCode::default();
        let hourly = d.top_coded_hourly.map(|h| (h * 100.0).round());
        let top_code = TopCode {
            annual: d.top_coded_annual.unwrap_or(defaults.annual),
            hourly_cents: match hourly {
                Some(c) if c.is_finite() && c >= 0.0 && c < u64::MAX as f64 => c as u64,
                _ => defaults.hourly_cents,
            },
        };
        if let (Some(format), true) = (format, inside) {
            out.push(DatasetConfig {
                file,
                format,
                source: d.source,
                url: d.url,
                period: d.period,
                top_code,
                line,
            });
        }
    }
    out
}

/// `salary_pages` as written: one kind of area or a list of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawSalaryPages {
    One(String),
    Many(Vec<String>),
}

/// Checks `salary_pages`: each name one of [`AreaChoice::NAMES`]. Sorted, without repeats.
pub fn check_salary_pages(
    config_file: &Path,
    text: &str,
    raw: Option<toml::Spanned<RawSalaryPages>>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<AreaChoice> {
    let Some(raw) = raw else {
        return Vec::new();
    };
    let (line, column) = crate::text::format::line_col(text, raw.span().start);
    let names = match raw.into_inner() {
        RawSalaryPages::One(name) => vec![name],
        RawSalaryPages::Many(names) => names,
    };
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        match AreaChoice::from_name(&name) {
            Some(choice) => out.push(choice),
            None => errors.push(
                Diagnostic::error(
                    config_file.to_path_buf(),
                    format!("`salary_pages` names `{name}`, which is not a kind of area"),
                )
                .at(line, column)
                .hint(format!(
                    "use one of {}, or a list such as [\"states\", \"metros\"]",
                    AreaChoice::NAMES.join(", ")
                )),
            ),
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}
