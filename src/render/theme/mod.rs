//! Loading templates into Tera, registering our functions and filters, and turning Tera's
//! errors into diagnostics that name the template file, line and column.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use tera::Tera;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::source::{StaticFile, TemplateFile};

mod blocks;
mod budget;
mod data_reads;
mod helpers;
mod overrides;
mod reports;
mod resize;
mod role_cards;
mod translate;

pub use overrides::unmatched;
pub use role_cards::role_cards;

use crate::i18n::strings;
use budget::CappedPage;
pub use budget::{LOOP_BUDGET, PAGE_BUDGET};
use helpers::register_helpers;
use reports::{hint_for, one_line, reports, source_chain};
use translate::{lang_dir, load_strings, local_date, translate};

/// The loaded theme: Tera with every template, plus where each template came from.
pub struct Theme {
    pub tera: Tera,
    origins: HashMap<String, String>,
    /// Content hashes of the assets `asset()` can name, computed once per load.
    pub asset_hashes: Arc<BTreeMap<String, String>>,
    /// A hash of everything the theme was loaded from: a page's output depends on the theme
    /// only through these (templates, config, the global `site` value, what `asset()` and
    /// `url()` answer), so a job's fingerprint includes this one.
    pub fingerprint: u64,
    /// What each template may read of the data files: a job's fingerprint includes its
    /// template's, so a data file's edit renders again only the pages that can show it.
    data_reads: data_reads::DataReads,
    /// Theme strings shown in English because the site's language lacks them.
    pub warnings: Vec<Diagnostic>,
    /// Each of the site's languages' name for itself, by code, for language switchers.
    pub language_names: BTreeMap<String, String>,
    /// The theme strings, for the words careersite puts in pages' contexts itself
    /// (titles, breadcrumbs, descriptions); none in the stubs that only report errors.
    strings: Option<Arc<translate::Languages>>,
}

