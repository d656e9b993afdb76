//! The staging folder: where a build writes, swapped with the output only once every file
//! is written, so a failed or interrupted build leaves the previous output whole.
//!
//! The output is double-buffered. `commit` exchanges the staging folder and the output, so
//! the previous output stays beside the new one and becomes the next build's staging
//! folder, with a manifest of what it holds. The next build then writes only the files
//! whose bytes changed and deletes the ones it no longer makes. On a rebuild almost every
//! file and folder already exists: creating thousands of them, and deleting the old ones,
//! costs more than rendering them.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::manifest::{self, FileStamp, Manifest, Stamp};
use super::{MARKER, absolute, safe_join};
use crate::error::SiteError;

/// Kept in the staging folder between builds, so that git ignores the previous output
/// when the writer's `.gitignore` names only the output folder.
const IGNORE_ALL: (&str, &str) = (".gitignore", "# careersite's previous output\n*\n");

/// Files of ours in the staging folder that never go into the output.
const OWN_FILES: [&str; 3] = [IGNORE_ALL.0, manifest::OWN, manifest::OUTPUT];

/// What the staging folder held when the build began.
enum Previous {
    /// A new, empty folder.
    Fresh,
    /// A previous output whose manifest still describes it.
    Known(Manifest),
    /// A previous output without a manifest to trust: its files and folders, found by
    /// walking it.
    Listed(HashSet<String>, Vec<String>),
}

/// A staging folder being filled; dropped without `commit`, a fresh one is removed and a
/// previous output is kept for the next build.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    previous: Previous,
    /// The output's manifest, which describes the staging folder once they are swapped.
    output_manifest: Option<Manifest>,
    written: Mutex<Written>,
    committed: bool,
}

#[derive(Default)]
struct Written {
    files: BTreeMap<String, FileStamp>,
    /// Folders whose entries this build changed, so whose times must be read again.
    touched: BTreeSet<String>,
}

