//! Fingerprints of what each output file is made from. A job's fingerprint is the hash of
//! exactly what rendering it reads: its template's name and variables (`Prepared`), and the
//! theme's own fingerprint (every template's text, the global `site` value, and the data
//! the theme's functions answer from), and the data files its template may read. Nothing here lists which fields a page shows, so a
//! new field, taxonomy or template stays correct in watch mode with no change here.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;

use super::prepared::{Memo, Prepared};
use super::theme::Theme;
use super::{Job, Renderer};
use crate::hash::hash_of;
use crate::model::{Site, is_file};

/// How many jobs are fingerprinted between two looks at `stop`: small enough that a save
/// waits little for the sweep to give way, large enough to keep both cores busy.
const STOP_EVERY: usize = 512;

/// Fingerprints of `jobs`, by output path, or None as soon as `stop` says so: a watch
/// session's sweep gives way to the next save, and starts again from the model that save
/// makes.
fn fingerprints_unless(
    site: &Site,
    theme: &Theme,
    jobs: Vec<Job>,
    stop: &dyn Fn() -> bool,
) -> Option<HashMap<String, (Job, u64)>> {
    let renderer = Renderer::new(site, theme);
    let Some(memo) = renderer.summary_memo(stop) else {
        renderer.free_in_background();
        return None;
    };
    let mut prints = HashMap::with_capacity(jobs.len());
    let mut jobs = jobs.into_iter().peekable();
    while jobs.peek().is_some() {
        if stop() {
            crate::trace::mark("stop-heard");
            renderer.free_in_background();
            std::thread::spawn(move || drop(prints));
            return None;
        }
        let run: Vec<Job> = jobs.by_ref().take(STOP_EVERY).collect();
        prints.par_extend(run.into_par_iter().map(|job| {
            let print = of(&renderer.prepare(&job), &memo, theme);
            (job.output_path(site), (job, print))
        }));
    }
    renderer.free_in_background();
    Some(prints)
}

/// The fingerprint of one job, from a renderer the caller keeps: for the few pages a
/// rebuild writes before fingerprinting the rest. Equal to what `fingerprints` gives it.
pub fn one(renderer: &Renderer, theme: &Theme, job: &Job) -> u64 {
    of(&renderer.prepare(job), &Default::default(), theme)
}

/// A prepared job's variables, the theme, and the data files its template may read.
fn of(prepared: &Prepared, memo: &Memo, theme: &Theme) -> u64 {
    let data = match prepared {
        Prepared::Template { name, .. } => theme.data_print(name),
        Prepared::Text(_) => 0,
    };
    hash_of((prepared.fingerprint(memo), theme.fingerprint, data))
}

/// The jobs whose page is made from one of `files` (content paths such as
/// `content/guides/a.md`): a rebuild renders and writes these before any other.
pub fn jobs_made_from(site: &Site, files: &HashSet<PathBuf>) -> Vec<Job> {
    let mut jobs: Vec<Job> = site
        .guides
        .iter()
        .enumerate()
        .filter(|(_, g)| files.iter().any(|f| is_file(f, &g.source)))
        .map(|(i, _)| Job::Guide(i))
        .collect();
    jobs.extend(
        site.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| files.iter().any(|f| is_file(f, &p.source)))
            .map(|(i, _)| Job::Page(i)),
    );
    for (l, t) in site.translations.iter().enumerate() {
        let made = jobs_made_from(t, files);
        jobs.extend(made.into_iter().map(|j| Job::Lang(l, Box::new(j))));
    }
    jobs
}

/// Fingerprints of every job of the site, by output path.
pub fn all(site: &Site, theme: &Theme) -> HashMap<String, (Job, u64)> {
    all_unless(site, theme, &|| false).expect("never stopped")
}

/// `all`, or None once `stop` says so (`fingerprints_unless`).
pub fn all_unless(
    site: &Site,
    theme: &Theme,
    stop: &dyn Fn() -> bool,
) -> Option<HashMap<String, (Job, u64)>> {
    fingerprints_unless(site, theme, super::jobs(site), stop)
}
