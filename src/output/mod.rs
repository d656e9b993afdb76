//! Writing the output folder: the only stage that writes (besides `init` and `new`).
//!
//! A build writes into a staging folder beside the output and swaps it in only once every
//! file is written, so a failed or interrupted build leaves the previous output whole.
//! Folders that would destroy sources are refused, and so is an existing folder that
//! careersite did not make.

use std::path::{Path, PathBuf};

use crate::error::SiteError;

mod cache;
pub mod live;
mod manifest;
mod staging;

pub use cache::write_cache;
pub use staging::{Staging, forget_output_manifest, staging_dir};

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

/// How many guide pages a previous output of careersite's holds (`guides/<slug>/index.html`;
/// the listing's later pages, `guides/page/2/`, have no page of their own at that level).
pub fn guides_in(output: &Path) -> usize {
    if !output.join(MARKER).is_file() {
        return 0;
    }
    std::fs::read_dir(output.join("guides")).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .filter(|e| e.path().join("index.html").is_file())
            .count()
    })
}

/// The most bytes a file system allows in one file or folder name (ext4, APFS, NTFS).
pub const MAX_NAME_BYTES: usize = 255;

/// An error for each output path with a file or folder name longer than a file system
/// allows, naming the content file it comes from where there is one. Checked before
/// anything is written: the write would fail part-way with "File name too long".
pub fn names_fit<'a>(
    outputs: impl IntoIterator<Item = (String, Option<&'a Path>)>,
) -> Vec<crate::error::Diagnostic> {
    let mut problems = Vec::new();
    for (rel, source) in outputs {
        let Some(long) = rel.split('/').find(|part| part.len() > MAX_NAME_BYTES) else {
            continue;
        };
        let shown: String = long.chars().take(40).collect();
        problems.push(
            crate::error::Diagnostic::error(
                source.map(Path::to_path_buf),
                format!(
                    "the output name `{shown}…` is {} bytes long, more than the {MAX_NAME_BYTES} a file system allows in a file or folder name",
                    long.len()
                ),
            )
            .hint("shorten the slug or title"),
        );
    }
    problems
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
    use super::staging::sibling;
    use super::*;

    #[test]
    fn names_longer_than_a_file_system_allows_are_found_by_byte_count() {
        let fits = format!("guides/{}/index.html", "a".repeat(MAX_NAME_BYTES));
        // 85 characters of three bytes each: short to read, too long to write.
        let long = format!("guides/{}/index.html", "数".repeat(86));
        let source = Path::new("content/guides/x.md");
        let found = names_fit([(fits, None), (long, Some(source))]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].file.as_deref(), Some(source));
        assert!(found[0].message.contains("258 bytes long"), "{}", found[0]);
        assert_eq!(found[0].hint.as_deref(), Some("shorten the slug or title"));
    }

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
        // The output, and beside it the folder the next build will fill.
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 2);
    }

    /// Every file and folder under `dir`, relative and sorted.
    fn names_under(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                let e = e.unwrap();
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
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
        let modified = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
        let unchanged = inode(&spare.join("a/index.html"));
        let unchanged_time = modified(&spare.join("a/index.html"));
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
            modified(&out.join("a/index.html")),
            unchanged_time,
            "not rewritten"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("b/index.html")).unwrap(),
            "two"
        );
        assert_eq!(std::fs::read_to_string(out.join("c")).unwrap(), "file now");
        assert_eq!(std::fs::read_to_string(out.join("d/e")).unwrap(), "new");
        assert!(!out.join(".gitignore").exists());
        assert_eq!(
            names_under(&out),
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
    fn hand_made_changes_to_the_previous_output_are_undone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let files = [
            ("index.html", "home"),
            ("a/index.html", "a"),
            ("b/c/index.html", "c"),
        ];
        let build = || {
            let s = Staging::begin(&out).unwrap();
            for (rel, text) in files {
                s.write(rel, text.as_bytes()).unwrap();
            }
            s.commit().unwrap();
        };
        build();
        build();
        // The previous output, edited by hand: a file rewritten, files added at the top
        // and in a folder, a folder added.
        let spare = staging_dir(&out);
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(spare.join("a/index.html"), "edited").unwrap();
        std::fs::write(spare.join("CNAME"), "example.com").unwrap();
        std::fs::write(spare.join("b/c/extra.html"), "extra").unwrap();
        std::fs::create_dir(spare.join("b/new")).unwrap();
        build();
        assert_eq!(
            names_under(&out),
            [
                MARKER,
                "a",
                "a/index.html",
                "b",
                "b/c",
                "b/c/index.html",
                "index.html"
            ]
        );
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "a"
        );
    }

    #[test]
    fn a_change_the_folder_times_miss_is_undone_once_the_manifest_is_forgotten() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let build = || {
            let s = Staging::begin(&out).unwrap();
            s.write("guides/a/index.html", b"a").unwrap();
            s.commit().unwrap();
        };
        build();
        build();
        // A file added to the output within the same clock tick as the build, as the watch
        // mode can: the folder's time does not move.
        let guides = out.join("guides");
        let time = std::fs::metadata(&guides).unwrap().modified().unwrap();
        std::fs::write(guides.join("extra.html"), "stale").unwrap();
        std::fs::File::open(&guides)
            .unwrap()
            .set_modified(time)
            .unwrap();
        forget_output_manifest(&out);
        build();
        build();
        assert_eq!(
            names_under(&out),
            [MARKER, "guides", "guides/a", "guides/a/index.html"]
        );
        assert!(!staging_dir(&out).join("guides/extra.html").exists());
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