impl Theme {
    /// Parses every template; syntax errors are reported with their file and line.
    pub fn load(
        config: &Config,
        templates: &[TemplateFile],
        (statics, images): (&[StaticFile], &crate::images::Sizes),
        site_value: tera::Value,
        data: Arc<crate::data_files::DataFiles>,
    ) -> Result<Theme, Vec<Diagnostic>> {
        // Shortcodes are rendered into bodies by the link stage, which records which body
        // used which: they are no part of every page's theme.
        let templates: &[TemplateFile] = &templates
            .iter()
            .filter(|t| !t.name.starts_with(crate::shortcode::FOLDER))
            .cloned()
            .collect::<Vec<_>>();
        // The theme strings travel with the templates (`i18n/<layer>/<lang>.toml`).
        let (string_files, templates): (Vec<&TemplateFile>, Vec<&TemplateFile>) = templates
            .iter()
            .partition(|t| t.name.starts_with(strings::FOLDER));
        let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        let langs = Arc::new(load_strings(&string_files, &config.language, &codes)?);
        let warnings = langs
            .all()
            .flat_map(|s| {
                s.missing_keys(
                    templates
                        .iter()
                        .map(|t| (t.origin.as_str(), t.text.as_str())),
                )
            })
            .collect();
        let language_names = langs.names();
        let templates: &[TemplateFile] = &templates.into_iter().cloned().collect::<Vec<_>>();
        let clashes = static_clashes(config, statics);
        if !clashes.is_empty() {
            return Err(clashes);
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".htm", ".xml"]);
        let asset_hashes = Arc::new(asset_hashes(statics));
        register_helpers(&mut tera, config, statics, asset_hashes.clone());
        // Only a theme that asks for image copies reads the images' sizes: only then does
        // a new size change its pages.
        let resizes = templates.iter().any(|t| t.text.contains(resize::FUNCTION));
        let images = Arc::new(if resizes {
            images.clone()
        } else {
            Default::default()
        });
        resize::register(&mut tera, config, images.clone());
        tera.register_function("t", translate(langs.clone()));
        tera.register_function("lang_dir", lang_dir(langs.clone()));
        tera.register_filter("local_date", local_date(langs.clone()));
        let origins: HashMap<String, String> = templates
            .iter()
            .map(|t| (t.name.clone(), t.origin.clone()))
            .collect();
        let theme_stub = Theme {
            tera: Tera::new(),
            origins: origins.clone(),
            asset_hashes: asset_hashes.clone(),
            fingerprint: 0,
            data_reads: Default::default(),
            warnings: Vec::new(),
            language_names: BTreeMap::new(),
            strings: None,
        };
        // Every page's context carries `data`, but only the templates that read it depend on
        // it: `data_reads` says which, per template.
        let fingerprint = crate::hash::hash_of((
            load_fingerprint(config, templates, statics, &asset_hashes, &site_value),
            images.fingerprint(),
        ));
        let data_reads = data_reads::DataReads::new(templates, &data);
        tera.global_context().insert_value("data", data.variable());
        crate::data_files::DataFiles::register(&mut tera, data);
        tera.add_raw_templates(templates.iter().map(|t| (t.name.as_str(), t.text.as_str())))
            .map_err(|e| unclosed_blocks(theme_stub.diagnostics(&e, None), templates))?;
        tera.global_context().insert_value("site", site_value);
        Ok(Theme {
            tera,
            origins,
            asset_hashes,
            fingerprint,
            data_reads,
            warnings,
            language_names,
            strings: Some(langs),
        })
    }

    /// The theme string `key` in language `lang`, with `args` filling its placeholders
    /// (`{site}`); the key itself when no language has it.
    pub fn text(&self, lang: &str, key: &str, args: &[(&str, &str)]) -> String {
        let arg = |name: &str| {
            (args.iter())
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        };
        (self.strings.as_ref())
            .and_then(|s| s.of_lang(lang).get(key, None, &arg))
            .unwrap_or_else(|| key.to_string())
    }

    /// Where an error from a Tera engine other than the theme's (the shortcodes') lies in
    /// `templates`, told the way the theme's own are: file, line, column and a hint.
    pub fn template_errors(e: &tera::Error, templates: &[TemplateFile]) -> Vec<Diagnostic> {
        let stub = Theme {
            tera: Tera::new(),
            origins: (templates.iter())
                .map(|t| (t.name.clone(), t.origin.clone()))
                .collect(),
            asset_hashes: Default::default(),
            fingerprint: 0,
            data_reads: Default::default(),
            warnings: Vec::new(),
            language_names: BTreeMap::new(),
            strings: None,
        };
        unclosed_blocks(stub.diagnostics(e, None), templates)
    }

    /// A hash of the data files `template` may read (0 when it reads none).
    pub fn data_print(&self, template: &str) -> u64 {
        self.data_reads.print(template)
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `name`; `for_file` is the content file the page comes from, named in errors
    /// that are not in a template (a missing template for a guide's `template` key).
    pub fn render(
        &self,
        name: &str,
        ctx: &tera::Context,
        for_file: Option<&std::path::Path>,
    ) -> Result<String, Diagnostic> {
        budget::refill();
        let mut page = CappedPage::default();
        match self.tera.render_to(name, ctx, &mut page) {
            Ok(()) => String::from_utf8(page.bytes).map_err(|_| {
                self.in_template(name, "the page is not valid UTF-8 text once rendered".into())
            }),
            Err(_) if page.over => Err(self
                .in_template(
                    name,
                    format!(
                        "the page made from this template grows past {} MB, which looks like a loop that never ends",
                        PAGE_BUDGET >> 20
                    ),
                )
                .hint("make the template's loops smaller, or loop over the site's data instead of `range`")),
            Err(e) => Err(self.diagnostic(&e, for_file)),
        }
    }

    /// A problem with the whole of template `name`, at no line in particular.
    fn in_template(&self, name: &str, message: String) -> Diagnostic {
        let file = self
            .origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.into());
        Diagnostic::error(PathBuf::from(file), message)
    }

    /// Every problem in `e`: checking templates as they load, Tera reports each unknown
    /// filter, function, test, template or block, as reports joined into one message.
    fn diagnostics(&self, e: &tera::Error, for_file: Option<&std::path::Path>) -> Vec<Diagnostic> {
        if let tera::ErrorKind::Msg(text) = e.kind() {
            let found: Vec<Diagnostic> = reports(text)
                .into_iter()
                .map(|r| self.located(r.template, r.line, r.column, r.message))
                .collect();
            if !found.is_empty() {
                return found;
            }
        }
        vec![self.diagnostic(e, for_file)]
    }

    /// A problem at `line:column` of `template`, named by the file it came from.
    fn located(&self, template: &str, line: usize, column: usize, message: &str) -> Diagnostic {
        let file = self
            .origins
            .get(template)
            .cloned()
            .unwrap_or_else(|| template.to_string());
        Diagnostic::error(PathBuf::from(file), message)
            .at(line.max(1), column.max(1))
            .maybe_hint(hint_for(message))
    }

    fn diagnostic(&self, e: &tera::Error, for_file: Option<&std::path::Path>) -> Diagnostic {
        if let tera::ErrorKind::Msg(text) = e.kind()
            && let Some(r) = reports(text).into_iter().next()
        {
            return self.located(r.template, r.line, r.column, r.message);
        }
        let chain = source_chain(e);
        match e.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
                let file = self
                    .origins
                    .get(r.filename())
                    .cloned()
                    .unwrap_or_else(|| r.filename().to_string());
                let span = r.span();
                let message = one_line(&format!("{}{chain}", r.message()));
                Diagnostic::error(PathBuf::from(file), message)
                    .at(span.start_line, span.start_col + 1)
                    .maybe_hint(hint_for(r.message()))
            }
            tera::ErrorKind::TemplateNotFound(name) => Diagnostic::error(
                for_file.map(|f| f.to_path_buf()),
                format!("template `{name}` not found"),
            )
            .hint(format!(
                "add templates/{name} to the site, or use one of the theme's templates"
            )),
            tera::ErrorKind::CircularInclude { tpl, include_chain } => Diagnostic::error(
                Some(PathBuf::from(
                    self.origins
                        .get(tpl)
                        .cloned()
                        .unwrap_or_else(|| tpl.clone()),
                )),
                format!(
                    "template `{tpl}` includes itself: {}",
                    include_chain.join(" -> ")
                ),
            )
            .hint("break the cycle of {% include %}"),
            tera::ErrorKind::CircularExtend {
                tpl,
                inheritance_chain,
            } => Diagnostic::error(
                Some(PathBuf::from(
                    self.origins
                        .get(tpl)
                        .cloned()
                        .unwrap_or_else(|| tpl.clone()),
                )),
                format!(
                    "template `{tpl}` extends itself: {}",
                    inheritance_chain.join(" -> ")
                ),
            )
            .hint("break the cycle of {% extends %}"),
            tera::ErrorKind::MissingParent { current, parent } => Diagnostic::error(
                Some(PathBuf::from(
                    self.origins
                        .get(current)
                        .cloned()
                        .unwrap_or_else(|| current.clone()),
                )),
                format!("template `{current}` extends `{parent}`, which does not exist"),
            ),
            other => Diagnostic::error(
                for_file.map(|f| f.to_path_buf()),
                one_line(&format!("template error: {other}{chain}")),
            ),
        }
    }
}

