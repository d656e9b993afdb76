//! The build pipeline: source -> parse -> link -> render -> output, timing each stage.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Diagnostic, SiteError};
use crate::model::Site;
use crate::output::{self, Staging};
use crate::render::{self, theme::Theme};
use crate::scratch::Scratch;
use crate::source::{StaticFile, Stylesheet};

mod load;
#[cfg(test)]
mod tests;
pub mod variants;
mod write;

use load::load_kept;
pub use load::{link_and_theme, load, load_datasets, load_with_progress, parse_all, settings};
use write::names_fit;
pub(crate) use write::page_refs;
pub use write::{Written, static_outputs, write_all, write_all_with_progress};

/// What a build is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// `--output`; otherwise `output_dir` from site.toml, under the root.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// `--future` / `--expired`: content outside its publish dates is built too.
    pub publish: crate::publish::Window,
    /// `--config FILE`: the settings file to read instead of the root's site.toml, as typed.
    pub config: Option<PathBuf>,
    /// `--minify`: as `minify = true` in the settings.
    pub minify: bool,
}

/// The stages a build reports to a [`Progress`], in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Read,
    Parse,
    Link,
    /// Rendering pages and writing every output file: the only stage that counts steps.
    RenderAndWrite,
}

/// Where a build reports how far it has got. The pipeline only calls it; drawing anything
/// is the caller's business (the binary draws a bar on a terminal), so the library stays
/// free of terminal code. Called from many threads at once during rendering.
pub trait Progress: Sync {
    /// A stage begins; `total` is how many files it will write (0 when it counts none).
    fn stage(&self, _stage: Stage, _total: usize) {}
    /// The current stage found `more` files to write than its first total said: the
    /// search index and static files are known only once the pages are rendered.
    fn more(&self, _more: usize) {}
    /// One more file is written.
    fn file_done(&self) {}
}

/// Reports nowhere.
pub struct Silent;

impl Progress for Silent {}

/// Time spent in each stage, in milliseconds.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub load: u128,
    pub parse: u128,
    pub link: u128,
    pub render: u128,
    pub total: u128,
}

/// What a finished build or check reports.
#[derive(Debug, Clone)]
pub struct Report {
    pub guides: usize,
    pub roles: usize,
    pub skills: usize,
    pub pages: usize,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
    pub output: Option<PathBuf>,
    /// What was left out for its publish or expiry date, in one line, when anything was.
    pub left_out: Option<String>,
}

impl Report {
    /// The one-line summary printed after every build.
    pub fn summary(&self, verb: &str) -> String {
        use crate::text::count;
        format!(
            "{verb} {}, {}, {}, {} ({}) in {} ms",
            count(self.guides, "guide"),
            count(self.roles, "role"),
            count(self.skills, "skill"),
            count(self.pages, "page"),
            count(self.files, "file"),
            self.timings.total
        )
    }

    pub fn timing_line(&self) -> String {
        let t = &self.timings;
        format!(
            "load {} ms, parse {} ms, link {} ms, render and write {} ms",
            t.load, t.parse, t.link, t.render
        )
    }
}

/// A loaded, linked site and its theme, ready to render.
pub struct Loaded {
    pub site: Site,
    pub theme: Theme,
    pub statics: Vec<StaticFile>,
    /// The stylesheets among `statics`, read for the check of their `url()`s.
    pub stylesheets: Vec<Stylesheet>,
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
    /// Where the rendered bodies are kept, when not in memory.
    pub scratch: Option<Arc<Scratch>>,
}

impl Loaded {
    /// Fails if any body could not be read back from the scratch file: a page, feed or
    /// search index made since may be missing words, and must not be published.
    fn bodies_intact(&self) -> Result<(), SiteError> {
        match self.scratch.as_ref().and_then(|s| s.failure()) {
            Some(e) => Err(SiteError::fatal(format!(
                "cannot read the rendered pages back from the build's scratch file: {e}; check that the disk the output goes to is working, then build again"
            ))),
            None => Ok(()),
        }
    }

    /// `result`, or the lost bodies if any were: pages missing their words also miss the
    /// headings their links point at, and those errors would only mislead.
    fn unless_bodies_lost<T>(&self, result: Result<T, SiteError>) -> Result<T, SiteError> {
        let value = result.map_err(|e| self.bodies_intact().err().unwrap_or(e))?;
        self.bodies_intact()?;
        Ok(value)
    }
}

