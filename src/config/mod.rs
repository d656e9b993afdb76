//! `site.toml`: read into a raw struct that rejects unknown keys, then checked into `Config`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Diagnostic;

mod images;
mod languages;
mod link_checker;
use crate::text::chars::{check_escapes, check_file_text};
use crate::text::format::{Format, deserialize};
pub use images::Images;
pub use languages::LanguageConfig;
pub use link_checker::LinkChecker;

pub const CONFIG_FILE: &str = "site.toml";

/// Guides a listing page shows when site.toml does not say: what Zola and Hugo users
/// expect (10 to 20), and more than any term of the sample site has, so its term pages
/// stay one page each.
pub const DEFAULT_PAGINATE_BY: usize = 20;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    description: Option<String>,
    language: Option<String>,
    theme: Option<String>,
    output_dir: Option<String>,
    autolink: Option<bool>,
    salary_max_age_years: Option<u32>,
    paginate_by: Option<usize>,
    role_paginate_by: Option<usize>,
    skill_paginate_by: Option<usize>,
    minify: Option<bool>,
    related: Option<RawRelated>,
    markdown: Option<RawMarkdown>,
    #[serde(default)]
    taxonomies: Vec<RawTaxonomy>,
    #[serde(default)]
    salary_data: Vec<crate::datasets::RawDataset>,
    salary_pages: Option<toml::Spanned<crate::datasets::RawSalaryPages>>,
    #[serde(default)]
    languages: std::collections::BTreeMap<String, languages::RawLanguage>,
    link_checker: Option<link_checker::RawLinkChecker>,
    images: Option<images::RawImages>,
    extra: Option<serde_json::Value>,
}

/// One `[[taxonomies]]` table. The name keeps its place in the file, so that problems
/// found with it (here, or later against the site's pages) can point at its line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaxonomy {
    name: toml::Spanned<String>,
    title: Option<String>,
    profiles: Option<bool>,
    feeds: Option<bool>,
    related_weight: Option<f64>,
    paginate_by: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelated {
    limit: Option<usize>,
    role_weight: Option<f64>,
    skill_weight: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    raw_html: Option<RawHtml>,
}

/// What happens to HTML written inside Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Kept as written: for sites whose every author is trusted.
    Allow,
    /// Kept, minus scripts, event handlers and dangerous URLs.
    Sanitize,
    /// Shown as text.
    Escape,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub limit: usize,
    pub role_weight: f64,
    pub skill_weight: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The settings file, as errors name it: `site.toml`, or `--config FILE`'s.
    pub file: PathBuf,
    pub title: String,
    /// Absolute, always ending in `/`.
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending in `/`.
    pub base_path: String,
    pub description: String,
    pub language: String,
    pub theme: String,
    pub output_dir: PathBuf,
    pub autolink: bool,
    pub salary_max_age_years: u32,
    /// Guides a page of `/guides/`, and of every term's page unless its taxonomy says
    /// otherwise.
    pub paginate_by: usize,
    /// Guides a page of a role's page, and of a skill's.
    pub role_paginate_by: usize,
    pub skill_paginate_by: usize,
    /// Minify HTML, CSS and JavaScript output.
    pub minify: bool,
    pub related: Related,
    pub raw_html: RawHtml,
    /// The taxonomies the site declares beside roles and skills, in the file's order.
    pub taxonomies: Vec<TaxonomyConfig>,
    /// `[[salary_data]]`: the public datasets the site reads, in the file's order.
    pub datasets: Vec<crate::datasets::DatasetConfig>,
    /// `salary_pages`: the kinds of area that get a salary page per role; none by default.
    pub salary_pages: Vec<crate::datasets::AreaChoice>,
    pub extra: serde_json::Value,
    /// Which unpublished content the build includes: from the command line, not site.toml.
    pub publish: crate::publish::Window,
    /// `[languages.<code>]`: the languages beside the default one, by code.
    pub languages: Vec<LanguageConfig>,
    /// `[link_checker]`: read only by `check --external`.
    pub link_checker: LinkChecker,
    /// `[images]`: the smaller copies made of the site's images.
    pub images: Images,
    /// Where this language's pages live under the base path: empty for the default
    /// language, `de/` in the model the link stage makes for `[languages.de]`.
    pub lang_path: String,
}

