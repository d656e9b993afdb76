//! Public career datasets as sources: wage percentiles per occupation and area (BLS OEWS and
//! a simple layout for other countries) and employment projections. Each reader turns one
//! file's text into rows, or into errors at the file, line and column of every bad cell.
//! Nothing here reads files or knows about pages: `source` hands in the text, and the
//! later stages decide what readers see.

mod figures;
mod index;
mod oews;
mod pages;
mod projections;
mod settings;
mod simple;
mod table;
#[cfg(test)]
mod tests;

use std::path::Path;

use crate::error::Diagnostic;

pub use figures::Figure;
pub use index::{Cited, Dataset, Index, Occupation, Source};
pub use oews::{TopCode, is_soc_code};
pub use pages::{AreaChoice, SalaryPage, SiteData};
pub use settings::{
    DatasetConfig, RawDataset, RawSalaryPages, check as check_settings, check_salary_pages,
};

/// The layout of a dataset file, named by `format` in site.toml.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// BLS Occupational Employment and Wage Statistics, as published.
    Oews,
    /// `occupation,area,currency,p10,p25,median,p75,p90,employment`.
    Simple,
    /// `occupation,base_year,base_employment,target_year,target_employment,percent_change,annual_openings`.
    Projections,
}

impl Format {
    pub const NAMES: [&'static str; 3] = ["oews", "simple", "projections"];

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "oews" => Some(Format::Oews),
            "simple" => Some(Format::Simple),
            "projections" => Some(Format::Projections),
            _ => None,
        }
    }
}

/// What kind of place an area is, from OEWS's `AREA_TYPE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AreaKind {
    National,
    State,
    Territory,
    Metro,
    NonMetro,
    /// An area in a `simple` dataset: a country, region or city as its publisher names it.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Area {
    /// The publisher's code (`06` for California in OEWS), or the title where there is none.
    pub code: String,
    pub title: String,
    pub kind: AreaKind,
    /// Two-letter state abbreviations (`CA`, or `NY-NJ-PA` for a metro across states).
    pub state: Option<String>,
}

/// The 10th, 25th, 50th, 75th and 90th percentiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percentiles {
    pub p10: Figure,
    pub p25: Figure,
    pub median: Figure,
    pub p75: Figure,
    pub p90: Figure,
}

/// Wages for one occupation in one area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wages {
    pub occupation: String,
    pub occupation_title: Option<String>,
    pub area: Area,
    /// ISO 4217: `USD` for OEWS.
    pub currency: String,
    pub employment: Figure,
    /// Yearly amounts in whole currency units; unavailable for hourly-only occupations.
    pub annual: Percentiles,
    pub annual_mean: Figure,
    /// Hourly amounts in hundredths (cents); unavailable for annual-only occupations.
    pub hourly: Percentiles,
    /// The dataset's line, for errors and warnings about this row.
    pub line: usize,
}

/// Projected employment for one occupation.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    pub occupation: String,
    pub occupation_title: Option<String>,
    pub base_year: i32,
    pub base_employment: u64,
    pub target_year: i32,
    pub target_employment: u64,
    pub percent_change: f64,
    pub annual_openings: u64,
    pub line: usize,
}

/// What one dataset file holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Rows {
    Wages(Vec<Wages>),
    Projections(Vec<Projection>),
}

/// Reads one dataset file's text. Every bad row or cell is reported, not only the first.
/// `top` is what OEWS's `#` stands for in this file's period.
pub fn read(
    format: Format,
    file: &Path,
    text: &str,
    top: TopCode,
) -> Result<Rows, Vec<Diagnostic>> {
    let table = table::Table::read(file, text)?;
    let rows = match format {
        Format::Oews => oews::read(&table, top).map(Rows::Wages),
        Format::Simple => simple::read(&table).map(Rows::Wages),
        Format::Projections => projections::read(&table).map(Rows::Projections),
    };
    rows.map_err(|mut errors| {
        errors.sort_by_key(|d| (d.line, d.column));
        errors
    })
}

/// Reads each row that `each` takes (`None`: a row the format skips), gathering every row's
/// errors and then the duplicates, so one run reports everything wrong with the file.
/// A full OEWS file has 40,000 rows: while the rows of one chunk are read on every core,
/// the next chunk's CSV is read beside them; the rows are gathered in file order.
fn wage_rows(
    table: &table::Table,
    each: impl Fn(&table::Row) -> Option<Result<Wages, Vec<Diagnostic>>> + Sync,
) -> Result<Vec<Wages>, Vec<Diagnostic>> {
    use rayon::prelude::*;
    let mut reader = table.rows();
    let (mut chunk, mut next) = (Vec::new(), Vec::new());
    reader.fill(&mut chunk);
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    while !chunk.is_empty() {
        let (read, _) = rayon::join(
            || chunk.par_iter().map(&each).collect::<Vec<_>>(),
            || reader.fill(&mut next),
        );
        for row in read {
            match row {
                Some(Ok(w)) => rows.push(w),
                Some(Err(e)) => errors.extend(e),
                None => {}
            }
        }
        std::mem::swap(&mut chunk, &mut next);
    }
    errors.append(&mut reader.errors);
    duplicates(table.file, &rows, &mut errors);
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// Two rows for the same occupation and area: the second is an error naming the first's line.
fn duplicates(file: &Path, rows: &[Wages], errors: &mut Vec<Diagnostic>) {
    // foldhash: SipHash's resistance to chosen keys buys nothing against a file the site's
    // own writer chose, and it was a tenth of reading a 40,000-row file.
    let mut seen = std::collections::HashMap::with_capacity_and_hasher(
        rows.len(),
        foldhash::fast::FixedState::default(),
    );
    for r in rows {
        let key = (r.occupation.as_str(), r.area.code.as_str());
        if let Some(first) = seen.insert(key, r.line) {
            errors.push(
                Diagnostic::error(
                    file.to_path_buf(),
                    format!(
                        "occupation `{}` in {} appears twice (first on line {first})",
                        r.occupation, r.area.title
                    ),
                )
                .at(r.line, 1)
                .hint("keep one row per occupation and area"),
            );
        }
    }
}

/// Reads every dataset site.toml names from the texts `source` read (none where reading
/// failed, already reported), into one index.
pub fn load(
    configs: &[DatasetConfig],
    texts: Vec<Option<String>>,
) -> Result<Index, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut datasets = Vec::with_capacity(configs.len());
    for (config, text) in configs.iter().zip(texts) {
        let Some(text) = text else { continue };
        match read(config.format, &config.file, &text, config.top_code) {
            Ok(rows) => datasets.push(Dataset {
                source: Source {
                    file: config.file.clone(),
                    name: config.source.clone(),
                    url: config.url.clone(),
                    period: config.period.clone(),
                },
                rows,
            }),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(Index::new(datasets))
    } else {
        Err(errors)
    }
}
