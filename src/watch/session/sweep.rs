//! The sweep: every page fingerprinted from what rendering it reads, and the ones whose
//! fingerprint changed rendered and written, with static files and removals; then the
//! search index. A rebuild that wrote the edited page first leaves this to `finish`, which
//! the watch loop calls once the writer pauses; the output then equals a clean build.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use rayon::prelude::*;

use super::Session;
use crate::error::{Diagnostic, SiteError};
use crate::model::Site;
use crate::output::{self, live};
use crate::pipeline::{self, hash_bytes, static_outputs};
use crate::render::theme::Theme;
use crate::render::{self, Job, fingerprint};
use crate::source::StaticFile;
use crate::verify::PageRefs;

/// The image copies the pages point at (`pipeline::variants::wanted`).
type Wanted = std::collections::BTreeMap<String, (usize, crate::images::variant::Spec)>;

impl Session {
    /// Whether a rebuild left work for `finish`.
    pub fn has_pending(&self) -> bool {
        self.sweep_pending || self.search_pending
    }

    /// Brings every page, then the search index, up to date with the last good build: the
    /// part of a rebuild that readers of the edited page do not wait for. Returns the files
    /// written and removed; the output then equals a clean build. If a page fails, the
    /// pages written first are put back, so the output is the last good one.
    pub fn finish(&mut self) -> Result<(Vec<String>, Vec<String>), SiteError> {
        self.finish_unless(&|| false)
    }

    /// `finish`, giving way as soon as `stop` says so (another save is waiting): what is
    /// left stays pending, and nothing is written for it until a later call completes it.
    /// On a large site the sweep takes seconds, and a save must not wait for it.
    pub fn finish_unless(
        &mut self,
        stop: &dyn Fn() -> bool,
    ) -> Result<(Vec<String>, Vec<String>), SiteError> {
        let (mut written, mut removed) = (Vec::new(), Vec::new());
        if self.sweep_pending {
            let (site, theme) = match (self.last_site.take(), self.last_theme.take()) {
                (Some(site), Some(theme)) => (site, theme),
                (site, theme) => {
                    // No good model to sweep with: the next rebuild links everything again.
                    (self.last_site, self.last_theme) = (site, theme);
                    self.sweep_pending = false;
                    return Ok((written, removed));
                }
            };
            let swept = self.sweep_unless(&site, &theme, stop);
            self.last_site = Some(site);
            self.last_theme = Some(theme);
            match swept {
                Err(e) => {
                    self.behind = None;
                    return Err(e);
                }
                Ok(None) => return Ok((written, removed)),
                Ok(Some(done)) => (written, removed) = done,
            }
        }
        if let Some((w, r)) = self.write_search_index(stop)? {
            written.extend(w);
            removed.extend(r);
        }
        Ok((written, removed))
    }

    /// Renders and writes every page whose fingerprint changed, copies static files when
    /// they may have changed, and removes what the site no longer makes.
    pub(super) fn sweep(
        &mut self,
        site: &Site,
        theme: &Theme,
    ) -> Result<(Vec<String>, Vec<String>), SiteError> {
        let done = self.sweep_unless(site, theme, &|| false)?;
        Ok(done.expect("never stopped"))
    }

    /// `sweep`, or None if `stop` said so before anything was written: the sweep is then
    /// still pending, and the pages written first stay.
    fn sweep_unless(
        &mut self,
        site: &Site,
        theme: &Theme,
        stop: &dyn Fn() -> bool,
    ) -> Result<Option<Done>, SiteError> {
        let result = self.sweep_or_fail(site, theme, stop);
        match &result {
            Ok(None) => return result,
            Ok(Some(_)) => self.early.clear(),
            Err(_) => self.undo_early(),
        }
        self.sweep_pending = false;
        result
    }

