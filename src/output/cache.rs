//! Writing a cache file beside the site (`.careersite-cache/`), the one file careersite
//! writes outside its output folder besides what `init` and `new` create. Written whole to
//! a temporary file and renamed over the old one, so a check stopped halfway, or two run
//! at once, leaves the last complete file, never half of one.

use std::path::Path;

use crate::error::SiteError;

/// Written into the cache folder, so that git leaves the folder out without the writer
/// having to name it in the site's own `.gitignore` (as pytest's and mypy's caches do).
const GITIGNORE: &str = "# Made by careersite: results it keeps between runs.\n*\n";

/// Replaces the file at `path` with `bytes`, creating its folder when needed.
pub fn write_cache(path: &Path, bytes: &[u8]) -> Result<(), SiteError> {
    let dir = path
        .parent()
        .ok_or_else(|| SiteError::fatal(format!("{} has no folder", path.display())))?;
    std::fs::create_dir_all(dir).map_err(|e| SiteError::io("create", dir, e))?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        // Only a convenience: the cache works without it.
        let _ = std::fs::write(&ignore, GITIGNORE);
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("cache");
    // The process id keeps two checks run at once from writing one temporary file.
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| SiteError::io("write", &tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        SiteError::io("write", path, e)
    })
}
