//! Files beside the Markdown under `content/`: images, PDFs and the like that a guide or
//! page written as a folder (`guides/<slug>/index.md`) keeps next to it. They are read
//! like static files, by path, only when they are copied; here they are only found, each
//! with the folder page it belongs to, so the writer can publish it next to that page.

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
