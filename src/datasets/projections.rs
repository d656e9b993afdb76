//! Employment projections per occupation (BLS Employment Projections or a publisher's own):
//! `occupation,base_year,base_employment,target_year,target_employment,percent_change,annual_openings`
//! with an optional `occupation_title`. Counts are people, not thousands.

use super::Projection;
use super::figures::{self, Figure};
use super::table::{Row, Table};
use crate::error::Diagnostic;

const COLUMNS: [&str; 7] = [
    "occupation",
    "base_year",
    "base_employment",
    "target_year",
    "target_employment",
    "percent_change",
    "annual_openings",
];

pub fn read(table: &Table) -> Result<Vec<Projection>, Vec<Diagnostic>> {
    let columns = table.columns(COLUMNS).map_err(|e| table.errors_with(e))?;
    let title = table.column("occupation_title");
    let mut rows: Vec<Projection> = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashMap::new();
    let mut reader = table.rows();
    let mut chunk = Vec::new();
    while reader.fill(&mut chunk) {
        for row in &chunk {
            match projection(table, row, &columns, title) {
                Ok(p) => {
                    if let Some(first) = seen.insert(p.occupation.clone(), p.line) {
                        errors.push(
                            Diagnostic::error(
                                table.file.to_path_buf(),
                                format!(
                                    "occupation `{}` appears twice (first on line {first})",
                                    p.occupation
                                ),
                            )
                            .at(p.line, 1)
                            .hint("keep one row per occupation"),
                        );
                    }
                    rows.push(p);
                }
                Err(e) => errors.extend(e),
            }
        }
    }
    errors.append(&mut reader.errors);
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

fn projection(
    table: &Table,
    row: &Row,
    [
        code,
        base_year,
        base_emp,
        target_year,
        target_emp,
        change,
        openings,
    ]: &[usize; 7],
    title: Option<usize>,
) -> Result<Projection, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let cell = |i: usize| row.cells.get(i).unwrap_or("").trim();
    let mut count = |i: usize, what: &str| match figures::parse(cell(i), false, None) {
        Ok(Figure::Value(v)) => v,
        _ => {
            errors.push(table.cell_error(
                row,
                i,
                format!("`{}` is not {what}", cell(i)),
                "projections need every figure: write a whole number such as `12,400`",
            ));
            0
        }
    };
    let base_employment = count(*base_emp, "a number of jobs");
    let target_employment = count(*target_emp, "a number of jobs");
    let annual_openings = count(*openings, "a number of openings");
    let base = count(*base_year, "a year");
    let target = count(*target_year, "a year");
    let percent = cell(*change).trim_end_matches('%').trim();
    let percent_change = match percent.parse::<f64>() {
        Ok(p) if p.is_finite() => p,
        _ => {
            errors.push(table.cell_error(
                row,
                *change,
                format!("`{}` is not a percentage", cell(*change)),
                "write the change in percent, such as `17.9` or `-3.2`",
            ));
            0.0
        }
    };
    let occupation = cell(*code).to_string();
    if occupation.is_empty() {
        errors.push(table.cell_error(
            row,
            *code,
            "this row has no occupation".into(),
            "write the occupation code, such as `15-1252`",
        ));
    }
    if target <= base && errors.is_empty() {
        errors.push(table.cell_error(
            row,
            *target_year,
            format!("the target year {target} is not after the base year {base}"),
            "projections run from a base year to a later target year",
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Projection {
        occupation,
        occupation_title: title.map(|t| cell(t).to_string()).filter(|t| !t.is_empty()),
        base_year: i32::try_from(base).unwrap_or(i32::MAX),
        base_employment,
        target_year: i32::try_from(target).unwrap_or(i32::MAX),
        target_employment,
        percent_change,
        annual_openings,
        line: row.line,
    })
}
