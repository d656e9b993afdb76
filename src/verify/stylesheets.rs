//! The check of the stylesheets copied to the output as they are: every `url()` and
//! `@import` in them that points inside the site must lead to a file the build made. A
//! browser resolves these against the stylesheet's own URL, not the page's; and since the
//! file is copied byte for byte, a root-relative URL does not get the site's base path the
//! way a page's links do, so on a site published under a sub-path it leaves the site.

use rayon::prelude::*;

use super::css::{CssUrl, urls};
use super::{join, scheme};
use crate::error::Diagnostic;
use crate::source::Stylesheet;
use crate::text::format::line_col;

/// Every broken URL in `sheets`, at its stylesheet's file, line and column. `base_path` is
/// the path the site is published under (`/`, `/careers/`); `exists` says whether the
/// build made a file at an output path.
pub fn broken_stylesheet_urls(
    sheets: &[Stylesheet],
    base_path: &str,
    exists: &(dyn Fn(&str) -> bool + Sync),
) -> Vec<Diagnostic> {
    let mut errors: Vec<Diagnostic> = sheets
        .par_iter()
        .flat_map_iter(|sheet| {
            urls(&sheet.text).into_iter().filter_map(move |u| {
                let problem = problem(&u.url, &sheet.rel, base_path, exists)?;
                let (line, column) = line_col(&sheet.text, u.at);
                Some(problem.diagnostic(sheet, &u, base_path).at(line, column))
            })
        })
        .collect();
    errors.sort();
    errors
}

/// What is wrong with one URL in a stylesheet.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    /// No file at this output path.
    NoFile(String),
    /// Written root-relative (`/img/x.png`) on a site published under a sub-path: the
    /// output path it would mean inside the site, and whether the build made that file.
    RootRelative { meant: String, exists: bool },
    /// A relative URL climbing out of the folder the site is published under.
    Outside,
}

/// What is wrong with `url`, written in the stylesheet published at the output path
/// `sheet`; none when it works or is not the build's to know.
fn problem(
    url: &str,
    sheet: &str,
    base_path: &str,
    exists: &(dyn Fn(&str) -> bool + Sync),
) -> Option<Problem> {
    // `font.eot?#iefix` and `icons.svg#home` name the file before the `?` or `#`; a URL
    // that is only a fragment names an element of an SVG document, not a file.
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path.is_empty() || path.starts_with("//") || scheme(path) {
        return None;
    }
    let decode = |p: &str| {
        percent_encoding::percent_decode_str(p)
            .decode_utf8_lossy()
            .into_owned()
    };
    // As a browser would: from the stylesheet's own URL, never above the server's root.
    let absolute = match path.strip_prefix('/') {
        Some(_) => path.to_string(),
        None => {
            let published = format!("{}{sheet}", base_path.trim_start_matches('/'));
            format!("/{}", join(&published, path))
        }
    };
    let Some(inside) = absolute.strip_prefix(base_path) else {
        if !path.starts_with('/') {
            return Some(Problem::Outside);
        }
        let meant = decode(&path[1..]);
        let exists = made(&meant, exists);
        return Some(Problem::RootRelative { meant, exists });
    };
    let inside = decode(inside);
    (!made(&inside, exists)).then_some(Problem::NoFile(inside))
}

/// Whether the build made a file at `path`, or a page when it names a folder.
fn made(path: &str, exists: &(dyn Fn(&str) -> bool + Sync)) -> bool {
    if path.is_empty() || path.ends_with('/') {
        exists(&format!("{path}index.html"))
    } else {
        exists(path) || exists(&format!("{path}/index.html"))
    }
}

impl Problem {
    fn diagnostic(&self, sheet: &Stylesheet, u: &CssUrl, base_path: &str) -> Diagnostic {
        let written = &u.written;
        let published = format!("{base_path}{}", sheet.rel);
        let folder = &published[..published.rfind('/').map_or(0, |i| i + 1)];
        let (message, hint) = match self {
            Problem::NoFile(path) => {
                let from = if u.url.starts_with('/') {
                    String::new()
                } else {
                    format!(
                        " (a URL in a stylesheet starts from the stylesheet's folder, {folder}, not the page's)"
                    )
                };
                (
                    format!("`{written}` leads to no file the build makes"),
                    format!(
                        "the build made nothing at {base_path}{path}{from}; check the spelling, or add the file (under static/, or beside the Markdown)"
                    ),
                )
            }
            Problem::RootRelative { meant, exists } => {
                let relative = relative_to(&sheet.rel, u.url.trim_start_matches('/'));
                let check = if *exists {
                    String::new()
                } else {
                    format!(
                        ", and check the name: the build made nothing at {base_path}{meant} either"
                    )
                };
                (
                    format!(
                        "`{written}` starts at the server's root, outside the site's base URL {base_path}"
                    ),
                    format!(
                        "a stylesheet is copied as it is, so its URLs do not get the base path the way a page's links do; write it relative to the stylesheet, as `{relative}`{check}"
                    ),
                )
            }
            Problem::Outside => (
                format!("`{written}` leads outside the site's base URL {base_path}"),
                format!(
                    "the stylesheet is published at {published}, and a URL in it starts from its folder, {folder}; remove a `../`"
                ),
            ),
        };
        Diagnostic::error(sheet.file.clone(), message).hint(hint)
    }
}

