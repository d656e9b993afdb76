//! Shortcodes: small Tera templates under `templates/shortcodes/` (the site's, over the
//! theme's) that Markdown calls as `{{ name(arg="x") }}` or, around a Markdown body,
//! `{% name(arg="x") %}…{% end %}`, the syntax Zola users know.
//!
//! `parse` finds the calls; `Shortcodes` renders them with their own Tera instance, apart
//! from the page templates, so that a page's output depends on a shortcode only when its
//! body calls it: each render records the version (a hash of the template's text) of every
//! shortcode it used, and a cached body is rendered again only when one of those changed.

pub mod parse;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::source::TemplateFile;

/// Where shortcode templates live among a theme's and a site's templates.
pub const FOLDER: &str = "shortcodes/";

/// Why a call failed: what is wrong and how to fix it.
pub type Failure = (String, String);

/// The site's shortcodes, ready to render.
pub struct Shortcodes {
    tera: tera::Tera,
    /// Name (`youtube`) -> the template's text hash and the words in it (argument names).
    known: BTreeMap<String, Known>,
}

struct Known {
    version: u64,
    text: String,
}

impl std::fmt::Debug for Shortcodes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.known.keys()).finish()
    }
}

impl Shortcodes {
    /// The shortcodes among `templates` (names under `shortcodes/`); a template that does
    /// not parse is reported with its origin.
    pub fn load(templates: &[TemplateFile]) -> Result<Shortcodes, (String, String)> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".htm", ".xml"]);
        let mut known = BTreeMap::new();
        for t in templates {
            let Some(name) = t.name.strip_prefix(FOLDER) else {
                continue;
            };
            let Some(name) = name.strip_suffix(".html") else {
                continue;
            };
            tera.add_raw_template(&t.name, &t.text)
                .map_err(|e| (t.origin.clone(), plain_error(&e)))?;
            known.insert(
                name.to_string(),
                Known {
                    version: crate::hash::hash_str(&t.text),
                    text: t.text.clone(),
                },
            );
        }
        Ok(Shortcodes { tera, known })
    }

    /// The version of a shortcode's template, or none when there is no such shortcode.
    pub fn version(&self, name: &str) -> Option<u64> {
        self.known.get(name).map(|k| k.version)
    }

    /// Renders one call; `body` is the call's Markdown body already rendered to HTML.
    pub fn render(
        &self,
        name: &str,
        args: &Map<String, Value>,
        body: Option<&str>,
    ) -> Result<String, Failure> {
        let Some(known) = self.known.get(name) else {
            let guess = crate::error::did_you_mean(name, self.known.keys().map(String::as_str))
                .map(|g| format!("did you mean `{g}`? "))
                .unwrap_or_default();
            return Err((
                format!("unknown shortcode `{name}`"),
                format!(
                    "{guess}known shortcodes: {}; a site adds one as templates/shortcodes/{name}.html",
                    self.names()
                ),
            ));
        };
        for arg in args.keys() {
            if !mentions(&known.text, arg) {
                return Err((
                    format!("shortcode `{name}` has no argument `{arg}`"),
                    format!(
                        "shortcodes/{name}.html never reads it; {}",
                        words_hint(&known.text, arg)
                    ),
                ));
            }
        }
        let mut ctx = tera::Context::new();
        for (k, v) in args {
            ctx.insert(k.clone(), v);
        }
        if let Some(body) = body {
            ctx.insert("body", body);
        }
        self.tera
            .render(&format!("{FOLDER}{name}.html"), &ctx)
            .map_err(|e| {
                (
                    format!("shortcode `{name}` failed: {}", plain_error(&e)),
                    "check the call's arguments against the template's".into(),
                )
            })
    }

    fn names(&self) -> String {
        let names: Vec<&str> = self.known.keys().map(String::as_str).collect();
        if names.is_empty() {
            "none".into()
        } else {
            names.join(", ")
        }
    }
}

/// Whether the template uses `word` as a whole identifier: an argument it never reads is a
/// typo or a leftover the writer should hear about.
fn mentions(text: &str, word: &str) -> bool {
    identifiers(text).any(|w| w == word)
}

fn identifiers(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

fn words_hint(text: &str, wrong: &str) -> String {
    match crate::error::did_you_mean(wrong, identifiers(text)) {
        Some(guess) => format!("did you mean `{guess}`?"),
        None => "remove the argument, or make the template read it".into(),
    }
}

/// A Tera error in one line, without the engine's internals.
fn plain_error(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
