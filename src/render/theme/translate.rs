//! The `t` function templates call for every string they show:
//! `t(key="min_read", count=guide.reading_time)`, with any other argument filling the
//! placeholder of its name (`t(key="guides_for", title=role.title)`). It, `local_date` and
//! `lang_dir` speak the language of the page being rendered: its context's `lang`, which
//! every page has, so one loaded theme serves every language of the site.

use std::collections::BTreeMap;
use std::sync::Arc;

use tera::{Kwargs, State};

use crate::error::Diagnostic;
use crate::i18n::strings::{FOLDER, Strings, StringsFile};
use crate::source::TemplateFile;

/// The theme's strings in each of the site's languages.
pub(super) struct Languages {
    /// The default language's, for a context without `lang`.
    pub default: Strings,
    /// The other languages', by code.
    pub others: BTreeMap<String, Strings>,
}

impl Languages {
    /// The strings of the language of the page `state` renders.
    fn of(&self, state: &State) -> &Strings {
        let lang: Option<String> = state.get("lang").ok().flatten();
        lang.and_then(|l| self.others.get(&l))
            .unwrap_or(&self.default)
    }

    /// The strings of language `lang`, the default language's for any other code.
    pub fn of_lang(&self, lang: &str) -> &Strings {
        self.others.get(lang).unwrap_or(&self.default)
    }

    /// Every language's strings, the default language's first.
    pub fn all(&self) -> impl Iterator<Item = &Strings> {
        std::iter::once(&self.default).chain(self.others.values())
    }

    fn lang_of(&self, state: &State) -> String {
        self.of(state).lang.clone()
    }

    /// Each language's own name for itself (the `language_name` string), or its code.
    pub fn names(&self) -> BTreeMap<String, String> {
        self.all()
            .map(|s| {
                let name = s.own_text("language_name").unwrap_or(&s.lang);
                (s.lang.clone(), name.to_string())
            })
            .collect()
    }
}

/// Each of `langs`' strings from the translation files among the theme's files.
pub(super) fn load_strings(
    files: &[&TemplateFile],
    default: &str,
    langs: &[&str],
) -> Result<Languages, Vec<Diagnostic>> {
    let files: Vec<StringsFile<'_>> = files
        .iter()
        .filter_map(|f| {
            // `i18n/<layer>/<lang>.toml`
            let file = f.name.strip_prefix(FOLDER)?.split_once('/')?.1;
            Some(StringsFile {
                lang: file.strip_suffix(".toml")?,
                origin: &f.origin,
                text: &f.text,
            })
        })
        .collect();
    let mut others = BTreeMap::new();
    for lang in langs {
        others.insert(lang.to_string(), Strings::load(&files, lang)?);
    }
    Ok(Languages {
        default: Strings::load(&files, default)?,
        others,
    })
}

pub(super) fn translate(
    langs: Arc<Languages>,
) -> impl Fn(Kwargs, &State) -> tera::TeraResult<String> + Send + Sync + 'static {
    move |kwargs: Kwargs, state: &State| {
        let strings = langs.of(state);
        let key: &str = kwargs.must_get("key")?;
        let count: Option<i64> = kwargs.get("count")?;
        let arg = |name: &str| {
            kwargs
                .iter()
                .find(|(k, _)| k.to_string() == name)
                .map(|(_, v)| v.as_str().map_or_else(|| v.to_string(), str::to_string))
        };
        strings.get(key, count, &arg).ok_or_else(|| {
            let files = match strings.lang.as_str() {
                "en" => "i18n/en.toml".to_string(),
                lang => format!("i18n/{lang}.toml or i18n/en.toml"),
            };
            tera::Error::message(format!("`t`: no theme string `{key}` in {files}"))
        })
    }
}

/// `local_date`: a `YYYY-MM-DD` string as the page's language writes dates.
pub(super) fn local_date(
    langs: Arc<Languages>,
) -> impl Fn(&str, Kwargs, &State) -> tera::TeraResult<String> + Send + Sync + 'static {
    move |value: &str, _: Kwargs, state: &State| {
        let date: jiff::civil::Date = value.get(..10).unwrap_or(value).parse().map_err(|_| {
            tera::Error::message(format!(
                "`local_date` filter: `{value}` is not a YYYY-MM-DD date"
            ))
        })?;
        Ok(crate::i18n::format::long_date(date, &langs.lang_of(state)))
    }
}

/// `lang_dir()`: `rtl` or `ltr`, for the `dir` attribute of the page's language.
pub(super) fn lang_dir(
    langs: Arc<Languages>,
) -> impl Fn(Kwargs, &State) -> tera::TeraResult<String> + Send + Sync + 'static {
    move |_: Kwargs, state: &State| {
        Ok(crate::i18n::strings::direction(&langs.lang_of(state)).to_string())
    }
}