/// A taxonomy declared in `site.toml`: guides list its terms under the front matter key
/// `name`, and it gets pages at `/<name>/` and `/<name>/<term>/`.
#[derive(Debug, Clone, PartialEq)]
pub struct TaxonomyConfig {
    pub name: String,
    pub title: String,
    /// Terms may have profiles: `content/<name>/<term>.md`.
    pub profiles: bool,
    /// Each term gets an Atom feed at `/<name>/<term>/atom.xml`.
    pub feeds: bool,
    /// Added to a related guide's score for each term it shares.
    pub related_weight: f64,
    /// Guides a page of each term's page; the site's `paginate_by` unless set.
    pub paginate_by: usize,
    /// The line of its `name` in site.toml, for errors found when linking the site.
    pub line: usize,
}

impl TaxonomyConfig {
    /// The error for another file on this taxonomy's URLs (`url`, such as `/industries/`),
    /// placed at the taxonomy's line in site.toml: the two are only in conflict because
    /// of the declaration.
    pub fn taken_by(&self, config_file: &Path, url: &str, file: &Path) -> Diagnostic {
        let name = &self.name;
        let place = if self.profiles {
            format!("its folder may hold only term profiles, `content/{name}/<term>.md`")
        } else {
            format!("set `profiles = true` to describe its terms in `content/{name}/<term>.md`")
        };
        Diagnostic::error(
            config_file.to_path_buf(),
            format!(
                "taxonomy `{name}` makes the pages under `/{name}/`, which {} also takes (`{url}`)",
                crate::error::display_path(file)
            ),
        )
        .at_line(self.line)
        .hint(format!(
            "rename the taxonomy or move {}; {place}",
            crate::error::display_path(file)
        ))
    }
}

/// Search results name their kind in one byte, four of which are guides, roles, skills
/// and pages; far more than any site needs.
pub const MAX_TAXONOMIES: usize = 64;

/// Names a taxonomy cannot take: the site's own top-level folders and files.
pub const RESERVED_NAMES: &[&str] = &[
    "guides",
    "roles",
    "skills",
    "search",
    "career-map",
    "page",
    "static",
    "404",
    "which-role",
];

impl Config {
    /// Parses and checks `site.toml`'s text. `base_url_override` is `--base-url`.
    pub fn parse(text: &str, base_url_override: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
        Self::parse_file(text, Path::new(CONFIG_FILE), base_url_override)
    }

