//! Reading the site from disk: the only stage that reads files.
//!
//! Walks are sorted so that everything downstream is deterministic. Hidden files and the
//! temporary and backup files editors leave beside the ones they save are skipped here and
//! by the watcher alike (`is_ignored`).

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, display_path};
use crate::text::frontmatter::normalise_text;

mod assets;
mod cache;
mod data;
mod read;
mod strings;
mod stylesheets;
mod walk;

pub use assets::{Asset, image_sizes, read_assets};
pub use cache::read_cache;
pub use data::{DATA_EXTENSIONS, DataText, read_data_files};

pub use read::{ReadError, read_regular};
pub use stylesheets::{Stylesheet, read_stylesheets};
use walk::{Need, walk};

/// A Markdown file under `content/`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to `content/`: `guides/a.md`.
    pub rel: PathBuf,
    /// Relative to the site root: `content/guides/a.md`.
    pub file: PathBuf,
    pub text: String,
}

/// A file copied to the output as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// Output path, `/`-separated: `css/site.css`.
    pub rel: String,
    pub bytes: StaticBytes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaticBytes {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

/// A static file's bytes, wherever it lives.
pub fn read_static(file: &StaticFile) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
    match &file.bytes {
        StaticBytes::Embedded(b) => Ok(std::borrow::Cow::Borrowed(b)),
        StaticBytes::Disk(p) => std::fs::read(p).map(std::borrow::Cow::Owned),
    }
}

/// A template's name (`guide.html`, `partials/card.html`) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateFile {
    pub name: String,
    /// Where it came from, for messages: `themes/default/templates/guide.html` or `(built-in)`.
    pub origin: String,
    pub text: String,
}

/// Whether a file name belongs to an editor's temporary or backup files, or is hidden.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || name.contains("___jb_")
        || [
            ".swp",
            ".swo",
            ".swx",
            ".tmp",
            ".bak",
            ".orig",
            ".kate-swp",
            ".crdownload",
        ]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// The settings file a build reads: the root's `site.toml`, or the file `--config` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigFile {
    /// Where it is read from.
    pub path: PathBuf,
    /// How errors name it: relative to the root when it lies inside, else as typed.
    pub shown: PathBuf,
}

/// Finds the settings file. `--config FILE` is looked for as typed (from the current
/// folder, like any path on a command line) and then under the root, so both
/// `--config site/staging.toml` and Zola's habit `--root site --config staging.toml` work.
pub fn config_file(root: &Path, requested: Option<&Path>) -> Result<ConfigFile, Diagnostic> {
    let Some(requested) = requested else {
        return Ok(ConfigFile {
            path: root.join(crate::config::CONFIG_FILE),
            shown: PathBuf::from(crate::config::CONFIG_FILE),
        });
    };
    let under_root = root.join(requested);
    let path = [requested, under_root.as_path()]
        .into_iter()
        .find(|p| p.is_file())
        .ok_or_else(|| {
            Diagnostic::error(
                requested.to_path_buf(),
                "--config names a settings file that is not there",
            )
            .hint(format!(
                "give the file's path from the current folder or from the site's folder ({})",
                root.display()
            ))
        })?
        .to_path_buf();
    let inside = std::path::absolute(&path)
        .ok()
        .zip(std::path::absolute(root).ok())
        .and_then(|(p, r)| p.strip_prefix(r).ok().map(Path::to_path_buf));
    Ok(ConfigFile {
        shown: inside.unwrap_or_else(|| requested.to_path_buf()),
        path,
    })
}

/// Reads the settings file.
pub fn read_config(file: &ConfigFile) -> Result<String, Diagnostic> {
    match read_regular(&file.path) {
        Ok(bytes) => decode(file.shown.clone(), bytes),
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Err(Diagnostic::error(
            file.shown.clone(),
            format!(
                "no {} in {}",
                crate::error::display_path(&file.shown),
                file.path.parent().unwrap_or(Path::new(".")).display()
            ),
        )
        .hint("run the command in a site's folder, pass --root DIR, or create one with `careersite init DIR`")),
        Err(e) => Err(e.diagnostic(file.shown.clone())),
    }
}

