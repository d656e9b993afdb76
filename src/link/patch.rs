//! Body-only edits in watch mode: a guide's body is rendered again in place, its anchors
//! checked against every page, and nothing else relinked.

use std::collections::{HashMap, HashSet};
use std::path::Path;

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
        let index = site.guides.iter().position(|x| x.source == g.file)?;
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
    let mut bodies: Vec<(&Path, &Rendered)> = site
        .guides
        .iter()
        .map(|g| (g.source.as_path(), &**g.body))
        .chain(
            site.all_taxonomies()
                .flat_map(|t| t.terms.values())
                .filter_map(|t| t.profile.as_ref())
                .map(|p| (p.source.as_path(), &**p.body)),
        )
        .chain(site.pages.iter().map(|p| (p.source.as_path(), &**p.body)))
        .collect();
    for (index, _, b) in &patched {
        bodies[*index].1 = &*b.body;
    }
    let targets: HashSet<&str> = bodies
        .iter()
        .flat_map(|(_, b)| b.anchor_links.iter().map(|l| l.target.as_str()))
        .collect();
    let by_target: HashMap<String, &Rendered> = bodies
        .iter()
        .map(|(f, b)| (content_rel(f), *b))
        .filter(|(rel, _)| targets.contains(rel.as_str()))
        .collect();
    let errors = check_anchors(&bodies, |t| by_target.get(t).copied());
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
