//! The watch session: owns the last good model and decides what a change re-runs.
//!
//! Sources are kept per file (parsed, or the errors they gave), rendered Markdown is reused
//! for unchanged files, and only jobs whose fingerprint changed are rendered. Files are
//! written only when their bytes changed, each atomically, and only once the whole rebuild
//! has succeeded: a failed rebuild leaves the output as it was.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

mod apply;
mod inputs;
mod plan;
mod sweep;
mod write;

use super::classify::{Change, Sources};
use crate::config::Config;
use crate::error::{Diagnostic, SiteError};
use crate::link::bodies::BodyCache;
use crate::link::{LinkContext, Reuse};
use crate::model::Site;
use crate::output;
use crate::parse::{Doc, GuideFront};
use crate::pipeline::{self, BuildOptions, link_and_theme};
use crate::render;
use crate::source::{self, StaticFile, TemplateFile};
use plan::Seen;

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
    /// The datasets the config names, read again whenever the config is (a change under
    /// `data/` is a change of a whole source folder, which rereads the config).
    datasets: Result<Arc<crate::datasets::Index>, Vec<Diagnostic>>,
    /// The site's data files and the problems reading them, read with the datasets.
    data_files: (Arc<crate::data_files::DataFiles>, Vec<Diagnostic>),
    files: BTreeMap<PathBuf, Result<Doc, Vec<Diagnostic>>>,
    read_errors: BTreeMap<PathBuf, Diagnostic>,
    templates: Vec<TemplateFile>,
    statics: Vec<StaticFile>,
    /// Files beside the Markdown under `content/`, as found, and where the last good
    /// model published them (their folder pages' URLs decide it).
    assets: Vec<source::Asset>,
    /// The sizes of the image files among `statics` and `assets`.
    images: Arc<crate::images::Sizes>,
    published: Vec<StaticFile>,
    /// The stylesheets among `statics` and `published`, and the ones that could not be
    /// read: read again whenever the static files are copied again.
    stylesheets: (Vec<source::Stylesheet>, Vec<Diagnostic>),
    theme_errors: Vec<Diagnostic>,
    cache: BodyCache,
    /// What the last good build's links resolved against, for the body-only fast path.
    context: Option<LinkContext>,
    /// Whether static files may have changed since they were last copied: only then are
    /// they read again, so an edit to a guide never re-reads a folder of images.
    statics_pending: bool,
    /// The content files saved since the last good build, by `content/` path, each with its
    /// guide front matter in that build: empty when the last rebuild succeeded. The fast
    /// paths patch the last good model, so they apply only when a save brings every one of
    /// these again (an editor's half-written save, then the whole file). None when
    /// something else changed since, or a sweep failed: only a full link catches up then.
    behind: Option<Behind>,
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
    /// Whether pages other than the edited ones may be out of date: a rebuild writes the
    /// pages made from the edited files first and leaves the rest to `finish`.
    sweep_pending: bool,
    /// The pages written first since the last sweep, to put back if the sweep fails.
    early: Vec<write::Early>,
    /// What each HTML page on disk links to, for checking the pages a rebuild rewrites.
    refs: HashMap<String, crate::verify::PageRefs>,
    /// The image copies on disk (`pipeline::variants`), by output path.
    variants: std::collections::BTreeSet<String>,
    /// Whether a page lost or gained ids, or went, since the last check: every page's
    /// links are then checked again, not only the rewritten pages'.
    recheck_all: bool,
    /// The theme the last good model was rendered with, for the sweep.
    last_theme: Option<render::theme::Theme>,
}

