//! Writing the output folder: the only stage that writes (besides `init` and `new`).
//!
//! A build writes into a staging folder beside the output and swaps it in only once every
//! file is written, so a failed or interrupted build leaves the previous output whole.
//! Folders that would destroy sources are refused, and so is an existing folder that
//! careersite did not make.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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

/// A staging folder being filled; dropped without `commit`, a fresh one is removed.
///
/// The output is double-buffered: `commit` swaps the staging folder and the output, so
/// the previous output stays beside the new one as the next build's staging folder. The
/// next build then rewrites only the files whose bytes changed and deletes the ones it no
/// longer makes: on a rebuild most files and every folder already exist, and making
/// thousands of new files and folders (and deleting the old ones) would cost more than
/// rendering them.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    /// Files the staging folder held when the build began, when it was a previous output:
    /// the ones not written again are deleted on commit.
    previous: Option<HashSet<PathBuf>>,
    written: Mutex<HashSet<PathBuf>>,
    committed: bool,
}

fn sibling(target: &Path, tag: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    target.with_file_name(format!(".{name}.{tag}"))
}

/// The folder beside `target` that holds the previous output between builds.
pub fn staging_dir(target: &Path) -> PathBuf {
    sibling(&absolute(target), "staging")
}

/// Kept in the staging folder between builds, so that git ignores the previous output
/// when the writer's `.gitignore` names only the output folder. Deleted before the swap
/// unless the site makes a file of that name itself.
const IGNORE_ALL: (&str, &str) = (".gitignore", "# careersite's previous output\n*\n");

fn is_real_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

impl Staging {
    /// Starts a staging folder beside `target`, first repairing what an interrupted
    /// earlier swap may have left. A previous output there is reused.
    pub fn begin(target: &Path) -> Result<Staging, SiteError> {
        let target = absolute(target);
        let old = sibling(&target, "old");
        let dir = sibling(&target, "staging");
        if old.exists() {
            // Left by a swap without `RENAME_EXCHANGE`, interrupted between its renames.
            if !target.exists() {
                std::fs::rename(&old, &target).map_err(|e| SiteError::io("restore", &old, e))?;
            } else if !dir.exists() {
                std::fs::rename(&old, &dir).map_err(|e| SiteError::io("restore", &old, e))?;
            } else {
                let _ = std::fs::remove_dir_all(&old);
            }
        }
        let reuse = is_real_dir(&dir) && dir.join(MARKER).is_file();
        let previous = if reuse {
            Some(previous_files(&dir)?)
        } else {
            if std::fs::symlink_metadata(&dir).is_ok() {
                remove_any(&dir).map_err(|e| SiteError::io("clear", &dir, e))?;
            }
            if let Some(parent) = dir.parent() {
                std::fs::create_dir_all(parent).map_err(|e| SiteError::io("create", parent, e))?;
            }
            std::fs::create_dir(&dir).map_err(|e| SiteError::io("create", &dir, e))?;
            None
        };
        let staging = Staging {
            target,
            dir,
            previous,
            written: Mutex::new(HashSet::new()),
            committed: false,
        };
        staging.write(
            MARKER,
            b"This folder is written by careersite; each build replaces it.\n",
        )?;
        Ok(staging)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file, `rel` being `/`-separated under the output folder. A file of the
    /// previous output that already holds these bytes is left alone.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), SiteError> {
        let path = safe_join(&self.dir, rel)?;
        if self.previous.is_none() {
            write_file(&self.dir, &path, bytes)?;
            return Ok(());
        }
        if !holds(&path, bytes) {
            write_file(&self.dir, &path, bytes)?;
        }
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path);
        Ok(())
    }

    /// Swaps the staging folder in place of the target; the previous output stays beside
    /// it for the next build.
    pub fn commit(mut self) -> Result<(), SiteError> {
        if let Some(previous) = self.previous.take() {
            let written = std::mem::take(self.written.get_mut().unwrap_or_else(|e| e.into_inner()));
            remove_stale(&self.dir, previous, &written)?;
        }
        if self.target.exists() {
            swap(&self.dir, &self.target)?;
            self.committed = true;
            // Best effort: only a convenience for git users.
            let _ = std::fs::write(self.dir.join(IGNORE_ALL.0), IGNORE_ALL.1);
        } else {
            std::fs::rename(&self.dir, &self.target)
                .map_err(|e| SiteError::io("move into place", &self.target, e))?;
            self.committed = true;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // A previous output partly updated is still a good start for the next build.
        if !self.committed && self.previous.is_none() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Every file under a previous output, after deleting its symbolic links: the build writes
/// into these files in place and must never write through a link to somewhere else.
fn previous_files(dir: &Path) -> Result<HashSet<PathBuf>, SiteError> {
    let mut files = HashSet::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            SiteError::io("read", &path, e.into())
        })?;
        let kind = entry.file_type();
        if kind.is_symlink() {
            std::fs::remove_file(entry.path())
                .map_err(|e| SiteError::io("remove", entry.path(), e))?;
        } else if !kind.is_dir() {
            files.insert(entry.into_path());
        }
    }
    Ok(files)
}

/// Whether the file at `path` holds exactly `bytes`.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    if !file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        return false;
    }
    let mut old = Vec::with_capacity(bytes.len());
    file.read_to_end(&mut old).is_ok() && old == bytes
}

