//! Rendering every page and writing it, with the site's static files, into the staging
//! folder; and the checks that must pass before anything is written.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use super::{Progress, Silent, Stage};
use crate::error::{Diagnostic, SiteError};
use crate::model::Site;
use crate::output::{self, Staging};
use crate::render::{self, Job, theme::Theme};
use crate::source::{StaticFile, Stylesheet};
use crate::verify::PageRefs;

/// Output names too long for a file system, each named by the content file that makes it:
/// the page's own file, or a profile or the first guide that names a tag.
pub(super) fn names_fit(site: &Site, jobs: &[Job]) -> Vec<Diagnostic> {
    output::names_fit(
        jobs.iter()
            .map(|job| (job.output_path(site), job_source(site, job))),
    )
}

/// The content file a job's output is made from: the page's own file, or a profile or
/// the first guide that names a tag; none for listings and other generated files.
pub(super) fn job_source<'a>(site: &'a Site, job: &Job) -> Option<&'a std::path::Path> {
    let guide = |guides: &[usize]| guides.first().map(|&i| site.guides[i].source.as_path());
    match job {
        Job::Guide(i) => Some(site.guides[*i].source.as_path()),
        Job::Page(i) => Some(site.pages[*i].source.as_path()),
        Job::Term(t, s, _) | Job::TermFeed(t, s) => site.taxonomy(*t).terms.get(s).and_then(|r| {
            r.profile
                .as_ref()
                .map(|p| p.source.as_path())
                .or_else(|| guide(&r.guides))
        }),
        Job::Lang(l, job) => site.translations.get(*l).and_then(|t| job_source(t, job)),
        _ => None,
    }
}

/// Renders every job and copies every static file into the staging folder, in parallel.
/// Template errors are collected from all pages, so the writer sees each distinct one.
/// Returns a hash of every file written, by output path. `stylesheets` are those among
/// `statics`, whose URLs are checked with the pages'.
pub fn write_all(
    root: &Path,
    site: &Site,
    theme: &Theme,
    (statics, stylesheets): (&[StaticFile], &[Stylesheet]),
    staging: &Staging,
    search: &mut render::search::SearchCache,
) -> Result<Written, SiteError> {
    write_all_and_refs(
        root,
        site,
        theme,
        (statics, stylesheets),
        staging,
        search,
        (&Silent, Refs::All),
    )
}

/// Which URLs of each page [`write_all_and_refs`] keeps.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Refs {
    /// Every one: a watch session checks the pages it rewrites later against them.
    All,
    /// Only those the output check cannot pass before everything is written.
    Unsettled,
}

/// What [`write_all`] wrote: a hash of every file by output path, and what each HTML page
/// links to, which a watch session keeps to check the pages it rewrites later.
pub type Written = (HashMap<String, u64>, HashMap<String, PageRefs>);

/// [`write_all`], reporting every file written to `progress`.
pub fn write_all_with_progress(
    root: &Path,
    site: &Site,
    theme: &Theme,
    (statics, stylesheets): (&[StaticFile], &[Stylesheet]),
    staging: &Staging,
    search: &mut render::search::SearchCache,
    progress: &dyn Progress,
) -> Result<HashMap<String, u64>, SiteError> {
    write_all_and_refs(
        root,
        site,
        theme,
        (statics, stylesheets),
        staging,
        search,
        (progress, Refs::Unsettled),
    )
    .map(|(w, _)| w)
}

fn write_all_and_refs(
    root: &Path,
    site: &Site,
    theme: &Theme,
    (statics, stylesheets): (&[StaticFile], &[Stylesheet]),
    staging: &Staging,
    search: &mut render::search::SearchCache,
    (progress, keep): (&dyn Progress, Refs),
) -> Result<Written, SiteError> {
    crate::trace::mark("write-start");
    let jobs: Vec<Job> = render::jobs(site);
    let paths: Vec<String> = jobs.iter().map(|job| job.output_path(site)).collect();
    SiteError::from_diagnostics(output::names_fit(
        (paths.iter().cloned()).zip(jobs.iter().map(|job| job_source(site, job))),
    ))?;
    progress.stage(Stage::RenderAndWrite, jobs.len());
    // Every page and static file is written, or the build fails.
    let made: std::collections::HashSet<&str> = (paths.iter().map(String::as_str))
        .chain(statics.iter().map(|f| f.rel.as_str()))
        .collect();
    let made = |p: &str| made.contains(p);
    let base_path = &site.config.base_path;
    // The search index is built beside the pages: its merging steps run on one thread, and
    // the other keeps rendering meanwhile. Its files are written as soon as they are made,
    // so that they are not held while the pages are still rendering.
    let renderer = render::Renderer::new(site, theme);
    type Done = (String, u64, Option<PageRefs>);
    let (results, index): (Vec<Result<Done, SiteError>>, _) = rayon::join(
        || {
            jobs.par_iter()
                .zip(&paths)
                .map(|(job, path)| {
                    let bytes = renderer
                        .render(job)
                        .map_err(|d| SiteError::Invalid(vec![d]))?;
                    let hash = staging.write(path, &bytes)?;
                    progress.file_done();
                    let mut refs = page_refs(path, &bytes);
                    if let Some(refs) = refs.as_mut().filter(|_| keep == Refs::Unsettled) {
                        (refs.urls)
                            .retain(|u| !crate::verify::surely_fine(u, path, base_path, &made));
                    }
                    Ok((path.clone(), hash, refs))
                })
                .collect()
        },
        || -> Result<Vec<(String, u64)>, SiteError> {
            let index = render::search::search_index_cached(site, search);
            progress.more(index.len());
            (index.into_iter())
                .map(|(rel, bytes)| {
                    let hash = staging.write(&rel, &bytes)?;
                    progress.file_done();
                    Ok((rel, hash))
                })
                .collect()
        },
    );
    // The summaries are no longer needed.
    drop(renderer);
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
    written.extend(index?);
    let generated = |p: &str| written.contains_key(p) || render::search::is_index_path(p);
    let copies = static_outputs(statics, site.config.minify, generated)?;
    progress.more(copies.len());
    for (rel, bytes) in copies {
        let hash = staging.write(&rel, &bytes)?;
        progress.file_done();
        written.insert(rel, hash);
    }
    let wanted = super::variants::wanted(
        pages.iter().map(|(p, r)| (p.as_str(), r)),
        statics,
        &site.config.base_path,
        &|p| written.contains_key(p),
    );
    let variants = super::variants::make(root, statics, &wanted, site.config.images.quality)?;
    progress.more(variants.len());
    for (rel, bytes) in variants {
        let hash = staging.write(&rel, &bytes)?;
        progress.file_done();
        written.insert(rel, hash);
    }
    let exists = |p: &str| written.contains_key(p);
    let mut broken = crate::verify::broken_links(site, &pages, &exists);
    broken.extend(crate::verify::broken_stylesheet_urls(
        stylesheets,
        &site.config.base_path,
        &exists,
    ));
    SiteError::from_diagnostics(broken)?;
    Ok((written, pages))
}

/// What an HTML page links to, for the check of the finished output.
pub(crate) fn page_refs(path: &str, bytes: &[u8]) -> Option<PageRefs> {
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
