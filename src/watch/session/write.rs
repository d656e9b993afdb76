//! Writing a rebuild's result into the live output: a full build through the staging
//! folder, or first the pages made from the edited files, at once, so the page a writer is
//! looking at is on disk without waiting for the rest of the site (`sweep` does the rest).

use std::collections::HashMap;

use super::Session;
use crate::error::SiteError;
use crate::model::Site;
use crate::output::{Staging, live};
use crate::pipeline::{self, hash_bytes};
use crate::render::theme::Theme;
use crate::render::{self, Job, fingerprint};
use crate::verify::PageRefs;

/// A page written before the sweep, and how to put back what it replaced if the sweep then
/// fails: the output path, the undo, and the manifest's hash and fingerprint before.
pub(super) struct Early {
    pub(super) rel: String,
    undo: live::Undo,
    hash: Option<u64>,
    print: Option<u64>,
    /// What the replaced page linked to, for the output check.
    refs: Option<PageRefs>,
}

impl Session {
    pub(super) fn write_full(
        &mut self,
        site: &Site,
        theme: &Theme,
    ) -> Result<(Vec<String>, Vec<String>), SiteError> {
        let staging = Staging::begin(&self.out)?;
        let statics = self.all_statics();
        self.read_stylesheets(&statics);
        SiteError::from_diagnostics(self.stylesheets.1.clone())?;
        let (written, refs) = pipeline::write_all(
            &self.opts.root,
            site,
            theme,
            (&statics, &self.stylesheets.0),
            &staging,
            &mut self.search,
        )?;
        // The image copies the full build made: the files it wrote that are named as one
        // and are not a static file of that name.
        let static_paths: std::collections::HashSet<&str> =
            statics.iter().map(|s| s.rel.as_str()).collect();
        self.variants = (written.keys())
            .filter(|p| crate::images::variant::parse(p).is_some())
            .filter(|p| !static_paths.contains(p.as_str()))
            .cloned()
            .collect();
        self.refs = refs;
        self.recheck_all = false;
        staging.commit()?;
        self.fingerprints = super::sweep::prints_by_path(fingerprint::all(site, theme));
        self.statics_pending = false;
        self.search_pending = false;
        self.sweep_pending = false;
        self.early.clear();
        let mut paths: Vec<String> = written.keys().cloned().collect();
        paths.sort();
        self.written = Some(written);
        Ok((paths, Vec::new()))
    }

    /// Writes the pages made from the edited files (`first`) whose fingerprint changed, and
    /// leaves the rest of the site to the sweep, which runs once the writer pauses. With
    /// no such page (a template or a deleted file changed) the sweep runs at once.
    pub(super) fn write_changed(
        &mut self,
        site: &Site,
        theme: &Theme,
        first: &[Job],
        on_disk: HashMap<String, u64>,
    ) -> Result<(Vec<String>, Vec<String>), SiteError> {
        self.written = Some(on_disk);
        if first.is_empty() {
            return self.sweep(site, theme);
        }
        let renderer = render::Renderer::new(site, theme);
        let mut pages = Vec::new();
        for job in first {
            let rel = job.output_path(site);
            let print = fingerprint::one(&renderer, theme, job);
            if self.fingerprints.get(&rel) != Some(&print) {
                let bytes = renderer
                    .render(job)
                    .map_err(|d| SiteError::Invalid(vec![d]))?;
                pages.push((rel, print, bytes));
            }
        }
        let mut written = Vec::new();
        for (rel, print, bytes) in pages {
            let hash = hash_bytes(&bytes);
            let on_disk = self.written.as_mut().expect("set above");
            let before = on_disk.get(&rel).copied();
            if before != Some(hash) {
                let undo = live::write_undoable(&self.out, &rel, &bytes)?;
                on_disk.insert(rel.clone(), hash);
                // Checked by the sweep, with the rest of the site as it then stands.
                let refs = pipeline::page_refs(&rel, &bytes).and_then(|new| {
                    let old = self.refs.insert(rel.clone(), new);
                    self.recheck_all |= old.as_ref().is_none_or(|o| o.ids != self.refs[&rel].ids);
                    old
                });
                self.early.push(Early {
                    rel: rel.clone(),
                    undo,
                    hash: before,
                    print: self.fingerprints.get(&rel).copied(),
                    refs,
                });
                written.push(rel.clone());
            }
            self.fingerprints.insert(rel, print);
        }
        crate::trace::mark("write-first");
        self.sweep_pending = true;
        self.search_pending = true;
        Ok((written, Vec::new()))
    }

    /// Puts back every page written first since the last sweep: the output is then the
    /// last good one again, and the session's records say so.
    pub(super) fn undo_early(&mut self) {
        for e in std::mem::take(&mut self.early).into_iter().rev() {
            // Best effort: the error that got us here is the one to report.
            let _ = live::undo(&self.out, e.undo);
            if let Some(on_disk) = self.written.as_mut() {
                match e.hash {
                    Some(h) => on_disk.insert(e.rel.clone(), h),
                    None => on_disk.remove(&e.rel),
                };
            }
            match e.refs {
                Some(r) => self.refs.insert(e.rel.clone(), r),
                None => self.refs.remove(&e.rel),
            };
            match e.print {
                Some(p) => self.fingerprints.insert(e.rel, p),
                None => self.fingerprints.remove(&e.rel),
            };
        }
    }
}
