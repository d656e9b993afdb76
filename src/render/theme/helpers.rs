//! The functions and filters every template may call beside `t`: `range` (within the
//! loop budget), `url`, `asset` and `date`.

use std::collections::BTreeMap;
use std::sync::Arc;

use tera::{Kwargs, State, Tera};

use super::budget::budgeted_range;
use crate::config::Config;
use crate::source::StaticFile;

pub(super) fn register_helpers(
    tera: &mut Tera,
    config: &Config,
    statics: &[StaticFile],
    hashes: Arc<BTreeMap<String, String>>,
) {
    tera.register_function("range", budgeted_range);
    let base_path = config.base_path.clone();
    let default = config.language.clone();
    // The pages and files every language has: a link to one from another language's page
    // stays in that language (`roles/` on a German page is `/de/roles/`). Links to single
    // guides or terms do not: the language may have no version of them.
    let mut shared: Vec<String> = ["", "guides/", "atom.xml", "404.html", "roles/", "skills/"]
        .into_iter()
        .chain(["career-map/", "search/", "search/index.json", "which-role/"])
        .map(String::from)
        .collect();
    shared.extend(config.taxonomies.iter().map(|t| format!("{}/", t.name)));
    tera.register_function(
        "url",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            let path = path.trim_start_matches('/');
            let lang: Option<String> = state.get("lang").ok().flatten();
            match lang {
                Some(l) if l != default && shared.iter().any(|s| s == path) => {
                    Ok(format!("{base_path}{l}/{path}"))
                }
                _ => Ok(format!("{base_path}{path}")),
            }
        },
    );
    let base_path = config.base_path.clone();
    let all: Arc<Vec<String>> = Arc::new(statics.iter().map(|f| f.rel.clone()).collect());
    tera.register_function(
        "asset",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            let path = path.trim_start_matches('/');
            match hashes.get(path) {
                Some(h) => Ok(format!("{base_path}{path}?h={h}")),
                None if all.iter().any(|p| p == path) => Ok(format!("{base_path}{path}")),
                None => Err(tera::Error::message(format!(
                    "asset `{path}` is not among the theme's or the site's static files"
                ))),
            }
        },
    );
    tera.register_filter(
        "date",
        |value: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let format: &str = kwargs.get("format")?.unwrap_or("%B %-d, %Y");
            let date: jiff::civil::Date =
                value.get(..10).unwrap_or(value).parse().map_err(|_| {
                    tera::Error::message(format!(
                        "`date` filter: `{value}` is not a YYYY-MM-DD date"
                    ))
                })?;
            jiff::fmt::strtime::format(format, date).map_err(|e| {
                tera::Error::message(format!("`date` filter: bad format `{format}`: {e}"))
            })
        },
    );
}
