//! The theme's words: every string a template shows comes from `i18n/<lang>.toml`, read in
//! layers (the built-in theme, then `themes/<name>/i18n/`, then the site's `i18n/`), each
//! key of a later layer replacing the same key of an earlier one. A message is a string
//! with `{name}` placeholders, or a table of plural forms (`one`, `other`, and for some
//! languages `zero`, `two`, `few`, `many`) chosen by the language's plural rules (CLDR,
//! through ICU4X). A key the site's language lacks falls back to English, and `check`
//! says so, naming the template and the key.

use std::collections::BTreeMap;
use std::path::PathBuf;

use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

use crate::error::Diagnostic;
use crate::text::format::{self, line_col};

/// The folder name of translation files, in a theme and in a site.
pub const FOLDER: &str = "i18n/";

/// The language every theme string exists in, and falls back to.
pub const FALLBACK: &str = "en";

/// One message: plain, or one text per plural category.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Plain(String),
    Plural(BTreeMap<String, String>),
}

/// The messages of the site's language and of the fallback, with the plural rules.
pub struct Strings {
    pub lang: String,
    own: BTreeMap<String, Message>,
    fallback: BTreeMap<String, Message>,
    /// The language as a locale, for its plural rules. The rules themselves are made per
    /// call (from compiled data: a lookup) because ICU4X's are not `Sync` by default.
    locale: Option<Locale>,
}

/// A translation file as read: `lang` from its name, `origin` for messages.
pub struct StringsFile<'a> {
    pub lang: &'a str,
    pub origin: &'a str,
    pub text: &'a str,
}

const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

impl Strings {
    /// Merges the layers (in order) for `lang` and for the fallback. A file that is not a
    /// table of strings and plural tables is an error at its line.
    pub fn load(files: &[StringsFile<'_>], lang: &str) -> Result<Strings, Vec<Diagnostic>> {
        let mut own = BTreeMap::new();
        let mut fallback = BTreeMap::new();
        let mut errors = Vec::new();
        let chain = lookup_chain(lang);
        // The file names that serve `lang`, most general first, so `de-AT` overrides `de`.
        for wanted in chain.iter().rev() {
            for f in files.iter().filter(|f| f.lang == wanted) {
                match parse(f) {
                    Ok(map) => own.extend(map),
                    Err(e) => errors.push(e),
                }
            }
        }
        for f in files.iter().filter(|f| f.lang == FALLBACK) {
            match parse(f) {
                Ok(map) => fallback.extend(map),
                Err(e) if !chain.iter().any(|c| c == FALLBACK) => errors.push(e),
                Err(_) => {}
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Strings {
            lang: lang.to_string(),
            own,
            fallback,
            locale: lang.replace('_', "-").parse().ok(),
        })
    }

    /// The text of `key`, with `count` choosing the plural form and `arg` filling `{name}`
    /// placeholders; `None` for a key no language has.
    pub fn get(
        &self,
        key: &str,
        count: Option<i64>,
        arg: &dyn Fn(&str) -> Option<String>,
    ) -> Option<String> {
        let (message, plurals) = match self.own.get(key) {
            Some(m) => (m, self.plural_rules()),
            None => (self.fallback.get(key)?, None),
        };
        let text = match message {
            Message::Plain(s) => s.as_str(),
            Message::Plural(forms) => {
                let category = match (count, plurals) {
                    (Some(n), Some(rules)) => category_name(rules.category_for(n)),
                    (Some(n), None) => english_category(n),
                    (None, _) => "other",
                };
                forms
                    .get(category)
                    .or_else(|| forms.get("other"))
                    .map(String::as_str)?
            }
        };
        Some(fill(text, count, arg))
    }

    fn plural_rules(&self) -> Option<PluralRules> {
        PluralRules::try_new_cardinal(self.locale.as_ref()?.into()).ok()
    }

    /// The plain text of `key` in this language's own files, without falling back.
    pub fn own_text(&self, key: &str) -> Option<&str> {
        match self.own.get(key)? {
            Message::Plain(s) => Some(s),
            Message::Plural(_) => None,
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.own.contains_key(key) || self.fallback.contains_key(key)
    }

    /// Warnings for each `t(key="…")` in `templates` (name, origin, text) whose key the
    /// site's language lacks, so the English text is shown.
    pub fn missing_keys<'a>(
        &self,
        templates: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if lookup_chain(&self.lang).iter().any(|l| l == FALLBACK) {
            return out;
        }
        for (origin, text) in templates {
            for (key, line, column) in keys_used(text) {
                if self.own.contains_key(key) || !self.fallback.contains_key(key) {
                    continue;
                }
                out.push(
                    Diagnostic::warning(
                        PathBuf::from(origin),
                        format!(
                            "the theme string `{key}` has no `{}` translation, so the English text is shown",
                            self.lang
                        ),
                    )
                    .at(line, column)
                    .hint(format!(
                        "add `{key} = \"…\"` to i18n/{}.toml in the site",
                        self.lang
                    )),
                );
            }
        }
        out
    }
}

/// The writing direction of `lang`: `rtl` for the languages written right to left.
pub fn direction(lang: &str) -> &'static str {
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    match primary.to_ascii_lowercase().as_str() {
        "ar" | "he" | "fa" | "ur" | "ps" | "sd" | "ug" | "yi" | "dv" | "ckb" => "rtl",
        _ => "ltr",
    }
}

/// `de-AT` -> [`de-AT`, `de`]: the file names that serve a language, most specific first.
fn lookup_chain(lang: &str) -> Vec<String> {
    let mut chain = vec![lang.to_string()];
    if let Some((primary, _)) = lang.split_once(['-', '_']) {
        chain.push(primary.to_string());
    }
    chain
}

fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        _ => "other",
    }
}