    fn sweep_or_fail(
        &mut self,
        site: &Site,
        theme: &Theme,
        stop: &dyn Fn() -> bool,
    ) -> Result<Option<Done>, SiteError> {
        let Some(prints) = fingerprint::all_unless(site, theme, stop) else {
            crate::trace::mark("fingerprints-stopped");
            return Ok(None);
        };
        crate::trace::mark("fingerprints");
        let jobs: Vec<(&String, &Job)> = prints
            .iter()
            .filter(|(path, (_, fp))| self.fingerprints.get(*path) != Some(fp))
            .map(|(path, (job, _))| (path, job))
            .collect();
        let renderer = render::Renderer::new(site, theme);
        let Some(files) = render_all(&renderer, &jobs, stop)? else {
            return Ok(None);
        };
        crate::trace::mark("render");
        let generated = |p: &str| prints.contains_key(p) || render::search::is_index_path(p);
        let all_statics = self.all_statics();
        let statics = if self.statics_pending {
            self.read_stylesheets(&all_statics);
            static_outputs(&all_statics, site.config.minify, generated)?
        } else {
            Vec::new()
        };
        if self.written.is_none() {
            return Ok(Some((Vec::new(), Vec::new())));
        }
        if stop() {
            return Ok(None);
        }
        let (fresh, wanted) = self.check_links(site, &prints, &files, &all_statics)?;
        crate::trace::mark("check-links");
        // Every image copy is made (or taken from the cache) again only when the images
        // may have changed; otherwise only those the pages newly ask for.
        let to_make: Wanted = (wanted.iter())
            .filter(|(path, _)| self.statics_pending || !self.variants.contains(*path))
            .map(|(path, cut)| (path.clone(), *cut))
            .collect();
        let quality = site.config.images.quality;
        let variants = pipeline::variants::make(&self.opts.root, &all_statics, &to_make, quality)?;
        let Some(on_disk) = self.written.as_mut() else {
            return Ok(Some((Vec::new(), Vec::new())));
        };
        let mut written = Vec::new();
        let statics = statics.iter().map(|(r, b)| (r, b.as_ref()));
        let variants_made = variants.iter().map(|(r, b)| (r, b.as_slice()));
        let pages = files.iter().map(|(r, b)| (r, b.as_slice()));
        for (rel, bytes) in pages.chain(statics).chain(variants_made) {
            let hash = hash_bytes(bytes);
            if on_disk.get(rel) != Some(&hash) {
                live::write_atomic(&self.out, rel, bytes)?;
                on_disk.insert(rel.clone(), hash);
                written.push(rel.clone());
            }
        }
        crate::trace::mark("write-pages");
        let static_paths: HashSet<&str> = all_statics.iter().map(|s| s.rel.as_str()).collect();
        let mut removed: Vec<String> = on_disk
            .keys()
            .filter(|k| {
                !prints.contains_key(k.as_str())
                    && !render::search::is_index_path(k)
                    && !static_paths.contains(k.as_str())
                    && !wanted.contains_key(k.as_str())
                    && k.as_str() != output::MARKER
            })
            .cloned()
            .collect();
        live::remove_outputs(&self.out, &mut removed, on_disk)?;
        written.sort();
        self.refs.retain(|k, _| prints.contains_key(k.as_str()));
        self.refs.extend(fresh);
        self.variants = wanted.into_keys().collect();
        self.recheck_all = false;
        self.fingerprints = prints_by_path(prints);
        self.statics_pending = false;
        // The search index is left to `finish`.
        self.search_pending = true;
        Ok(Some((written, removed)))
    }

