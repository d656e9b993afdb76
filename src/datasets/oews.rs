//! BLS Occupational Employment and Wage Statistics files in the layout BLS publishes them
//! (the national, state, metro and all-data files, saved as CSV), with its special values.

use super::figures::{self, Figure, NotAFigure};
use super::table::{Row, Table};
use super::{Area, AreaKind, Percentiles, Wages, wage_rows};
use crate::error::Diagnostic;

/// What `#` stands for: BLS top-codes wages at $239,200 a year and $115.00 an hour in its
/// May 2023 and May 2024 releases (OEWS technical notes); site.toml can say otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopCode {
    pub annual: u64,
    pub hourly_cents: u64,
}

impl Default for TopCode {
    fn default() -> Self {
        TopCode {
            annual: 239_200,
            hourly_cents: 11_500,
        }
    }
}

const REQUIRED: [&str; 9] = [
    "OCC_CODE",
    "OCC_TITLE",
    "TOT_EMP",
    "A_MEAN",
    "A_PCT10",
    "A_PCT25",
    "A_MEDIAN",
    "A_PCT75",
    "A_PCT90",
];
const HOURLY: [&str; 5] = ["H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90"];

/// Columns that are not required: a national-only extract may leave out the area columns,
/// and an annual-only one the hourly columns.
struct Optional {
    area: Option<usize>,
    area_title: Option<usize>,
    area_type: Option<usize>,
    state: Option<usize>,
    hourly: Option<[usize; 5]>,
    /// The all-data file also breaks occupations down by industry and ownership; only the
    /// cross-industry, all-ownership rows describe an occupation as a whole.
    naics: Option<usize>,
    own_code: Option<usize>,
    /// `TRUE` where BLS publishes only annual (`ANNUAL`) or only hourly (`HOURLY`) wages.
    annual_only: Option<usize>,
    hourly_only: Option<usize>,
}

pub fn read(table: &Table, top: TopCode) -> Result<Vec<Wages>, Vec<Diagnostic>> {
    let required = table.columns(REQUIRED).map_err(|e| table.errors_with(e))?;
    let optional = Optional {
        area: table.column("AREA"),
        area_title: table.column("AREA_TITLE"),
        area_type: table.column("AREA_TYPE"),
        state: table.column("PRIM_STATE"),
        hourly: table.columns(HOURLY).ok(),
        naics: table.column("NAICS"),
        own_code: table.column("OWN_CODE"),
        annual_only: table.column("ANNUAL"),
        hourly_only: table.column("HOURLY"),
    };
    wage_rows(table, |row| {
        whole_occupation(row, &optional).then(|| wages(table, row, &required, &optional, top))
    })
}

fn whole_occupation(row: &Row, o: &Optional) -> bool {
    let cell = |i: Option<usize>| i.map(|i| row.cells.get(i).unwrap_or("").trim());
    let cross_industry = cell(o.naics).is_none_or(|n| n.is_empty() || n == "000000");
    let all_owners = cell(o.own_code).is_none_or(|c| c.is_empty() || c == "1235");
    cross_industry && all_owners
}

fn wages(
    table: &Table,
    row: &Row,
    [code, title, emp, mean, p10, p25, median, p75, p90]: &[usize; 9],
    o: &Optional,
    top: TopCode,
) -> Result<Wages, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let cell = |i: usize| row.cells.get(i).unwrap_or("").trim();
    let occupation = cell(*code).to_string();
    if !is_soc_code(&occupation) {
        errors.push(table.cell_error(
            row,
            *code,
            format!("`{occupation}` is not an occupation code"),
            "OEWS occupation codes are SOC codes such as `15-1252`",
        ));
    }
    let mut figure = |i: usize, hundredths: bool, top: Option<u64>| {
        figures::parse(cell(i), hundredths, top).unwrap_or_else(|NotAFigure| {
            errors.push(table.cell_error(
                row,
                i,
                format!("`{}` is not a number", cell(i)),
                "write a number such as `85,000` or `48.13`, or `*` where there is none",
            ));
            Figure::Unavailable
        })
    };
    let employment = figure(*emp, false, None);
    let annual_mean = figure(*mean, false, Some(top.annual));
    let annual = Percentiles {
        p10: figure(*p10, false, Some(top.annual)),
        p25: figure(*p25, false, Some(top.annual)),
        median: figure(*median, false, Some(top.annual)),
        p75: figure(*p75, false, Some(top.annual)),
        p90: figure(*p90, false, Some(top.annual)),
    };
    let hourly = match o.hourly {
        Some([h10, h25, h50, h75, h90]) => Percentiles {
            p10: figure(h10, true, Some(top.hourly_cents)),
            p25: figure(h25, true, Some(top.hourly_cents)),
            median: figure(h50, true, Some(top.hourly_cents)),
            p75: figure(h75, true, Some(top.hourly_cents)),
            p90: figure(h90, true, Some(top.hourly_cents)),
        },
        None => Percentiles::unavailable(),
    };
    let flag = |i: Option<usize>| i.is_some_and(|i| cell(i).eq_ignore_ascii_case("true"));
    let (annual, annual_mean) = if flag(o.hourly_only) {
        (Percentiles::unavailable(), Figure::Unavailable)
    } else {
        (annual, annual_mean)
    };
    let hourly = if flag(o.annual_only) {
        Percentiles::unavailable()
    } else {
        hourly
    };
    let area = area(table, row, o, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Wages {
        occupation,
        occupation_title: Some(cell(*title).to_string()).filter(|t| !t.is_empty()),
        area,
        currency: "USD".into(),
        employment,
        annual,
        annual_mean,
        hourly,
        line: row.line,
    })
}

fn area(table: &Table, row: &Row, o: &Optional, errors: &mut Vec<Diagnostic>) -> Area {
    // Only the cells an area keeps become strings: one row in 40,000 of a full file.
    let cell = |i: Option<usize>| i.map(|i| row.cells.get(i).unwrap_or("").trim());
    let kind = match cell(o.area_type) {
        None | Some("" | "1") => AreaKind::National,
        Some("2") => AreaKind::State,
        Some("3") => AreaKind::Territory,
        Some("4") => AreaKind::Metro,
        Some("6") => AreaKind::NonMetro,
        Some(other) => {
            errors.push(table.cell_error(
                row,
                o.area_type.unwrap_or(0),
                format!("`{other}` is not an OEWS area type"),
                "OEWS area types are 1 (national), 2 (state), 3 (territory), 4 (metropolitan \
                 area) and 6 (nonmetropolitan area)",
            ));
            AreaKind::National
        }
    };
    let title = cell(o.area_title)
        .filter(|t| !t.is_empty())
        .unwrap_or("United States");
    Area {
        code: cell(o.area)
            .filter(|c| !c.is_empty())
            .unwrap_or(title)
            .to_string(),
        title: title.to_string(),
        kind,
        state: cell(o.state).filter(|s| !s.is_empty()).map(str::to_string),
    }
}

/// `15-1252`: two digits, a hyphen, four digits.
pub fn is_soc_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 7
        && b[2] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
}

impl Percentiles {
    pub fn unavailable() -> Self {
        Percentiles {
            p10: Figure::Unavailable,
            p25: Figure::Unavailable,
            median: Figure::Unavailable,
            p75: Figure::Unavailable,
            p90: Figure::Unavailable,
        }
    }
}