impl Session {
    /// Reads everything and makes a first full build (staged and swapped like `build`).
    pub fn start(opts: BuildOptions) -> Result<(Session, Outcome), SiteError> {
        // Without a settings file there is no site to watch; one that does not parse yet
        // is shown like any other error, and fixing it rebuilds.
        source::config_file(&opts.root, opts.config.as_deref())
            .and_then(|f| source::read_config(&f))
            .map_err(|d| SiteError::Invalid(vec![d]))?;
        let config = pipeline::settings(&opts);
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
            datasets: Ok(Arc::default()),
            data_files: Default::default(),
            files: BTreeMap::new(),
            read_errors: BTreeMap::new(),
            templates: Vec::new(),
            statics: Vec::new(),
            assets: Vec::new(),
            images: Arc::default(),
            published: Vec::new(),
            stylesheets: Default::default(),
            theme_errors: Vec::new(),
            cache: BodyCache::new(),
            context: None,
            behind: None,
            statics_pending: true,
            variants: Default::default(),
            fingerprints: HashMap::new(),
            written: None,
            last_site: None,
            search: Default::default(),
            search_pending: false,
            sweep_pending: false,
            early: Vec::new(),
            refs: HashMap::new(),
            recheck_all: false,
            last_theme: None,
        };
        session.reload_datasets();
        session.rescan_content();
        session.reload_theme();
        let outcome = session.rebuild_from(Vec::new(), None, Instant::now());
        session.behind = matches!(outcome, Outcome::Built { .. }).then(Behind::new);
        Ok((session, outcome))
    }

    pub fn output_dir(&self) -> &Path {
        &self.out
    }

    pub fn root(&self) -> &Path {
        &self.opts.root
    }

    /// The fingerprint the output file `rel` was last rendered from: a page is rendered
    /// again exactly when this changes.
    pub fn fingerprint(&self, rel: &str) -> Option<u64> {
        self.fingerprints.get(rel).copied()
    }

    /// The settings file's absolute path (where it would be, when it is not there).
    pub fn config_path(&self) -> PathBuf {
        let file = source::config_file(&self.opts.root, self.opts.config.as_deref()).map_or_else(
            |_| self.opts.root.join(crate::config::CONFIG_FILE),
            |f| f.path,
        );
        output::absolute(&file)
    }

    /// The output folder relative to the root, when it lies inside it.
    pub fn output_in_root(&self) -> Option<PathBuf> {
        let root = output::absolute(&self.opts.root);
        output::absolute(&self.out)
            .strip_prefix(&root)
            .ok()
            .map(Path::to_path_buf)
    }

    /// Where this session's sources lie, to classify changed paths.
    pub fn sources(&self) -> Sources {
        let root = output::absolute(&self.opts.root);
        let config = self.config_path();
        let config_rel = config
            .strip_prefix(&root)
            .map_or_else(|_| PathBuf::new(), Path::to_path_buf);
        Sources {
            output: self.output_in_root(),
            root,
            config,
            config_rel,
        }
    }

    /// Rebuilds after file events; `paths` are absolute or relative to the current folder.
    pub fn rebuild(&mut self, paths: &[PathBuf]) -> Outcome {
        let start = Instant::now();
        let sources = self.sources();
        let mut dirty = HashSet::new();
        let mut changed = Vec::new();
        // Each changed content file's guide front matter before the change, to compare.
        let mut seen: Vec<Changed> = Vec::new();
        let mut assets_changed = false;
        for p in paths {
            let Some((rel, change)) = sources.change(p) else {
                continue;
            };
            let rel = rel.as_path();
            let mut single_file = true;
            let mut before = None;
            match &change {
                Change::Ignored => continue,
                Change::Config
                | Change::Data
                | Change::Root
                | Change::Template
                | Change::Static => {}
                Change::Content(c) => {
                    let good =
                        (self.behind.as_ref()).and_then(|b| b.get(&Path::new("content").join(c)));
                    before = match (good, self.files.get(c)) {
                        (Some(good), _) => good.clone(),
                        (None, Some(Ok(Doc::Guide(g)))) => {
                            Some((g.front_matter.clone(), g.front.clone()))
                        }
                        _ => None,
                    };
                    single_file = self.refresh_file(c);
                    assets_changed |= c.extension().is_some_and(|e| e != "md");
                    let key = Path::new("content").join(c);
                    // `dirty` lasts one rebuild, and a failed one keeps the cache: without
                    // this, the render from before the edit would be reused once some
                    // other change makes the site build again.
                    self.cache.remove(&key);
                    dirty.insert(key);
                }
            }
            let css = change == Change::Static && rel.extension().is_some_and(|e| e == "css");
            seen.push(Changed {
                change,
                single_file,
                css,
                before,
            });
            changed.push(crate::error::display_path(rel));
        }
        if changed.is_empty() {
            return Outcome::Unchanged;
        }
        changed.sort();
        changed.dedup();
        let plan = plan::plan(&self.seen(&seen));
        self.reload(&plan, assets_changed);
        let mut outcome = match plan
            .patch
            .and_then(|p| self.patch(p, &dirty, &changed, start))
        {
            Some(outcome) => outcome,
            None => self.rebuild_from(changed, plan.trust_cache().then_some(&dirty), start),
        };
        if let Outcome::Built { css_only, .. } = &mut outcome {
            *css_only = plan.css_only;
        }
        self.behind = match &outcome {
            Outcome::Built { .. } => Some(Behind::new()),
            _ => self
                .behind
                .take()
                .and_then(|b| behind_after_failure(b, seen)),
        };
        outcome
    }

    /// Reads again what the plan says changed beyond the content files already refreshed:
    /// the config (and its datasets), the content folders, assets, the theme.
    fn reload(&mut self, plan: &plan::Plan, assets_changed: bool) {
        if plan.config {
            self.config = pipeline::settings(&self.opts);
            // raw_html or base_url may change every body: start over.
            self.cache.clear();
        }
        if plan.data {
            self.reload_datasets();
        }
        if plan.rescan {
            self.rescan_content();
            self.cache.clear();
        } else if assets_changed {
            self.rescan_assets();
        }
        if plan.theme {
            self.reload_theme();
            self.statics_pending = true;
        }
    }

    /// What each changed path turned out to be, for the plan.
    fn seen<'a>(&'a self, changes: &'a [Changed]) -> Vec<Seen<'a>> {
        changes
            .iter()
            .map(|c| match &c.change {
                Change::Config => Seen::Config,
                Change::Root => Seen::Root,
                Change::Data => Seen::Data,
                Change::Template => Seen::Template,
                Change::Static => Seen::Static { css: c.css },
                Change::Content(_) if !c.single_file => Seen::ContentFolder,
                Change::Content(rel) => Seen::ContentFile {
                    before: c.before.as_ref().map(|(t, f)| (t.as_str(), f)),
                    after: match self.files.get(rel) {
                        Some(Ok(Doc::Guide(g))) => Some((g.front_matter.as_str(), &g.front)),
                        _ => None,
                    },
                },
                Change::Ignored => unreachable!("ignored changes are skipped"),
            })
            .collect()
    }
}

