//! Applying a plan: the fast paths that patch the last good model in place, and the
//! rebuild that links every source again. Both hand the new model to `write`.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::plan::Patch;
use super::{Outcome, Reuse, Session, failed, link_and_theme, sorted};
use crate::config::Config;
use crate::datasets::Index;
use crate::error::Diagnostic;
use crate::parse::Doc;
use crate::render::{self, fingerprint};

impl Session {
    /// The fast paths for edits to guides' bodies, or bodies and tags: patch the last good
    /// model in place and write what the fingerprints say changed. None when it does not
    /// apply.
    pub(super) fn patch(
        &mut self,
        kind: Patch,
        dirty: &HashSet<PathBuf>,
        changed: &[String],
        start: Instant,
    ) -> Option<Outcome> {
        // Another language's pages are linked from the default language's (its URLs, its
        // terms), so a site of several languages is linked anew after every edit.
        let several_languages = (self.config.as_ref()).is_ok_and(|c| !c.languages.is_empty());
        if !self.can_patch(dirty) || several_languages {
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
        // An edit to guides leaves the templates, settings and static files as they were:
        // the last theme serves again unless the global `site` value changed with it.
        let site_value = tera::Value::from_serializable(&render::views::SiteView::new(&site));
        let same = (self.last_theme.as_mut())
            .is_some_and(|t| t.tera.global_context().get("site") == Some(&site_value));
        let reused = if same { self.last_theme.take() } else { None };
        let loaded = match reused {
            Some(theme) => Ok(theme),
            None => render::theme::Theme::load(
                &site.config,
                &self.templates,
                (&self.statics, &self.images),
                site_value,
                self.data_files.0.clone(),
            ),
        };
        let theme = match loaded {
            Ok(t) => t,
            Err(e) => {
                self.last_site = Some(site);
                return Some(Outcome::Failed(sorted(e)));
            }
        };
        crate::trace::mark("patch-theme");
        let on_disk = self.written.take()?;
        let first = fingerprint::jobs_made_from(&site, dirty);
        let written_now = self.write_changed(&site, &theme, &first, on_disk);
        let (written, removed) = match written_now {
            Ok(x) => x,
            Err(e) => return Some(failed(e)),
        };
        crate::trace::mark("patch-write");
        for (file, bodies) in patched {
            self.cache.insert(file, bodies);
        }
        Some(self.built(site, theme, (written, removed), changed.to_vec(), start))
    }

    /// Keeps `site` and `theme` as the last good build and reports it.
    fn built(
        &mut self,
        site: crate::model::Site,
        theme: render::theme::Theme,
        (written, removed): (Vec<String>, Vec<String>),
        changed: Vec<String>,
        start: Instant,
    ) -> Outcome {
        let summary = summary(&site);
        self.last_site = Some(site);
        self.last_theme = Some(theme);
        Outcome::Built {
            written,
            removed,
            changed,
            millis: start.elapsed().as_millis(),
            css_only: false,
            summary,
        }
    }

    /// Whether the last good model and the files in `dirty` make the sources, and nothing
    /// is in error now: the fast paths patch the last good model only.
    fn can_patch(&self, dirty: &HashSet<PathBuf>) -> bool {
        (self.behind.as_ref()).is_some_and(|b| b.keys().all(|k| dirty.contains(k)))
            && self.read_errors.is_empty()
            && self.theme_errors.is_empty()
            && self.data_files.1.is_empty()
            && self.config.is_ok()
            && self.written.is_some()
            && self.files.values().all(|f| f.is_ok())
    }

    /// What a full link starts from: the config, the datasets and every parsed file, or
    /// every error that stops a rebuild (unreadable files, theme, config, datasets).
    #[allow(clippy::type_complexity)]
    fn inputs(&self) -> Result<(Config, Arc<Index>, Vec<&Doc>), Vec<Diagnostic>> {
        let mut errors: Vec<Diagnostic> = self.read_errors.values().cloned().collect();
        errors.extend(self.theme_errors.iter().cloned());
        errors.extend(self.data_files.1.iter().cloned());
        let config = match &self.config {
            Ok(c) => c.clone(),
            Err(e) => {
                errors.extend(e.iter().cloned());
                return Err(errors);
            }
        };
        let datasets = match &self.datasets {
            Ok(d) => d.clone(),
            Err(e) => {
                errors.extend(e.iter().cloned());
                return Err(errors);
            }
        };
        let mut docs = Vec::with_capacity(self.files.len());
        for parsed in self.files.values() {
            match parsed {
                Ok(doc) => docs.push(doc),
                Err(e) => errors.extend(e.iter().cloned()),
            }
        }
        if errors.is_empty() {
            Ok((config, datasets, docs))
        } else {
            Err(errors)
        }
    }

    pub(super) fn rebuild_from(
        &mut self,
        changed: Vec<String>,
        dirty: Option<&HashSet<PathBuf>>,
        start: Instant,
    ) -> Outcome {
        let (config, datasets, docs) = match self.inputs() {
            Ok(x) => x,
            Err(errors) => return Outcome::Failed(sorted(errors)),
        };
        crate::trace::mark("rebuild-read");
        let (linked, theme, cache) = match link_and_theme(
            config,
            (datasets, self.data_files.0.clone()),
            &docs,
            self.opts.drafts,
            Reuse {
                cache: Some(&self.cache),
                dirty,
                previous: self.last_site.as_ref(),
                shortcodes: None,
                fallback_urls: None,
                images: Some(&self.images),
                scratch: None,
            },
            &self.templates,
            &self.statics,
        ) {
            Ok(x) => x,
            Err(e) => return Outcome::Failed(sorted(e)),
        };
        let site = linked.site;
        let context = linked.context;
        self.publish_assets(&site);
        crate::trace::mark("link+theme");
        let outcome = match self.written.take() {
            None => self.write_full(&site, &theme),
            Some(written) => {
                let first = dirty
                    .map(|d| fingerprint::jobs_made_from(&site, d))
                    .unwrap_or_default();
                self.write_changed(&site, &theme, &first, written)
            }
        };
        crate::trace::mark("render+write");
        let (written, removed) = match outcome {
            Ok(x) => x,
            Err(e) => return failed(e),
        };
        self.cache = cache;
        self.context = Some(context);
        self.built(site, theme, (written, removed), changed, start)
    }
}

/// The one line a rebuild reports: what the site holds now.
fn summary(site: &crate::model::Site) -> String {
    use crate::text::count;
    let left_out = crate::publish::summary(&site.left_out)
        .map(|l| format!("; {l}"))
        .unwrap_or_default();
    format!(
        "{}, {}, {}, {}{left_out}",
        count(site.guides.len(), "guide"),
        count(site.roles.terms.len(), "role"),
        count(site.skills.terms.len(), "skill"),
        count(site.pages.len(), "page")
    )
}
