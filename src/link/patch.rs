//! Body-only edits in watch mode: a guide's body is rendered again in place, its anchors
//! checked against every page, and nothing else relinked.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::bodies::{self, Bodies, BodyCache, content_rel};
use super::{LinkContext, Resolver, check_anchors};
use crate::error::Diagnostic;
use crate::markdown::Rendered;
use crate::model::Site;
use crate::parse::Doc;

/// A guide's file and its new bodies, for the cache.
pub type PatchedBody = (std::path::PathBuf, Bodies);

/// Re-renders the bodies of guides whose front matter did not change, in place: their tags,
/// URLs and related lists cannot have changed, so nothing else needs relinking. Returns the
/// new bodies for the cache, or the errors (the site is then left as it was).
pub fn patch_bodies(
    site: &mut Site,
    context: &LinkContext,
    docs: &[&Doc],
) -> Option<Result<Vec<PatchedBody>, Vec<Diagnostic>>> {
    let resolver = Resolver {
        config: &site.config,
        context,
    };
    let mut patched = Vec::with_capacity(docs.len());
    let mut errors = Vec::new();
    for doc in docs {
        let Doc::Guide(g) = doc else { return None };
        let index = site.guide_index(&g.file)?;
        let (b, errs) = bodies::render_doc(
            doc,
            &resolver,
            site.config.raw_html,
            (&BodyCache::new(), None),
            None,
        );
        errors.extend(errs);
        patched.push((index, g.file.clone(), b));
    }
    if !errors.is_empty() {
        return Some(Err(errors));
    }
    let errors = check_patched_anchors(site, &patched);
    if !errors.is_empty() {
        return Some(Err(errors));
    }
    let mut out = Vec::with_capacity(patched.len());
    for (index, file, b) in patched {
        let g = &mut site.guides[index];
        g.body = b.body.clone();
        g.faq = b.faq.clone();
        out.push((file, b));
    }
    Some(Ok(out))
}

/// The anchor links an edit can break: those in the edited bodies, to any page, and, when
/// an edit changed its headings' ids, those in other bodies that point into that file. Only
/// these are checked, so an edit that keeps its headings costs the same on a site of any
/// size.
fn check_patched_anchors(site: &Site, patched: &[(usize, PathBuf, Bodies)]) -> Vec<Diagnostic> {
    let edited: HashMap<String, &Rendered> = patched
        .iter()
        .map(|(_, file, b)| (content_rel(file), &**b.body))
        .collect();
    let ids = |b: &Rendered| b.headings.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
    let renamed: HashSet<String> = patched
        .iter()
        .filter(|(i, _, b)| ids(&site.guides[*i].body) != ids(&b.body))
        .map(|(_, file, _)| content_rel(file))
        .collect();
    let replaced: HashSet<usize> = patched.iter().map(|(i, _, _)| *i).collect();
    let mut checked: Vec<(&Path, &Rendered)> = patched
        .iter()
        .map(|(_, file, b)| (file.as_path(), &**b.body))
        .collect();
    if !renamed.is_empty() {
        let others = (every_body(site).enumerate())
            .filter(|(i, _)| !replaced.contains(i))
            .map(|(_, body)| body);
        checked.extend(others.filter(|(_, b)| {
            (b.anchor_links.iter()).any(|l| renamed.contains(l.target.trim_start_matches("./")))
        }));
    }
    // The pages the edited bodies point into, found by one pass over the site.
    let wanted: HashSet<&str> = patched
        .iter()
        .flat_map(|(_, _, b)| b.body.anchor_links.iter())
        .map(|l| l.target.trim_start_matches("./"))
        .filter(|t| !edited.contains_key(*t))
        .collect();
    let mut targets: HashMap<String, &Rendered> = HashMap::new();
    if !wanted.is_empty() {
        targets.extend(every_body(site).enumerate().filter_map(|(i, (f, b))| {
            let rel = content_rel(f);
            (wanted.contains(rel.as_str()) && !replaced.contains(&i)).then_some((rel, b))
        }));
    }
    targets.extend(edited);
    check_anchors(&checked, |t| targets.get(t).copied())
}

/// `Site::bodies_with_sources`, as the anchor check takes them.
fn every_body(site: &Site) -> impl Iterator<Item = (&Path, &Rendered)> {
    (site.bodies_with_sources()).map(|(file, body)| (file, &***body))
}
