//! Whole output folders as maps from path to bytes, for byte-for-byte comparisons of two
//! builds (a clean one and an incremental one, or a build before and after a failure).

use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir` (hidden ones included) with its bytes, by `/`-separated path;
/// folders are listed too, as `path/`. A missing folder gives an empty tree.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    try_tree(dir).unwrap_or_else(|| panic!("{} changed while it was read", dir.display()))
}

/// Like [`tree`], for a folder something else may still be writing: a file that vanishes
/// between listing and reading gives `None` instead of a panic.
pub fn try_tree(dir: &Path) -> Option<BTreeMap<String, Vec<u8>>> {
    let mut out = BTreeMap::new();
    if dir.exists() {
        collect(dir, dir, &mut out)?;
    }
    Some(out)
}

fn collect(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) -> Option<()> {
    for entry in std::fs::read_dir(dir).ok()? {
        let path = entry.ok()?.path();
        let rel = path
            .strip_prefix(base)
            .unwrap()
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if path.is_dir() {
            out.insert(format!("{rel}/"), Vec::new());
            collect(base, &path, out)?;
        } else {
            out.insert(rel, std::fs::read(&path).ok()?);
        }
    }
    Some(())
}

/// Asserts two trees are byte-for-byte the same, naming the files that differ.
pub fn assert_same_tree(
    what: &str,
    expected: &BTreeMap<String, Vec<u8>>,
    actual: &BTreeMap<String, Vec<u8>>,
) {
    let missing: Vec<_> = expected
        .keys()
        .filter(|k| !actual.contains_key(*k))
        .collect();
    let extra: Vec<_> = actual
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    let changed: Vec<_> = expected
        .iter()
        .filter(|(k, v)| actual.get(*k).is_some_and(|a| a != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && changed.is_empty(),
        "{what}: trees differ\nmissing: {missing:?}\nextra: {extra:?}\nchanged: {changed:?}"
    );
    assert!(!expected.is_empty(), "{what}: compared an empty tree");
}

/// Where two trees first differ, for a failure message: the first file missing, extra or
/// changed, and for a changed text file its first differing line on each side.
pub fn first_difference(
    expected: &BTreeMap<String, Vec<u8>>,
    actual: &BTreeMap<String, Vec<u8>>,
) -> Option<String> {
    if let Some(extra) = actual.keys().find(|k| !expected.contains_key(*k)) {
        return Some(format!("{extra} is there but should not be"));
    }
    let (file, want) = expected.iter().find(|(k, v)| actual.get(*k) != Some(*v))?;
    let Some(got) = actual.get(file) else {
        return Some(format!("{file} is missing"));
    };
    let (want, got) = (String::from_utf8_lossy(want), String::from_utf8_lossy(got));
    let line = want
        .lines()
        .zip(got.lines())
        .find(|(w, g)| w != g)
        .map(|(w, g)| format!("\n  clean build: {w}\n  incremental: {g}"))
        .unwrap_or_default();
    Some(format!("{file} differs{line}"))
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The HTML files of an output folder, by `/`-separated path.
pub fn html_files(out: &Path) -> Vec<String> {
    tree(out)
        .into_keys()
        .filter(|k| k.ends_with(".html"))
        .collect()
}
