//! The words careersite itself puts in pages' contexts (titles of its own pages,
//! breadcrumbs, descriptions), taken from the theme strings in the page's language so
//! that a German page's `<title>` and breadcrumbs are German like the rest of it.

use super::Renderer;
use super::theme::Theme;

/// The words every renderer needs, looked up once per language.
pub(super) struct Words {
    pub home: String,
    pub guides: String,
    pub roles: String,
    pub skills: String,
    pub career_map: String,
    pub search: String,
    pub not_found: String,
}

impl Words {
    pub fn new(theme: &Theme, lang: &str) -> Words {
        let word = |key| theme.text(lang, key, &[]);
        Words {
            home: word("home"),
            guides: word("guides"),
            roles: word("roles"),
            skills: word("skills"),
            career_map: word("career_map"),
            search: word("search"),
            not_found: word("not_found"),
        }
    }
}

impl Renderer<'_> {
    /// The theme string `key` in this site's language, with `{site}` as the site's title.
    pub(super) fn word(&self, key: &str) -> String {
        let c = &self.site.config;
        self.theme.text(&c.language, key, &[("site", &c.title)])
    }

    /// The title of page `n` of a listing called `title`: `Guides, page 2` after the first.
    pub(super) fn page_title(&self, title: &str, n: usize) -> String {
        match n {
            1 => title.to_string(),
            _ => {
                let c = &self.site.config;
                let n = n.to_string();
                self.theme
                    .text(&c.language, "page_n", &[("title", title), ("n", &n)])
            }
        }
    }
}
