//! What a staging folder held when a build left it: each file's length, hash and stamp,
//! and each folder's modification time. With it the next build knows which files already
//! hold the bytes it renders without reading them (reading thousands of files the system
//! has dropped from its cache costs more than the whole build), and which files to delete.
//!
//! Trusted only as far as cheap checks allow: the folder must be the one the manifest was
//! made for (its inode), no folder may have changed since (adding, removing or renaming
//! an entry changes a folder's time), and a file is taken as unchanged only when its inode,
//! length and modification time still match.

use std::collections::BTreeMap;
use std::fs::Metadata;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// Describes the folder it is in.
pub const OWN: &str = ".careersite-manifest";
/// Describes the output folder beside the staging folder it is in.
pub const OUTPUT: &str = ".careersite-output-manifest";

/// One file as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub len: u64,
    pub hash: u64,
    pub stamp: Stamp,
}

/// Inode and modification time: what changes when anyone rewrites or replaces a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub ino: u64,
    pub secs: i64,
    pub nanos: i64,
}

impl Stamp {
    #[cfg(unix)]
    pub fn of(meta: &Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            ino: meta.ino(),
            secs: meta.mtime(),
            nanos: meta.mtime_nsec(),
        }
    }

    #[cfg(not(unix))]
    pub fn of(meta: &Metadata) -> Stamp {
        // No inode here: a time that never matches, so every file is rewritten.
        let _ = meta;
        Stamp {
            ino: 0,
            secs: i64::MIN,
            nanos: 0,
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// The described folder's inode: a manifest left beside the wrong folder is ignored.
    pub folder: u64,
    /// Every file, by `/`-separated path.
    pub files: BTreeMap<String, FileStamp>,
    /// Every folder below the top one, by path, with its modification time.
    pub folders: BTreeMap<String, Stamp>,
}

impl Manifest {
    /// The manifest stored at `file` if it describes `folder`.
    pub fn read(file: &Path, folder: &Path) -> Option<Manifest> {
        let manifest: Manifest = serde_json::from_slice(&std::fs::read(file).ok()?).ok()?;
        let meta = std::fs::symlink_metadata(folder).ok()?;
        (meta.is_dir() && Stamp::of(&meta).ino == manifest.folder).then_some(manifest)
    }

    pub fn write(&self, file: &Path) -> std::io::Result<()> {
        let bytes = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        std::fs::write(file, bytes)
    }

    /// Whether `folder` holds what this manifest says, as far as folder times tell: no
    /// entry added, removed or renamed anywhere since, no file turned into a link. The
    /// top folder's time changes with the manifest itself, so its names are compared.
    pub fn still_describes(&self, folder: &Path, own_files: &[&str]) -> bool {
        let Ok(entries) = std::fs::read_dir(folder) else {
            return false;
        };
        for entry in entries {
            let Ok(entry) = entry else { return false };
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                return false;
            };
            let known = own_files.contains(&name)
                || self.folders.contains_key(name)
                || self.files.contains_key(name);
            if !known {
                return false;
            }
        }
        let folders: Vec<(&String, &Stamp)> = self.folders.iter().collect();
        let same = crate::fs_calls::each(&folders, |(rel, stamp)| {
            std::fs::symlink_metadata(folder.join(rel))
                .is_ok_and(|m| m.is_dir() && Stamp::of(&m) == **stamp)
        });
        if !same.into_iter().all(|same| same) {
            return false;
        }
        // Each file's stamp is checked again as it is written; asking for them all now,
        // many at a time, means those checks find them in the system's cache.
        let files: Vec<&String> = self.files.keys().collect();
        crate::fs_calls::each(&files, |rel| {
            drop(std::fs::symlink_metadata(folder.join(rel)))
        });
        true
    }
}

/// Every folder that holds one of `files`, below the top one.
pub fn folders_of<'a>(
    files: impl Iterator<Item = &'a String>,
) -> std::collections::BTreeSet<&'a str> {
    let mut out = std::collections::BTreeSet::new();
    for file in files {
        let mut rest = file.as_str();
        while let Some((parent, _)) = rest.rsplit_once('/') {
            if !out.insert(parent) {
                break;
            }
            rest = parent;
        }
    }
    out
}
