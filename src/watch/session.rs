//! The watch session: owns the last good model and decides what a change re-runs.
//!
//! Sources are kept per file (parsed, or the errors they gave), rendered Markdown is reused
//! for unchanged files, and only jobs whose fingerprint changed are rendered. Files are
//! written only when their bytes changed, each atomically, and only once the whole rebuild
//! has succeeded: a failed rebuild leaves the output as it was.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use super::classify::{Change, classify};
use crate::config::Config;
use crate::error::{Diagnostic, SiteError};
use crate::link::bodies::BodyCache;
use crate::link::{LinkContext, Reuse};
use crate::model::Site;
use crate::output::{self, Staging};
use crate::parse::{self, Doc};
use crate::pipeline::{self, BuildOptions, hash_bytes, link_and_theme, static_outputs};
use crate::render::{self, Job, fingerprint};
use crate::source::{self, StaticFile, TemplateFile};

/// What one rebuild did.
#[derive(Debug, Clone)]
pub enum Outcome {
    Built {
        /// Output paths written (changed bytes) or removed.
        written: Vec<String>,
        removed: Vec<String>,
        /// Sources that changed, for the terminal.
        changed: Vec<String>,
        millis: u128,
        /// Only stylesheets changed: browsers can swap them without reloading.
        css_only: bool,
        summary: String,
    },
    Failed(Vec<Diagnostic>),
    /// The events touched nothing the site is built from.
    Unchanged,
}

pub struct Session {
    opts: BuildOptions,
    out: PathBuf,
    config: Result<Config, Vec<Diagnostic>>,
    files: BTreeMap<PathBuf, Result<Doc, Vec<Diagnostic>>>,
    read_errors: BTreeMap<PathBuf, Diagnostic>,
    templates: Vec<TemplateFile>,
    statics: Vec<StaticFile>,
    theme_errors: Vec<Diagnostic>,
    cache: BodyCache,
    /// What the last good build's links resolved against, for the body-only fast path.
    context: Option<LinkContext>,
    /// Whether static files may have changed since they were last copied: only then are
    /// they read again, so an edit to a guide never re-reads a folder of images.
    statics_pending: bool,
    /// Whether the last rebuild succeeded: the fast path patches the last good model, which
    /// only describes the sources if nothing has failed since.
    last_ok: bool,
    /// Fingerprints of the jobs last written, by output path.
    fingerprints: HashMap<String, u64>,
    /// Hashes of the bytes on disk, by output path; none until a build has succeeded.
    written: Option<HashMap<String, u64>>,
    pub last_site: Option<Site>,
    /// Each document's search words, so a rebuild re-reads only the changed documents.
    search: render::search::SearchCache,
    /// Whether the search index on disk is older than the pages: a rebuild writes pages
    /// first and leaves the index to `finish`, so a page is on disk without waiting for it.
    search_pending: bool,
}

impl Session {
    /// Reads everything and makes a first full build (staged and swapped like `build`).
    pub fn start(opts: BuildOptions) -> Result<(Session, Outcome), SiteError> {
        let config_text =
            source::read_config(&opts.root).map_err(|d| SiteError::Invalid(vec![d]))?;
        let config = Config::parse(&config_text, opts.base_url.as_deref());
        let out = match &config {
            Ok(c) => pipeline::output_dir(&opts, c),
            Err(_) => opts
                .output
                .clone()
                .unwrap_or_else(|| opts.root.join("output")),
        };
        output::check_output_dir(&opts.root, &out)?;
        let mut session = Session {
            opts,
            out,
            config,
            files: BTreeMap::new(),
            read_errors: BTreeMap::new(),
            templates: Vec::new(),
            statics: Vec::new(),
            theme_errors: Vec::new(),
            cache: BodyCache::new(),
            context: None,
            last_ok: false,
            statics_pending: true,
            fingerprints: HashMap::new(),
            written: None,
            last_site: None,
            search: Default::default(),
            search_pending: false,
        };
        session.rescan_content();
        session.reload_theme();
        let outcome = session.rebuild_from(Vec::new(), None, Instant::now());
        session.last_ok = matches!(outcome, Outcome::Built { .. });
        Ok((session, outcome))
    }

