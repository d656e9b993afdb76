//! The site's datasets together, looked up by occupation code: what a role's page shows
//! nationally and per area, and what a mistyped code was meant to be. Each figure keeps the
//! dataset it came from, so pages always name their source and period beside it.

use std::collections::HashMap;
use std::path::PathBuf;

use super::{AreaKind, Projection, Rows, Wages};
use crate::error::did_you_mean;
use crate::slug::slugify;

/// Where a dataset's figures come from, as site.toml names it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Source {
    #[serde(skip)]
    pub file: PathBuf,
    pub name: String,
    pub url: Option<String>,
    pub period: String,
}

#[derive(Debug, Clone)]
pub struct Dataset {
    pub source: Source,
    pub rows: Rows,
}

/// A figure's row and the dataset it came from.
#[derive(Debug)]
pub struct Cited<'a, T> {
    pub row: &'a T,
    pub source: &'a Source,
}

// Written out because the derives would ask `T: Copy` of the row a reference points to.
impl<T> Clone for Cited<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Cited<'_, T> {}

/// Every dataset, with each occupation's rows found in one step.
#[derive(Debug, Default)]
pub struct Index {
    datasets: Vec<Dataset>,
    /// Occupation code -> (dataset, row) of each wage row, in dataset order then file order.
    wages: Codes<Vec<(usize, usize)>>,
    projections: Codes<(usize, usize)>,
}

/// foldhash rather than SipHash: the keys are the site's own occupation codes, looked up
/// once per row of every dataset when the index is made, and on every role and salary page.
type Codes<V> = HashMap<String, V, foldhash::fast::FixedState>;

/// One occupation's figures across the datasets.
#[derive(Debug)]
pub struct Occupation<'a> {
    pub code: String,
    pub title: Option<&'a str>,
    /// The first dataset's national row: the figure a role page leads with.
    pub national: Option<Cited<'a, Wages>>,
    /// Rows for states, territories, metro and other areas, as the datasets list them.
    pub areas: Vec<Cited<'a, Wages>>,
    pub outlook: Option<Cited<'a, Projection>>,
}

impl Index {
    /// An earlier dataset wins where two give the same occupation's projection; wage rows of
    /// every dataset are kept (a national file and a states file side by side).
    pub fn new(datasets: Vec<Dataset>) -> Self {
        let mut index = Index::default();
        for (d, dataset) in datasets.iter().enumerate() {
            match &dataset.rows {
                Rows::Wages(rows) => {
                    for (r, row) in rows.iter().enumerate() {
                        // Most rows' codes are keys already: copy a code only the first time it is seen.
                        match index.wages.get_mut(&row.occupation) {
                            Some(at) => at.push((d, r)),
                            None => {
                                index.wages.insert(row.occupation.clone(), vec![(d, r)]);
                            }
                        }
                    }
                }
                Rows::Projections(rows) => {
                    for (r, row) in rows.iter().enumerate() {
                        index
                            .projections
                            .entry(row.occupation.clone())
                            .or_insert((d, r));
                    }
                }
            }
        }
        index.datasets = datasets;
        index
    }

    pub fn is_empty(&self) -> bool {
        self.datasets.is_empty()
    }

    pub fn datasets(&self) -> &[Dataset] {
        &self.datasets
    }

    pub fn knows(&self, code: &str) -> bool {
        self.wages.contains_key(code) || self.projections.contains_key(code)
    }

    /// The code a writer most likely meant: the nearest code, or the code of the occupation
    /// whose title is nearest (`soc: software developers`).
    pub fn suggest(&self, wrong: &str) -> Option<(String, String)> {
        let titled: Vec<(&str, &str)> = self
            .occupations()
            .filter_map(|code| Some((code, self.occupation(code)?.title?)))
            .collect();
        let codes = titled.iter().map(|(c, _)| *c);
        if let Some(code) = did_you_mean(wrong, codes) {
            let title = titled.iter().find(|(c, _)| *c == code).map(|(_, t)| *t);
            return Some((code.to_string(), title.unwrap_or("").to_string()));
        }
        let slug = slugify(wrong);
        let slugs: Vec<(String, &str, &str)> =
            titled.iter().map(|(c, t)| (slugify(t), *c, *t)).collect();
        let best = did_you_mean(&slug, slugs.iter().map(|(s, _, _)| s.as_str()))?;
        let (_, code, title) = slugs.iter().find(|(s, _, _)| s == best)?;
        Some((code.to_string(), title.to_string()))
    }

    /// Every occupation code, sorted.
    pub fn occupations(&self) -> impl Iterator<Item = &str> {
        let mut codes: Vec<&str> = self
            .wages
            .keys()
            .chain(self.projections.keys())
            .map(String::as_str)
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes.into_iter()
    }

    pub fn occupation(&self, code: &str) -> Option<Occupation<'_>> {
        let rows: Vec<Cited<'_, Wages>> = self
            .wages
            .get(code)
            .into_iter()
            .flatten()
            .filter_map(|&(d, r)| self.wage(d, r))
            .collect();
        let outlook = self
            .projections
            .get(code)
            .and_then(|&(d, r)| self.projection(d, r));
        if rows.is_empty() && outlook.is_none() {
            return None;
        }
        let title = rows
            .iter()
            .find_map(|c| c.row.occupation_title.as_deref())
            .or_else(|| outlook.and_then(|o| o.row.occupation_title.as_deref()));
        let national = rows
            .iter()
            .find(|c| c.row.area.kind == AreaKind::National)
            .copied();
        let areas = rows
            .into_iter()
            .filter(|c| c.row.area.kind != AreaKind::National)
            .collect();
        Some(Occupation {
            code: code.to_string(),
            title,
            national,
            areas,
            outlook,
        })
    }

    fn wage(&self, d: usize, r: usize) -> Option<Cited<'_, Wages>> {
        let dataset = self.datasets.get(d)?;
        match &dataset.rows {
            Rows::Wages(rows) => Some(Cited {
                row: rows.get(r)?,
                source: &dataset.source,
            }),
            Rows::Projections(_) => None,
        }
    }

    fn projection(&self, d: usize, r: usize) -> Option<Cited<'_, Projection>> {
        let dataset = self.datasets.get(d)?;
        match &dataset.rows {
            Rows::Projections(rows) => Some(Cited {
                row: rows.get(r)?,
                source: &dataset.source,
            }),
            Rows::Wages(_) => None,
        }
    }
}
