//! The checks every kind of content file shares: titles, dates, slugs and tag lists, each
//! error placed at the value it is about. A file's problems are gathered before it is given
//! up on, so one run reports them all.

use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;

use super::dates::{DateText, parse_date};
use crate::error::Diagnostic;
use crate::slug::{is_valid_slug, slugify};
use crate::text::frontmatter::{key_line, value_column, value_line};

/// A blank `title:` is YAML's null; read it as empty text so the check that follows can
/// say "`title` is empty; give the guide a title" instead of a deserializer's complaint.
/// The longest slug, in bytes: a folder name in the output (file systems allow 255).
pub(super) const MAX_NAME: usize = 200;

pub(super) fn blank_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// Checks that accumulate several problems in one file before giving up on it.
pub(super) struct FileCheck<'a> {
    pub file: &'a Path,
    pub front_matter: &'a str,
    pub first_line: usize,
    pub errors: Vec<Diagnostic>,
}

impl FileCheck<'_> {
    pub(super) fn line_of(&self, key: &str) -> usize {
        self.first_line + key_line(self.front_matter, key).unwrap_or(1) - 1
    }

    /// An error about `key`'s value, placed at the value (`date: 2026-02-30` gives column 7)
    /// so an editor jumps to what needs changing.
    pub(super) fn error(&mut self, key: &str, message: String, hint: &str) {
        let diagnostic = Diagnostic::error(self.file.to_path_buf(), message).hint(hint);
        let diagnostic = match key_line(self.front_matter, key) {
            Some(line) => {
                let file_line = self.first_line + line - 1;
                match value_column(self.front_matter, line) {
                    Some(column) => diagnostic.at(file_line, column),
                    None => diagnostic.at_line(file_line),
                }
            }
            None => diagnostic.at_line(self.line_of(key)),
        };
        self.errors.push(diagnostic);
    }

    /// A content file's title may not be blank (`title:` or `title: ""`).
    pub(super) fn title(&mut self, title: &str, kind: &str) {
        if title.trim().is_empty() {
            self.error(
                "title",
                "`title` is empty".into(),
                &format!("give the {kind} a title"),
            );
        }
    }

    pub(super) fn date(&mut self, key: &str, text: Option<&DateText>) -> Option<Date> {
        let text = text?;
        match parse_date(&text.0) {
            Ok(d) => Some(d),
            Err(msg) => {
                self.error(
                    key,
                    format!("`{key}`: {msg}"),
                    "write dates as YYYY-MM-DD, e.g. 2026-03-07",
                );
                None
            }
        }
    }

    /// Slugifies each tag of list `key`, keeping its line; a tag with no letters or digits is
    /// an error.
    pub(super) fn tags(&mut self, key: &str, tags: &[String]) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = Vec::with_capacity(tags.len());
        for tag in tags {
            let fm_line = value_line(self.front_matter, key, tag.trim()).unwrap_or(1);
            let line = self.first_line + fm_line - 1;
            let slug = slugify(tag);
            if slug.is_empty() {
                let column = self
                    .front_matter
                    .lines()
                    .nth(fm_line - 1)
                    .and_then(|l| l.find(tag.trim()).map(|i| l[..i].chars().count() + 1));
                let diagnostic = Diagnostic::error(
                    self.file.to_path_buf(),
                    format!("`{key}` entry `{tag}` has no letters or digits to make a name from"),
                )
                .hint("use words such as `Software Engineer` or slugs such as `software-engineer`");
                self.errors.push(match column {
                    Some(column) => diagnostic.at(line, column),
                    None => diagnostic.at_line(line),
                });
            } else if slug.len() > MAX_NAME {
                self.errors.push(
                    Diagnostic::error(
                        self.file.to_path_buf(),
                        format!(
                            "`{key}` entry `{}…` makes a URL name of {} characters, more than the {MAX_NAME} a folder name can safely have",
                            slug.chars().take(40).collect::<String>(),
                            slug.len()
                        ),
                    )
                    .at_line(line)
                    .hint(if key == "aliases" {
                        "shorten the alias"
                    } else {
                        "shorten the tag, or give the long name as the profile's `title`"
                    }),
                );
            } else if !out.iter().any(|(s, _)| *s == slug) {
                out.push((slug, line));
            }
        }
        out
    }

    pub(super) fn slug(&mut self, key: &str, value: &str) -> bool {
        if is_valid_slug(value) {
            return self.name_fits(key, value, "shorten the slug or title");
        }
        let suggestion = slugify(value);
        let hint = if suggestion.is_empty() {
            "use lowercase letters, digits and single hyphens, e.g. `my-guide`".to_string()
        } else {
            format!("use lowercase letters, digits and single hyphens, e.g. `{suggestion}`")
        };
        self.error(key, format!("slug `{value}` is not allowed"), &hint);
        false
    }

    /// A slug becomes a folder name in the output, and file systems refuse names longer
    /// than 255 bytes ("File name too long") only once the build writes it.
    pub(super) fn name_fits(&mut self, key: &str, name: &str, hint: &str) -> bool {
        if name.len() <= MAX_NAME {
            return true;
        }
        self.error(
            key,
            format!(
                "the URL name `{}…` is {} characters long, more than the {MAX_NAME} a folder name can safely have",
                name.chars().take(40).collect::<String>(),
                name.len()
            ),
            hint,
        );
        false
    }

    pub(super) fn finish<T>(self, value: T) -> Result<T, Vec<Diagnostic>> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self.errors)
        }
    }
}
