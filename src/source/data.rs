//! Reading the site's data files (`data/**.{csv,json,yaml,yml,toml}`) as text, once per
//! build. The salary datasets that site.toml names live in `data/` too but have their own
//! reader, so they are left out here.

use std::path::{Path, PathBuf};

use super::walk::{Need, walk};
use super::{decode, read_regular};
use crate::error::Diagnostic;

/// The extensions a data file may have.
pub const DATA_EXTENSIONS: &[&str] = &["csv", "json", "yaml", "yml", "toml"];

/// One data file's text.
#[derive(Debug, Clone)]
pub struct DataText {
    /// Relative to the site root, `/`-separated as written in `load_data`: `data/x.csv`.
    pub file: PathBuf,
    pub text: String,
}

/// Reads every data file under `data/`, sorted, except the files in `skip` (relative to
/// the root: the datasets).
pub fn read_data_files(root: &Path, skip: &[PathBuf]) -> (Vec<DataText>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let dir = root.join("data");
    let wanted = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| DATA_EXTENSIONS.contains(&e))
            && !skip.iter().any(|s| s == &Path::new("data").join(p))
    };
    let rels = walk(root, &dir, Need::Optional, &wanted, &mut errors);
    let mut files = Vec::with_capacity(rels.len());
    for rel in rels {
        let file = Path::new("data").join(&rel);
        match read_regular(&dir.join(&rel))
            .map_err(|e| e.diagnostic(file.clone()))
            .and_then(|bytes| decode(file.clone(), bytes))
        {
            Ok(text) => files.push(DataText { file, text }),
            Err(d) => errors.push(d),
        }
    }
    (files, errors)
}
