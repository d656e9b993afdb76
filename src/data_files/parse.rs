//! Each data format to one plain value, with errors at the file's line and column in plain
//! words: CSV becomes a list of rows, each a map from the header's names to the row's text.

use std::path::Path;

use serde_json::{Map, Value};

use crate::error::Diagnostic;
use crate::text::format::{Format, deserialize};

/// Parses one data file by its extension.
pub fn parse(file: &Path, text: &str) -> Result<Value, Diagnostic> {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "csv" => csv_rows(file, text),
        "json" => json(file, text),
        "toml" => deserialize::<toml::Table>(Format::Toml, text, file, 1).map(from_toml_table),
        _ => deserialize::<Value>(Format::Yaml, text, file, 1),
    }
}

fn json(file: &Path, text: &str) -> Result<Value, Diagnostic> {
    serde_json::from_str(text).map_err(|e| {
        let raw = e.to_string();
        let message = raw.split(" at line ").next().unwrap_or(&raw);
        let (message, hint) = json_words(message);
        Diagnostic::error(file.to_path_buf(), message)
            .at(e.line().max(1), e.column().max(1))
            .hint(hint)
    })
}

/// serde_json's phrasing in the product's words.
fn json_words(message: &str) -> (String, &'static str) {
    if message.starts_with("EOF while parsing") {
        return (
            "the file ends before the JSON value is complete".into(),
            "close every `{`, `[` and `\"` that is opened",
        );
    }
    if message == "trailing comma" {
        return (
            "a comma after the last item".into(),
            "JSON allows no comma before `]` or `}`: remove it",
        );
    }
    if message.starts_with("key must be a string") {
        return (
            "a key that is not in double quotes".into(),
            "write every key in double quotes: \"name\": \"value\"",
        );
    }
    if message.starts_with("expected value") {
        return (
            "a value is missing or is not JSON".into(),
            "text goes in double quotes; true, false, null and numbers do not",
        );
    }
    if message.starts_with("expected `,` or") {
        return (
            "two values without a comma between them".into(),
            "put a comma between the items of a list or the keys of an object",
        );
    }
    (message.to_string(), "check the JSON syntax at this place")
}

fn csv_rows(file: &Path, text: &str) -> Result<Value, Diagnostic> {
    let at = |d: Diagnostic, pos: Option<&csv::Position>| match pos {
        Some(p) => d.at(p.line() as usize, 1),
        None => d.at_line(1),
    };
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| at(csv_error(file, &e), e.position()))?
        .clone();
    for (i, name) in headers.iter().enumerate() {
        if name.trim().is_empty() {
            return Err(Diagnostic::error(
                file.to_path_buf(),
                format!("column {} of the header row has no name", i + 1),
            )
            .at_line(1)
            .hint("the first row names the columns: give every column a name"));
        }
        if headers.iter().take(i).any(|h| h == name) {
            return Err(Diagnostic::error(
                file.to_path_buf(),
                format!("the header row names column `{name}` twice"),
            )
            .at_line(1)
            .hint("give each column its own name"));
        }
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| at(csv_error(file, &e), e.position()))?;
        let row: Map<String, Value> = headers
            .iter()
            .zip(record.iter())
            .map(|(h, v)| (h.to_string(), Value::String(v.to_string())))
            .collect();
        rows.push(Value::Object(row));
    }
    Ok(Value::Array(rows))
}

fn csv_error(file: &Path, e: &csv::Error) -> Diagnostic {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Diagnostic::error(
            file.to_path_buf(),
            format!("this row has {len} fields but the header row has {expected_len}"),
        )
        .hint("give every row one field per column; quote a field that holds a comma"),
        _ => Diagnostic::error(file.to_path_buf(), "the CSV file cannot be read here")
            .hint("check the quotes and commas of this row"),
    }
}

/// TOML's dates become text (`2024-05-01`), as they read in the file.
fn from_toml_table(table: toml::Table) -> Value {
    Value::Object(table.into_iter().map(|(k, v)| (k, from_toml(v))).collect())
}

fn from_toml(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(from_toml).collect()),
        toml::Value::Table(t) => from_toml_table(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(name: &str, text: &str) -> Diagnostic {
        parse(Path::new(name), text).unwrap_err()
    }

    #[test]
    fn csv_rows_are_maps_by_header() {
        let v = parse(
            Path::new("data/a.csv"),
            "name,issuer\nCKA,CNCF\n\"A, B\",X\n",
        )
        .unwrap();
        assert_eq!(v[1]["name"], "A, B");
        assert_eq!(v[0]["issuer"], "CNCF");
    }

    #[test]
    fn errors_are_located_in_plain_words() {
        let e = err("data/a.csv", "name,issuer\nCKA,CNCF\nAWS\n");
        assert_eq!(e.line, Some(3));
        assert!(
            e.message.contains("1 fields but the header row has 2"),
            "{e:?}"
        );
        let e = err("data/a.json", "{\n  \"a\": 1,\n}\n");
        assert_eq!(
            (e.line, e.message.as_str()),
            (Some(3), "a comma after the last item")
        );
        let e = err("data/a.yaml", "a: b: c\n");
        assert_eq!(e.line, Some(1));
        assert!(!e.message.contains("mapping values"), "{e:?}");
        let e = err("data/a.toml", "a = 1\nb = \n");
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn toml_dates_read_as_written() {
        let v = parse(Path::new("data/a.toml"), "d = 2024-05-01\n").unwrap();
        assert_eq!(v["d"], "2024-05-01");
    }
}