/// `target` (a URL path inside the site, with its `?query` or `#fragment`) written relative
/// to the stylesheet at the output path `sheet`.
fn relative_to(sheet: &str, target: &str) -> String {
    let (target, suffix) = target.split_at(target.find(['?', '#']).unwrap_or(target.len()));
    let from: Vec<&str> = sheet.split('/').collect();
    let from = &from[..from.len() - 1];
    let parts: Vec<&str> = target.split('/').collect();
    let folders = &parts[..parts.len() - 1];
    let common = from.iter().zip(folders).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&parts[common..].join("/"));
    out.push_str(suffix);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rel: &str, text: &str) -> Stylesheet {
        Stylesheet {
            rel: rel.into(),
            file: format!("static/{rel}").into(),
            text: text.into(),
        }
    }

    fn check(base: &str, rel: &str, text: &str) -> Vec<String> {
        let files = [
            "img/a.png",
            "fonts/f.woff",
            "guides/a/index.html",
            "css/b.css",
        ];
        broken_stylesheet_urls(&[sheet(rel, text)], base, &|p| files.contains(&p))
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn urls_resolve_from_the_stylesheet() {
        let fine = "a{b:url(../img/a.png)} c{d:url('/img/a.png')} @import 'b.css';
e{src:url(../fonts/f.woff?#iefix) url(../fonts/f.woff#f)} f{g:url(data:image/png;base64,AA)}
h{i:url(https://ex.org/x.png) url(//cdn.org/y.png) url(#grad) url(about:blank) url()}
/* j{k:url(missing.png)} */ l{m:url(../guides/a/)} n{o:url(../img/%61.png)}";
        assert_eq!(check("/", "css/site.css", fine), Vec::<String>::new());
        let broken = "a{b:url(../img/missing.png)}\n  c{d:url(/img/gone.png)}";
        assert_eq!(
            check("/", "css/site.css", broken),
            [
                "error: static/css/site.css:1:5: `url(../img/missing.png)` leads to no file the build makes\n  hint: the build made nothing at /img/missing.png (a URL in a stylesheet starts from the stylesheet's folder, /css/, not the page's); check the spelling, or add the file (under static/, or beside the Markdown)",
                "error: static/css/site.css:2:7: `url(/img/gone.png)` leads to no file the build makes\n  hint: the build made nothing at /img/gone.png; check the spelling, or add the file (under static/, or beside the Markdown)",
            ]
        );
    }

    #[test]
    fn a_sub_path_site_refuses_root_relative_urls() {
        let css = "a{b:url(/img/a.png?v=1)}\nc{d:url(/careers/img/a.png)} e{f:url(../img/a.png)}\ng{h:url(/img/none.png)} i{j:url(../../x.png)}";
        assert_eq!(
            check("/careers/", "css/site.css", css),
            [
                "error: static/css/site.css:1:5: `url(/img/a.png?v=1)` starts at the server's root, outside the site's base URL /careers/\n  hint: a stylesheet is copied as it is, so its URLs do not get the base path the way a page's links do; write it relative to the stylesheet, as `../img/a.png?v=1`",
                "error: static/css/site.css:3:5: `url(/img/none.png)` starts at the server's root, outside the site's base URL /careers/\n  hint: a stylesheet is copied as it is, so its URLs do not get the base path the way a page's links do; write it relative to the stylesheet, as `../img/none.png`, and check the name: the build made nothing at /careers/img/none.png either",
                "error: static/css/site.css:3:29: `url(../../x.png)` leads outside the site's base URL /careers/\n  hint: the stylesheet is published at /careers/css/site.css, and a URL in it starts from its folder, /careers/css/; remove a `../`",
            ]
        );
    }

    #[test]
    fn relative_forms() {
        assert_eq!(relative_to("css/site.css", "img/x.png"), "../img/x.png");
        assert_eq!(relative_to("site.css", "img/x.png"), "img/x.png");
        assert_eq!(relative_to("a/b/c.css", "a/x.png#f"), "../x.png#f");
        assert_eq!(relative_to("a/b/c.css", "a/b/x.png"), "x.png");
        assert_eq!(relative_to("c.css", "x.png?v=a/b"), "x.png?v=a/b");
    }
}