pub(super) fn sibling(target: &Path, tag: &str) -> PathBuf {
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

/// Forgets what the output held, for a caller about to change it outside a build (the
/// watch mode writes changed pages straight into it). Its manifest would otherwise be
/// trusted once the output becomes the staging folder; folder times cannot be relied on
/// to show the change, as they move in clock ticks of several milliseconds.
pub fn forget_output_manifest(target: &Path) {
    let _ = std::fs::remove_file(staging_dir(target).join(manifest::OUTPUT));
}

fn is_real_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// `rel` as the manifest keys it: `/`-separated, without empty parts.
fn key_of(rel: &str) -> String {
    rel.split('/')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

fn parent_key(key: &str) -> Option<&str> {
    key.rsplit_once('/').map(|(parent, _)| parent)
}

impl Staging {
    /// Starts a staging folder beside `target`, first repairing what an interrupted
    /// earlier swap may have left. A previous output there is reused.
    pub fn begin(target: &Path) -> Result<Staging, SiteError> {
        let target = absolute(target);
        let old = sibling(&target, "old");
        let dir = sibling(&target, "staging");
        if std::fs::symlink_metadata(&old).is_ok() {
            refuse_unless_ours(&old)?;
            // Left by a swap without `RENAME_EXCHANGE`, interrupted between its renames.
            if !target.exists() {
                std::fs::rename(&old, &target).map_err(|e| SiteError::io("restore", &old, e))?;
            } else if !dir.exists() {
                std::fs::rename(&old, &dir).map_err(|e| SiteError::io("restore", &old, e))?;
            } else {
                let _ = std::fs::remove_dir_all(&old);
            }
        }
        let (previous, output_manifest) = if is_real_dir(&dir) && dir.join(MARKER).is_file() {
            let own = Manifest::read(&dir.join(manifest::OWN), &dir)
                .filter(|m| m.still_describes(&dir, &[&OWN_FILES[..], &[MARKER]].concat()));
            let previous = match own {
                Some(m) => Previous::Known(m),
                None => {
                    let (files, folders) = list(&dir)?;
                    Previous::Listed(files, folders)
                }
            };
            (
                previous,
                Manifest::read(&dir.join(manifest::OUTPUT), &target),
            )
        } else {
            if std::fs::symlink_metadata(&dir).is_ok() {
                refuse_unless_ours(&dir)?;
                remove_any(&dir).map_err(|e| SiteError::io("clear", &dir, e))?;
            }
            if let Some(parent) = dir.parent() {
                std::fs::create_dir_all(parent).map_err(|e| SiteError::io("create", parent, e))?;
            }
            std::fs::create_dir(&dir).map_err(|e| SiteError::io("create", &dir, e))?;
            (Previous::Fresh, None)
        };
        let staging = Staging {
            target,
            dir,
            previous,
            output_manifest,
            written: Mutex::new(Written::default()),
            committed: false,
        };
        staging.write(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file, `rel` being `/`-separated under the output folder, and returns a
    /// hash of its bytes. A file of the previous output known to hold these bytes already
    /// is left alone.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<u64, SiteError> {
        let path = safe_join(&self.dir, rel)?;
        let key = key_of(rel);
        let hash = crate::hash::hash_bytes(bytes);
        let len = bytes.len() as u64;
        if let Previous::Known(m) = &self.previous
            && let Some(old) = m.files.get(&key)
            && old.len == len
            && old.hash == hash
            && std::fs::symlink_metadata(&path)
                .is_ok_and(|meta| meta.is_file() && Stamp::of(&meta) == old.stamp)
        {
            self.record(key, *old, false);
            return Ok(hash);
        }
        let existed = match &self.previous {
            Previous::Fresh => false,
            Previous::Known(m) => m.files.contains_key(&key),
            Previous::Listed(files, _) => files.contains(&key),
        };
        let stamp = write_file(&self.dir, &path, bytes)?;
        self.record(key, FileStamp { len, hash, stamp }, !existed);
        Ok(hash)
    }

    fn record(&self, key: String, file: FileStamp, new_entry: bool) {
        let mut w = self.written.lock().unwrap_or_else(|e| e.into_inner());
        if new_entry {
            let mut at = key.as_str();
            while let Some(parent) = parent_key(at) {
                if !w.touched.insert(parent.to_string()) {
                    break;
                }
                at = parent;
            }
        }
        w.files.insert(key, file);
    }

    /// Swaps the staging folder in place of the target; the previous output stays beside
    /// it, with its manifest, for the next build.
    pub fn commit(mut self) -> Result<(), SiteError> {
        let mut written = std::mem::take(self.written.get_mut().unwrap_or_else(|e| e.into_inner()));
        let previous = std::mem::replace(&mut self.previous, Previous::Fresh);
        let old_folders = match previous {
            Previous::Fresh => BTreeMap::new(),
            Previous::Known(m) => {
                let stale = m.files.keys().filter(|k| !written.files.contains_key(*k));
                remove_stale(&self.dir, stale, &mut written.touched)?;
                m.folders
            }
            Previous::Listed(files, mut folders) => {
                let stale = files.iter().filter(|k| !written.files.contains_key(*k));
                remove_stale(&self.dir, stale, &mut written.touched)?;
                // Folders that held no file of ours, made by someone else.
                let needed = manifest::folders_of(written.files.keys());
                folders.sort_unstable_by(|a, b| b.cmp(a));
                for rel in folders.iter().filter(|f| !needed.contains(f.as_str())) {
                    let _ = std::fs::remove_dir(self.dir.join(rel));
                }
                BTreeMap::new()
            }
        };
        for own in OWN_FILES {
            if !written.files.contains_key(own) {
                let _ = std::fs::remove_file(self.dir.join(own));
            }
        }
        let new_manifest = self.manifest_of(written, &old_folders);
        let swapped = self.target.exists();
        if swapped {
            swap(&self.dir, &self.target)?;
        } else {
            std::fs::rename(&self.dir, &self.target)
                .map_err(|e| SiteError::io("move into place", &self.target, e))?;
        }
        self.committed = true;
        if swapped {
            // The folder swapped out was careersite's output, or empty (anything else is
            // refused before a build starts): mark it, so the next build may reuse it.
            let _ = std::fs::write(self.dir.join(MARKER), MARKER_TEXT);
        }
        // Best effort from here: without these files the next build only does more work.
        let spare_manifest = if swapped {
            self.output_manifest.take()
        } else {
            // A first build: an empty folder to hold the manifest of the new output.
            let _ = std::fs::create_dir(&self.dir);
            Some(Manifest::default())
        };
        if let Some(mut own) = spare_manifest
            && let Ok(meta) = std::fs::symlink_metadata(&self.dir)
        {
            own.folder = Stamp::of(&meta).ino;
            let _ = std::fs::write(self.dir.join(IGNORE_ALL.0), IGNORE_ALL.1);
            let _ = std::fs::write(self.dir.join(MARKER), MARKER_TEXT);
            let _ = own.write(&self.dir.join(manifest::OWN));
        }
        if let Some(m) = new_manifest {
            let _ = m.write(&self.dir.join(manifest::OUTPUT));
        }
        Ok(())
    }

    /// The manifest of the staging folder as written, before it is swapped in.
    fn manifest_of(
        &self,
        written: Written,
        old_folders: &BTreeMap<String, Stamp>,
    ) -> Option<Manifest> {
        let folder = Stamp::of(&std::fs::symlink_metadata(&self.dir).ok()?).ino;
        let mut folders = BTreeMap::new();
        for rel in manifest::folders_of(written.files.keys()) {
            let stamp = match old_folders.get(rel) {
                Some(s) if !written.touched.contains(rel) => *s,
                _ => Stamp::of(&std::fs::symlink_metadata(self.dir.join(rel)).ok()?),
            };
            folders.insert(rel.to_string(), stamp);
        }
        Some(Manifest {
            folder,
            files: written.files,
            folders,
        })
    }
}

const MARKER_TEXT: &str = "This folder is written by careersite; each build replaces it.\n";

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && matches!(self.previous, Previous::Fresh) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Every file and folder under a previous output, after deleting its symbolic links: the
/// build writes into these files in place and must never write through a link to
/// somewhere else.
fn list(dir: &Path) -> Result<(HashSet<String>, Vec<String>), SiteError> {
    let mut files = HashSet::new();
    let mut folders = Vec::new();
    // A level of folders at a time, each level's folders read many at a time.
    let mut level = vec![String::new()];
    while !level.is_empty() {
        let read = crate::fs_calls::each(&level, |rel| {
            let path = if rel.is_empty() {
                dir.to_path_buf()
            } else {
                dir.join(rel)
            };
            let mut found = Vec::new();
            for entry in std::fs::read_dir(&path).map_err(|e| SiteError::io("read", &path, e))? {
                let entry = entry.map_err(|e| SiteError::io("read", &path, e))?;
                let kind = entry
                    .file_type()
                    .map_err(|e| SiteError::io("read", &path, e))?;
                let name = entry.file_name().to_string_lossy().into_owned();
                let child = if rel.is_empty() {
                    name
                } else {
                    format!("{rel}/{name}")
                };
                if kind.is_symlink() {
                    std::fs::remove_file(entry.path())
                        .map_err(|e| SiteError::io("remove", &entry.path(), e))?;
                } else {
                    found.push((child, kind.is_dir()));
                }
            }
            Ok::<_, SiteError>(found)
        });
        let mut next = Vec::new();
        for found in read {
            for (child, is_dir) in found? {
                if is_dir {
                    folders.push(child.clone());
                    next.push(child);
                } else {
                    files.insert(child);
                }
            }
        }
        level = next;
    }
    Ok((files, folders))
}

/// Writes `bytes` to `path` under `base`, making its folders and replacing whatever is in
/// the way (a file where a folder must go, or a folder where the file must go), and
/// returns the file's stamp.
fn write_file(base: &Path, path: &Path, bytes: &[u8]) -> Result<Stamp, SiteError> {
    let write = || -> std::io::Result<Stamp> {
        let mut file = std::fs::File::create(path)?;
        file.write_all(bytes)?;
        Ok(Stamp::of(&file.metadata()?))
    };
    let err = match write() {
        Ok(stamp) => return Ok(stamp),
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
    write().map_err(|e2| {
        let e = if e2.kind() == std::io::ErrorKind::NotFound {
            err
        } else {
            e2
        };
        SiteError::io("write", path, e)
    })
}

/// Deletes the files of the previous output that this build did not write, and the
/// folders that leaves empty, noting the folders whose entries changed.
fn remove_stale<'a>(
    dir: &Path,
    stale: impl Iterator<Item = &'a String>,
    touched: &mut BTreeSet<String>,
) -> Result<(), SiteError> {
    use std::io::ErrorKind::{IsADirectory, NotADirectory, NotFound};
    let mut stale: Vec<&String> = stale.collect();
    // Deepest first, so a folder is emptied before it is tried.
    stale.sort_unstable_by(|a, b| b.cmp(a));
    for key in &stale {
        let file = dir.join(key.as_str());
        match std::fs::remove_file(&file) {
            // Gone already, or replaced by a folder of this build or inside a file of it.
            Err(e) if !matches!(e.kind(), NotFound | NotADirectory | IsADirectory) => {
                return Err(SiteError::io("remove", &file, e));
            }
            _ => {}
        }
    }
    for key in &stale {
        let mut at = key.as_str();
        while let Some(parent) = parent_key(at) {
            touched.insert(parent.to_string());
            // Fails, as meant, while the folder still holds something.
            if std::fs::remove_dir(dir.join(parent)).is_err() {
                break;
            }
            at = parent;
        }
    }
    Ok(())
}

/// A folder beside the output that careersite uses for itself (`.output.staging`,
/// `.output.old`) may be emptied or removed only when careersite made it: its marker file
/// says so, or it is an empty folder. Anything else there is the user's.
fn refuse_unless_ours(path: &Path) -> Result<(), SiteError> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| SiteError::io("read", path, e))?;
    let ours = meta.is_dir()
        && (path.join(MARKER).is_file()
            || std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_none()));
    if ours {
        return Ok(());
    }
    let what = if meta.is_dir() {
        format!("it holds files that careersite did not write (no {MARKER} file)")
    } else if meta.is_symlink() {
        "it is a symbolic link that careersite did not make".to_string()
    } else {
        "it is a file that careersite did not write".to_string()
    };
    Err(SiteError::fatal(format!(
        "{}: refusing to empty or remove it: {what}; careersite keeps its previous build in this folder beside the output, so move or rename yours, or choose another output folder with --output",
        path.display()
    )))
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