/// Reads each dataset site.toml names (`[[salary_data]]`), in its order. A file that is not
/// there is an error at its line in site.toml, where the name is written.
pub fn read_datasets(
    root: &Path,
    config_file: &Path,
    datasets: &[crate::datasets::DatasetConfig],
) -> (Vec<Option<String>>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let texts = datasets
        .iter()
        .map(|d| match read_regular(&root.join(&d.file)) {
            Ok(bytes) => decode(d.file.clone(), bytes)
                .map_err(|e| errors.push(e))
                .ok(),
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                errors.push(
                    Diagnostic::error(
                        config_file.to_path_buf(),
                        format!("dataset file `{}` does not exist", display_path(&d.file)),
                    )
                    .at_line(d.line)
                    .hint("check the file's name and folder, relative to the site's folder"),
                );
                None
            }
            Err(e) => {
                errors.push(e.diagnostic(d.file.clone()));
                None
            }
        })
        .collect();
    (texts, errors)
}

/// Reads every Markdown file under `content/`, in parallel, sorted by path.
pub fn read_content(root: &Path) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    read_content_with(root, |file| file)
}

/// [`read_content`], handing each file to `then` as soon as it is read, on the thread that
/// read it: a build parses each file there and then, so the whole site's text is never in
/// memory at once.
pub fn read_content_with<T: Send>(
    root: &Path,
    then: impl Fn(SourceFile) -> T + Sync,
) -> (Vec<T>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let content = root.join("content");
    let is_markdown = |p: &Path| p.extension().and_then(|e| e.to_str()) == Some("md");
    let rels = walk(root, &content, Need::Required, &is_markdown, &mut errors);
    let prefetching = prefetch(rels.iter().map(|rel| content.join(rel)).collect());
    let results: Vec<Result<T, Diagnostic>> = rels
        .into_par_iter()
        .map(|rel| read_source(root, rel).map(&then))
        .collect();
    let _ = prefetching.join();
    let mut files = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => errors.push(d),
        }
    }
    (files, errors)
}

/// Asks the system to start reading `files` into its cache, all at once, and returns
/// without waiting. Reading mostly waits on the disk, and a disk serves many requests in
/// flight far faster than one per core: 10,000 guides not in the system's cache took 1.1 s
/// to read two at a time and 0.4 s sixteen at a time.
fn prefetch(files: Vec<PathBuf>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        // Opening a file can wait on the disk too (for its inode): many at a time.
        #[cfg(target_os = "linux")]
        crate::fs_calls::each(&files, |path| {
            use rustix::fs::{Advice, fadvise};
            // Never blocks, even on a file swapped for a named pipe since the walk.
            if let Ok(file) = read::open_nonblocking(path) {
                let _ = fadvise(&file, 0, None, Advice::WillNeed);
            }
        });
        #[cfg(not(target_os = "linux"))]
        drop(files);
    })
}

/// Reads one content file given its path relative to `content/`.
pub fn read_source(root: &Path, rel: PathBuf) -> Result<SourceFile, Diagnostic> {
    let file = Path::new("content").join(&rel);
    let bytes = read_regular(&root.join(&file)).map_err(|e| e.diagnostic(file.clone()))?;
    let text = decode(file.clone(), bytes)?;
    Ok(SourceFile { rel, file, text })
}

/// UTF-8 text with BOM and CR line endings removed, or an error at the first bad byte.
fn decode(file: PathBuf, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = normalise_text(text);
            match crate::text::chars::check_file_text(&file, &text) {
                Some(d) => Err(d),
                None => Ok(text),
            }
        }
        Err(e) => {
            // Everything before the bad byte is valid text: normalised as a readable file
            // would be, its end is where the editor's cursor must go (columns in characters).
            let valid = e.utf8_error().valid_up_to();
            let before = normalise_text(String::from_utf8_lossy(&e.as_bytes()[..valid]).into());
            let (line, col) = crate::text::format::line_col(&before, before.len());
            Err(Diagnostic::error(file, "the file is not valid UTF-8 text")
                .at(line, col)
                .hint("save it as UTF-8 in your editor"))
        }
    }
}

