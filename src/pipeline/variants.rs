//! The smaller copies of images ("variants", `images::variant`) the finished pages point
//! at: found in the pages' own URLs, so a copy is made exactly when a page written in this
//! build (or kept from an earlier one) uses it, with no list kept beside the pages. Each is
//! made once and kept in `.careersite-cache/images/` under a hash of its original's bytes
//! and how it is cut: a later build, or a watch rebuild, copies it from there instead of
//! decoding and scaling the image again.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rayon::prelude::*;

use crate::error::{Diagnostic, SiteError};
use crate::images::{resize, variant};
use crate::source::{StaticBytes, StaticFile};
use crate::verify::PageRefs;

/// Where variants are kept between builds, under the site root.
const CACHE: &str = ".careersite-cache/images";

/// The variants some page points at, by output path: the index of the original among
/// the static files and how to cut it. A real file at a variant's path is that file,
/// never made over; so is a page (`taken`).
pub fn wanted<'a>(
    pages: impl Iterator<Item = (&'a str, &'a PageRefs)>,
    statics: &[StaticFile],
    base_path: &str,
    taken: &dyn Fn(&str) -> bool,
) -> BTreeMap<String, (usize, variant::Spec)> {
    let by_path: HashMap<&str, usize> = (statics.iter().enumerate())
        .filter(|(_, f)| variant::resizable(&f.rel))
        .map(|(i, f)| (f.rel.as_str(), i))
        .collect();
    if by_path.is_empty() {
        return BTreeMap::new();
    }
    let mut wanted = BTreeMap::new();
    for (page, refs) in pages {
        for url in refs.urls.iter() {
            let Some(path) = crate::verify::output_path(url, page, base_path) else {
                continue;
            };
            if wanted.contains_key(&path) || by_path.contains_key(path.as_str()) || taken(&path) {
                continue;
            }
            if let Some((original, spec)) = variant::parse(&path)
                && let Some(&i) = by_path.get(original.as_str())
            {
                wanted.insert(path, (i, spec));
            }
        }
    }
    wanted
}

/// The bytes of every variant in `wanted`, from the cache under `root` or made now (and
/// kept there). An original that cannot be read or decoded is an error naming it.
pub fn make(
    root: &Path,
    statics: &[StaticFile],
    wanted: &BTreeMap<String, (usize, variant::Spec)>,
    quality: u8,
) -> Result<Vec<(String, Vec<u8>)>, SiteError> {
    let made: Vec<Result<(String, Vec<u8>), Diagnostic>> = wanted
        .par_iter()
        .map(|(path, &(i, spec))| {
            let original = &statics[i];
            let fail = |why: String| {
                Diagnostic::error(shown(root, original), format!("cannot make `{path}`: {why}"))
                    .hint("open the image and save it again as a PNG or JPEG file, or stop asking for a smaller copy of it ([images] widths in site.toml, or resize_image() in a template)")
            };
            let bytes =
                crate::source::read_static(original).map_err(|e| fail(format!("{e}")))?;
            let ext = original.rel.rsplit('.').next().unwrap_or("");
            let key = crate::hash::hash_of((
                crate::hash::hash_bytes(&bytes),
                bytes.len(),
                spec,
                quality,
                resize::VERSION,
            ));
            let cached = root.join(CACHE).join(format!("{key:016x}.{ext}"));
            if let Some(kept) = crate::source::read_cache(&cached) {
                return Ok((path.clone(), kept));
            }
            let small = resize::resize(&bytes, ext, spec, quality).map_err(fail)?;
            // A cache that cannot be written only costs the next build the same work.
            let _ = crate::output::write_cache(&cached, &small);
            Ok((path.clone(), small))
        })
        .collect();
    SiteError::from_results(made)
}

/// The original's file as the writer knows it: `content/guides/x/chart.png`.
fn shown(root: &Path, file: &StaticFile) -> std::path::PathBuf {
    match &file.bytes {
        StaticBytes::Disk(p) => p.strip_prefix(root).unwrap_or(p).to_path_buf(),
        StaticBytes::Embedded(_) => Path::new("(built-in theme)").join(&file.rel),
    }
}
