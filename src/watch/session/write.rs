//! Writing a rebuild's result into the live output: a full build through the staging
//! folder, or only the files whose fingerprint and bytes changed, and the search index
//! once the writer pauses.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use rayon::prelude::*;

use super::Session;
use crate::error::{Diagnostic, SiteError};
use crate::model::Site;
use crate::output::{self, Staging, live};
use crate::pipeline::{self, hash_bytes, static_outputs};
use crate::render::theme::Theme;
use crate::render::{self, Job, fingerprint};

impl Session {
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
        Ok((written, removed))
    }

    pub(super) fn write_full(
        &mut self,
        site: &Site,
        theme: &Theme,
    ) -> Result<(Vec<String>, Vec<String>), SiteError> {
        let staging = Staging::begin(&self.out)?;
        let written = pipeline::write_all(site, theme, &self.statics, &staging, &mut self.search)?;
        staging.commit()?;
        self.fingerprints = prints_by_path(fingerprint::all(site, theme));
        self.statics_pending = false;
        self.search_pending = false;
        let mut paths: Vec<String> = written.keys().cloned().collect();
        paths.sort();
        self.written = Some(written);
        Ok((paths, Vec::new()))
    }

    /// Renders the jobs whose fingerprint changed and writes the files whose bytes changed.
    /// The pages made from the edited files (`first`) are rendered and written before the
    /// rest of the site is fingerprinted, so the page a writer is looking at is on disk at
    /// once. If anything fails after that, those writes are undone: a failed rebuild leaves
    /// the output as it was.
    pub(super) fn write_changed(
        &mut self,
        site: &Site,
        theme: &Theme,
        first: &[Job],
        mut on_disk: HashMap<String, u64>,
    ) -> Result<(Vec<String>, Vec<String>), SiteError> {
        let mut early = Early::default();
        let result = self.write_changed_from(site, theme, first, &mut on_disk, &mut early);
        if result.is_err() {
            for (rel, undo, hash) in early.undo.into_iter().rev() {
                // Best effort: the error that got us here is the one to report.
                let _ = live::undo(&self.out, undo);
                match hash {
                    Some(h) => on_disk.insert(rel, h),
                    None => on_disk.remove(&rel),
                };
            }
        }
        self.written = Some(on_disk);
        result
    }

    fn write_changed_from(
        &mut self,
        site: &Site,
        theme: &Theme,
        first: &[Job],
        on_disk: &mut HashMap<String, u64>,
        early: &mut Early,
    ) -> Result<(Vec<String>, Vec<String>), SiteError> {
        let renderer = render::Renderer::new(site, theme);
        let mut written = Vec::new();
        for job in first {
            let rel = job.output_path(site);
            let print = fingerprint::one(&renderer, theme, job);
            if self.fingerprints.get(&rel) == Some(&print) {
                continue;
            }
            let bytes = renderer
                .render(job)
                .map_err(|d| SiteError::Invalid(vec![d]))?;
            let hash = hash_bytes(&bytes);
            let before = on_disk.get(&rel).copied();
            if before != Some(hash) {
                let undo = live::write_undoable(&self.out, &rel, &bytes)?;
                early.undo.push((rel.clone(), undo, before));
                on_disk.insert(rel.clone(), hash);
                written.push(rel.clone());
            }
            early.done.insert(rel);
        }
        crate::trace::mark("write-first");
        let prints = fingerprint::all(site, theme);
        crate::trace::mark("fingerprints");
        let jobs: Vec<(&String, &Job)> = prints
            .iter()
            .filter(|(path, (_, fp))| {
                self.fingerprints.get(*path) != Some(fp) && !early.done.contains(*path)
            })
            .map(|(path, (job, _))| (path, job))
            .collect();
        let files = render_all(&renderer, &jobs)?;
        crate::trace::mark("render");
        let generated = |p: &str| prints.contains_key(p) || render::search::is_index_path(p);
        let statics = if self.statics_pending {
            static_outputs(&self.statics, site.config.minify, generated)?
        } else {
            Vec::new()
        };
        let mut write = |rel: String, bytes: &[u8]| -> Result<(), SiteError> {
            let hash = hash_bytes(bytes);
            if on_disk.get(&rel) != Some(&hash) {
                live::write_atomic(&self.out, &rel, bytes)?;
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
        let static_paths: HashSet<&str> = self.statics.iter().map(|s| s.rel.as_str()).collect();
        let mut removed: Vec<String> = on_disk
            .keys()
            .filter(|k| {
                !prints.contains_key(k.as_str())
                    && !render::search::is_index_path(k)
                    && !static_paths.contains(k.as_str())
                    && k.as_str() != output::MARKER
            })
            .cloned()
            .collect();
        live::remove_outputs(&self.out, &mut removed, on_disk)?;
        written.sort();
        self.fingerprints = prints_by_path(prints);
        self.statics_pending = false;
        Ok((written, removed))
    }
}

/// The pages written before the rest, and how to put back what they replaced.
#[derive(Default)]
struct Early {
    done: HashSet<String>,
    /// Output path, how to undo the write, and the manifest's hash of it before.
    undo: Vec<(String, live::Undo, Option<u64>)>,
}

fn prints_by_path(prints: HashMap<String, (Job, u64)>) -> HashMap<String, u64> {
    prints.into_iter().map(|(k, (_, fp))| (k, fp)).collect()
}

/// Renders `jobs` in parallel; every error is reported, not only the first.
fn render_all(
    renderer: &render::Renderer,
    jobs: &[(&String, &Job)],
) -> Result<Vec<(String, Vec<u8>)>, SiteError> {
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
    let mut files = Vec::with_capacity(rendered.len());
    let mut errors = Vec::new();
    for r in rendered {
        match r {
            Ok(f) => files.push(f),
            Err(d) => errors.push(d),
        }
    }
    SiteError::from_diagnostics(errors)?;
    Ok(files)
}
