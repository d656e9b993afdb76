//! A guide's or page's `aliases`: the old URLs it answered at (`/old/path/`), each of which
//! becomes a redirect to its page. Checked here, one file at a time: a path from the
//! site's root, with no host, query, fragment or `..`.

use jiff::civil::Date;

use super::check::FileCheck;
use super::dates::DateText;
use crate::text::frontmatter::{key_line, value_line};

impl FileCheck<'_> {
    /// Each alias written as a path, normalised (`/old/path` -> `old/path/`), with its line.
    /// Entries that are not paths are reported, unless `words_allowed` (a page that may be
    /// a term profile, whose aliases are other names) leaves them to the caller.
    pub(super) fn alias_paths(
        &mut self,
        written: &[String],
        words_allowed: bool,
    ) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        for alias in written {
            let alias = alias.trim();
            let line =
                self.first_line + value_line(self.front_matter, "aliases", alias).unwrap_or(1) - 1;
            if !alias.starts_with('/') {
                if !words_allowed {
                    self.push_alias_error(
                        line,
                        format!("alias `{alias}` is not a path from the site's root"),
                        format!(
                            "write the old URL's path, such as `/{}/`",
                            alias.trim_matches('/')
                        ),
                    );
                }
                continue;
            }
            let long = alias.split('/').find(|s| s.len() > super::check::MAX_NAME);
            if let Some(long) = long {
                self.push_alias_error(
                    line,
                    format!(
                        "`aliases` entry `{}…` makes a URL name of {} characters, more than the {} a folder name can safely have",
                        long.chars().take(40).collect::<String>(),
                        long.len(),
                        super::check::MAX_NAME
                    ),
                    "shorten the alias".into(),
                );
                continue;
            }
            match normalise(alias) {
                Ok(path) => out.push((path, line)),
                Err(why) => self.push_alias_error(
                    line,
                    format!("alias `{alias}` {why}"),
                    "write the old URL's path from the site's root, such as `/old/path/`".into(),
                ),
            }
        }
        out
    }

    fn push_alias_error(&mut self, line: usize, message: String, hint: String) {
        self.errors.push(
            crate::error::Diagnostic::error(self.file.to_path_buf(), message)
                .at_line(line)
                .hint(hint),
        );
    }
}

impl FileCheck<'_> {
    /// `publish_date` and `expiry_date`, under either spelling (Hugo's `publishDate` and
    /// `expiryDate` too); each error is placed at the key as written.
    pub(super) fn publish_dates(
        &mut self,
        publish: Option<&DateText>,
        expiry: Option<&DateText>,
    ) -> (Option<Date>, Option<Date>) {
        let written = |check: &Self, ours: &'static str, hugo: &'static str| {
            if key_line(check.front_matter, hugo).is_some() {
                hugo
            } else {
                ours
            }
        };
        let publish_key = written(self, "publish_date", "publishDate");
        let expiry_key = written(self, "expiry_date", "expiryDate");
        let publish = self.date(publish_key, publish);
        let expiry = self.date(expiry_key, expiry);
        if let (Some(p), Some(e)) = (publish, expiry)
            && e <= p
        {
            self.error(
                expiry_key,
                format!("`{expiry_key}` {e} is not after `{publish_key}` {p}"),
                "the page would never be published: move the expiry date later",
            );
        }
        (publish, expiry)
    }
}

/// `/old/path` -> `old/path/`; a last segment with a dot names a file (`/old/a.html`).
pub fn normalise(alias: &str) -> Result<String, &'static str> {
    if alias.starts_with("//") || alias.contains("://") {
        return Err("names another host");
    }
    if alias.contains(['?', '#', '\\', '"', '<', '>']) || alias.chars().any(char::is_whitespace) {
        return Err("has a character a redirect path cannot hold");
    }
    let segments: Vec<&str> = alias.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() {
        return Err("is the site's home page");
    }
    if segments.iter().any(|s| *s == "." || *s == "..") {
        return Err("has a `.` or `..` segment");
    }
    let path = segments.join("/");
    let file = segments.last().is_some_and(|s| s.contains('.')) && !alias.ends_with('/');
    Ok(if file { path } else { format!("{path}/") })
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn aliases_become_site_paths() {
        assert_eq!(normalise("/old/path"), Ok("old/path/".into()));
        assert_eq!(normalise("/old//path/"), Ok("old/path/".into()));
        assert_eq!(normalise("/old/page.html"), Ok("old/page.html".into()));
        assert!(normalise("/").is_err());
        assert!(normalise("//cdn.org/x").is_err());
        assert!(normalise("/a/../b/").is_err());
        assert!(normalise("/a?b").is_err());
    }
}