/// Writes `bytes` to `path` under `base`, making its folders, and replacing whatever is in
/// the way: a file where a folder must go, or a folder where the file must go.
fn write_file(base: &Path, path: &Path, bytes: &[u8]) -> Result<(), SiteError> {
    let err = match std::fs::write(path, bytes) {
        Ok(()) => return Ok(()),
        Err(e) => e,
    };
    if let Some(parent) = path.parent()
        && std::fs::create_dir_all(parent).is_err()
    {
        // Some ancestor is a file of a previous output.
        for ancestor in parent
            .ancestors()
            .take_while(|a| a.starts_with(base) && *a != base)
        {
            if std::fs::symlink_metadata(ancestor).is_ok_and(|m| !m.is_dir()) {
                let _ = std::fs::remove_file(ancestor);
            }
        }
        std::fs::create_dir_all(parent).map_err(|e| SiteError::io("create", parent, e))?;
    }
    if is_real_dir(path) {
        let _ = std::fs::remove_dir_all(path);
    }
    std::fs::write(path, bytes).map_err(|e2| {
        let e = if e2.kind() == std::io::ErrorKind::NotFound {
            err
        } else {
            e2
        };
        SiteError::io("write", path, e)
    })
}

/// Deletes the files of the previous output that this build did not write, and the
/// folders that leaves empty.
fn remove_stale(
    dir: &Path,
    previous: HashSet<PathBuf>,
    written: &HashSet<PathBuf>,
) -> Result<(), SiteError> {
    let mut stale: Vec<PathBuf> = previous
        .into_iter()
        .filter(|p| !written.contains(p))
        .collect();
    // Deepest first, so a folder is emptied before it is tried.
    stale.sort_unstable_by(|a, b| b.cmp(a));
    for file in &stale {
        use std::io::ErrorKind::{IsADirectory, NotADirectory, NotFound};
        match std::fs::remove_file(file) {
            // Gone already, or replaced by a folder of this build or inside a file of it.
            Err(e) if !matches!(e.kind(), NotFound | NotADirectory | IsADirectory) => {
                return Err(SiteError::io("remove", file, e));
            }
            _ => {}
        }
    }
    for file in &stale {
        for folder in file
            .ancestors()
            .skip(1)
            .take_while(|a| *a != dir && a.starts_with(dir))
        {
            // Fails, as meant, while the folder still holds something.
            if std::fs::remove_dir(folder).is_err() {
                break;
            }
        }
    }
    Ok(())
}

fn remove_any(path: &Path) -> std::io::Result<()> {
    if is_real_dir(path) {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}

/// Exchanges two folders: in one step where the system can, else in three renames that
/// `Staging::begin` knows how to finish.
fn swap(staging: &Path, target: &Path) -> Result<(), SiteError> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staging, CWD, target, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    let old = sibling(target, "old");
    std::fs::rename(target, &old).map_err(|e| SiteError::io("move aside", target, e))?;
    if let Err(e) = std::fs::rename(staging, target) {
        let _ = std::fs::rename(&old, target);
        return Err(SiteError::io("move into place", target, e));
    }
    std::fs::rename(&old, staging).map_err(|e| SiteError::io("keep", &old, e))
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
    fn the_previous_output_is_updated_in_place() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let build = |files: &[(&str, &str)]| {
            let s = Staging::begin(&out).unwrap();
            for (rel, text) in files {
                s.write(rel, text.as_bytes()).unwrap();
            }
            s.commit().unwrap();
        };
        let one = [
            ("a/index.html", "same"),
            ("b/index.html", "one"),
            ("c/x", "gone"),
        ];
        build(&one);
        build(&one);
        let spare = staging_dir(&out);
        let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
        let unchanged = inode(&spare.join("a/index.html"));
        // The third build reuses the first one's folder: an unchanged file keeps its inode,
        // a changed one its new bytes, a file no longer made goes with its empty folder,
        // and a folder where a file must go (and a file where a folder must) give way.
        build(&[
            ("a/index.html", "same"),
            ("b/index.html", "two"),
            ("c", "file now"),
            ("d/e", "new"),
        ]);
        assert_eq!(inode(&out.join("a/index.html")), unchanged);
        assert_eq!(
            std::fs::read_to_string(out.join("b/index.html")).unwrap(),
            "two"
        );
        assert_eq!(std::fs::read_to_string(out.join("c")).unwrap(), "file now");
        assert_eq!(std::fs::read_to_string(out.join("d/e")).unwrap(), "new");
        assert!(!out.join(".gitignore").exists());
        let mut names: Vec<_> = walkdir::WalkDir::new(&out)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                e.unwrap()
                    .path()
                    .strip_prefix(&out)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                MARKER,
                "a",
                "a/index.html",
                "b",
                "b/index.html",
                "c",
                "d",
                "d/e"
            ]
        );
        build(&[("c/x", "folder again")]);
        assert_eq!(
            std::fs::read_to_string(out.join("c/x")).unwrap(),
            "folder again"
        );
        // A build that fails leaves the output alone and the previous output for the next.
        let s = Staging::begin(&out).unwrap();
        s.write("c/x", b"never seen").unwrap();
        drop(s);
        assert_eq!(
            std::fs::read_to_string(out.join("c/x")).unwrap(),
            "folder again"
        );
        assert!(spare.join(MARKER).is_file());
    }

    #[test]
    fn an_interrupted_three_rename_swap_is_finished() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let s = Staging::begin(&out).unwrap();
        s.write("index.html", b"one").unwrap();
        s.commit().unwrap();
        // Killed after moving the output aside: the next build puts it back.
        std::fs::rename(&out, sibling(&out, "old")).unwrap();
        let s = Staging::begin(&out).unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");
        drop(s);
        // Killed after moving the new output in: the old one becomes the previous output.
        let s = Staging::begin(&out).unwrap();
        s.write("index.html", b"two").unwrap();
        s.commit().unwrap();
        std::fs::rename(staging_dir(&out), sibling(&out, "old")).unwrap();
        let s = Staging::begin(&out).unwrap();
        assert!(!sibling(&out, "old").exists());
        assert_eq!(std::fs::read(s.dir().join("index.html")).unwrap(), b"one");
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"two");
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
