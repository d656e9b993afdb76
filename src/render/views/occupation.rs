//! What a role page sees of its occupation in the site's datasets: wage percentiles with
//! their words ("at least $239,200" for a top-coded figure, nothing for an unpublished one),
//! employment, outlook, the areas that pay most and employ most, and the sources to cite.

use serde::Serialize;

use super::money;
use crate::datasets::{
    AreaKind, Cited, Figure, Occupation, Percentiles, Projection, Source, Wages,
};
use crate::slug::slugify;

/// How many areas each ranking lists.
const TOP_AREAS: usize = 10;

#[derive(Serialize)]
pub struct OccupationView<'a> {
    pub code: &'a str,
    pub title: Option<&'a str>,
    pub national: Option<WagesView<'a>>,
    pub outlook: Option<OutlookView<'a>>,
    /// States and territories with the highest yearly median, highest first.
    pub top_paying: Vec<WagesView<'a>>,
    /// States and territories with the most jobs, most first.
    pub most_jobs: Vec<WagesView<'a>>,
    /// Every area with figures, as the datasets list them.
    pub areas: Vec<WagesView<'a>>,
}

#[derive(Serialize)]
pub struct WagesView<'a> {
    pub area: &'a str,
    pub area_slug: String,
    /// `national`, `state`, `territory`, `metro`, `nonmetro` or `other`.
    pub area_kind: &'static str,
    pub currency: &'a str,
    pub employment: Option<u64>,
    pub employment_display: Option<String>,
    /// The 10th, 25th, 50th, 75th and 90th percentiles of yearly pay, where published.
    pub annual: Vec<PercentileView>,
    /// The same per hour, for occupations paid by the hour.
    pub hourly: Vec<PercentileView>,
    pub median_display: Option<String>,
    /// One row per published percentile: its name and the yearly and hourly figures.
    pub rows: Vec<PercentileRow>,
    pub source: &'a Source,
}

#[derive(Serialize)]
pub struct PercentileRow {
    /// "10th percentile", "Median", …
    pub label: &'static str,
    pub annual: Option<String>,
    pub hourly: Option<String>,
}

#[derive(Serialize)]
pub struct PercentileView {
    /// 10, 25, 50, 75 or 90.
    pub percentile: u8,
    /// Whole units a year, or hundredths an hour; the top code where `at_least`.
    pub amount: u64,
    pub at_least: bool,
    /// "$132,270", or "at least $239,200".
    pub display: String,
}

#[derive(Serialize)]
pub struct OutlookView<'a> {
    pub base_year: i32,
    pub target_year: i32,
    pub base_employment: u64,
    pub target_employment: u64,
    pub percent_change: f64,
    /// "+17.9%" or "-3.2%".
    pub percent_display: String,
    pub annual_openings: u64,
    pub annual_openings_display: String,
    pub source: &'a Source,
}

impl<'a> OccupationView<'a> {
    pub fn new(o: &'a Occupation<'a>, language: &str) -> Self {
        let wages = |c: &Cited<'a, Wages>| WagesView::new(*c, language);
        let states: Vec<&Cited<'a, Wages>> = o
            .areas
            .iter()
            .filter(|c| matches!(c.row.area.kind, AreaKind::State | AreaKind::Territory))
            .collect();
        let mut top_paying: Vec<&Cited<'a, Wages>> = states
            .iter()
            .copied()
            .filter(|c| c.row.annual.median.value().is_some())
            .collect();
        top_paying.sort_by_key(|c| std::cmp::Reverse(c.row.annual.median.value()));
        let mut most_jobs: Vec<&Cited<'a, Wages>> = states
            .iter()
            .copied()
            .filter(|c| c.row.employment.value().is_some())
            .collect();
        most_jobs.sort_by_key(|c| std::cmp::Reverse(c.row.employment.value()));
        OccupationView {
            code: &o.code,
            title: o.title,
            national: o.national.as_ref().map(wages),
            outlook: o.outlook.map(|p| OutlookView::new(p, language)),
            top_paying: top_paying.into_iter().take(TOP_AREAS).map(wages).collect(),
            most_jobs: most_jobs.into_iter().take(TOP_AREAS).map(wages).collect(),
            areas: o.areas.iter().map(wages).collect(),
        }
    }
}

