//! Each other language's pages as a site of its own. Translations (`a.de.md`) are sorted
//! out from the default language's files; each language is then linked like the default
//! one, from its guides and pages plus its versions of term profiles and the default
//! language's profiles it has none of (so tags resolve to the same roles and skills, see
//! `translated_profiles`), with its own shortcodes (role cards) and with `@/` links
//! falling back to the default language's pages where the language has no version of a
//! file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::bodies::content_rel;
use super::{Linked, Reuse};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::model::Site;
use crate::parse::Doc;
use crate::shortcode::Shortcodes;

/// The site's files by language.
pub struct ByLanguage<'a> {
    /// The default language's files, and the profiles every language shares.
    pub default: Vec<&'a Doc>,
    /// Each other language's guides and pages, in `config.languages` order.
    pub translations: Vec<Vec<&'a Doc>>,
    /// Each other language's versions of role, skill and term profiles, in the same order.
    pub profiles: Vec<Vec<&'a Doc>>,
}

/// Sorts `docs` by the language their file names say. A name with a language site.toml
/// does not declare is an error: it would otherwise become a page of its own.
pub fn split<'a>(config: &Config, docs: &[&'a Doc]) -> Result<ByLanguage<'a>, Vec<Diagnostic>> {
    let mut out = ByLanguage {
        default: Vec::with_capacity(docs.len()),
        translations: vec![Vec::new(); config.languages.len()],
        profiles: vec![Vec::new(); config.languages.len()],
    };
    let mut errors = Vec::new();
    for &doc in docs {
        let file = doc.file();
        let rel = PathBuf::from(content_rel(file));
        let Some(code) = crate::languages::suffix(&rel) else {
            out.default.push(doc);
            continue;
        };
        let Some(l) = config.languages.iter().position(|l| l.code == code) else {
            errors.push(undeclared(config, file, &rel, code));
            continue;
        };
        match doc {
            Doc::Guide(_) | Doc::Page(_) if !is_term_profile(config, &rel) => {
                out.translations[l].push(doc)
            }
            _ => out.profiles[l].push(doc),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// A declared taxonomy's term profile, `content/<taxonomy>/<term>.md`.
fn is_term_profile(config: &Config, rel: &Path) -> bool {
    let first = rel.components().next().and_then(|c| c.as_os_str().to_str());
    rel.components().count() == 2
        && config
            .taxonomies
            .iter()
            .any(|t| t.profiles && Some(t.name.as_str()) == first)
}

fn undeclared(config: &Config, file: &Path, rel: &Path, code: &str) -> Diagnostic {
    let original = crate::error::display_path(&crate::languages::original(rel));
    let (message, hint) = if code == config.language {
        (
            format!(
                "`{code}` is the site's default language, whose files need no `.{code}` in their name"
            ),
            format!("rename the file to content/{original}"),
        )
    } else {
        (
            format!(
                "the file name says this is the `{code}` version of content/{original}, but site.toml declares no language `{code}`"
            ),
            format!(
                "add [languages.{code}] to site.toml, or rename the file without `.{code}` if it is not a translation"
            ),
        )
    };
    Diagnostic::error(file.to_path_buf(), message)
        .at(1, 1)
        .hint(hint)
}

/// The profiles every language's pages tag with: role and skill profiles and declared
/// taxonomies' term profiles of the default language.
fn shared_profiles<'a>(config: &Config, default: &[&'a Doc]) -> Vec<&'a Doc> {
    default
        .iter()
        .copied()
        .filter(|d| match d {
            Doc::Role(_) | Doc::Skill(_) => true,
            Doc::Page(p) => is_term_profile(config, Path::new(&content_rel(&p.file))),
            Doc::Guide(_) => false,
        })
        .collect()
}

/// The config of language `l`'s site: its code, title and description, and its pages
/// under `/<code>/`.
pub fn language_config(config: &Config, l: usize) -> Config {
    let lang = &config.languages[l];
    Config {
        language: lang.code.clone(),
        title: lang.title.clone(),
        description: lang.description.clone(),
        lang_path: format!("{}/", lang.code),
        ..config.clone()
    }
}

/// Loads the shortcodes of a language's pages, given its config and files (for its role
/// cards).
pub type ShortcodesOf<'a> =
    dyn Fn(&Config, &[&Doc]) -> Result<Arc<Shortcodes>, Vec<Diagnostic>> + 'a;