    /// Parses and checks a settings file's text; errors name `file` (`--config FILE`).
    pub fn parse_file(
        text: &str,
        file: &Path,
        base_url_override: Option<&str>,
    ) -> Result<Config, Vec<Diagnostic>> {
        if let Some(d) = check_file_text(file, text) {
            return Err(vec![d]);
        }
        let raw: RawConfig = deserialize(Format::Toml, text, file, 1).map_err(|d| vec![d])?;
        let mut errors: Vec<Diagnostic> = check_escapes(Format::Toml, text, file, 1)
            .into_iter()
            .collect();
        let key_error = |key: &str, msg: String, hint: &str| {
            let line = crate::text::frontmatter::key_line(text, key).unwrap_or(1);
            Diagnostic::error(file.to_path_buf(), msg)
                .at_line(line)
                .hint(hint)
        };

        let base_url_text = base_url_override
            .map(str::to_string)
            .or(raw.base_url)
            .unwrap_or_else(|| "http://127.0.0.1:1111/".to_string());
        let (base_url, base_path) = match normalise_base_url(&base_url_text) {
            Ok(pair) => pair,
            Err(why) => {
                let shown: String = base_url_text.escape_debug().collect();
                errors.push(key_error(
                    "base_url",
                    format!("`base_url` `{shown}` {why}"),
                    "write it like `https://careers.example.com` or `https://example.com/careers/`, with any space or quote in the path percent-encoded (`%20`, `%22`)",
                ));
                ("http://127.0.0.1/".into(), "/".into())
            }
        };
        let related = raw.related.unwrap_or(RawRelated {
            limit: None,
            role_weight: None,
            skill_weight: None,
        });
        let related = Related {
            limit: related.limit.unwrap_or(5),
            role_weight: related.role_weight.unwrap_or(2.0),
            skill_weight: related.skill_weight.unwrap_or(1.0),
        };
        let valid = |w: f64| w.is_finite() && w >= 0.0;
        if !valid(related.role_weight) || !valid(related.skill_weight) {
            errors.push(key_error(
                "role_weight",
                "related weights must be zero or more".into(),
                "use numbers such as `role_weight = 2.0`",
            ));
        }
        let mut per_page = |key: &str, value: Option<usize>, default: usize| {
            let n = value.unwrap_or(default);
            if n == 0 {
                errors.push(key_error(
                    key,
                    format!("`{key}` must be at least 1"),
                    if key == "paginate_by" {
                        "the default is 20 guides a page"
                    } else {
                        "leave it out to use the site's `paginate_by`"
                    },
                ));
            }
            n.max(1)
        };
        let paginate_by = per_page("paginate_by", raw.paginate_by, DEFAULT_PAGINATE_BY);
        let role_paginate_by = per_page("role_paginate_by", raw.role_paginate_by, paginate_by);
        let skill_paginate_by = per_page("skill_paginate_by", raw.skill_paginate_by, paginate_by);
        let theme = raw.theme.unwrap_or_else(|| "default".into());
        if theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.') {
            errors.push(key_error(
                "theme",
                format!("`theme` `{theme}` is not a folder name under themes/"),
                "use a plain folder name such as `default`",
            ));
        }
        let output_dir = PathBuf::from(raw.output_dir.unwrap_or_else(|| "output".into()));
        if output_dir.as_os_str().is_empty() {
            errors.push(key_error(
                "output_dir",
                "`output_dir` is empty".into(),
                "the default is `output`",
            ));
        }
        let taxonomies = taxonomies(file, text, raw.taxonomies, paginate_by, &mut errors);
        let datasets = crate::datasets::check_settings(file, text, raw.salary_data, &mut errors);
        let salary_pages =
            crate::datasets::check_salary_pages(file, text, raw.salary_pages, &mut errors);
        let language = raw.language.unwrap_or_else(|| "en".into());
        if !crate::languages::is_language_code(&language) {
            let line = crate::text::frontmatter::key_line(text, "language").unwrap_or(1);
            errors.push(languages::code_error(file, &language, "`language`", line));
        }
        let title = raw.title.unwrap_or_else(|| "Career Guides".into());
        let description = raw.description.unwrap_or_default();
        let languages = languages::check(
            file,
            text,
            raw.languages,
            &language,
            (&title, &description),
            &mut errors,
        );
        languages::check_folders(file, &languages, &taxonomies, &mut errors);
        let link_checker = link_checker::check(file, text, raw.link_checker, &mut errors);
        let images = images::check(file, text, raw.images, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Config {
            file: file.to_path_buf(),
            title,
            base_url,
            base_path,
            description,
            language,
            languages,
            link_checker,
            images,
            lang_path: String::new(),
            publish: Default::default(),
            theme,
            output_dir,
            autolink: raw.autolink.unwrap_or(false),
            salary_max_age_years: raw.salary_max_age_years.unwrap_or(3),
            paginate_by,
            role_paginate_by,
            skill_paginate_by,
            minify: raw.minify.unwrap_or(false),
            related,
            raw_html: raw
                .markdown
                .and_then(|m| m.raw_html)
                .unwrap_or(RawHtml::Sanitize),
            taxonomies,
            datasets,
            salary_pages,
            extra: raw
                .extra
                .unwrap_or(serde_json::Value::Object(Default::default())),
        })
    }

    /// The absolute URL of a site path such as `guides/x/`.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }

    /// The root-relative URL of a site path, under the base path: `/careers/guides/x/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path.trim_start_matches('/'))
    }
}

