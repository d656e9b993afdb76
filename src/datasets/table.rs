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

/// A header row, and the text of the rows under it, read a chunk at a time (`Table::rows`).
pub struct Table<'a> {
    pub file: &'a Path,
    text: &'a str,
    header: Vec<String>,
}

/// How many rows `RowReader::fill` reads at a time: enough to share among the cores, few
/// enough that their cells stay in the processor's cache.
const CHUNK: usize = 1024;

/// Reads a table's rows in chunks into records it reuses. A full OEWS file has 40,000 rows;
/// holding each as its own record cost more in allocating, copying and freeing memory than
/// reading the CSV did.
pub struct RowReader<'a> {
    file: &'a Path,
    reader: csv::Reader<&'a [u8]>,
    width: usize,
    /// Rows with the wrong number of cells and text that is not CSV, in file order.
    pub errors: Vec<Diagnostic>,
}

fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

impl<'a> Table<'a> {
    /// Reads a CSV file's header; only a file with no header is no table at all. The rows
    /// are read by `rows`, where a row with the wrong number of cells or text that is not
    /// CSV is an error at its line, reported beside the rows that could be read.
    pub fn read(file: &'a Path, text: &'a str) -> Result<Self, Vec<Diagnostic>> {
        let mut header = csv::StringRecord::new();
        match csv_reader(text).read_record(&mut header) {
            Ok(true) => {}
            Err(e) => return Err(vec![csv_error(file, &e)]),
            Ok(false) => {
                return Err(vec![
                    Diagnostic::error(file.to_path_buf(), "the data file is empty")
                        .at(1, 1)
                        .hint("start it with a header row naming the columns"),
                ]);
            }
        }
        Ok(Table {
            file,
            text,
            header: header.iter().map(|c| c.trim().to_string()).collect(),
        })
    }

    /// A reader of the rows under the header, from the first.
    pub fn rows(&self) -> RowReader<'a> {
        let mut reader = csv_reader(self.text);
        // The header, read once already by `read`.
        let _ = reader.read_record(&mut csv::StringRecord::new());
        RowReader {
            file: self.file,
            reader,
            width: self.header.len(),
            errors: Vec::new(),
        }
    }

    /// Every row's reading error, for a file whose rows are not read otherwise (one whose
    /// header lacks a column), followed by `first`.
    pub fn errors_with(&self, first: Diagnostic) -> Vec<Diagnostic> {
        let mut rows = self.rows();
        let mut buf = Vec::new();
        while rows.fill(&mut buf) {}
        rows.errors.push(first);
        rows.errors
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

impl RowReader<'_> {
    /// Reads the next rows into `buf` (up to `CHUNK`, reusing its records), skipping blank
    /// rows and keeping the errors of bad ones. False when no row was left to read.
    pub fn fill(&mut self, buf: &mut Vec<Row>) -> bool {
        let mut n = 0;
        while n < CHUNK {
            if n == buf.len() {
                buf.push(Row {
                    cells: csv::StringRecord::new(),
                    line: 0,
                    offset: 0,
                });
            }
            let row = &mut buf[n];
            match self.reader.read_record(&mut row.cells) {
                Ok(false) => break,
                Ok(true) if row.cells.iter().all(|c| c.trim().is_empty()) => {}
                Ok(true) => {
                    let cells = &row.cells;
                    let (line, offset) = cells
                        .position()
                        .map_or((1, 0), |p| (p.line() as usize, p.byte() as usize));
                    if cells.len() != self.width {
                        self.errors.push(
                            Diagnostic::error(
                                self.file.to_path_buf(),
                                format!(
                                    "this row has {} cells but the header names {} columns",
                                    cells.len(),
                                    self.width
                                ),
                            )
                            .at(line, 1)
                            .hint("check for a missing or extra comma, or quote a cell that contains a comma"),
                        );
                        continue;
                    }
                    (row.line, row.offset) = (line, offset);
                    n += 1;
                }
                Err(e) => self.errors.push(csv_error(self.file, &e)),
            }
        }
        buf.truncate(n);
        n > 0
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
