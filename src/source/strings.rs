//! The theme's translation files (`i18n/<lang>.toml`): the built-in theme's, then the
//! chosen theme folder's, then the site's own. They travel with the templates, named
//! `i18n/<layer>/<lang>.toml` so that every layer is kept (a later one replaces single
//! keys, not whole files) and so that a change to one re-renders the pages as a template
//! change does.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Need, TemplateFile, decode, default_theme, read_regular, walk};
use crate::error::{Diagnostic, display_path};
use crate::i18n::strings::FOLDER;

/// Adds every layer's translation files to `templates`.
pub(super) fn read_strings(
    root: &Path,
    theme_dir: &Path,
    templates: &mut BTreeMap<String, TemplateFile>,
    errors: &mut Vec<Diagnostic>,
) {
    for (name, bytes) in default_theme::I18N {
        let file = TemplateFile {
            name: format!("{FOLDER}0/{name}"),
            origin: format!("(built-in theme) {FOLDER}{name}"),
            text: String::from_utf8_lossy(bytes).into_owned(),
        };
        templates.insert(file.name.clone(), file);
    }
    for (layer, dir) in [(1, theme_dir.join("i18n")), (2, root.join("i18n"))] {
        let toml = |p: &Path| p.extension().is_some_and(|e| e == "toml");
        for rel in walk(root, &dir, Need::Optional, &toml, errors) {
            let abs = dir.join(&rel);
            let shown = abs.strip_prefix(root).unwrap_or(&abs).to_path_buf();
            match read_regular(&abs)
                .map_err(|e| e.diagnostic(shown.clone()))
                .and_then(|b| decode(shown.clone(), b))
            {
                Ok(text) => {
                    let file = TemplateFile {
                        name: format!("{FOLDER}{layer}/{}", display_path(&rel)),
                        origin: display_path(&shown),
                        text,
                    };
                    templates.insert(file.name.clone(), file);
                }
                Err(d) => errors.push(d),
            }
        }
    }
}
