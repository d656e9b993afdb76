//! Where files beside the Markdown are published, and what a link to one resolves to.
//!
//! A file inside a folder page (`guides/pay/index.md` with `chart.png` beside it) is
//! published next to that page's URL, whatever its `slug` makes it (`guides/pay/chart.png`,
//! or `guides/salaries/chart.png` with `slug: salaries`), so relative references in raw
//! HTML work as written. A file in no folder page is published at its path under
//! `content/`. Both the Markdown resolver and the writer ask the same function, so a link
//! and the file it names cannot disagree.

use std::collections::HashMap;
use std::path::Path;

use crate::model::Site;
use crate::source::{Asset, StaticBytes, StaticFile};

/// The output path of the content file at `rel` (relative to `content/`), given every
/// Markdown file's URL path by its path relative to `content/`.
pub fn asset_path(rel: &str, urls: &dyn Fn(&str) -> Option<String>) -> String {
    let mut dir = rel;
    while let Some((parent, _)) = dir.rsplit_once('/') {
        if let Some(url) = urls(&format!("{parent}/index.md")) {
            return format!("{url}{}", &rel[parent.len() + 1..]);
        }
        dir = parent;
    }
    rel.to_string()
}

/// The files under `content/` to copy into the output, each at its output path. Files of
/// a folder page that is not built (a draft, or not yet published) are left out with it.
/// A folder page's translation (`index.de.md`) gets the folder's files under its own URL.
pub fn published_assets(site: &Site, assets: &[Asset]) -> Vec<StaticFile> {
    std::iter::once(site)
        .chain(&site.translations)
        .flat_map(|s| published_in(s, assets))
        .collect()
}

fn published_in(site: &Site, assets: &[Asset]) -> Vec<StaticFile> {
    let urls = folder_urls(site);
    assets
        .iter()
        .filter(|a| {
            a.bundle
                .as_ref()
                .is_none_or(|b| urls.contains_key(b.as_str()))
        })
        .filter(|a| a.bundle.is_some() || site.config.lang_path.is_empty())
        .map(|a| StaticFile {
            rel: asset_path(&a.rel, &|md| {
                urls.get(md.strip_suffix("/index.md")?).cloned()
            }),
            bytes: StaticBytes::Disk(a.path.clone()),
        })
        .collect()
}

/// Each built folder page's folder (`guides/pay`) and URL path (`guides/pay/`).
fn folder_urls(site: &Site) -> HashMap<String, String> {
    fn folder(source: &Path) -> Option<String> {
        let rel = crate::languages::original(source.strip_prefix("content").ok()?);
        if rel.file_name()? != "index.md" {
            return None;
        }
        rel.parent()?.to_str().map(str::to_string)
    }
    let guides = site
        .guides
        .iter()
        .filter_map(|g| Some((folder(&g.source)?, g.path())));
    let pages = site
        .pages
        .iter()
        .filter_map(|p| Some((folder(&p.source)?, p.url_path())));
    guides.chain(pages).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_follow_their_folder_page() {
        let urls = |md: &str| match md {
            "guides/pay/index.md" => Some("guides/salaries/".to_string()),
            "help/index.md" => Some("help/".to_string()),
            _ => None,
        };
        assert_eq!(
            asset_path("guides/pay/chart.png", &urls),
            "guides/salaries/chart.png"
        );
        assert_eq!(
            asset_path("guides/pay/img/a.png", &urls),
            "guides/salaries/img/a.png"
        );
        assert_eq!(asset_path("help/x.pdf", &urls), "help/x.pdf");
        assert_eq!(asset_path("guides/chart.png", &urls), "guides/chart.png");
        assert_eq!(asset_path("logo.png", &urls), "logo.png");
    }
}
