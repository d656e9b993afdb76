//! The `sanitize` policy: what may stay of raw HTML written in Markdown (ammonia does the
//! removing), and what the writer is told about what it removed, so that nothing they
//! wrote disappears without a word from `check`.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use super::raw_html::Kept;
use super::raw_html::lex::Kind;
use super::text::LineIndex;
use crate::error::Diagnostic;

/// Warnings about one text beyond which they are summed up in one more.
const MAX_WARNINGS: usize = 10;

const HINT: &str = "the `raw_html` setting under [markdown] in site.toml removes it; to show it as text put it in backticks, or set raw_html = \"allow\" if you trust this HTML";

pub fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id", "class"])
            .add_tags([
                "input",
                "section",
                "figure",
                "figcaption",
                "details",
                "summary",
            ])
            .add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"])
            .add_tag_attributes("div", ["role", "tabindex", "aria-label"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .link_rel(None)
            .attribute_filter(|element, attribute, value| match (element, attribute) {
                ("th" | "td", "style") => {
                    let allowed = [
                        "text-align: left",
                        "text-align: center",
                        "text-align: right",
                    ];
                    allowed.contains(&value).then_some(value.into())
                }
                ("input", "type") => (value == "checkbox").then_some(value.into()),
                _ => Some(value.into()),
            });
        b
    })
}

/// What the sanitizer lets through, read back from it so the two cannot drift apart.
struct Allowed {
    tags: HashSet<&'static str>,
    clean_content: HashSet<&'static str>,
    generic: HashSet<&'static str>,
    by_tag: HashMap<&'static str, HashSet<&'static str>>,
    schemes: HashSet<&'static str>,
}

fn allowed() -> &'static Allowed {
    static ALLOWED: OnceLock<Allowed> = OnceLock::new();
    ALLOWED.get_or_init(|| {
        let b = sanitizer();
        Allowed {
            tags: b.clone_tags(),
            clean_content: b.clone_clean_content_tags(),
            generic: b.clone_generic_attributes(),
            by_tag: b.clone_tag_attributes(),
            schemes: b.clone_url_schemes(),
        }
    })
}

/// What the sanitizer will remove of `kept` (the raw HTML that stays HTML), one warning
/// each, with where it was written.
pub fn dropped(kept: &[Kept], lines: &LineIndex<'_>, file: &Path) -> Vec<Diagnostic> {
    let allowed = allowed();
    let mut found: Vec<(usize, String)> = Vec::new();
    for k in kept {
        let Kind::Open { name, attrs, .. } = &k.kind else {
            continue;
        };
        if allowed.clean_content.contains(name.as_str()) {
            found.push((k.source, format!("a <{name}> element and what it contains")));
            continue;
        }
        if !allowed.tags.contains(name.as_str()) {
            found.push((
                k.source,
                format!("the <{name}> tag (the text inside it stays)"),
            ));
            continue;
        }
        for (attr, value) in attrs {
            let by_tag = allowed
                .by_tag
                .get(name.as_str())
                .is_some_and(|a| a.contains(attr.as_str()));
            if !by_tag && !allowed.generic.contains(attr.as_str()) {
                found.push((k.source, format!("the `{attr}` attribute of <{name}>")));
            } else if is_url_attribute(attr)
                && let Some(scheme) = scheme(value)
                && !allowed.schemes.contains(scheme.as_str())
            {
                found.push((k.source, format!("the `{scheme}:` link of <{name}>")));
            }
        }
    }
    let more = found.len().saturating_sub(MAX_WARNINGS);
    let mut warnings: Vec<Diagnostic> = found
        .into_iter()
        .take(MAX_WARNINGS)
        .map(|(at, what)| {
            let (line, column) = lines.line_col(at);
            warning(file, format!("raw HTML removed: {what}")).at(line, column)
        })
        .collect();
    if more > 0 {
        let (line, column) = warnings
            .last()
            .map_or((1, 1), |w| (w.line.unwrap_or(1), w.column.unwrap_or(1)));
        warnings.push(
            warning(
                file,
                format!("raw HTML removed: {more} more like the above"),
            )
            .at(line, column),
        );
    }
    warnings
}

/// A warning about something `sanitize` removed that Markdown wrote (a heading's
/// attributes, a link's `javascript:` URL).
pub fn warning(file: &Path, message: String) -> Diagnostic {
    Diagnostic::warning(file.to_path_buf(), message).hint(HINT)
}

fn is_url_attribute(attr: &str) -> bool {
    matches!(
        attr,
        "href" | "src" | "cite" | "action" | "formaction" | "poster" | "srcset" | "longdesc"
    )
}

/// A URL's scheme, lower-cased, as a browser reads it; none for a relative URL.
fn scheme(url: &str) -> Option<String> {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|c| !matches!(c, '/' | '?' | '#'))
        .collect();
    let (scheme, _) = squeezed.split_once(':')?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}
