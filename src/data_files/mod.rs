//! The site's data files (`data/**.{csv,json,yaml,yml,toml}`): parsed once per build into
//! plain values that templates and shortcodes read with `load_data(path="data/x.csv")` or
//! through the `data` variable (`data.certifications` for `data/certifications.yaml`).
//!
//! Every read through `load_data` is recorded, with the file's content hash, for whoever
//! is listening on that thread (`recording`): a shortcode's output depends on a data file
//! exactly when its render read it, so a body is rendered again only when such a file
//! changed, with nothing to keep in step by hand.

mod parse;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde_json::Value;

use crate::error::{Diagnostic, display_path};
use crate::source::DataText;

/// The prefix of a data file's key among a body's recorded dependencies.
pub const DEPENDENCY: &str = "data:";

/// Every data file of the site, parsed.
#[derive(Debug, Default)]
pub struct DataFiles {
    /// By path as `load_data` names it: `data/certifications.toml`.
    files: BTreeMap<String, Entry>,
    /// The `data` variable: file stems nested by folder.
    variable: Value,
    /// A hash of every file's text: what a page whose context carries `data` depends on.
    pub fingerprint: u64,
}

#[derive(Debug)]
struct Entry {
    value: tera::Value,
    hash: u64,
}

impl DataFiles {
    /// Parses every file; each problem is reported, none stops the others.
    pub fn load(texts: Vec<DataText>) -> (DataFiles, Vec<Diagnostic>) {
        let mut errors = Vec::new();
        let mut files = BTreeMap::new();
        let mut variable = serde_json::Map::new();
        let mut owners: BTreeMap<Vec<String>, PathBuf> = BTreeMap::new();
        let fingerprint =
            crate::hash::hash_of(texts.iter().map(|t| (&t.file, &t.text)).collect::<Vec<_>>());
        for t in texts {
            let value = match parse::parse(&t.file, &t.text) {
                Ok(v) => v,
                Err(d) => {
                    errors.push(d);
                    continue;
                }
            };
            let key = variable_path(&t.file);
            if let Some(clash) = clash(&owners, &key) {
                errors.push(
                    Diagnostic::error(
                        t.file.clone(),
                        format!(
                            "this file and {} are both `data.{}`",
                            display_path(clash),
                            key.join(".")
                        ),
                    )
                    .hint("rename one of them: each data file needs its own name"),
                );
                continue;
            }
            owners.insert(key.clone(), t.file.clone());
            insert_nested(&mut variable, &key, value.clone());
            files.insert(
                display_path(&t.file),
                Entry {
                    value: tera::Value::from_serializable(&value),
                    hash: crate::hash::hash_str(&t.text),
                },
            );
        }
        let data = DataFiles {
            files,
            variable: Value::Object(variable),
            fingerprint,
        };
        (data, errors)
    }

    /// The `data` variable's value for templates.
    pub fn variable(&self) -> tera::Value {
        tera::Value::from_serializable(&self.variable)
    }

    /// The content hash of `path`, for a recorded dependency (`data:` and the path).
    pub fn version(&self, key: &str) -> Option<u64> {
        self.files.get(key).map(|e| e.hash)
    }

    /// What `load_data(path=…)` answers; the read is recorded on this thread.
    pub fn load_data(&self, path: &str) -> Result<tera::Value, String> {
        let key = key(path);
        match self.files.get(&key) {
            Some(e) => {
                record(format!("{DEPENDENCY}{key}"), e.hash);
                Ok(e.value.clone())
            }
            None => {
                // Recorded too: the file may be added later, and the body must follow.
                record(format!("{DEPENDENCY}{key}"), 0);
                let guess = crate::error::did_you_mean(&key, self.files.keys().map(String::as_str))
                    .map(|g| format!("; did you mean `{g}`?"))
                    .unwrap_or_default();
                Err(format!(
                    "`load_data`: there is no data file `{key}`{guess} (data files are CSV, JSON, YAML or TOML files under data/)"
                ))
            }
        }
    }