    pub fn output_dir(&self) -> &Path {
        &self.out
    }

    pub fn root(&self) -> &Path {
        &self.opts.root
    }

    /// The output folder relative to the root, when it lies inside it.
    pub fn output_in_root(&self) -> Option<PathBuf> {
        let root = output::absolute(&self.opts.root);
        output::absolute(&self.out)
            .strip_prefix(&root)
            .ok()
            .map(Path::to_path_buf)
    }

    fn rescan_content(&mut self) {
        let (files, errors) = source::read_content(&self.opts.root);
        self.read_errors = errors
            .into_iter()
            .map(|d| (d.file.clone().unwrap_or_default(), d))
            .collect();
        self.files = pipeline::parse_all(&files).into_iter().collect();
    }

    fn reload_theme(&mut self) {
        let theme = self
            .config
            .as_ref()
            .map(|c| c.theme.clone())
            .unwrap_or_else(|_| "default".into());
        let (templates, statics, errors) = source::read_theme(&self.opts.root, &theme);
        self.templates = templates;
        self.statics = statics;
        self.theme_errors = errors;
    }

    /// Re-reads one content file (relative to `content/`) or forgets it if it is gone.
    /// Returns false when the path is not a single Markdown file (a folder changed).
    fn refresh_file(&mut self, rel: &Path) -> bool {
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

    /// Rebuilds after file events; `paths` are absolute or relative to the current folder.
    pub fn rebuild(&mut self, paths: &[PathBuf]) -> Outcome {
        let start = Instant::now();
        let root = output::absolute(&self.opts.root);
        let out_rel = self.output_in_root();
        let mut dirty = HashSet::new();
        let mut changed = Vec::new();
        let (mut config_changed, mut theme_changed, mut rescan) = (false, false, false);
        // Whether every change is to a guide's body alone (front matter as it was), or to
        // its body and tags (`retag`).
        let mut body_only = true;
        let mut tags_only = true;
        let mut css_only = true;
        for p in paths {
            let abs = output::absolute(p);
            let Ok(rel) = abs.strip_prefix(&root) else {
                continue;
            };
            let change = classify(rel, out_rel.as_deref());
            match &change {
                Change::Ignored => continue,
                Change::Config => config_changed = true,
                // A source folder as a whole came, went or was swapped: read everything.
                Change::Root => (config_changed, rescan) = (true, true),
                Change::Template => theme_changed = true,
                Change::Static => theme_changed = true,
                Change::Content(c) => {
                    let before = match self.files.get(c) {
                        Some(Ok(Doc::Guide(g))) => Some((g.front_matter.clone(), g.front.clone())),
                        _ => None,
                    };
                    if !self.refresh_file(c) {
                        rescan = true;
                    }
                    let after = match self.files.get(c) {
                        Some(Ok(Doc::Guide(g))) => Some(g),
                        _ => None,
                    };
                    match (&before, after) {
                        (Some((text, _)), Some(g)) if *text == g.front_matter => {}
                        (Some((_, front)), Some(g))
                            if crate::link::differ_only_in_tags(front, &g.front) =>
                        {
                            body_only = false;
                        }
                        _ => (body_only, tags_only) = (false, false),
                    }
                    let key = Path::new("content").join(c);
                    // `dirty` lasts one rebuild, and a failed one keeps the cache: without
                    // this, the render from before the edit would be reused once some
                    // other change makes the site build again.
                    self.cache.remove(&key);
                    dirty.insert(key);
                }
            }
            if !(change == Change::Static && rel.extension().is_some_and(|e| e == "css")) {
                css_only = false;
            }
            changed.push(crate::error::display_path(rel));
        }
        if changed.is_empty() {
            return Outcome::Unchanged;
        }
        changed.sort();
        changed.dedup();
        if config_changed {
            let text = source::read_config(&self.opts.root);
            self.config = text
                .map_err(|d| vec![d])
                .and_then(|t| Config::parse(&t, self.opts.base_url.as_deref()));
            // raw_html or base_url may change every body: start over.
            self.cache.clear();
            theme_changed = true;
        }
        if rescan {
            self.rescan_content();
            self.cache.clear();
        }
        if theme_changed {
            self.reload_theme();
            self.statics_pending = true;
        }
        let trust_cache = !(config_changed || rescan);
        let quick = !config_changed && !theme_changed && !rescan;
        let patch = match (body_only, tags_only) {
            (true, _) => Some(Patch::Bodies),
            (false, true) => Some(Patch::Tags),
            _ => None,
        };
        let fast = patch.filter(|_| quick);
        let mut outcome = match fast.and_then(|p| self.patch(p, &dirty, &changed, start)) {
            Some(outcome) => outcome,
            None => self.rebuild_from(changed, trust_cache.then_some(&dirty), start),
        };
        if let Outcome::Built { css_only: flag, .. } = &mut outcome {
            *flag = css_only;
        }
        self.last_ok = matches!(outcome, Outcome::Built { .. });
        outcome
    }

    /// The fast paths for edits to guides' bodies, or bodies and tags: patch the last good
    /// model in place and write what the fingerprints say changed. None when it does not
    /// apply.
    fn patch(
        &mut self,
        kind: Patch,
        dirty: &HashSet<PathBuf>,
        changed: &[String],
        start: Instant,
    ) -> Option<Outcome> {
        if !self.last_ok
            || !self.read_errors.is_empty()
            || !self.theme_errors.is_empty()
            || self.config.is_err()
            || self.written.is_none()
        {
            return None;
        }
        if self.files.values().any(|f| f.is_err()) {
            return None;
        }
        let docs: Vec<&Doc> = dirty
            .iter()
            .filter_map(|f| f.strip_prefix("content").ok())
            .map(|rel| self.files.get(rel).and_then(|r| r.as_ref().ok()))
            .collect::<Option<Vec<_>>>()?;
        let context = self.context.as_mut()?;
        let mut site = self.last_site.take()?;
        crate::trace::mark("patch-start");
        let patched = match kind {
            Patch::Bodies => crate::link::patch_bodies(&mut site, context, &docs),
            Patch::Tags => crate::link::retag(&mut site, context, &docs),
        };
        let patched = match patched {
            None => {
                self.last_site = Some(site);
                return None;
            }
            Some(Err(errors)) => {
                // The model is untouched; the next rebuild starts from it again.
                self.last_site = Some(site);
                return Some(Outcome::Failed(sorted(errors)));
            }
            Some(Ok(p)) => p,
        };
        crate::trace::mark(match kind {
            Patch::Bodies => "patch-bodies",
            Patch::Tags => "patch-tags",
        });
        let theme = match render::theme::Theme::load(
            &site.config,
            &self.templates,
            &self.statics,
            tera::Value::from_serializable(&render::views::SiteView::new(&site)),
        ) {
            Ok(t) => t,
            Err(e) => {
                self.last_site = Some(site);
                return Some(Outcome::Failed(sorted(e)));
            }
        };
        crate::trace::mark("patch-theme");
        let global = self.global_fingerprint(&site, &theme);
        crate::trace::mark("patch-global");
        let prints = match kind {
            Patch::Bodies => {
                let mut touched: Vec<Job> = Vec::new();
                for (file, _) in &patched {
                    if let Some(i) = site.guides.iter().position(|g| &g.source == file) {
                        touched.extend(fingerprint::jobs_showing(&site, i));
                    }
                }
                fingerprint::fingerprints_of(&site, global, touched)
            }
            // Tags move guides between role and skill pages and related lists everywhere.
            Patch::Tags => fingerprint::fingerprints(&site, global),
        };
        crate::trace::mark("patch-prints");
        let on_disk = self.written.take()?;
        let all_outputs = std::mem::take(&mut self.fingerprints);
        // A re-tag may add or remove tag pages; its fingerprints cover every job.
        let complete = kind == Patch::Tags;
        let written_now = self.write_changed(
            &site,
            &theme,
            &prints,
            &all_outputs,
            |p| {
                if complete {
                    prints.contains_key(p)
                } else {
                    all_outputs.contains_key(p)
                }
            },
            on_disk,
        );
        self.fingerprints = if complete {
            HashMap::new()
        } else {
            all_outputs
        };
        let (written, removed) = match written_now {
            Ok(x) => x,
            Err(e) => return Some(failed(e)),
        };
        crate::trace::mark("patch-write");
        for (file, bodies) in patched {
            self.cache.insert(file, bodies);
        }
        for (path, (_, fp)) in prints {
            self.fingerprints.insert(path, fp);
        }
        let summary = summary(&site);
        self.last_site = Some(site);
        Some(Outcome::Built {
            written,
            removed,
            changed: changed.to_vec(),
            millis: start.elapsed().as_millis(),
            css_only: false,
            summary,
        })
    }

    fn rebuild_from(
        &mut self,
        changed: Vec<String>,
        dirty: Option<&HashSet<PathBuf>>,
        start: Instant,
    ) -> Outcome {
        let mut errors: Vec<Diagnostic> = self.read_errors.values().cloned().collect();
        errors.extend(self.theme_errors.iter().cloned());
        let config = match &self.config {
            Ok(c) => c.clone(),
            Err(e) => {
                errors.extend(e.iter().cloned());
                return Outcome::Failed(sorted(errors));
            }
        };
        let mut docs = Vec::with_capacity(self.files.len());
        for parsed in self.files.values() {
            match parsed {
                Ok(doc) => docs.push(doc),
                Err(e) => errors.extend(e.iter().cloned()),
            }
        }
        if !errors.is_empty() {
            return Outcome::Failed(sorted(errors));
        }
        crate::trace::mark("rebuild-read");
        let (linked, theme, cache) = match link_and_theme(
            config,
            &docs,
            self.opts.drafts,
            Reuse {
                cache: Some(&self.cache),
                dirty,
                previous: self.last_site.as_ref(),
            },
            &self.templates,
            &self.statics,
        ) {
            Ok(x) => x,
            Err(e) => return Outcome::Failed(sorted(e)),
        };
        let site = linked.site;
        let context = linked.context;
        crate::trace::mark("link+theme");
        let global = self.global_fingerprint(&site, &theme);
        let prints = fingerprint::fingerprints(&site, global);
        crate::trace::mark("fingerprints");

        let outcome = match self.written.take() {
            None => self.write_full(&site, &theme),
            Some(written) => {
                let previous = std::mem::take(&mut self.fingerprints);
                let result = self.write_changed(
                    &site,
                    &theme,
                    &prints,
                    &previous,
                    |p| prints.contains_key(p),
                    written,
                );
                self.fingerprints = previous;
                result
            }
        };
        crate::trace::mark("render+write");
        let (written, removed) = match outcome {
            Ok(x) => x,
            Err(e) => return failed(e),
        };
        self.cache = cache;
        self.context = Some(context);
        self.fingerprints = prints.into_iter().map(|(k, (_, fp))| (k, fp)).collect();
        let summary = summary(&site);
        self.last_site = Some(site);
        Outcome::Built {
            written,
            removed,
            changed,
            millis: start.elapsed().as_millis(),
            css_only: false,
            summary,
        }
    }

    /// Config, theme and site-wide template values: when these change, every page may.
    fn global_fingerprint(&self, site: &Site, theme: &render::theme::Theme) -> u64 {
        let mut view = render::views::SiteView::new(site);
        // The site-wide totals change with every new tag; the home and 404 pages show them
        // (their fingerprints include them), and other pages only if a template says so.
        let totals_elsewhere = self.templates.iter().any(|t| {
            !fingerprint::SHOWS_TOTALS.contains(&t.name.as_str())
                && ["site.guide_count", "site.role_count", "site.skill_count"]
                    .iter()
                    .any(|k| t.text.contains(k))
        });
        if !totals_elsewhere {
            (view.guide_count, view.role_count, view.skill_count) = (0, 0, 0);
        }
        let site_view = serde_json::to_string(&view).unwrap_or_default();
        let templates: Vec<(&str, &str)> = self
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.text.as_str()))
            .collect();
        // Assets that pages name (with their content hashes) and the names of the others:
        // other static files' bytes never show in a page, so they are not read here.
        let statics: Vec<&str> = self.statics.iter().map(|s| s.rel.as_str()).collect();
        let assets = &theme.asset_hashes;
        let text = format!(
            "{:?}{site_view}{templates:?}{statics:?}{assets:?}{}",
            site.config, self.opts.drafts
        );
        fingerprint::hash_str(&text)
    }

    /// Whether a rebuild left work for `finish`.
    pub fn has_pending(&self) -> bool {
        self.search_pending
    }

    /// Brings the search index up to date with the last good build: the part of a rebuild
    /// that readers of the edited page do not wait for. Returns the files written and
    /// removed; the output then equals a clean build.
    pub fn finish(&mut self) -> Result<(Vec<String>, Vec<String>), SiteError> {
        if !self.search_pending {
            return Ok((Vec::new(), Vec::new()));
        }
        let (Some(site), Some(on_disk)) = (&self.last_site, self.written.as_mut()) else {
            return Ok((Vec::new(), Vec::new()));
        };
        let files = render::search::search_index_cached(site, &mut self.search);
        crate::trace::mark("search-index");
        let mut written = Vec::new();
        for (rel, bytes) in &files {
            let hash = hash_bytes(bytes);
            if on_disk.get(rel) != Some(&hash) {
                write_atomic(&self.out, rel, bytes)?;
                on_disk.insert(rel.clone(), hash);
                written.push(rel.clone());
            }
        }
        let current: HashSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        let mut removed: Vec<String> = on_disk
            .keys()
            .filter(|k| render::search::is_index_path(k) && !current.contains(k.as_str()))
            .cloned()
            .collect();
        remove_outputs(&self.out, &mut removed, on_disk)?;
        crate::trace::mark("search-write");
        self.search_pending = false;
        written.sort();
        Ok((written, removed))
    }

    fn write_full(
        &mut self,
        site: &Site,
        theme: &render::theme::Theme,
    ) -> Result<(Vec<String>, Vec<String>), SiteError> {
        let staging = Staging::begin(&self.out)?;
        let written = pipeline::write_all(site, theme, &self.statics, &staging, &mut self.search)?;
        staging.commit()?;
        self.statics_pending = false;
        self.search_pending = false;
        let mut paths: Vec<String> = written.keys().cloned().collect();
        paths.sort();
        self.written = Some(written);
        Ok((paths, Vec::new()))
    }

    fn write_changed(
        &mut self,
        site: &Site,
        theme: &render::theme::Theme,
        prints: &HashMap<String, (Job, u64)>,
        previous: &HashMap<String, u64>,
        is_output: impl Fn(&str) -> bool,
        mut on_disk: HashMap<String, u64>,
    ) -> Result<(Vec<String>, Vec<String>), SiteError> {
        let jobs: Vec<(&String, &Job)> = prints
            .iter()
            .filter(|(path, (_, fp))| previous.get(*path) != Some(fp))
            .map(|(path, (job, _))| (path, job))
            .collect();
        let renderer = render::Renderer::new(site, theme);
        let rendered: Vec<Result<(String, Vec<u8>), Diagnostic>> = jobs
            .par_iter()
            .map(|(path, job)| {
                let t = Instant::now();
                let r = renderer.render(job).map(|b| ((*path).clone(), b));
                if crate::trace::enabled() {
                    crate::tell!(
                        "trace: render {path} {:.2} ms",
                        t.elapsed().as_secs_f64() * 1e3
                    );
                }
                r
            })
            .collect();
        crate::trace::mark("render");
        let mut files = Vec::with_capacity(rendered.len());
        let mut errors = Vec::new();
        for r in rendered {
            match r {
                Ok(f) => files.push(f),
                Err(d) => errors.push(d),
            }
        }
        if let Err(e) = SiteError::from_diagnostics(errors) {
            // Nothing was written: the session still describes what is on disk.
            self.written = Some(on_disk);
            return Err(e);
        }
        let generated = |p: &str| is_output(p) || render::search::is_index_path(p);
        let statics = match self
            .statics_pending
            .then(|| static_outputs(&self.statics, site.config.minify, generated))
        {
            None => Vec::new(),
            Some(Ok(s)) => s,
            Some(Err(e)) => {
                self.written = Some(on_disk);
                return Err(e);
            }
        };
        let static_paths: HashSet<&str> = self.statics.iter().map(|s| s.rel.as_str()).collect();
        let mut written = Vec::new();
        let mut write = |rel: String, bytes: &[u8]| -> Result<(), SiteError> {
            let hash = hash_bytes(bytes);
            if on_disk.get(&rel) != Some(&hash) {
                write_atomic(&self.out, &rel, bytes)?;
                on_disk.insert(rel.clone(), hash);
                written.push(rel);
            }
            Ok(())
        };
        for (rel, bytes) in files {
            write(rel, &bytes)?;
        }
        crate::trace::mark("write-pages");
        // The search index is left to `finish`, so an edited page is on disk (and a browser
        // reloads) without waiting for it.
        self.search_pending = true;
        for (rel, bytes) in statics {
            write(rel, &bytes)?;
        }
        let mut removed: Vec<String> = on_disk
            .keys()
            .filter(|k| {
                !is_output(k.as_str())
                    && !render::search::is_index_path(k)
                    && !static_paths.contains(k.as_str())
                    && k.as_str() != output::MARKER
            })
            .cloned()
            .collect();
        remove_outputs(&self.out, &mut removed, &mut on_disk)?;
        written.sort();
        self.written = Some(on_disk);
        self.statics_pending = false;
        Ok((written, removed))
    }
}

