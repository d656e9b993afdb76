//! The `t` function templates call for every string they show:
//! `t(key="min_read", count=guide.reading_time)`, with any other argument filling the
//! placeholder of its name (`t(key="guides_for", title=role.title)`).

use std::sync::Arc;

use tera::{Kwargs, State};

use crate::error::Diagnostic;
use crate::i18n::strings::{FOLDER, Strings, StringsFile};
use crate::source::TemplateFile;

/// The site language's strings from the translation files among the theme's files.
pub(super) fn load_strings(
    files: &[&TemplateFile],
    lang: &str,
) -> Result<Strings, Vec<Diagnostic>> {
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
    Strings::load(&files, lang)
}

pub(super) fn translate(
    strings: Arc<Strings>,
) -> impl Fn(Kwargs, &State) -> tera::TeraResult<String> + Send + Sync + 'static {
    move |kwargs: Kwargs, _: &State| {
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

/// `local_date`: a `YYYY-MM-DD` string as the site's language writes dates.
pub(super) fn local_date(
    lang: String,
) -> impl Fn(&str, Kwargs, &State) -> tera::TeraResult<String> + Send + Sync + 'static {
    move |value: &str, _: Kwargs, _: &State| {
        let date: jiff::civil::Date = value.get(..10).unwrap_or(value).parse().map_err(|_| {
            tera::Error::message(format!(
                "`local_date` filter: `{value}` is not a YYYY-MM-DD date"
            ))
        })?;
        Ok(crate::i18n::format::long_date(date, &lang))
    }
}

/// `lang_dir()`: `rtl` or `ltr`, for the `dir` attribute.
pub(super) fn lang_dir(
    lang: String,
) -> impl Fn(Kwargs, &State) -> tera::TeraResult<String> + Send + Sync + 'static {
    move |_: Kwargs, _: &State| Ok(crate::i18n::strings::direction(&lang).to_string())
}
