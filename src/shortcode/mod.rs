//! Shortcodes: small Tera templates under `templates/shortcodes/` (the site's, over the
//! theme's) that Markdown calls as `{{ name(arg="x") }}` or, around a Markdown body,
//! `{% name(arg="x") %}…{% end %}`, the syntax Zola users know.
//!
//! `parse` finds the calls; `Shortcodes` renders them with their own Tera instance, apart
//! from the page templates, so that a page's output depends on a shortcode only when its
//! body calls it: each render records the version (a hash of the template's text) of every
//! shortcode it used, and a cached body is rendered again only when one of those changed.

pub mod parse;
pub mod roles;

pub use roles::RoleCards;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::data_files::{self, DataFiles};
use crate::source::TemplateFile;

/// Where shortcode templates live among a theme's and a site's templates.
pub const FOLDER: &str = "shortcodes/";

/// Marks the start of a message of our own inside a template engine's error, and its hint.
const OURS: &str = "careersite: ";
const HINT: &str = " | hint: ";

/// Why a call failed: what is wrong and how to fix it.
pub type Failure = (String, String);

/// The site's shortcodes, ready to render.
pub struct Shortcodes {
    tera: tera::Tera,
    /// The site's data files, which calls read with `load_data`.
    data: Arc<DataFiles>,
    /// The role profiles, which the built-in role shortcodes read with `get_role`.
    roles: Arc<RoleCards>,
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
    /// not parse is Tera's error, which names the template, line and column.
    pub fn load(
        templates: &[TemplateFile],
        data: Arc<DataFiles>,
        roles: Arc<RoleCards>,
    ) -> Result<Shortcodes, tera::Error> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".htm", ".xml"]);
        DataFiles::register(&mut tera, data.clone());
        let cards = roles.clone();
        tera.register_function(
            "get_role",
            move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
                let name: &str = kwargs.must_get("name")?;
                cards.get(name).map_err(tera::Error::message)
            },
        );
        let mut known = BTreeMap::new();
        for t in templates {
            let Some(name) = t.name.strip_prefix(FOLDER) else {
                continue;
            };
            let Some(name) = name.strip_suffix(".html") else {
                continue;
            };
            tera.add_raw_template(&t.name, &t.text)?;
            known.insert(
                name.to_string(),
                Known {
                    version: crate::hash::hash_str(&t.text),
                    text: t.text.clone(),
                },
            );
        }
        Ok(Shortcodes {
            tera,
            known,
            data,
            roles,
        })
    }

    /// The version of something a body's calls depended on: a shortcode's template (by
    /// name) or a data file (`data:` and its path); none when there is no such thing.
    pub fn version(&self, name: &str) -> Option<u64> {
        if let Some(path) = name.strip_prefix(data_files::DEPENDENCY) {
            return self.data.version(path);
        }
        match name.strip_prefix(roles::DEPENDENCY) {
            Some(slug) => self.roles.version(slug),
            None => self.known.get(name).map(|k| k.version),
        }
    }

    /// Renders one call; `body` is the call's Markdown body already rendered to HTML.
    /// Returns, beside the output, what the render read (data files), with their versions.
    pub fn render(
        &self,
        name: &str,
        args: &Map<String, Value>,
        body: Option<&str>,
    ) -> (Result<String, Failure>, Vec<(String, u64)>) {
        data_files::recording(|| self.render_call(name, args, body))
    }

    fn render_call(
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
                let text = plain_error(&e);
                match text.split_once(OURS) {
                    Some((_, ours)) => {
                        // Tera appends where in the template the call failed: the writer's
                        // call is what is wrong, so that is left out.
                        let ours = ours.split(" --> ").next().unwrap_or(ours);
                        let (message, hint) = ours.split_once(HINT).unwrap_or((ours, ""));
                        (message.trim().to_string(), hint.trim().to_string())
                    }
                    None => (
                        format!("shortcode `{name}` failed: {text}"),
                        "check the call's arguments against the template's".into(),
                    ),
                }
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