/// Tera's "Unknown tag" at an end tag, told as the block left open (or the end tag that
/// closes nothing), at its own line, with the tag to add.
fn unclosed_blocks(mut found: Vec<Diagnostic>, templates: &[TemplateFile]) -> Vec<Diagnostic> {
    for d in found
        .iter_mut()
        .filter(|d| d.message.starts_with("Unknown tag"))
    {
        let text = templates
            .iter()
            .find(|t| d.file.as_deref() == Some(std::path::Path::new(&t.origin)))
            .map(|t| t.text.as_str());
        if let Some(m) = text.and_then(blocks::mismatch) {
            d.line = Some(m.line);
            d.column = Some(m.column);
            d.message = m.message;
            d.hint = Some(m.hint);
        }
    }
    found
}

/// The fingerprint of `Theme::load`'s inputs. Static files count by name and, for the
/// assets `asset()` hashes, by content: other files' bytes never reach a page.
fn load_fingerprint(
    config: &Config,
    templates: &[TemplateFile],
    statics: &[StaticFile],
    asset_hashes: &BTreeMap<String, String>,
    site_value: &tera::Value,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = crate::hash::Fingerprinter::new();
    // Debug prints every field, so a new config key is covered with no change here.
    format!("{config:?}").hash(&mut h);
    for t in templates {
        (&t.name, &t.origin, &t.text).hash(&mut h);
    }
    for s in statics {
        s.rel.hash(&mut h);
    }
    asset_hashes.hash(&mut h);
    super::prepared::hash_value(site_value, &mut h, &Default::default());
    h.finish()
}

/// A short content hash for cache busting (FNV-1a, stable across builds and platforms).
pub fn content_hash(bytes: &[u8]) -> String {
    content_hash_of([bytes])
}

/// [`content_hash`] of the pieces one after another, without joining them.
pub fn content_hash_of<'a>(pieces: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in pieces.into_iter().flatten() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{:08x}", (h >> 32) as u32 ^ h as u32)
}

/// Reads a static file's bytes, wherever it lives.
pub fn static_bytes(file: &StaticFile) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
    crate::source::read_static(file)
}

/// Hashes of the static files a template may ask for with `asset()`: small text and image
/// assets only, so large media do not slow every build.
fn asset_hashes(statics: &[StaticFile]) -> BTreeMap<String, String> {
    const HASHED: &[&str] = &["css", "js", "svg", "ico", "png", "webp", "woff2", "json"];
    statics
        .iter()
        .filter(|f| {
            let ext = f.rel.rsplit('.').next().unwrap_or("");
            HASHED.contains(&ext)
        })
        .filter_map(|f| {
            static_bytes(f)
                .ok()
                .filter(|b| b.len() < 4 << 20)
                .map(|b| (f.rel.clone(), content_hash(&b)))
        })
        .collect()
}

/// Static files in a declared taxonomy's folder: the taxonomy's pages own it.
fn static_clashes(config: &Config, statics: &[StaticFile]) -> Vec<Diagnostic> {
    config
        .taxonomies
        .iter()
        .filter_map(|taxonomy| {
            let prefix = format!("{}/", taxonomy.name);
            let file = statics.iter().find(|s| s.rel.starts_with(&prefix))?;
            let source = std::path::Path::new("static").join(&file.rel);
            Some(taxonomy.taken_by(&config.file, &format!("/{}", file.rel), &source))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_short() {
        assert_eq!(content_hash(b"body{}"), content_hash(b"body{}"));
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
        assert_eq!(content_hash(b"x").len(), 8);
    }
}