impl<'a> WagesView<'a> {
    pub fn new(c: Cited<'a, Wages>, language: &str) -> Self {
        let w = c.row;
        let annual = percentiles(&w.annual, |v| money(v, &w.currency, language));
        let hourly = percentiles(&w.hourly, |v| money_cents(v, &w.currency, language));
        let median_display = annual
            .iter()
            .chain(&hourly)
            .find(|p| p.percentile == 50)
            .map(|p| p.display.clone());
        let shown = |list: &[PercentileView], at: u8| {
            list.iter()
                .find(|p| p.percentile == at)
                .map(|p| p.display.clone())
        };
        let rows = [
            (10, "10th percentile"),
            (25, "25th percentile"),
            (50, "Median"),
            (75, "75th percentile"),
            (90, "90th percentile"),
        ]
        .into_iter()
        .map(|(at, label)| PercentileRow {
            label,
            annual: shown(&annual, at),
            hourly: shown(&hourly, at),
        })
        .filter(|r| r.annual.is_some() || r.hourly.is_some())
        .collect();
        WagesView {
            rows,
            area: &w.area.title,
            area_slug: slugify(&w.area.title),
            area_kind: kind_name(w.area.kind),
            currency: &w.currency,
            employment: w.employment.value(),
            employment_display: w.employment.value().map(|e| count(e, language)),
            annual,
            hourly,
            median_display,
            source: c.source,
        }
    }
}

impl<'a> OutlookView<'a> {
    fn new(c: Cited<'a, Projection>, language: &str) -> Self {
        let p = c.row;
        OutlookView {
            base_year: p.base_year,
            target_year: p.target_year,
            base_employment: p.base_employment,
            target_employment: p.target_employment,
            percent_change: p.percent_change,
            percent_display: format!("{:+.1}%", p.percent_change),
            annual_openings: p.annual_openings,
            annual_openings_display: count(p.annual_openings, language),
            source: c.source,
        }
    }
}

fn percentiles(p: &Percentiles, show: impl Fn(u64) -> String) -> Vec<PercentileView> {
    [
        (10, p.p10),
        (25, p.p25),
        (50, p.median),
        (75, p.p75),
        (90, p.p90),
    ]
    .into_iter()
    .filter_map(|(percentile, figure)| {
        let (amount, at_least) = match figure {
            Figure::Value(v) => (v, false),
            Figure::AtLeast(v) => (v, true),
            Figure::Unavailable => return None,
        };
        let shown = show(amount);
        Some(PercentileView {
            percentile,
            amount,
            at_least,
            display: if at_least {
                format!("at least {shown}")
            } else {
                shown
            },
        })
    })
    .collect()
}

/// What templates call a kind of area: `state`, `metro`, …
pub fn kind_name(kind: AreaKind) -> &'static str {
    match kind {
        AreaKind::National => "national",
        AreaKind::State => "state",
        AreaKind::Territory => "territory",
        AreaKind::Metro => "metro",
        AreaKind::NonMetro => "nonmetro",
        AreaKind::Other => "other",
    }
}

/// A count with the language's thousands separator: "1,654,440".
fn count(n: u64, language: &str) -> String {
    money(n, "XXX", language)
        .replace("XXX", "")
        .trim()
        .to_string()
}

/// An hourly amount in hundredths: "$48.13".
fn money_cents(cents: u64, currency: &str, language: &str) -> String {
    let whole = money(cents / 100, currency, language);
    // The decimal mark is whichever of `.` and `,` the language does not group thousands with.
    let grouped = money(1000, "", language);
    let decimal = if grouped.contains(',') { '.' } else { ',' };
    let fraction = format!("{decimal}{:02}", cents % 100);
    // The fraction goes after the last digit, before a symbol written after the amount.
    match whole.rfind(|c: char| c.is_ascii_digit()) {
        Some(i) => format!("{}{fraction}{}", &whole[..=i], &whole[i + 1..]),
        None => whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hourly_amounts_and_counts_use_the_language_marks() {
        assert_eq!(money_cents(4813, "USD", "en"), "$48.13");
        assert_eq!(money_cents(123_405, "EUR", "de"), "1.234,05\u{a0}€");
        assert_eq!(count(1_654_440, "en"), "1,654,440");
    }
}