    /// Checks the links of the pages this sweep rendered and of those written first, before
    /// anything is written; every page's when a page went or its ids changed, since links
    /// to it may then break. Every stylesheet's URLs are checked each time: there are few,
    /// and a file they lead to may have gone with any change. Returns what the rendered
    /// pages link to, and the image copies the pages then on disk point at.
    fn check_links(
        &self,
        site: &Site,
        prints: &HashMap<String, (Job, u64)>,
        files: &[(String, Vec<u8>)],
        statics: &[StaticFile],
    ) -> Result<(HashMap<String, PageRefs>, Wanted), SiteError> {
        let fresh: HashMap<String, PageRefs> = files
            .iter()
            .filter_map(|(rel, bytes)| Some((rel.clone(), pipeline::page_refs(rel, bytes)?)))
            .collect();
        let all = self.recheck_all
            || self.statics_pending
            || self.refs.keys().any(|k| !prints.contains_key(k.as_str()))
            || fresh
                .iter()
                .any(|(k, r)| self.refs.get(k).is_none_or(|old| old.ids != r.ids));
        let refs_of = |p: &str| {
            fresh
                .get(p)
                .or_else(|| self.refs.get(p).filter(|_| prints.contains_key(p)))
        };
        let checked: Vec<(&str, &PageRefs)> = if all {
            prints
                .keys()
                .filter_map(|p| Some((p.as_str(), refs_of(p)?)))
                .collect()
        } else {
            let early = self.early.iter().map(|e| e.rel.as_str());
            fresh
                .keys()
                .map(String::as_str)
                .chain(early)
                .filter_map(|p| Some((p, refs_of(p)?)))
                .collect()
        };
        let static_paths: HashSet<&str> = statics.iter().map(|s| s.rel.as_str()).collect();
        let made = |p: &str| {
            prints.contains_key(p) || static_paths.contains(p) || render::search::is_index_path(p)
        };
        let wanted = pipeline::variants::wanted(
            prints
                .keys()
                .filter_map(|p| Some((p.as_str(), refs_of(p)?))),
            statics,
            &site.config.base_path,
            &made,
        );
        let exists = |p: &str| made(p) || wanted.contains_key(p);
        let mut broken = crate::verify::broken_links_in(site, &checked, &refs_of, &exists);
        let (sheets, unread) = &self.stylesheets;
        broken.extend(unread.iter().cloned());
        broken.extend(crate::verify::broken_stylesheet_urls(
            sheets,
            &site.config.base_path,
            &exists,
        ));
        SiteError::from_diagnostics(broken)?;
        Ok((fresh, wanted))
    }

    /// Writes the search index if it is older than the pages; None if `stop` said so
    /// first, leaving it pending.
    fn write_search_index(&mut self, stop: &dyn Fn() -> bool) -> Result<Option<Done>, SiteError> {
        if !self.search_pending {
            return Ok(Some((Vec::new(), Vec::new())));
        }
        let (Some(site), Some(on_disk)) = (&self.last_site, self.written.as_mut()) else {
            return Ok(Some((Vec::new(), Vec::new())));
        };
        let Some(files) = render::search::search_index_unless(site, &mut self.search, stop) else {
            return Ok(None);
        };
        crate::trace::mark("search-index");
        let mut written = Vec::new();
        for (rel, bytes) in &files {
            let hash = hash_bytes(bytes);
            if on_disk.get(rel) != Some(&hash) {
                live::write_atomic(&self.out, rel, bytes)?;
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
        live::remove_outputs(&self.out, &mut removed, on_disk)?;
        crate::trace::mark("search-write");
        self.search_pending = false;
        written.sort();
        Ok(Some((written, removed)))
    }
}

pub(super) fn prints_by_path(prints: HashMap<String, (Job, u64)>) -> HashMap<String, u64> {
    prints.into_iter().map(|(k, (_, fp))| (k, fp)).collect()
}

/// Renders `jobs` in parallel, a run at a time; every error is reported, not only the
/// first. None if `stop` said so between two runs: after a template edit that is every
/// page, which takes a large site a while.
fn render_all(
    renderer: &render::Renderer,
    jobs: &[(&String, &Job)],
    stop: &dyn Fn() -> bool,
) -> Result<Option<Pages>, SiteError> {
    let mut rendered: Vec<Result<(String, Vec<u8>), Diagnostic>> = Vec::with_capacity(jobs.len());
    for run in jobs.chunks(RENDER_RUN) {
        if stop() {
            return Ok(None);
        }
        rendered.par_extend(run.par_iter().map(|(path, job)| {
            let t = Instant::now();
            let r = renderer.render(job).map(|b| ((*path).clone(), b));
            if crate::trace::enabled() {
                crate::tell!(
                    "trace: render {path} {:.2} ms",
                    t.elapsed().as_secs_f64() * 1e3
                );
            }
            r
        }));
    }
    SiteError::from_results(rendered).map(Some)
}

/// What a sweep did: the output paths written, and those removed.
type Done = (Vec<String>, Vec<String>);

/// Rendered pages: output path and bytes.
type Pages = Vec<(String, Vec<u8>)>;

/// How many pages are rendered between two looks at `stop`.
const RENDER_RUN: usize = 256;
