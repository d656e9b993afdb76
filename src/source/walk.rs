//! Walking a folder of the site: sorted, skipping editors' files, and saying out loud what
//! cannot be read. A folder that is missing, a file, or a link looping back to itself
//! would otherwise read as an empty folder, and a build of an empty `content/` publishes an
//! empty site; a named pipe or a socket where a guide should be would silently be left
//! out.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::is_ignored;
use super::read::kind_of_special;
use crate::error::{Diagnostic, display_path};

/// Whether a folder must exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
}

/// Whether `dir` is a folder that can be walked. A missing optional folder is simply not
/// there; anything else that is not a readable folder is an error naming it.
pub fn folder_present(root: &Path, dir: &Path, need: Need, errors: &mut Vec<Diagnostic>) -> bool {
    let shown = dir.strip_prefix(root).unwrap_or(dir).to_path_buf();
    let name = format!("{}/", display_path(&shown));
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if need == Need::Required {
                errors.push(
                    Diagnostic::error(shown, format!("the site has no {name} folder")).hint(
                        format!("create {name}guides/ and write a guide in it (`careersite new guide \"Title\"`), or pass --root with the site's folder"),
                    ),
                );
            }
            return false;
        }
        Err(e) => {
            errors.push(
                Diagnostic::error(shown, format!("cannot be read ({e})"))
                    .hint("check the folder's permissions"),
            );
            return false;
        }
        Ok(_) => {}
    }
    let (message, hint) = match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => return true,
        Ok(meta) => (
            format!(
                "{name} must be a folder, but it is {}",
                match meta.file_type() {
                    t if t.is_file() => "a file",
                    t => kind_of_special(t),
                }
            ),
            "move it aside and make a folder of that name".to_string(),
        ),
        Err(e) if is_loop(&e) => (
            "a symbolic link here loops back to itself".to_string(),
            format!("remove the link or point it at a real {name} folder"),
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (
            "a symbolic link here points at nothing".to_string(),
            format!("remove the link or point it at a real {name} folder"),
        ),
        Err(e) => (
            format!("cannot be read ({e})"),
            "check the folder's permissions".to_string(),
        ),
    };
    errors.push(Diagnostic::error(shown, message).hint(hint));
    false
}

fn is_loop(e: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    {
        e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = e;
        false
    }
}

/// Sorted files under `dir` (relative paths), skipping ignored names. Problems (a symlink
/// loop, an unreadable folder, a named pipe or socket among the files that `wanted`
/// accepts) become diagnostics.
pub fn walk(
    root: &Path,
    dir: &Path,
    need: Need,
    wanted: &dyn Fn(&Path) -> bool,
    errors: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if !folder_present(root, dir, need, errors) {
        return files;
    }
    let shown = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                errors.push(walk_error(&err, dir, &shown));
                continue;
            }
        };
        let kind = e.file_type();
        if kind.is_dir() {
            continue;
        }
        let Ok(rel) = e.path().strip_prefix(dir) else {
            continue;
        };
        // URLs, slugs and `@/` links are text: a name that is not would be mangled into
        // one that nobody wrote.
        if rel.to_str().is_none() {
            errors.push(
                Diagnostic::error(shown(e.path()), "the file name is not valid UTF-8")
                    .hint("rename the file using UTF-8 characters"),
            );
            continue;
        }
        if !wanted(rel) {
            continue;
        }
        if kind.is_file() {
            files.push(rel.to_path_buf());
        } else {
            errors.push(
                super::read::ReadError::NotRegular(kind_of_special(kind))
                    .diagnostic(shown(e.path())),
            );
        }
    }
    files
}

fn walk_error(err: &walkdir::Error, dir: &Path, shown: &dyn Fn(&Path) -> PathBuf) -> Diagnostic {
    let path = err.path().unwrap_or(dir);
    let dangling = err
        .io_error()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound)
        && path.symlink_metadata().is_ok_and(|m| m.is_symlink());
    let (msg, hint) = if err.loop_ancestor().is_some() || err.io_error().is_some_and(is_loop) {
        (
            "a symbolic link here loops back to a folder that contains it",
            "remove or fix the link",
        )
    } else if dangling {
        (
            "a symbolic link here points at nothing",
            "remove the link or point it at a file that exists",
        )
    } else {
        ("cannot be read", "check the file's permissions")
    };
    let detail = err
        .io_error()
        .map(|e| format!(" ({e})"))
        .unwrap_or_default();
    Diagnostic::error(shown(path), format!("{msg}{detail}")).hint(hint)
}