/// A scratch file for a build's rendered bodies (see `scratch`): beside the output folder
/// when there is one, on the disk the output goes to, else in the system's temporary
/// folder. None when neither can have one: the bodies then stay in memory.
fn scratch_beside(out: Option<&Path>) -> Option<Arc<Scratch>> {
    let beside = out
        .and_then(Path::parent)
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .filter(|p| p.is_dir());
    beside
        .and_then(|dir| Scratch::new_in(dir).ok())
        .or_else(|| Scratch::new_in(&std::env::temp_dir()).ok())
}

fn ms(since: Instant) -> u128 {
    since.elapsed().as_millis()
}

/// Where the output goes: `--output` as given, else `output_dir` under the root.
pub fn output_dir(opts: &BuildOptions, config: &Config) -> PathBuf {
    match &opts.output {
        Some(o) => o.clone(),
        None => opts.root.join(&config.output_dir),
    }
}

/// Whether a build may replace a site that has guides with one that has none. A missing
/// or renamed `content/guides/`, or every guide turned into a draft, would otherwise
/// publish an empty site over the last good one without a word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum EmptySite {
    #[default]
    Refuse,
    /// `--allow-empty`: the writer means it.
    Allow,
}

/// Builds the site into its output folder, replacing the previous output only on success.
pub fn build(opts: &BuildOptions) -> Result<Report, SiteError> {
    build_with_progress(opts, &Silent)
}