/// Checks each `[[taxonomies]]` table: a name of lowercase letters, digits and hyphens that
/// no other taxonomy, generated folder or guide front matter key has, and a usable weight.
fn taxonomies(
    file: &Path,
    text: &str,
    raw: Vec<RawTaxonomy>,
    paginate_by: usize,
    errors: &mut Vec<Diagnostic>,
) -> Vec<TaxonomyConfig> {
    if raw.len() > MAX_TAXONOMIES {
        errors.push(
            Diagnostic::error(
                file.to_path_buf(),
                format!(
                    "{} declares {} taxonomies",
                    crate::error::display_path(file),
                    raw.len()
                ),
            )
            .hint(format!("a site may declare up to {MAX_TAXONOMIES}")),
        );
        return Vec::new();
    }
    let mut out: Vec<TaxonomyConfig> = Vec::with_capacity(raw.len());
    for t in raw {
        let line = crate::text::format::line_col(text, t.name.span().start).0;
        let name = t.name.into_inner();
        let error = |msg: String, hint: String| {
            Diagnostic::error(file.to_path_buf(), msg)
                .at_line(line)
                .hint(hint)
        };
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            let suggestion = crate::slug::slugify(&name);
            errors.push(error(
                format!("taxonomy name `{name}` is not allowed"),
                if suggestion.is_empty() {
                    "use lowercase letters, digits and hyphens, e.g. `industries`".into()
                } else {
                    format!("use lowercase letters, digits and hyphens, e.g. `{suggestion}`")
                },
            ));
        } else if RESERVED_NAMES.contains(&name.as_str()) {
            errors.push(error(
                format!("taxonomy name `{name}` is taken by the site's own `/{name}/` pages"),
                "choose another name, such as `industries` or `work-modes`".into(),
            ));
        } else if crate::text::frontmatter::GUIDE_KEYS.contains(&name.as_str()) {
            errors.push(error(
                format!("taxonomy name `{name}` is already a guide front matter key"),
                "choose another name: guides list a taxonomy's terms under its name".into(),
            ));
        } else if let Some(first) = out.iter().find(|o| o.name == name) {
            errors.push(error(
                format!("taxonomy `{name}` is declared twice"),
                format!(
                    "it is first declared on line {}; keep one of them",
                    first.line
                ),
            ));
        }
        let related_weight = t.related_weight.unwrap_or(1.0);
        if !(related_weight.is_finite() && related_weight >= 0.0) {
            errors.push(error(
                format!("taxonomy `{name}`: `related_weight` must be zero or more"),
                "use a number such as `related_weight = 1.0`".into(),
            ));
        }
        if t.paginate_by == Some(0) {
            errors.push(error(
                format!("taxonomy `{name}`: `paginate_by` must be at least 1"),
                format!("leave it out to use the site's `paginate_by` ({paginate_by})"),
            ));
        }
        out.push(TaxonomyConfig {
            paginate_by: t.paginate_by.unwrap_or(paginate_by).max(1),
            title: t
                .title
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| crate::slug::title_from_slug(&name)),
            name,
            profiles: t.profiles.unwrap_or(false),
            feeds: t.feeds.unwrap_or(true),
            related_weight,
            line,
        });
    }
    out
}

/// `https://host/careers` -> (`https://host/careers/`, `/careers/`), or why it is not a
/// URL careersite can put into pages. It goes into every canonical link, feed and
/// sitemap, so only what a URL may hold is let through: a quote or an angle bracket would
/// end the attribute it is written in.
fn normalise_base_url(url: &str) -> Result<(String, String), String> {
    let url = url.trim();
    let not_absolute = || "is not an absolute http(s) URL".to_string();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(not_absolute)?;
    let scheme_len = url.len() - rest.len();
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if host.is_empty() || host.contains(['?', '#', '@']) {
        return Err(not_absolute());
    }
    if let Some(c) = url.chars().find(|&c| !url_char(c)) {
        let c: String = c.escape_debug().collect();
        return Err(format!("has a character that a URL cannot hold: `{c}`"));
    }
    if path.contains(['?', '#', '[', ']']) {
        return Err(
            "may not have a query (`?`) or fragment (`#`): it is the start of every page's address"
                .into(),
        );
    }
    if let Some(i) = url.find('%') {
        let hex = url[i + 1..].get(..2).unwrap_or("");
        if hex.len() < 2 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err("has a `%` that is not followed by two hex digits".into());
        }
    }
    let mut path = path.to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    Ok((format!("{}{host}{path}", &url[..scheme_len]), path))
}

