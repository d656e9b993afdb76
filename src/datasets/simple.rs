//! The `simple` wage layout for publishers outside the U.S.:
//! `occupation,area,currency,p10,p25,median,p75,p90,employment`, yearly amounts.

use super::figures::{self, Figure, NotAFigure};
use super::table::{Row, Table};
use super::{Area, AreaKind, Percentiles, Wages, wage_rows};
use crate::error::Diagnostic;

const COLUMNS: [&str; 9] = [
    "occupation",
    "area",
    "currency",
    "p10",
    "p25",
    "median",
    "p75",
    "p90",
    "employment",
];

pub fn read(table: &Table) -> Result<Vec<Wages>, Vec<Diagnostic>> {
    let columns = table.columns(COLUMNS).map_err(|e| table.errors_with(e))?;
    let title = table.column("occupation_title");
    wage_rows(table, |row| Some(wages(table, row, &columns, title)))
}

fn wages(
    table: &Table,
    row: &Row,
    [
        occupation,
        area,
        currency_at,
        p10,
        p25,
        median,
        p75,
        p90,
        emp,
    ]: &[usize; 9],
    title: Option<usize>,
) -> Result<Wages, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let cell = |i: usize| row.cells.get(i).unwrap_or("").trim();
    let mut required = |i: usize, what: &str| {
        if cell(i).is_empty() {
            errors.push(table.cell_error(
                row,
                i,
                format!("this row has no {what}"),
                "every row names its occupation, area and currency",
            ));
        }
        cell(i).to_string()
    };
    let code = required(*occupation, "occupation");
    let area_title = required(*area, "area");
    let currency = required(*currency_at, "currency");
    let iso = currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase());
    if !currency.is_empty() && !iso {
        errors.push(table.cell_error(
            row,
            *currency_at,
            format!("`{currency}` is not a currency code"),
            "write an ISO 4217 code such as `EUR`, `GBP` or `CAD`",
        ));
    }
    let mut figure = |i: usize| {
        figures::parse(cell(i), false, None).unwrap_or_else(|NotAFigure| {
            errors.push(table.cell_error(
                row,
                i,
                format!("`{}` is not a number", cell(i)),
                "write a yearly amount such as `52,000`, or leave the cell empty where there is none",
            ));
            Figure::Unavailable
        })
    };
    let annual = Percentiles {
        p10: figure(*p10),
        p25: figure(*p25),
        median: figure(*median),
        p75: figure(*p75),
        p90: figure(*p90),
    };
    let employment = figure(*emp);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Wages {
        occupation: code,
        occupation_title: title.map(|t| cell(t).to_string()).filter(|t| !t.is_empty()),
        area: Area {
            code: area_title.clone(),
            title: area_title,
            kind: AreaKind::Other,
            state: None,
        },
        currency,
        employment,
        annual,
        annual_mean: Figure::Unavailable,
        hourly: Percentiles::unavailable(),
        line: row.line,
    })
}
