//! Reading a session's inputs again after an event: content, the files beside it, the
//! theme, datasets and data files. Only `source` touches the disk; this keeps the session's
//! copies of what it read up to date.

use std::path::Path;
use std::sync::Arc;

use super::Session;
use crate::model::Site;
use crate::parse;
use crate::pipeline;
use crate::source::{self, StaticFile};

impl Session {
    pub(super) fn reload_datasets(&mut self) {
        self.datasets = match &self.config {
            Ok(c) => pipeline::load_datasets(&self.opts.root, c),
            Err(_) => Ok(Arc::default()),
        };
        self.data_files = match &self.config {
            Ok(c) => crate::data_files::read(&self.opts.root, c),
            Err(_) => Default::default(),
        };
    }

    pub(super) fn rescan_content(&mut self) {
        let (files, mut errors) = source::read_content(&self.opts.root);
        let (assets, asset_errors) = source::read_assets(&self.opts.root);
        errors.extend(asset_errors);
        self.assets = assets;
        self.measure_images();
        self.statics_pending = true;
        self.read_errors = errors
            .into_iter()
            .map(|d| (d.file.clone().unwrap_or_default(), d))
            .collect();
        self.files = pipeline::parse_all(&files).into_iter().collect();
    }

    /// Finds the files beside the Markdown again: one was added, replaced or deleted.
    pub(super) fn rescan_assets(&mut self) {
        let (assets, errors) = source::read_assets(&self.opts.root);
        self.read_errors
            .retain(|_, d| !errors.iter().any(|e| e.file == d.file));
        for d in errors {
            self.read_errors
                .insert(d.file.clone().unwrap_or_default(), d);
        }
        self.assets = assets;
        self.measure_images();
        self.statics_pending = true;
    }

    /// Where the files beside the Markdown go in `site`; when that changed (a file came or
    /// went, a folder page's URL moved), static files are copied again.
    pub(super) fn publish_assets(&mut self, site: &Site) {
        let published = crate::link::relative::published_assets(site, &self.assets);
        if published != self.published {
            self.published = published;
            self.statics_pending = true;
        }
    }

    /// The theme's and site's static files, then the files beside the Markdown.
    pub(super) fn all_statics(&self) -> Vec<StaticFile> {
        self.statics
            .iter()
            .chain(&self.published)
            .cloned()
            .collect()
    }

    /// Reads the stylesheets among `statics` again, for the check of their URLs: called
    /// whenever the static files are copied again, so the check reads what is copied.
    pub(super) fn read_stylesheets(&mut self, statics: &[StaticFile]) {
        self.stylesheets = source::read_stylesheets(&self.opts.root, statics);
    }

    pub(super) fn reload_theme(&mut self) {
        let (file, theme) = match &self.config {
            Ok(c) => (c.file.clone(), c.theme.clone()),
            Err(_) => (crate::config::CONFIG_FILE.into(), "default".into()),
        };
        let (templates, statics, errors) = source::read_theme(&self.opts.root, &file, &theme);
        self.templates = templates;
        self.statics = statics;
        self.measure_images();
        self.theme_errors = errors;
    }

    /// Reads the image files' sizes again, after the static files or the files beside the
    /// Markdown were found again.
    fn measure_images(&mut self) {
        self.images = Arc::new(source::image_sizes(&self.statics, &self.assets));
    }

    /// Re-reads one content file (relative to `content/`) or forgets it if it is gone.
    /// Returns false when the path is not a single Markdown file (a folder changed).
    pub(super) fn refresh_file(&mut self, rel: &Path) -> bool {
        let abs = self.opts.root.join("content").join(rel);
        if abs.is_dir() || (rel.extension().is_none() && !abs.exists()) {
            return false;
        }
        let file_key = Path::new("content").join(rel);
        self.read_errors.remove(&file_key);
        if !abs.is_file() {
            self.files.remove(rel);
            return true;
        }
        let Some(kind) = parse::kind_of(rel) else {
            return true;
        };
        match source::read_source(&self.opts.root, rel.to_path_buf()) {
            Ok(f) => {
                self.files.insert(
                    rel.to_path_buf(),
                    parse::parse_doc(kind, &f.rel, &f.file, &f.text),
                );
            }
            Err(d) => {
                self.files.remove(rel);
                self.read_errors.insert(file_key, d);
            }
        }
        true
    }
}
