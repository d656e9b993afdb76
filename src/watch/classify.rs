//! What a changed path means for the site: a pure function, table-tested, shared by
//! `build --watch` and `serve`.

use std::path::{Component, Path, PathBuf};

use crate::source::is_ignored;

/// What kind of source a changed path is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// `site.toml`: everything may change.
    Config,
    /// A file or folder under `content/`, relative to it.
    Content(std::path::PathBuf),
    /// A template (site `templates/` or a theme's).
    Template,
    /// A static file (site `static/` or a theme's).
    Static,
    /// A file or folder under `data/`: a data file or a dataset.
    Data,
    /// A whole source folder itself (`content/`, `templates/`, `static/`, `data/`, a theme or
    /// its folders): deleted, moved away, moved back or replaced.
    /// The watcher reports only the folder's own name for a move, never the files in it, so
    /// everything is read again.
    Root,
    /// Not a source: the output, hidden or editor files, anything else.
    Ignored,
}

/// Classifies `path` (relative to the site root). `output` is the output folder relative to
/// the root, when it lies inside it, so our own writes never trigger a rebuild; `config` is
/// the settings file relative to the root (`site.toml`, or what `--config` named).
pub fn classify(path: &Path, output: Option<&Path>, config: &Path) -> Change {
    if path == config {
        return Change::Config;
    }
    if output.is_some_and(|o| !o.as_os_str().is_empty() && path.starts_with(o)) {
        return Change::Ignored;
    }
    let parts: Vec<&str> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    if parts.is_empty() || parts.iter().any(|p| is_ignored(p)) {
        return Change::Ignored;
    }
    match parts.as_slice() {
        ["content" | "templates" | "static" | "data" | "themes"] => Change::Root,
        ["themes", _] | ["themes", _, "templates" | "static"] => Change::Root,
        ["data", _, ..] => Change::Data,
        ["content", rest @ ..] if !rest.is_empty() => Change::Content(rest.iter().collect()),
        ["templates", _, ..] => Change::Template,
        ["static", _, ..] => Change::Static,
        ["themes", _, "templates", _, ..] => Change::Template,
        ["themes", _, "static", _, ..] => Change::Static,
        _ => Change::Ignored,
    }
}

/// Where a session's sources lie, to classify the paths that file events name (absolute, or
/// relative to the current folder).
pub struct Sources {
    pub root: PathBuf,
    /// The output folder relative to the root, when it lies inside it.
    pub output: Option<PathBuf>,
    /// The settings file, absolute, and relative to the root when it lies inside it.
    pub config: PathBuf,
    pub config_rel: PathBuf,
}

impl Sources {
    /// What a changed path is, with its path relative to the root; None when it lies
    /// outside the root and is not the settings file.
    pub fn change(&self, path: &Path) -> Option<(PathBuf, Change)> {
        let abs = crate::output::absolute(path);
        match abs.strip_prefix(&self.root) {
            Ok(rel) => {
                let change = classify(rel, self.output.as_deref(), &self.config_rel);
                Some((rel.to_path_buf(), change))
            }
            // A settings file outside the site's folder, named by `--config`.
            Err(_) if abs == self.config => Some((abs, Change::Config)),
            Err(_) => None,
        }
    }

    /// Whether a change to `path` can change the site.
    pub fn matters(&self, path: &Path) -> bool {
        self.change(path)
            .is_some_and(|(_, c)| !matches!(c, Change::Ignored))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn table() {
        let out = Some(Path::new("output"));
        let cases: &[(&str, Change)] = &[
            ("site.toml", Change::Config),
            (
                "content/guides/a.md",
                Change::Content(PathBuf::from("guides/a.md")),
            ),
            (
                "content/guides/new-folder",
                Change::Content(PathBuf::from("guides/new-folder")),
            ),
            ("content/guides/.a.md.swp", Change::Ignored),
            ("content/guides/a.md~", Change::Ignored),
            ("content/guides/#a.md#", Change::Ignored),
            ("content/guides/4913", Change::Ignored),
            ("content/.git/index", Change::Ignored),
            ("templates/guide.html", Change::Template),
            (
                "themes/default/templates/partials/card.html",
                Change::Template,
            ),
            ("themes/default/static/style.css", Change::Static),
            ("static/img/logo.png", Change::Static),
            ("output/guides/a/index.html", Change::Ignored),
            (".output.staging/index.html", Change::Ignored),
            ("README.md", Change::Ignored),
            ("content", Change::Root),
            ("templates", Change::Root),
            ("static", Change::Root),
            ("data", Change::Root),
            ("data/salaries.csv", Change::Data),
            ("data/jobs/bootcamps.yaml", Change::Data),
            ("themes", Change::Root),
            ("themes/default", Change::Root),
            ("themes/default/templates", Change::Root),
            ("themes/default/static", Change::Root),
            ("themes/default/README.md", Change::Ignored),
            ("content.bak", Change::Ignored),
            ("content.bak/guides/a.md", Change::Ignored),
            ("templates.new", Change::Ignored),
        ];
        for (path, want) in cases {
            assert_eq!(
                &classify(Path::new(path), out, Path::new("site.toml")),
                want,
                "{path}"
            );
        }
    }

    #[test]
    fn another_settings_file_takes_the_place_of_site_toml() {
        let config = Path::new("config/staging.toml");
        assert_eq!(classify(config, None, config), Change::Config);
        assert_eq!(
            classify(Path::new("site.toml"), None, config),
            Change::Ignored
        );
    }
}