/// [`build`], reporting each stage and every file written to `progress`.
pub fn build_with_progress(
    opts: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Report, SiteError> {
    build_with(opts, progress, EmptySite::Refuse)
}

/// Refuses to replace an output holding guides with a site of none, unless allowed.
fn refuse_emptying(
    loaded: &Loaded,
    root: &Path,
    out: &Path,
    empty: EmptySite,
) -> Result<(), SiteError> {
    if empty == EmptySite::Allow || !loaded.site.guides.is_empty() {
        return Ok(());
    }
    let before = output::guides_in(out);
    if before == 0 {
        return Ok(());
    }
    let shown = out.strip_prefix(root).unwrap_or(out).display().to_string();
    Err(SiteError::Invalid(vec![
        Diagnostic::error(
            PathBuf::from("content/guides"),
            format!(
                "the site has no guides, but {shown}/ holds {before} from the last build; refusing to replace it with an empty site"
            ),
        )
        .hint("if content/ was moved or renamed by mistake, put it back; to publish a site with no guides, build with --allow-empty"),
    ]))
}

/// [`build_with_progress`], saying whether a site of no guides may replace one of some.
pub fn build_with(
    opts: &BuildOptions,
    progress: &dyn Progress,
    empty: EmptySite,
) -> Result<Report, SiteError> {
    let start = Instant::now();
    // The staging folder is prepared while the site loads: listing a previous output of
    // thousands of folders takes a good part of a second, mostly waiting on the system.
    let early_out = settings(opts).ok().map(|config| output_dir(opts, &config));
    let prepare = |out: &Path| {
        output::check_output_dir(&opts.root, out)?;
        Staging::begin(out)
    };
    let (loaded, early) = std::thread::scope(|scope| {
        let early = early_out
            .as_deref()
            .map(|out| scope.spawn(move || prepare(out)));
        let loaded = load_kept(opts, progress, scratch_beside(early_out.as_deref()));
        let early = early.map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        (loaded, early)
    });
    let loaded = loaded?;
    let out = output_dir(opts, &loaded.site.config);
    refuse_emptying(&loaded, &opts.root, &out, empty)?;
    let t = Instant::now();
    let staging = match early {
        Some(staging) if early_out.as_deref() == Some(out.as_path()) => staging?,
        _ => prepare(&out)?,
    };
    crate::trace::mark("staging");
    let mut search = render::search::SearchCache::once();
    let files = loaded
        .unless_bodies_lost(write_all_with_progress(
            &opts.root,
            &loaded.site,
            &loaded.theme,
            (&loaded.statics, &loaded.stylesheets),
            &staging,
            &mut search,
            progress,
        ))?
        .len();
    staging.commit()?;
    let mut timings = loaded.timings.clone();
    timings.render = ms(t);
    timings.total = ms(start);
    let report = report(&loaded, files, timings, Some(out));
    crate::trace::mark("commit");
    // Freeing a large site's model and the words of its search index takes a few tenths of
    // a second that nobody needs to wait for: a command-line build exits meanwhile.
    std::thread::spawn(move || drop((loaded, search)));
    Ok(report)
}

/// Everything `build` validates, rendering every page in memory but writing nothing.
pub fn check(opts: &BuildOptions) -> Result<Report, SiteError> {
    checked(opts).map(|(report, ..)| report)
}

/// What `check --external` goes on with once the site has passed [`check`].
pub struct Checked {
    pub report: Report,
    /// Every full http(s) URL the pages link to, with where each is written.
    pub outbound: Vec<crate::verify::Outbound>,
    pub config: Config,
}

/// [`check`], keeping the site's outbound links and settings for the network check.
pub fn check_with_outbound(opts: &BuildOptions) -> Result<Checked, SiteError> {
    let (report, loaded, pages) = checked(opts)?;
    Ok(Checked {
        report,
        outbound: crate::verify::outbound_links(&loaded.site, &pages),
        config: loaded.site.config,
    })
}

type Pages = HashMap<String, crate::verify::PageRefs>;

fn checked(opts: &BuildOptions) -> Result<(Report, Loaded, Pages), SiteError> {
    let start = Instant::now();
    let loaded = load_kept(opts, &Silent, scratch_beside(None))?;
    let t = Instant::now();
    let (pages, files) = loaded.unless_bodies_lost(check_pages(&loaded))?;
    let mut timings = loaded.timings.clone();
    timings.render = ms(t);
    timings.total = ms(start);
    let report = report(&loaded, files, timings, None);
    Ok((report, loaded, pages))
}

/// Renders every page of `loaded` in memory and checks what the pages link to; returns
/// what each links to, and how many files a build would write.
fn check_pages(loaded: &Loaded) -> Result<(Pages, usize), SiteError> {
    let jobs = render::jobs(&loaded.site);
    SiteError::from_diagnostics(names_fit(&loaded.site, &jobs))?;
    let renderer = render::Renderer::new(&loaded.site, &loaded.theme);
    let results: Vec<Result<(String, Option<crate::verify::PageRefs>), Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let bytes = renderer.render(job)?;
            let path = job.output_path(&loaded.site);
            let refs = page_refs(&path, &bytes);
            Ok((path, refs))
        })
        .collect();
    let mut errors = Vec::new();
    let mut made = std::collections::HashSet::new();
    let mut pages = HashMap::new();
    for r in results {
        match r {
            Ok((path, refs)) => {
                if let Some(refs) = refs {
                    pages.insert(path.clone(), refs);
                }
                made.insert(path);
            }
            Err(d) => errors.push(d),
        }
    }
    SiteError::from_diagnostics(errors)?;
    made.extend(loaded.statics.iter().map(|s| s.rel.clone()));
    // The smaller copies of images the pages point at are made by `build`; here it is
    // enough that each has an original to be made from.
    let wanted = variants::wanted(
        pages.iter().map(|(p, r)| (p.as_str(), r)),
        &loaded.statics,
        &loaded.site.config.base_path,
        &|p| made.contains(p),
    );
    made.extend(wanted.into_keys());
    // Every URL in the output, all at once, as `build` would find them.
    let exists = |p: &str| made.contains(p) || render::search::is_index_path(p);
    let mut broken = crate::verify::broken_links(&loaded.site, &pages, &exists);
    broken.extend(crate::verify::broken_stylesheet_urls(
        &loaded.stylesheets,
        &loaded.site.config.base_path,
        &exists,
    ));
    SiteError::from_diagnostics(broken)?;
    Ok((pages, jobs.len()))
}

fn report(loaded: &Loaded, files: usize, timings: Timings, output: Option<PathBuf>) -> Report {
    let mut warnings = loaded.warnings.clone();
    warnings.sort();
    warnings.dedup();
    Report {
        guides: loaded.site.guides.len(),
        roles: loaded.site.roles.terms.len(),
        skills: loaded.site.skills.terms.len(),
        pages: loaded.site.pages.len(),
        files,
        warnings,
        timings,
        output,
        left_out: crate::publish::summary(&loaded.site.left_out),
    }
}

pub use crate::hash::hash_bytes;

/// The site root as given, for messages.
pub fn shown_root(root: &Path) -> String {
    if root.as_os_str().is_empty() {
        ".".into()
    } else {
        root.display().to_string()
    }
}
