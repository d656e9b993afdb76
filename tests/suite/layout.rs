//! The import graph runs one way: no module of `src/` reaches, through any chain of
//! `crate::` paths, back to itself, and within a folder no two files reach each other
//! through `super::`. Test code is left out: tests may use any stage. Files in folders
//! already split stay under the line limit.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A file's code without its test module (by convention the file's last item).
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// The identifiers right after each `prefix` (`crate::a`, `crate::{a, b::c}`).
fn names_after(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices(prefix) {
        let rest = &code[i + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                out.insert(ident(part.trim()));
            }
        } else {
            out.insert(ident(rest));
        }
    }
    out.remove("");
    out
}

fn sources() -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walkdir::WalkDir::new(&src)
        .into_iter()
        .map(Result::unwrap)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter(|p| !p.ends_with("tests.rs") && !p.components().any(|c| c.as_os_str() == "tests"))
        .collect()
}

/// A cycle in `edges`, if there is one, as the modules along it.
fn cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut found = path[i..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if !done.insert(node.to_string()) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|n| visit(n, edges, &mut Vec::new(), &mut done))
}

#[test]
fn top_level_modules_reach_each_other_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let files = sources();
    let top = |p: &Path| -> String {
        let rel = p.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        first.trim_end_matches(".rs").to_string()
    };
    let modules: BTreeSet<String> = files.iter().map(|p| top(p)).collect();
    for file in &files {
        let from = top(file);
        if from == "lib" || from == "main" {
            continue;
        }
        let used = names_after(&code(file), "crate::");
        let to: Vec<String> = used
            .into_iter()
            .filter(|m| modules.contains(m) && *m != from)
            .collect();
        edges.entry(from).or_default().extend(to);
    }
    assert!(edges.contains_key("render") && edges["render"].contains("model"));
    if let Some(c) = cycle(&edges) {
        panic!("modules reach back to themselves: {}", c.join(" -> "));
    }
}

#[test]
fn files_in_a_folder_reach_each_other_one_way() {
    let files = sources();
    let mut by_folder: BTreeMap<PathBuf, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in &files {
        let folder = file.parent().unwrap().to_path_buf();
        let name = file.file_stem().unwrap().to_string_lossy().to_string();
        if name == "mod" {
            continue;
        }
        let siblings: BTreeSet<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| p.file_stem().unwrap().to_string_lossy().to_string())
            .filter(|s| s != "mod" && *s != name)
            .collect();
        // Siblings are reached as `super::x` or by their full path, `crate::a::b::x`.
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let module: Vec<String> = folder
            .strip_prefix(&src)
            .unwrap()
            .components()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .collect();
        let full = format!("crate::{}::", module.join("::"));
        let text = code(file);
        let mut used = names_after(&text, "super::");
        if !module.is_empty() {
            used.extend(names_after(&text, &full));
        }
        let to = used.into_iter().filter(|m| siblings.contains(m));
        by_folder
            .entry(folder)
            .or_default()
            .entry(name)
            .or_default()
            .extend(to);
    }
    for (folder, edges) in by_folder {
        if let Some(c) = cycle(&edges) {
            panic!("in {}: {}", folder.display(), c.join(" -> "));
        }
    }
}

/// Folders already split into files a newcomer reads in one go stay that way: a file that
/// outgrows the limit becomes a folder. Other folders join the list as they are split.
#[test]
fn split_folders_keep_their_files_small() {
    const LIMIT: usize = 420;
    const SPLIT: &[&str] = &["link", "render/search", "watch"];
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut over = Vec::new();
    for file in sources() {
        let rel = file.strip_prefix(&src).unwrap();
        if !SPLIT.iter().any(|folder| rel.starts_with(folder)) {
            continue;
        }
        let lines = std::fs::read_to_string(&file).unwrap().lines().count();
        if lines > LIMIT {
            over.push(format!("src/{} ({lines} lines)", rel.display()));
        }
    }
    assert!(
        over.is_empty(),
        "over {LIMIT} lines, split into a folder: {}",
        over.join(", ")
    );
}
