//! The pages of a site's other languages, and the links between translations. Each other
//! language is a site of its own in the model (`Site::translations`); it makes a home page,
//! the guides listing, its guides, its standalone pages, a feed and a 404 page under
//! `/<code>/`. Every page's context says its language (`lang`, which `t` and `local_date`
//! follow) and carries `languages` (the switcher's targets) and `alternates` (the
//! `hreflang` links), so that a translation coming or going changes the pages linking to
//! it through their fingerprints alone.

use std::collections::HashSet;
use std::sync::Arc;

use serde::Serialize;

use super::{Job, Vars, language_jobs};
use crate::model::Site;

/// One language's pages, by path within the language (`guides/x/`, `` for the home).
struct Pages {
    code: String,
    lang_path: String,
    paths: HashSet<String>,
}

/// Which pages exist in which language: the default one first, then `config.languages`.
pub struct LanguageMap {
    languages: Vec<Pages>,
}

/// The HTML page a job makes, as a path within its language; none for other files.
fn page_key(output: &str, lang_path: &str) -> Option<String> {
    let path = output.strip_prefix(lang_path)?;
    if let Some(dir) = path.strip_suffix("index.html") {
        return Some(dir.to_string());
    }
    path.ends_with(".html").then(|| path.to_string())
}

impl LanguageMap {
    /// None for a site of one language.
    pub fn new(site: &Site) -> Option<Arc<LanguageMap>> {
        if site.translations.is_empty() {
            return None;
        }
        let mut own = language_jobs(site).into_iter();
        let pages = |site: &Site, jobs: &mut dyn Iterator<Item = Job>| Pages {
            code: site.config.language.clone(),
            lang_path: site.config.lang_path.clone(),
            paths: jobs
                .filter_map(|j| page_key(&j.output_path(site), &site.config.lang_path))
                .collect(),
        };
        let mut languages = vec![pages(site, &mut own)];
        for t in &site.translations {
            languages.push(pages(t, &mut language_jobs(t).into_iter()));
        }
        Some(Arc::new(LanguageMap { languages }))
    }
}

/// A language switcher's entry: the same page in that language, or its home page.
#[derive(Serialize)]
struct LanguageLink<'a> {
    code: &'a str,
    name: &'a str,
    url: String,
    /// The page is in this language.
    current: bool,
    /// The link goes to the same page in this language, not to its home page.
    translated: bool,
}

/// A `<link rel="alternate" hreflang>`: `x-default` for the default language's page.
#[derive(Serialize)]
pub(super) struct Alternate {
    hreflang: String,
    href: String,
}

/// Sets `lang`, `languages` and `alternates` in the context of `job`'s page in `site`.
pub(super) fn insert_vars(
    ctx: &mut Vars,
    site: &Site,
    map: Option<&LanguageMap>,
    names: &std::collections::BTreeMap<String, String>,
    job: &Job,
) {
    let c = &site.config;
    ctx.insert("lang", &c.language);
    let key = map.and_then(|_| page_key(&job.output_path(site), &c.lang_path));
    let (Some(map), Some(key)) = (map, key) else {
        ctx.insert("languages", &[(); 0]);
        ctx.insert("alternates", &[(); 0]);
        return;
    };
    let links: Vec<LanguageLink> = map
        .languages
        .iter()
        .map(|l| {
            let translated = l.paths.contains(&key);
            let path = match translated {
                true => format!("{}{key}", l.lang_path),
                false => l.lang_path.clone(),
            };
            LanguageLink {
                code: &l.code,
                name: names.get(&l.code).map_or(&l.code, |n| n),
                url: c.url(&path),
                current: l.code == c.language,
                translated,
            }
        })
        .collect();
    ctx.insert("languages", &links);
    let having: Vec<&Pages> = map
        .languages
        .iter()
        .filter(|l| l.paths.contains(&key))
        .collect();
    let mut alternates: Vec<Alternate> = Vec::new();
    if having.len() > 1 {
        alternates.extend(having.iter().map(|l| Alternate {
            hreflang: l.code.clone(),
            href: c.permalink(&format!("{}{key}", l.lang_path)),
        }));
        if let Some(default) = having.iter().find(|l| l.lang_path.is_empty()) {
            alternates.push(Alternate {
                hreflang: "x-default".into(),
                href: c.permalink(&format!("{}{key}", default.lang_path)),
            });
        }
    }
    ctx.insert("alternates", &alternates);
}

/// The `xhtml:link` alternates of the page at `path` (a site path such as `de/guides/x/`)
/// in the sitemap, empty when it has no translation.
pub(super) fn sitemap_alternates(map: &LanguageMap, site: &Site, path: &str) -> Vec<Alternate> {
    let Some((own, key)) = map
        .languages
        .iter()
        .rev()
        .find_map(|l| Some((l, path.strip_prefix(&l.lang_path)?)))
    else {
        return Vec::new();
    };
    if !own.paths.contains(key) {
        return Vec::new();
    }
    let having: Vec<&Pages> = map
        .languages
        .iter()
        .filter(|l| l.paths.contains(key))
        .collect();
    if having.len() < 2 {
        return Vec::new();
    }
    let c = &site.config;
    let mut out: Vec<Alternate> = having
        .iter()
        .map(|l| Alternate {
            hreflang: l.code.clone(),
            href: c.permalink(&format!("{}{key}", l.lang_path)),
        })
        .collect();
    if let Some(default) = having.iter().find(|l| l.lang_path.is_empty()) {
        out.push(Alternate {
            hreflang: "x-default".into(),
            href: c.permalink(&format!("{}{key}", default.lang_path)),
        });
    }
    out
}
