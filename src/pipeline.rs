//! The build pipeline: source -> parse -> link -> render -> output, timing each stage.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Diagnostic, SiteError};
use crate::link::Reuse;
use crate::link::bodies::BodyCache;
use crate::link::{self, Linked};
use crate::model::Site;
use crate::output::{self, Staging};
use crate::parse::{self, Doc};
use crate::render::{self, Job, theme::Theme};
use crate::source::{self, SourceFile, StaticFile, TemplateFile};

/// What a build is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// `--output`; otherwise `output_dir` from site.toml, under the root.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
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
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
}

fn ms(since: Instant) -> u128 {
    since.elapsed().as_millis()
}

/// Reads, parses and links the whole site and loads its theme.
pub fn load(opts: &BuildOptions) -> Result<Loaded, SiteError> {
    load_with_progress(opts, &Silent)
}

/// [`load`], reporting each stage to `progress`.
pub fn load_with_progress(
    opts: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Loaded, SiteError> {
    let start = Instant::now();
    progress.stage(Stage::Read, 0);
    let root = &opts.root;
    let config_text = source::read_config(root).map_err(|d| SiteError::Invalid(vec![d]))?;
    let config =
        Config::parse(&config_text, opts.base_url.as_deref()).map_err(SiteError::Invalid)?;
    let (datasets, mut errors) = match load_datasets(root, &config) {
        Ok(index) => (index, Vec::new()),
        Err(e) => (Arc::default(), e),
    };
    let (files, content_errors) = source::read_content(root);
    errors.extend(content_errors);
    let (templates, mut statics, theme_errors) = source::read_theme(root, &config.theme);
    errors.extend(theme_errors);
    let (assets, asset_errors) = source::read_assets(root);
    errors.extend(asset_errors);
    let mut timings = Timings {
        load: ms(start),
        ..Default::default()
    };

    let t = Instant::now();
    progress.stage(Stage::Parse, 0);
    let mut docs = Vec::with_capacity(files.len());
    for (_, parsed) in parse_all(&files) {
        match parsed {
            Ok(doc) => docs.push(doc),
            Err(e) => errors.extend(e),
        }
    }
    drop(files);
    timings.parse = ms(t);
    if !errors.is_empty() {
        // Keys no guide or taxonomy has are found when linking; report them with the
        // other front matter mistakes rather than after those are fixed.
        errors.extend(crate::link::unknown_guide_keys(&config, &docs));
    }
    SiteError::from_diagnostics(errors)?;

    let t = Instant::now();
    progress.stage(Stage::Link, 0);
    let doc_refs: Vec<&Doc> = docs.iter().collect();
    let (linked, theme, _) = link_and_theme(
        config,
        datasets,
        &doc_refs,
        opts.drafts,
        Reuse::default(),
        &templates,
        &statics,
    )
    .map_err(SiteError::Invalid)?;
    drop(doc_refs);
    drop(docs);
    crate::trace::mark("link+theme");
    let mut warnings = crate::link::site_warnings(&linked);
    crate::trace::mark("hygiene");
    warnings.extend(linked.warnings);
    // Files beside the Markdown are copied like static files, once their pages' URLs are
    // known; the theme never sees them, so they do not feed its asset hashes.
    statics.extend(link::relative::published_assets(&linked.site, &assets));
    warnings.extend(shadowed_statics(&linked.site, &statics, &opts.root));
    timings.link = ms(t);
    timings.total = ms(start);
    Ok(Loaded {
        site: linked.site,
        theme,
        statics,
        warnings,
        timings,
    })
}

/// Parses every Markdown file in parallel, keyed by its path relative to `content/`.
pub fn parse_all(files: &[SourceFile]) -> Vec<(PathBuf, Result<Doc, Vec<Diagnostic>>)> {
    files
        .par_iter()
        .filter_map(|f| {
            let kind = parse::kind_of(&f.rel)?;
            Some((
                f.rel.clone(),
                parse::parse_doc(kind, &f.rel, &f.file, &f.text),
            ))
        })
        .collect()
}

/// Links parsed files into the model and loads the theme with the model's site-wide values.
pub fn link_and_theme(
    config: Config,
    datasets: Arc<crate::datasets::Index>,
    docs: &[&Doc],
    drafts: bool,
    reuse: Reuse<'_>,
    templates: &[TemplateFile],
    statics: &[StaticFile],
) -> Result<(Linked, Theme, BodyCache), Vec<Diagnostic>> {
    let shortcodes = crate::shortcode::Shortcodes::load(templates).map_err(|(origin, e)| {
        vec![
            Diagnostic::error(PathBuf::from(origin), e)
                .hint("fix the shortcode template's Tera syntax"),
        ]
    })?;
    let shortcodes = Arc::new(shortcodes);
    let reuse = Reuse {
        shortcodes: Some(&shortcodes),
        ..reuse
    };
    let (mut linked, cache) = link::link(config, docs, drafts, reuse)?;
    let (errors, warnings) = link::occupations::apply(&mut linked.site, datasets);
    if !errors.is_empty() {
        return Err(errors);
    }
    linked.warnings.extend(warnings);
    let site_value = tera::Value::from_serializable(&render::views::SiteView::new(&linked.site));
    let theme = Theme::load(&linked.site.config, templates, statics, site_value)?;
    Ok((linked, theme, cache))
}

/// Reads and checks the datasets site.toml names, into one index.
pub fn load_datasets(
    root: &Path,
    config: &Config,
) -> Result<Arc<crate::datasets::Index>, Vec<Diagnostic>> {
    let (texts, mut errors) = source::read_datasets(root, &config.datasets);
    match crate::datasets::load(&config.datasets, texts) {
        Ok(index) if errors.is_empty() => Ok(Arc::new(index)),
        Ok(_) => Err(errors),
        Err(e) => {
            errors.extend(e);
            Err(errors)
        }
    }
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
    let early_out = source::read_config(&opts.root)
        .ok()
        .and_then(|text| Config::parse(&text, opts.base_url.as_deref()).ok())
        .map(|config| output_dir(opts, &config));
    let prepare = |out: &Path| {
        output::check_output_dir(&opts.root, out)?;
        Staging::begin(out)
    };
    let (loaded, early) = std::thread::scope(|scope| {
        let early = early_out
            .as_deref()
            .map(|out| scope.spawn(move || prepare(out)));
        let loaded = load_with_progress(opts, progress);
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
    let mut search = render::search::SearchCache::default();
    let files = write_all_with_progress(
        &loaded.site,
        &loaded.theme,
        &loaded.statics,
        &staging,
        &mut search,
        progress,
    )?
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
    let start = Instant::now();
    let loaded = load(opts)?;
    let t = Instant::now();
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
    // Every URL in the output, all at once, as `build` would find them.
    SiteError::from_diagnostics(crate::verify::broken_links(&loaded.site, &pages, &|p| {
        made.contains(p) || render::search::is_index_path(p)
    }))?;
    let mut timings = loaded.timings.clone();
    timings.render = ms(t);
    timings.total = ms(start);
    Ok(report(&loaded, jobs.len(), timings, None))
}

/// Output names too long for a file system, each named by the content file that makes it:
/// the page's own file, or a profile or the first guide that names a tag.
fn names_fit(site: &Site, jobs: &[Job]) -> Vec<Diagnostic> {
    let guide = |guides: &[usize]| guides.first().map(|&i| site.guides[i].source.as_path());
    let source = |job: &Job| match job {
        Job::Guide(i) => Some(site.guides[*i].source.as_path()),
        Job::Page(i) => Some(site.pages[*i].source.as_path()),
        Job::Term(t, s) | Job::TermFeed(t, s) => site.taxonomy(*t).terms.get(s).and_then(|r| {
            r.profile
                .as_ref()
                .map(|p| p.source.as_path())
                .or_else(|| guide(&r.guides))
        }),
        _ => None,
    };
    output::names_fit(jobs.iter().map(|job| (job.output_path(site), source(job))))
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
    }
}

/// Renders every job and copies every static file into the staging folder, in parallel.
/// Template errors are collected from all pages, so the writer sees each distinct one.
/// Returns a hash of every file written, by output path.
pub fn write_all(
    site: &Site,
    theme: &Theme,
    statics: &[StaticFile],
    staging: &Staging,
    search: &mut render::search::SearchCache,
) -> Result<HashMap<String, u64>, SiteError> {
    write_all_with_progress(site, theme, statics, staging, search, &Silent)
}

/// [`write_all`], reporting every file written to `progress`.
pub fn write_all_with_progress(
    site: &Site,
    theme: &Theme,
    statics: &[StaticFile],
    staging: &Staging,
    search: &mut render::search::SearchCache,
    progress: &dyn Progress,
) -> Result<HashMap<String, u64>, SiteError> {
    crate::trace::mark("write-start");
    let jobs: Vec<Job> = render::jobs(site);
    SiteError::from_diagnostics(names_fit(site, &jobs))?;
    progress.stage(Stage::RenderAndWrite, jobs.len());
    // The search index is built beside the pages: its merging steps run on one thread, and
    // the other keeps rendering meanwhile. It is written only once every page rendered.
    let renderer = render::Renderer::new(site, theme);
    type Done = (String, u64, Option<crate::verify::PageRefs>);
    let (results, index): (Vec<Result<Done, SiteError>>, _) = rayon::join(
        || {
            jobs.par_iter()
                .map(|job| {
                    let bytes = renderer
                        .render(job)
                        .map_err(|d| SiteError::Invalid(vec![d]))?;
                    let path = job.output_path(site);
                    let hash = staging.write(&path, &bytes)?;
                    progress.file_done();
                    let refs = page_refs(&path, &bytes);
                    Ok((path, hash, refs))
                })
                .collect()
        },
        || render::search::search_index_cached(site, search),
    );
    let mut diagnostics = Vec::new();
    let mut written = HashMap::with_capacity(results.len() + statics.len());
    let mut pages = HashMap::with_capacity(results.len());
    for r in results {
        match r {
            Ok((path, hash, refs)) => {
                if let Some(refs) = refs {
                    pages.insert(path.clone(), refs);
                }
                written.insert(path, hash);
            }
            Err(SiteError::Invalid(d)) => diagnostics.extend(d),
            Err(fatal) => return Err(fatal),
        }
    }
    SiteError::from_diagnostics(diagnostics)?;
    crate::trace::mark("pages+search");
    progress.more(index.len());
    for (rel, bytes) in index {
        let hash = staging.write(&rel, &bytes)?;
        progress.file_done();
        written.insert(rel, hash);
    }
    let generated = |p: &str| written.contains_key(p) || render::search::is_index_path(p);
    let copies = static_outputs(statics, site.config.minify, generated)?;
    progress.more(copies.len());
    for (rel, bytes) in copies {
        let hash = staging.write(&rel, &bytes)?;
        progress.file_done();
        written.insert(rel, hash);
    }
    SiteError::from_diagnostics(crate::verify::broken_links(site, &pages, &|p| {
        written.contains_key(p)
    }))?;
    Ok(written)
}

/// What an HTML page links to, for the check of the finished output.
fn page_refs(path: &str, bytes: &[u8]) -> Option<crate::verify::PageRefs> {
    if !path.ends_with(".html") {
        return None;
    }
    Some(crate::verify::scan(&String::from_utf8_lossy(bytes)))
}

/// A static file's output path and bytes.
pub type StaticOutput = (String, std::borrow::Cow<'static, [u8]>);

/// The static files to copy, minus any path a generated page already takes; their CSS and
/// JavaScript minified when `minify` is on.
pub fn static_outputs(
    statics: &[StaticFile],
    minify: bool,
    generated: impl Fn(&str) -> bool,
) -> Result<Vec<StaticOutput>, SiteError> {
    statics
        .iter()
        .filter(|f| !generated(&f.rel))
        .map(|f| {
            render::theme::static_bytes(f)
                .map(|b| {
                    let small = minify.then(|| render::minify::for_path(&f.rel, &b));
                    (
                        f.rel.clone(),
                        small.flatten().map_or(b, std::borrow::Cow::Owned),
                    )
                })
                .map_err(|e| SiteError::fatal(format!("cannot read static file {}: {e}", f.rel)))
        })
        .collect()
}

/// Static files at a path careersite also makes a page at (`static/index.html`,
/// `static/sitemap.xml`): the made page wins, so the writer hears that their file is not
/// published.
fn shadowed_statics(site: &Site, statics: &[StaticFile], root: &Path) -> Vec<Diagnostic> {
    let made: std::collections::HashSet<String> = render::jobs(site)
        .iter()
        .map(|j| j.output_path(site))
        .collect();
    statics
        .iter()
        .filter(|f| made.contains(&f.rel) || render::search::is_index_path(&f.rel))
        .map(|f| {
            let file = match &f.bytes {
                crate::source::StaticBytes::Disk(p) => {
                    p.strip_prefix(root).unwrap_or(p).to_path_buf()
                }
                crate::source::StaticBytes::Embedded(_) => PathBuf::from(&f.rel),
            };
            Diagnostic::warning(
                file,
                format!(
                    "careersite makes `{}` itself, so this static file is not published",
                    f.rel
                ),
            )
            .hint("rename or move the file, or delete it if the made page is what you want")
        })
        .collect()
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