/// Content files saved since the last good build, with their guide front matter in it.
type Behind = BTreeMap<PathBuf, Option<(String, GuideFront)>>;

/// What a failed rebuild leaves behind the last good model: the files it saved, each with
/// its front matter from that model (kept from an earlier failure if there was one); None
/// when it changed anything but single content files.
fn behind_after_failure(mut behind: Behind, seen: Vec<Changed>) -> Option<Behind> {
    for c in seen {
        match c.change {
            Change::Content(rel) if c.single_file => {
                behind
                    .entry(Path::new("content").join(rel))
                    .or_insert(c.before);
            }
            _ => return None,
        }
    }
    Some(behind)
}

/// One changed path as the session found it.
struct Changed {
    change: Change,
    /// Not a folder: one Markdown file, or any other single file.
    single_file: bool,
    /// A stylesheet.
    css: bool,
    /// A guide's front matter (text and parsed) before the change.
    before: Option<(String, GuideFront)>,
}

pub(crate) fn failed(e: SiteError) -> Outcome {
    match e {
        SiteError::Invalid(d) => Outcome::Failed(sorted(d)),
        SiteError::Fatal(msg) => Outcome::Failed(vec![Diagnostic::error(None, msg)]),
    }
}

fn sorted(mut d: Vec<Diagnostic>) -> Vec<Diagnostic> {
    d.sort();
    d.dedup();
    d
}
