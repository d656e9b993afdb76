//! Writing the output folder: the only stage that writes (besides `init` and `new`).
//!
//! A build writes into a staging folder beside the output and swaps it in only once every
//! file is written, so a failed or interrupted build leaves the previous output whole.
//! Folders that would destroy sources are refused, and so is an existing folder that
//! careersite did not make.

use std::path::{Path, PathBuf};

use crate::error::SiteError;

/// Marks a folder as careersite's output, so a later build may replace it.
pub const MARKER: &str = ".careersite-output";

/// Absolute form of a path that may not exist yet, with `.` and `..` resolved.
pub fn absolute(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Canonicalise the longest existing ancestor, then append the rest lexically.
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut out = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.into_iter().rev() {
        if name == ".." {
            out.pop();
        } else if name != "." {
            out.push(name);
        }
    }
    out
}

/// Refuses output folders that are, contain or live inside the site's sources.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), SiteError> {
    let root = absolute(root);
    let out = absolute(output);
    let refuse = |why: &str| {
        Err(SiteError::fatal(format!(
            "refusing to write the site into {}: {why}; choose another folder with --output",
            out.display()
        )))
    };
    if out == root {
        return refuse("it is the site's own folder");
    }
    if root.starts_with(&out) {
        return refuse("it contains the site's folder");
    }
    if out.join("content").exists() {
        return refuse("it holds a content/ folder");
    }
    for source in ["content", "templates", "static", "themes"] {
        if out.starts_with(root.join(source)) {
            return refuse(&format!("it is inside the site's {source}/ folder"));
        }
    }
    if out.is_file() {
        return refuse("it is a file");
    }
    if out.is_dir()
        && !out.join(MARKER).exists()
        && std::fs::read_dir(&out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false)
    {
        return refuse(&format!(
            "it already holds files that careersite did not write (no {MARKER} file)"
        ));
    }
    Ok(())
}

/// A staging folder being filled; dropped without `commit`, it is removed.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    committed: bool,
}

fn sibling(target: &Path, tag: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    target.with_file_name(format!(".{name}.{tag}"))
}

impl Staging {
    /// Starts a fresh staging folder beside `target`, first repairing what an interrupted
    /// earlier swap may have left.
    pub fn begin(target: &Path) -> Result<Staging, SiteError> {
        let target = absolute(target);
        let old = sibling(&target, "old");
        if !target.exists() && old.exists() {
            std::fs::rename(&old, &target).map_err(|e| SiteError::io("restore", &old, e))?;
        } else if old.exists() {
            let _ = std::fs::remove_dir_all(&old);
        }
        let dir = sibling(&target, "staging");
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| SiteError::io("clear", &dir, e))?;
        }
        if let Some(parent) = dir.parent() {
            std::fs::create_dir_all(parent).map_err(|e| SiteError::io("create", parent, e))?;
        }
        std::fs::create_dir(&dir).map_err(|e| SiteError::io("create", &dir, e))?;
        std::fs::write(
            dir.join(MARKER),
            "This folder is written by careersite; each build replaces it.\n",
        )
        .map_err(|e| SiteError::io("write", &dir, e))?;
        Ok(Staging {
            target,
            dir,
            committed: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file, `rel` being `/`-separated under the output folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), SiteError> {
        let path = safe_join(&self.dir, rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| SiteError::io("create", parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| SiteError::io("write", &path, e))
    }

    /// Swaps the staging folder in place of the target.
    pub fn commit(mut self) -> Result<(), SiteError> {
        let old = sibling(&self.target, "old");
        if self.target.exists() {
            std::fs::rename(&self.target, &old)
                .map_err(|e| SiteError::io("move aside", &self.target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            let _ = std::fs::rename(&old, &self.target);
            return Err(SiteError::io("move into place", &self.target, e));
        }
        self.committed = true;
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Joins a generated relative path under `base`, refusing anything that could escape it.
pub fn safe_join(base: &Path, rel: &str) -> Result<PathBuf, SiteError> {
    let mut path = base.to_path_buf();
    for part in rel.split('/') {
        if part.is_empty()
            || part == "."
            || part == ".."
            || part.contains('\\')
            || part.contains('\0')
        {
            if part.is_empty() {
                continue;
            }
            return Err(SiteError::fatal(format!(
                "refusing to write outside the output folder: `{rel}`"
            )));
        }
        path.push(part);
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_root_parent_and_content_holders() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_dir(&root, &root).is_err());
        assert!(check_output_dir(&root, tmp.path()).is_err());
        assert!(check_output_dir(&root, &root.join("content/out")).is_err());
        assert!(check_output_dir(&root, &root.join("output")).is_ok());
        let foreign = tmp.path().join("docs");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("thesis.txt"), "x").unwrap();
        assert!(check_output_dir(&root, &foreign).is_err());
    }

    #[test]
    fn staging_swaps_and_aborts() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let s = Staging::begin(&out).unwrap();
        s.write("a/index.html", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        let s = Staging::begin(&out).unwrap();
        s.write("a/index.html", b"two").unwrap();
        drop(s);
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn safe_join_rejects_escapes() {
        let base = Path::new("/tmp/out");
        assert!(safe_join(base, "../x").is_err());
        assert!(safe_join(base, "a/../../x").is_err());
        assert_eq!(
            safe_join(base, "a/b.html").unwrap(),
            Path::new("/tmp/out/a/b.html")
        );
    }
}