/// Which fast path a rebuild can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Patch {
    /// Guides' bodies changed, their front matter did not.
    Bodies,
    /// Guides' roles or skills changed too, and nothing else in their front matter.
    Tags,
}

pub(crate) fn failed(e: SiteError) -> Outcome {
    match e {
        SiteError::Invalid(d) => Outcome::Failed(sorted(d)),
        SiteError::Fatal(msg) => Outcome::Failed(vec![Diagnostic::error(None, msg)]),
    }
}

fn summary(site: &Site) -> String {
    format!(
        "{} guides, {} roles, {} skills, {} pages",
        site.guides.len(),
        site.roles.len(),
        site.skills.len(),
        site.pages.len()
    )
}

fn sorted(mut d: Vec<Diagnostic>) -> Vec<Diagnostic> {
    d.sort();
    d.dedup();
    d
}

/// Writes through a temporary file and a rename, so a reader never sees half a file.
fn write_atomic(out: &Path, rel: &str, bytes: &[u8]) -> Result<(), SiteError> {
    output::forget_output_manifest(out);
    let path = output::safe_join(out, rel)?;
    let dir = path.parent().unwrap_or(out);
    std::fs::create_dir_all(dir).map_err(|e| SiteError::io("create", dir, e))?;
    let tmp = dir.join(format!(
        ".{}.careersite-tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file")
    ));
    std::fs::write(&tmp, bytes).map_err(|e| SiteError::io("write", &tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| SiteError::io("write", &path, e))
}

/// Deletes `removed` (sorted first, for the terminal) from the output and from `on_disk`.
fn remove_outputs(
    out: &Path,
    removed: &mut [String],
    on_disk: &mut HashMap<String, u64>,
) -> Result<(), SiteError> {
    removed.sort();
    if !removed.is_empty() {
        output::forget_output_manifest(out);
    }
    for rel in removed.iter() {
        let path = output::safe_join(out, rel)?;
        let _ = std::fs::remove_file(&path);
        remove_empty_parents(out, &path);
        on_disk.remove(rel);
    }
    Ok(())
}

fn remove_empty_parents(out: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == out || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}