    /// Registers `load_data` with `tera`.
    pub fn register(tera: &mut tera::Tera, data: Arc<DataFiles>) {
        tera.register_function(
            "load_data",
            move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
                let path: &str = kwargs.must_get("path")?;
                data.load_data(path).map_err(tera::Error::message)
            },
        );
    }
}

/// How `load_data` keys the file a call names: `certs.toml`, `./data/certs.toml` and
/// `/data/certs.toml` are all `data/certs.toml`.
pub fn key(path: &str) -> String {
    let key = path.trim_start_matches("./").trim_start_matches('/');
    if key.starts_with("data/") {
        key.to_string()
    } else {
        format!("data/{key}")
    }
}

/// Reads and parses the site's data files, leaving out the datasets `config` names.
pub fn read(
    root: &std::path::Path,
    config: &crate::config::Config,
) -> (Arc<DataFiles>, Vec<Diagnostic>) {
    let skip: Vec<PathBuf> = config.datasets.iter().map(|d| d.file.clone()).collect();
    let (texts, mut errors) = crate::source::read_data_files(root, &skip);
    let (data, parse_errors) = DataFiles::load(texts);
    errors.extend(parse_errors);
    (Arc::new(data), errors)
}

thread_local! {
    static READS: RefCell<Option<Vec<(String, u64)>>> = const { RefCell::new(None) };
}

/// Records that something with `key` at `version` was read, for whoever is `recording`.
pub fn record(key: String, version: u64) {
    READS.with(|r| {
        if let Some(reads) = r.borrow_mut().as_mut() {
            reads.push((key, version));
        }
    });
}

/// Runs `f` and returns, beside its result, every data file it read with `load_data`.
pub fn recording<R>(f: impl FnOnce() -> R) -> (R, Vec<(String, u64)>) {
    let outer = READS.with(|r| r.borrow_mut().replace(Vec::new()));
    let result = f();
    let reads = READS.with(|r| std::mem::replace(&mut *r.borrow_mut(), outer));
    (result, reads.unwrap_or_default())
}

/// `data/jobs/boards.yaml` -> `["jobs", "boards"]`.
fn variable_path(file: &std::path::Path) -> Vec<String> {
    let rel = file.strip_prefix("data").unwrap_or(file).with_extension("");
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect()
}

/// The file already holding `key`, or a folder or file above or below it.
fn clash<'a>(owners: &'a BTreeMap<Vec<String>, PathBuf>, key: &[String]) -> Option<&'a PathBuf> {
    owners
        .iter()
        .find(|(k, _)| k.starts_with(key) || key.starts_with(k))
        .map(|(_, f)| f)
}

fn insert_nested(map: &mut serde_json::Map<String, Value>, key: &[String], value: Value) {
    match key {
        [] => {}
        [last] => {
            map.insert(last.clone(), value);
        }
        [first, rest @ ..] => {
            let inner = map
                .entry(first.clone())
                .or_insert_with(|| Value::Object(Default::default()));
            if let Value::Object(inner) = inner {
                insert_nested(inner, rest, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(file: &str, text: &str) -> DataText {
        DataText {
            file: PathBuf::from(file),
            text: text.into(),
        }
    }

    #[test]
    fn nested_names_and_clashes() {
        let (data, errors) = DataFiles::load(vec![
            text("data/a.yaml", "x: 1\n"),
            text("data/jobs/boards.json", "[1]"),
            text("data/a.toml", "y = 2\n"),
        ]);
        assert_eq!(data.variable["jobs"]["boards"][0], 1);
        assert_eq!(data.variable["a"]["x"], 1);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("both `data.a`"), "{errors:?}");
    }

    #[test]
    fn reads_are_recorded() {
        let (data, _) = DataFiles::load(vec![text("data/a.yaml", "x: 1\n")]);
        let (ok, reads) = recording(|| data.load_data("data/a.yaml").is_ok());
        assert!(ok);
        assert_eq!(
            reads,
            vec![(
                "data:data/a.yaml".into(),
                data.version("data/a.yaml").unwrap()
            )]
        );
        let (e, _) = recording(|| data.load_data("a.yml").unwrap_err());
        assert!(e.contains("did you mean `data/a.yaml`"), "{e}");
    }
}