/// The default theme compiled into the binary.
pub mod default_theme {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// The templates and static files of a theme, with the site's own overrides layered on top:
/// built-in default, then `themes/<name>/`, then the site's `templates/` and `static/`.
/// The theme strings (`i18n/`) come along with the templates, layered likewise.
pub fn read_theme(
    root: &Path,
    config_file: &Path,
    theme: &str,
) -> (Vec<TemplateFile>, Vec<StaticFile>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut templates: std::collections::BTreeMap<String, TemplateFile> = Default::default();
    let mut statics: std::collections::BTreeMap<String, StaticFile> = Default::default();
    for (name, bytes) in default_theme::TEMPLATES {
        templates.insert(
            name.to_string(),
            TemplateFile {
                name: name.to_string(),
                origin: format!("(built-in theme) {name}"),
                text: String::from_utf8_lossy(bytes).into_owned(),
            },
        );
    }
    for (name, bytes) in default_theme::STATIC {
        statics.insert(
            name.to_string(),
            StaticFile {
                rel: name.to_string(),
                bytes: StaticBytes::Embedded(bytes),
            },
        );
    }
    let theme_dir = root.join("themes").join(theme);
    if root.join("themes").is_dir() && !theme_dir.is_dir() && theme != "default" {
        errors.push(
            Diagnostic::error(
                config_file.to_path_buf(),
                format!("theme `{theme}` not found"),
            )
            .hint(format!(
                "create themes/{theme}/ or set `theme = \"default\"`"
            )),
        );
    } else if !root.join("themes").is_dir() && theme != "default" {
        errors.push(
            Diagnostic::error(
                config_file.to_path_buf(),
                format!("theme `{theme}` not found: there is no themes/ folder"),
            )
            .hint(format!(
                "create themes/{theme}/ or remove `theme` to use the built-in default"
            )),
        );
    }
    let layers = [
        (theme_dir.join("templates"), theme_dir.join("static")),
        (root.join("templates"), root.join("static")),
    ];
    let mut theme_copies = Vec::new();
    for (layer, (tdir, sdir)) in layers.into_iter().enumerate() {
        if layer == 1 {
            theme_copies = theme_templates(&templates);
        }
        for rel in walk(root, &tdir, Need::Optional, &|_| true, &mut errors) {
            let name = display_path(&rel);
            let abs = tdir.join(&rel);
            let shown = abs.strip_prefix(root).unwrap_or(&abs).to_path_buf();
            match read_regular(&abs)
                .map_err(|e| e.diagnostic(shown.clone()))
                .and_then(|b| decode(shown.clone(), b))
            {
                Ok(text) => {
                    templates.insert(
                        name.clone(),
                        TemplateFile {
                            name,
                            origin: display_path(&shown),
                            text,
                        },
                    );
                }
                Err(d) => errors.push(d),
            }
        }
        for rel in walk(root, &sdir, Need::Optional, &|_| true, &mut errors) {
            let name = display_path(&rel);
            statics.insert(
                name.clone(),
                StaticFile {
                    rel: name,
                    bytes: StaticBytes::Disk(sdir.join(&rel)),
                },
            );
        }
    }
    for t in theme_copies {
        templates.insert(t.name.clone(), t);
    }
    strings::read_strings(root, &theme_dir, &mut templates, &mut errors);
    (
        templates.into_values().collect(),
        statics.into_values().collect(),
        errors,
    )
}

/// Where a site template names the theme's template that it replaces, to extend it:
/// `{% extends "theme:guide.html" %}`.
pub const THEME_PREFIX: &str = "theme:";

/// Each theme template (not a shortcode) again as `theme:NAME`, so that the site's
/// template of the same name can extend it and override single blocks.
fn theme_templates(
    templates: &std::collections::BTreeMap<String, TemplateFile>,
) -> Vec<TemplateFile> {
    templates
        .values()
        .filter(|t| !t.name.starts_with("shortcodes/"))
        .map(|t| TemplateFile {
            name: format!("{THEME_PREFIX}{}", t.name),
            origin: t.origin.clone(),
            text: t.text.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_are_ignored() {
        for name in [
            ".hidden.md",
            "a.md~",
            "#a.md#",
            "4913",
            "a.md.swp",
            ".a.md.swx",
            "a.md___jb_tmp___",
            "a.tmp",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        for name in ["a.md", "notes-4913.md", "c#.md"] {
            assert!(!is_ignored(name), "{name}");
        }
    }

    #[test]
    fn non_utf8_is_located() {
        let e = decode(PathBuf::from("a.md"), b"ok\nab\xffc".to_vec()).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(3)));
        let e = decode(PathBuf::from("a.md"), b"ok\nCaf\xc3\xa9 \xff".to_vec()).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(6)));
    }

    #[test]
    fn default_theme_is_embedded() {
        assert!(
            default_theme::TEMPLATES
                .iter()
                .any(|(n, _)| *n == "base.html")
        );
    }
}
