//! Site templates that take the place of nothing: a site's `templates/gude.html` is used by
//! no page, because only a template named like the theme's replaces it. `check` warns
//! about each, with the theme template it was probably meant to be.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::error::{Diagnostic, did_you_mean};
use crate::source::{THEME_PREFIX, TemplateFile};

/// Site templates (under `templates/`) that replace no theme template, are no shortcode,
/// are named by no page's `template` key (`named`), and are included, imported or
/// extended by no other template.
pub fn unmatched(templates: &[TemplateFile], named: &HashSet<&str>) -> Vec<Diagnostic> {
    let theme: Vec<&str> = templates
        .iter()
        .filter_map(|t| t.name.strip_prefix(THEME_PREFIX))
        .collect();
    templates
        .iter()
        .filter(|t| t.origin.starts_with("templates/"))
        .filter(|t| !t.name.starts_with(crate::shortcode::FOLDER))
        .filter(|t| !theme.contains(&t.name.as_str()) && !named.contains(t.name.as_str()))
        .filter(|t| !referenced(templates, &t.name))
        .map(|t| {
            let hint = match did_you_mean(&t.name, theme.iter().copied()) {
                Some(g) => format!(
                    "did you mean `{g}`? A site template replaces the theme's template of the same name"
                ),
                None => "name it like the theme template it replaces (`careersite theme eject` copies them), or use it from a page's `template` key".into(),
            };
            Diagnostic::warning(
                PathBuf::from(&t.origin),
                format!("`{}` replaces no theme template and no page or template uses it", t.name),
            )
            .at(1, 1)
            .hint(hint)
        })
        .collect()
}

/// Whether another template names `name` in quotes (an include, import or extends).
fn referenced(templates: &[TemplateFile], name: &str) -> bool {
    let quoted = [format!("\"{name}\""), format!("'{name}'")];
    templates
        .iter()
        .filter(|t| t.name != name)
        .any(|t| quoted.iter().any(|q| t.text.contains(q.as_str())))
}