/// Links each other language's pages into a site of its own, given the default
/// language's linked site. Returns the sites and their warnings, or every error.
pub fn link_translations(
    default: &Linked,
    by_language: &ByLanguage<'_>,
    drafts: bool,
    shortcodes_of: &ShortcodesOf<'_>,
    datasets: &Arc<crate::datasets::Index>,
) -> Result<(Vec<Site>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let config = &default.site.config;
    let taken = taken_folders(&default.site);
    if !taken.is_empty() {
        return Err(taken);
    }
    let shared = shared_profiles(config, &by_language.default);
    let fallback: &HashMap<String, String> = &default.context.content_urls;
    let (mut sites, mut warnings, mut errors) = (Vec::new(), Vec::new(), Vec::new());
    let languages = by_language.translations.iter().zip(&by_language.profiles);
    for (l, (own, translated)) in languages.enumerate() {
        let profiles = super::translated_profiles::profiles_of(translated, &shared);
        let docs: Vec<&Doc> = own.iter().copied().chain(&profiles).collect();
        let language = language_config(config, l);
        let shortcodes = match shortcodes_of(&language, &docs) {
            Ok(s) => s,
            Err(e) => {
                errors.extend(e);
                continue;
            }
        };
        let reuse = Reuse {
            shortcodes: Some(&shortcodes),
            fallback_urls: Some(fallback),
            images: Some(&default.context.images),
            ..Reuse::default()
        };
        match super::link(language, &docs, drafts, reuse) {
            Ok((mut linked, _)) => {
                let lang_path = linked.site.config.lang_path.clone();
                for g in &mut linked.site.guides {
                    g.lang_path = lang_path.clone();
                }
                for p in &mut linked.site.pages {
                    p.path = format!("{lang_path}{}", p.path);
                }
                // Comparison tables read role salaries, which may come from the datasets;
                // their problems were reported with the default language's.
                let _ = super::occupations::apply(&mut linked.site, datasets.clone());
                // Warnings about the shared profiles were given once already.
                let own_file =
                    |f: Option<&Path>| own.iter().chain(translated).any(|d| Some(d.file()) == f);
                warnings
                    .extend((linked.warnings.into_iter()).filter(|w| own_file(w.file.as_deref())));
                sites.push(linked.site);
            }
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok((sites, warnings))
    } else {
        Err(errors)
    }
}

/// What `check` says about translations: for each language, the default language's guides
/// it has no version of (information: a site may never mean to translate them all), and
/// each translation whose original has a later date than it (a warning: the original
/// changed after it was translated).
pub fn translation_reports(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let originals: HashMap<String, &crate::model::Guide> =
        site.guides.iter().map(|g| (g.path(), g)).collect();
    for (t, lang) in site.translations.iter().zip(&site.config.languages) {
        let code = &lang.code;
        let translated: HashMap<String, &crate::model::Guide> = (t.guides.iter())
            .filter_map(|g| Some((g.path().strip_prefix(&t.config.lang_path)?.to_string(), g)))
            .collect();
        let missing: Vec<&str> = (site.guides.iter())
            .filter(|g| !translated.contains_key(&g.path()))
            .map(|g| g.slug.as_str())
            .collect();
        if !missing.is_empty() {
            let mut names: Vec<String> = missing.iter().take(5).map(|s| format!("`{s}`")).collect();
            if missing.len() > 5 {
                names.push(format!("and {} more", missing.len() - 5));
            }
            out.push(
                Diagnostic::info(
                    site.config.file.clone(),
                    format!(
                        "{} of {} guides {} no `{code}` version: {}",
                        missing.len(),
                        site.guides.len(),
                        if missing.len() == 1 { "has" } else { "have" },
                        names.join(", ")
                    ),
                )
                .at_line(lang.line)
                .hint(format!(
                    "a guide's `{code}` version is a file beside it named `<name>.{code}.md`; until there is one, `@/` links in `{code}` pages lead to the default language's guide"
                )),
            );
        }
        for (path, g) in &translated {
            let Some(original) = originals.get(path) else {
                continue;
            };
            let changed = |g: &crate::model::Guide| g.updated.unwrap_or(g.date).max(g.date);
            if changed(original) > changed(g) {
                out.push(
                    Diagnostic::warning(
                        g.source.clone(),
                        format!(
                            "{} changed on {}, after this `{code}` version ({})",
                            crate::error::display_path(&original.source),
                            changed(original),
                            changed(g)
                        ),
                    )
                    .hint(
                        "bring the translation up to date and set its `updated` to the day you did",
                    ),
                );
            }
        }
    }
    out
}

/// Default-language pages under a language's folder (`content/de/x.md` beside
/// `[languages.de]`): that folder holds the language's pages.
fn taken_folders(site: &Site) -> Vec<Diagnostic> {
    site.pages
        .iter()
        .filter_map(|p| {
            let first = p.path.split('/').next()?;
            let lang = site.config.languages.iter().find(|l| l.code == first)?;
            Some(
                Diagnostic::error(
                    p.source.clone(),
                    format!(
                        "this page's URL `/{}/` is under `/{first}/`, where the `{first}` language's pages are",
                        p.path
                    ),
                )
                .hint(format!(
                    "move the file out of content/{first}/; a page in `{}` is written beside its original as `name.{}.md`",
                    lang.code, lang.code
                )),
            )
        })
        .collect()
}
