//! Watch mode's writes into the live output folder: one file at a time, each through a
//! temporary file and a rename so a reader never sees half a file, and each undoable so a
//! rebuild that fails after writing the edited page first can put the folder back.

use std::collections::HashMap;
use std::path::Path;

use super::{forget_output_manifest, safe_join};
use crate::error::SiteError;

/// Writes `bytes` to `rel` under `out` atomically.
pub fn write_atomic(out: &Path, rel: &str, bytes: &[u8]) -> Result<(), SiteError> {
    // The folder no longer matches the manifest its last full build left.
    forget_output_manifest(out);
    let path = safe_join(out, rel)?;
    let dir = path.parent().unwrap_or(out);
    std::fs::create_dir_all(dir).map_err(|e| SiteError::io("create", dir, e))?;
    let tmp = dir.join(format!(
        ".{}.careersite-tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file")
    ));
    std::fs::write(&tmp, bytes).map_err(|e| SiteError::io("write", &tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| SiteError::io("write", &path, e))
}

/// What a file held before `write_undoable` replaced it.
pub struct Undo {
    rel: String,
    before: Option<Vec<u8>>,
}

/// Writes like `write_atomic`, keeping what the file held so `undo` can restore it.
pub fn write_undoable(out: &Path, rel: &str, bytes: &[u8]) -> Result<Undo, SiteError> {
    let before = std::fs::read(safe_join(out, rel)?).ok();
    write_atomic(out, rel, bytes)?;
    Ok(Undo {
        rel: rel.to_string(),
        before,
    })
}

/// Puts back what `write_undoable` replaced (or removes a file it created).
pub fn undo(out: &Path, undo: Undo) -> Result<(), SiteError> {
    match undo.before {
        Some(bytes) => write_atomic(out, &undo.rel, &bytes),
        None => {
            let path = safe_join(out, &undo.rel)?;
            let _ = std::fs::remove_file(&path);
            remove_empty_parents(out, &path);
            Ok(())
        }
    }
}

/// Deletes `removed` (sorted first, for the terminal) from the output and from `on_disk`.
pub fn remove_outputs(
    out: &Path,
    removed: &mut [String],
    on_disk: &mut HashMap<String, u64>,
) -> Result<(), SiteError> {
    removed.sort();
    if !removed.is_empty() {
        forget_output_manifest(out);
    }
    for rel in removed.iter() {
        let path = safe_join(out, rel)?;
        let _ = std::fs::remove_file(&path);
        remove_empty_parents(out, &path);
        on_disk.remove(rel);
    }
    Ok(())
}

fn remove_empty_parents(out: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == out || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_restores_a_replaced_file_and_removes_a_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        write_atomic(out, "a/index.html", b"old").unwrap();
        let replaced = write_undoable(out, "a/index.html", b"new").unwrap();
        let created = write_undoable(out, "b/c/index.html", b"new").unwrap();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"new");
        undo(out, replaced).unwrap();
        undo(out, created).unwrap();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"old");
        assert!(
            !out.join("b").exists(),
            "the folders made for the new file go too"
        );
    }
}
