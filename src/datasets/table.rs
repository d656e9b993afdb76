//! A CSV table read with the positions errors need: the `csv` crate does the quoting rules,
//! and this module turns its byte offsets into the line and column a writer's editor shows.

use std::path::Path;

use crate::error::Diagnostic;

/// One data row: its cells and where it starts in the file.
pub struct Row {
    pub cells: csv::StringRecord,
    /// 1-based line of the row's first character.
    pub line: usize,
    /// Byte offset of the row in the file, to find a cell's column on error.
    offset: usize,
}

/// A header row and the rows under it.
pub struct Table<'a> {
    pub file: &'a Path,
    text: &'a str,
    header: Vec<String>,
    pub rows: Vec<Row>,
}

impl<'a> Table<'a> {
    /// Reads a whole CSV file. A row with the wrong number of cells or text that is not
    /// CSV is an error at its line, returned beside the rows that could be read so every bad
    /// row is reported; only a file with no header is no table at all.
    pub fn read(file: &'a Path, text: &'a str) -> Result<(Self, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header: Vec<String> = match records.next() {
            Some(Ok(h)) => h.iter().map(|c| c.trim().to_string()).collect(),
            Some(Err(e)) => return Err(vec![csv_error(file, &e)]),
            None => {
                return Err(vec![
                    Diagnostic::error(file.to_path_buf(), "the data file is empty")
                        .at(1, 1)
                        .hint("start it with a header row naming the columns"),
                ]);
            }
        };
        let mut rows = Vec::new();
        let mut errors = Vec::new();
        for record in records {
            match record {
                Ok(cells) if cells.iter().all(|c| c.trim().is_empty()) => {}
                Ok(cells) => {
                    let (line, offset) = cells
                        .position()
                        .map_or((1, 0), |p| (p.line() as usize, p.byte() as usize));
                    if cells.len() != header.len() {
                        errors.push(
                            Diagnostic::error(
                                file.to_path_buf(),
                                format!(
                                    "this row has {} cells but the header names {} columns",
                                    cells.len(),
                                    header.len()
                                ),
                            )
                            .at(line, 1)
                            .hint("check for a missing or extra comma, or quote a cell that contains a comma"),
                        );
                        continue;
                    }
                    rows.push(Row {
                        cells,
                        line,
                        offset,
                    });
                }
                Err(e) => errors.push(csv_error(file, &e)),
            }
        }
        let table = Table {
            file,
            text,
            header,
            rows,
        };
        Ok((table, errors))
    }

    /// The index of a column, matched without regard to case, or none.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }

    /// The index of each required column, or one error naming every missing one.
    pub fn columns<const N: usize>(&self, names: [&str; N]) -> Result<[usize; N], Diagnostic> {
        let found = names.map(|n| self.column(n));
        let missing: Vec<&str> = names
            .iter()
            .zip(&found)
            .filter(|(_, f)| f.is_none())
            .map(|(n, _)| *n)
            .collect();
        if missing.is_empty() {
            return Ok(found.map(|f| f.unwrap_or_default()));
        }
        let s = if missing.len() == 1 { "" } else { "s" };
        Err(Diagnostic::error(
            self.file.to_path_buf(),
            format!("the header has no `{}` column{s}", missing.join("`, `")),
        )
        .at(1, 1)
        .hint(format!(
            "the header must name {}; it names {}",
            names.join(", "),
            self.header.join(", ")
        )))
    }

    /// The 1-based column where cell `index` of `row` starts, counting characters.
    pub fn cell_column(&self, row: &Row, index: usize) -> usize {
        let rest = self.text.get(row.offset..).unwrap_or("");
        let mut quoted = false;
        let mut cell = 0;
        for (chars, c) in rest.chars().enumerate() {
            if cell == index {
                return chars + 1;
            }
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => cell += 1,
                '\n' if !quoted => break,
                _ => {}
            }
        }
        1
    }

    /// An error about one cell, at its line and column.
    pub fn cell_error(&self, row: &Row, index: usize, message: String, hint: &str) -> Diagnostic {
        Diagnostic::error(self.file.to_path_buf(), message)
            .at(row.line, self.cell_column(row, index))
            .hint(hint)
    }
}

fn csv_error(file: &Path, e: &csv::Error) -> Diagnostic {
    let line = e.position().map_or(1, |p| p.line() as usize);
    let what = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "this row is not valid UTF-8 text",
        _ => "this row is not valid CSV",
    };
    Diagnostic::error(file.to_path_buf(), what)
        .at(line, 1)
        .hint("save the file as UTF-8 CSV; quote cells that contain commas or quotes with \"…\"")
}
