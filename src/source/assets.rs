//! Files beside the Markdown under `content/`: images, PDFs and the like that a guide or
//! page written as a folder (`guides/<slug>/index.md`) keeps next to it. They are read
//! like static files, by path, only when they are copied; here they are found, each with
//! the folder page it belongs to, so the writer can publish it next to that page, and the
//! images among them (and among the static files) have their size read from their header.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::walk::{Need, walk};
use crate::error::{Diagnostic, display_path};

/// A file under `content/` that is not Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Relative to `content/`, `/`-separated: `guides/pay/chart.png`.
    pub rel: String,
    /// The nearest folder above it holding an `index.md` (`guides/pay`): the page it is
    /// published beside. None for a file in no such folder, published at `rel`.
    pub bundle: Option<String>,
    /// Where to read it.
    pub path: PathBuf,
}

/// Every file under `content/` that is not Markdown, sorted by path. A missing `content/`
/// is reported by `read_content`, so it is not reported again here.
pub fn read_assets(root: &Path) -> (Vec<Asset>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let content = root.join("content");
    if !content.is_dir() {
        return (Vec::new(), errors);
    }
    let all = walk(root, &content, Need::Optional, &|_| true, &mut errors);
    let rels: Vec<String> = all.iter().map(|p| display_path(p)).collect();
    let bundles: BTreeSet<&str> = rels
        .iter()
        .filter_map(|r| r.strip_suffix("/index.md"))
        .collect();
    let assets = rels
        .iter()
        .zip(&all)
        .filter(|(rel, _)| !rel.ends_with(".md"))
        .map(|(rel, path)| Asset {
            rel: rel.clone(),
            bundle: bundle_of(rel, &bundles).map(str::to_string),
            path: content.join(path),
        })
        .collect();
    (assets, errors)
}

/// The deepest folder above `rel` that is a folder page.
fn bundle_of<'a>(rel: &str, bundles: &BTreeSet<&'a str>) -> Option<&'a str> {
    let mut dir = rel;
    while let Some((parent, _)) = dir.rsplit_once('/') {
        if let Some(b) = bundles.get(parent) {
            return Some(b);
        }
        dir = parent;
    }
    None
}

/// Extensions of the image files whose size is read for `width` and `height`.
const SIZED: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "heic", "heif", "bmp", "ico", "tif", "tiff",
];

/// The size of every image among the static files and the files beside the Markdown, read
/// from the first bytes of each (never the whole file), keyed by `images::Source::key`. A
/// file whose header says nothing readable simply has no size: its `<img>` keeps none.
pub fn image_sizes(statics: &[super::StaticFile], assets: &[Asset]) -> crate::images::Sizes {
    use rayon::prelude::*;
    let sized = |name: &str| {
        let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        SIZED.contains(&ext.as_str())
    };
    let pixels = |s: imagesize::ImageSize| {
        Some((u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?))
    };
    let of_static = statics
        .par_iter()
        .filter(|f| sized(&f.rel))
        .filter_map(|f| {
            let size = match &f.bytes {
                super::StaticBytes::Embedded(b) => imagesize::blob_size(b).ok(),
                super::StaticBytes::Disk(p) => imagesize::size(p).ok(),
            }?;
            Some((crate::images::Source::Static(&f.rel).key(), pixels(size)?))
        });
    let of_asset = assets.par_iter().filter(|a| sized(&a.rel)).filter_map(|a| {
        let size = imagesize::size(&a.path).ok()?;
        Some((crate::images::Source::Content(&a.rel).key(), pixels(size)?))
    });
    crate::images::Sizes::new(of_static.chain(of_asset).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_folder_page_wins() {
        let bundles: BTreeSet<&str> = ["guides/a", "guides/a/deep"].into_iter().collect();
        assert_eq!(bundle_of("guides/a/x.png", &bundles), Some("guides/a"));
        assert_eq!(bundle_of("guides/a/img/x.png", &bundles), Some("guides/a"));
        assert_eq!(
            bundle_of("guides/a/deep/x.png", &bundles),
            Some("guides/a/deep")
        );
        assert_eq!(bundle_of("guides/x.png", &bundles), None);
        assert_eq!(bundle_of("x.png", &bundles), None);
    }
}