/// English's rule, for a key shown from the fallback file.
fn english_category(n: i64) -> &'static str {
    if n == 1 { "one" } else { "other" }
}

/// Replaces `{count}` and `{name}` placeholders; an unknown name stays as written. A value
/// that ends a sentence with its own full stop (`U.S.`) takes the place of the message's.
fn fill(text: &str, count: Option<i64>, arg: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            rest = &rest[open..];
            break;
        };
        let name = &after[..close];
        let value = match (name, count) {
            ("count", Some(n)) => Some(n.to_string()),
            _ => arg(name),
        };
        let placeholder = &rest[open..open + close + 2];
        rest = &after[close + 1..];
        match value {
            Some(v) => {
                if v.ends_with('.') && rest.starts_with('.') && !rest.starts_with("..") {
                    rest = &rest[1..];
                }
                out.push_str(&v);
            }
            None => out.push_str(placeholder),
        }
    }
    out.push_str(rest);
    out
}

/// Parses one translation file into its messages.
fn parse(f: &StringsFile<'_>) -> Result<BTreeMap<String, Message>, Diagnostic> {
    let table: toml::Table = format::deserialize(
        format::Format::Toml,
        f.text,
        std::path::Path::new(f.origin),
        1,
    )?;
    let mut out = BTreeMap::new();
    for (key, value) in table {
        let message = match value {
            toml::Value::String(s) => Message::Plain(s),
            toml::Value::Table(forms) => {
                let mut plural = BTreeMap::new();
                for (category, text) in forms {
                    match (CATEGORIES.contains(&category.as_str()), text) {
                        (true, toml::Value::String(s)) => {
                            plural.insert(category, s);
                        }
                        _ => return Err(bad_value(f, &key, &category)),
                    }
                }
                if !plural.contains_key("other") {
                    return Err(bad_value(f, &key, "other"));
                }
                Message::Plural(plural)
            }
            _ => return Err(bad_value(f, &key, "")),
        };
        out.insert(key, message);
    }
    Ok(out)
}

fn bad_value(f: &StringsFile<'_>, key: &str, category: &str) -> Diagnostic {
    let at = f.text.find(&format!("{key} ")).or_else(|| f.text.find(key));
    let (line, column) = at.map_or((1, 1), |i| line_col(f.text, i));
    let what = if category.is_empty() {
        format!("the theme string `{key}` is neither text nor a table of plural forms")
    } else if category == "other" {
        format!("the plural forms of `{key}` need an `other` form, or `{category}` is not text")
    } else {
        format!("`{category}` in `{key}` is not a plural form")
    };
    Diagnostic::error(PathBuf::from(f.origin), what)
        .at(line, column)
        .hint("plural forms are zero, one, two, few, many and other, each a string; `other` is required")
}

/// Each `t(key="…")` in a template's text, with its line and column.
fn keys_used(text: &str) -> Vec<(&str, usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("t(key=") {
        let at = from + i;
        from = at + 6;
        let starts_call = at == 0 || !text.as_bytes()[at - 1].is_ascii_alphanumeric();
        let rest = &text[from..];
        let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            continue;
        };
        let Some(end) = rest[1..].find(quote) else {
            continue;
        };
        if starts_call {
            let (line, column) = line_col(text, at);
            out.push((&rest[1..1 + end], line, column));
        }
    }
    out
}

#[cfg(test)]
mod tests;