/// What RFC 3986 lets a URL hold as written (letters beyond ASCII too, as in an
/// internationalised host name), minus the quote that would end an HTML attribute.
fn url_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || "-._~:/?#[]@!$&()*+,;=%".contains(c)
        || (!c.is_ascii() && c.is_alphanumeric())
}

/// Pushes an error at the line and column where `span` of the settings file starts: how
/// the checks of a table's values report each bad one.
fn error_at<'a>(
    file: &'a Path,
    text: &'a str,
    errors: &'a mut Vec<Diagnostic>,
) -> impl FnMut(std::ops::Range<usize>, String, &str) + 'a {
    move |span, message, hint| {
        let (line, column) = crate::text::format::line_col(text, span.start);
        errors.push(
            Diagnostic::error(file.to_path_buf(), message)
                .at(line, column)
                .hint(hint),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply() {
        let c = Config::parse("title = \"T\"\nbase_url = \"https://x.org\"\n", None).unwrap();
        assert_eq!(c.base_url, "https://x.org/");
        assert_eq!(c.base_path, "/");
        assert_eq!(c.related.limit, 5);
        assert_eq!(c.raw_html, RawHtml::Sanitize);
        assert_eq!(c.url("guides/a/"), "/guides/a/");
    }

    #[test]
    fn base_url_with_path_and_override() {
        let c = Config::parse(
            "base_url = \"https://x.org\"\n",
            Some("https://h.io/careers"),
        )
        .unwrap();
        assert_eq!(c.base_url, "https://h.io/careers/");
        assert_eq!(c.base_path, "/careers/");
        assert_eq!(c.permalink("/roles/"), "https://h.io/careers/roles/");
    }

    #[test]
    fn unknown_key_is_an_error_with_suggestion() {
        let errs = Config::parse("title = \"T\"\n\n[related]\nlimt = 3\n", None).unwrap_err();
        assert_eq!(errs[0].message, "unknown key `limt`");
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `limit`?"));
        assert_eq!(errs[0].line, Some(4));
    }

    #[test]
    fn bad_base_url() {
        let errs = Config::parse("base_url = \"careers.example.com\"\n", None).unwrap_err();
        assert!(errs[0].message.contains("not an absolute http(s) URL"));
        assert_eq!(errs[0].line, Some(1));
    }

    #[test]
    fn base_url_characters_a_url_cannot_hold_are_refused_with_the_line() {
        // As written in site.toml, inside a TOML multi-line literal string.
        for url in [
            r#"https://x.org/"><script>"#,
            "https://x.org/'a",
            "https://x.org/a b",
            "https://x.org/<a>",
            "https://x.org/a{b}",
            "https://x.org/a|b",
            r"https://x.org/a\b",
            "https://x.org/a`b",
            "https://x.org/a^b",
        ] {
            let text = format!("title = \"T\"\nbase_url = '''{url}'''\n");
            let errs = Config::parse(&text, None).unwrap_err();
            assert!(
                errs[0]
                    .message
                    .contains("has a character that a URL cannot hold"),
                "{url}: {}",
                errs[0].message
            );
            assert_eq!(errs[0].line, Some(2), "{url}");
        }
        for url in ["https://x.org/a%2", "https://x.org/a?b=1"] {
            let text = format!("base_url = '{url}'\n");
            assert!(Config::parse(&text, None).is_err(), "{url}");
        }
        for url in [
            "https://x.org/a%20b/",
            "https://bücher.example/",
            "http://127.0.0.1:1111/",
            "https://[::1]:8080/c/",
        ] {
            let text = format!("base_url = '{url}'\n");
            assert!(Config::parse(&text, None).is_ok(), "{url}");
        }
        let errs = Config::parse("", Some("https://x.org/\"a")).unwrap_err();
        assert!(
            errs[0].message.contains(r#"cannot hold: `\"`"#),
            "{}",
            errs[0].message
        );
    }
}
