//! Standalone pages: any other Markdown file under `content/`, at the URL of its path. A
//! page directly in a folder may also be a taxonomy's term profile
//! (`content/industries/fintech.md`); which folders are taxonomies is known only when
//! linking, so such a page may carry a profile's `aliases` and `summary`, and linking
//! refuses them where the folder is not a taxonomy with profiles.

use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;

use super::check::{FileCheck, MAX_NAME, blank_as_empty};
use super::dates::DateText;
use super::empty_map;
use crate::error::Diagnostic;
use crate::slug::{is_valid_slug, slugify};
use crate::text::format::{Format, deserialize};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    #[serde(deserialize_with = "blank_as_empty")]
    title: String,
    description: Option<String>,
    date: Option<DateText>,
    updated: Option<DateText>,
    #[serde(default)]
    draft: bool,
    template: Option<String>,
    slug: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    summary: Option<String>,
    extra: Option<serde_json::Value>,
    #[serde(alias = "publishDate")]
    publish_date: Option<DateText>,
    #[serde(alias = "expiryDate")]
    expiry_date: Option<DateText>,
}

#[derive(Debug, Clone)]
pub struct PageFront {
    /// Site path without slashes at the ends: `about`, `help/faq`.
    pub path: String,
    pub title: String,
    pub description: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub draft: bool,
    pub template: Option<String>,
    /// A term profile's other names, slugified with their lines (profiles only).
    pub aliases: Vec<(String, usize)>,
    /// A term profile's one-line summary (profiles only).
    pub summary: Option<String>,
    pub extra: serde_json::Value,
    /// Aliases written as paths (`/old/path/`): old URLs that redirect here (pages only),
    /// as site paths with their lines.
    pub alias_paths: Vec<(String, usize)>,
    /// Not built before this day, nor from that day on (unless asked to).
    pub publish_date: Option<Date>,
    pub expiry_date: Option<Date>,
}

/// Page keys a term profile does not take.
pub const PAGE_ONLY_KEYS: &[&str] = &[
    "description",
    "date",
    "updated",
    "draft",
    "template",
    "slug",
    "publish_date",
    "publishDate",
    "expiry_date",
    "expiryDate",
];

pub(super) fn page(
    check: &mut FileCheck<'_>,
    format: Format,
    rel: &Path,
    stem: &str,
) -> Result<PageFront, Vec<Diagnostic>> {
    let raw: RawPage = deserialize(format, check.front_matter, check.file, check.first_line)
        .map_err(|d| vec![d])?;
    check.title(&raw.title, "page");
    let parent = rel
        .parent()
        .map(crate::error::display_path)
        .unwrap_or_default();
    let name = match &raw.slug {
        Some(s) => {
            check.slug("slug", s);
            s.clone()
        }
        None => slugify(stem),
    };
    let path = match (parent.is_empty(), name.as_str()) {
        (true, _) => name.clone(),
        (false, "index") => parent.clone(),
        (false, _) => format!("{parent}/{name}"),
    };
    if path.split('/').any(|seg| !is_valid_slug(seg)) {
        check.error(
            "title",
            format!("`{}` cannot become a URL path", rel.display()),
            "name folders and files with lowercase letters, digits and hyphens",
        );
    } else if raw.slug.is_none() || name.len() <= MAX_NAME {
        // The page's folders and file name are its URL: one too long for a folder name
        // would fail only once the build writes it. A long `slug` was reported above.
        if let Some(long) = path.split('/').find(|seg| seg.len() > MAX_NAME) {
            check.name_fits(
                "title",
                long,
                "shorten the slug or title: rename the file or its folder, or set a shorter `slug`",
            );
        }
    }
    // A page's aliases are old paths; a term profile's are other names for its term.
    let (paths, words): (Vec<String>, Vec<String>) = raw
        .aliases
        .iter()
        .cloned()
        .partition(|a| a.trim().starts_with('/'));
    let alias_paths = check.alias_paths(&paths, true);
    let (publish_date, expiry_date) =
        check.publish_dates(raw.publish_date.as_ref(), raw.expiry_date.as_ref());
    Ok(PageFront {
        path,
        title: raw.title.trim().to_string(),
        description: raw.description,
        date: check.date("date", raw.date.as_ref()),
        updated: check.date("updated", raw.updated.as_ref()),
        draft: raw.draft,
        template: raw.template,
        aliases: check.tags("aliases", &words),
        summary: raw.summary.filter(|s| !s.trim().is_empty()),
        extra: raw.extra.unwrap_or_else(empty_map),
        alias_paths,
        publish_date,
        expiry_date,
    })
}
