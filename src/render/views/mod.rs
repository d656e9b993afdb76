//! What templates see: typed views borrowed from the model, documented in the README's
//! theme reference. Nothing here is computed that the model does not already know, beyond
//! presentation (URLs, display dates, formatted salaries).

mod career;
mod occupation;
mod terms;

pub use career::*;
pub use occupation::{OccupationView, PercentileRow, WagesView, kind_name as area_kind_name};
use serde::Serialize;
pub use terms::{
    TagLink, TagSummary, TaxonomyLink, TermView, guide_terms, role_link, role_summary, skill_link,
    skill_summary, taxonomy_links, term_link, term_summary,
};

use crate::config::Config;
use crate::markdown::Heading;
use crate::model::{Guide, Page, Site};

#[derive(Serialize)]
pub struct Link<'a> {
    pub title: &'a str,
    pub url: String,
}

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub base_url: &'a str,
    pub base_path: &'a str,
    pub guide_count: usize,
    pub role_count: usize,
    pub skill_count: usize,
    /// The taxonomies declared in site.toml, in its order.
    pub taxonomies: Vec<TaxonomyLink<'a>>,
    pub pages: Vec<Link<'a>>,
    pub extra: &'a serde_json::Value,
}

impl<'a> SiteView<'a> {
    pub fn new(site: &'a Site) -> Self {
        let c = &site.config;
        let mut pages: Vec<Link> = site
            .pages
            .iter()
            .map(|p| Link {
                title: &p.title,
                url: c.url(&p.url_path()),
            })
            .collect();
        pages.sort_by(|a, b| a.title.cmp(b.title));
        SiteView {
            title: &c.title,
            description: &c.description,
            language: &c.language,
            base_url: &c.base_url,
            base_path: &c.base_path,
            guide_count: site.guides.len(),
            role_count: site.roles.terms.len(),
            skill_count: site.skills.terms.len(),
            taxonomies: taxonomy_links(site),
            pages,
            extra: &c.extra,
        }
    }
}

#[derive(Serialize)]
pub struct Meta<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub url: String,
    pub permalink: String,
    pub kind: &'static str,
    pub breadcrumbs: Vec<Link<'a>>,
    /// The page's schema.org JSON-LD, already escaped for a `<script>` element, made from
    /// the page's own nodes, then its breadcrumb trail, once the page is rendered.
    #[serde(rename = "json_ld", serialize_with = "json_ld")]
    schema: Schema,
}

#[derive(Default)]
struct Schema {
    nodes: Vec<serde_json::Value>,
    crumbs: Option<serde_json::Value>,
}

fn json_ld<S: serde::Serializer>(schema: &Schema, to: S) -> Result<S::Ok, S::Error> {
    let nodes = schema.nodes.iter().chain(&schema.crumbs).cloned().collect();
    crate::render::structured::document(nodes).serialize(to)
}

impl<'a> Meta<'a> {
    pub fn new(
        config: &Config,
        kind: &'static str,
        path: &str,
        title: &'a str,
        description: &'a str,
    ) -> Self {
        Meta {
            title,
            description,
            url: config.url(path),
            permalink: config.permalink(path),
            kind,
            breadcrumbs: Vec::new(),
            schema: Schema::default(),
        }
    }

    /// Adds schema.org nodes (from `render::structured`) describing the page.
    pub fn schema(mut self, nodes: Vec<serde_json::Value>) -> Self {
        self.schema.nodes.extend(nodes);
        self
    }

    /// The trail from the home page of the page's language down to its parent; `crumbs`
    /// are site paths (`guides/`, `de/roles/`).
    pub fn crumbs(mut self, config: &Config, home: &'a str, crumbs: &[(&'a str, &str)]) -> Self {
        let home = (home, config.lang_path.as_str());
        self.breadcrumbs = std::iter::once(home)
            .chain(crumbs.iter().copied())
            .map(|(title, path)| Link {
                title,
                url: config.url(path),
            })
            .collect();
        let trail: Vec<(&str, String)> = std::iter::once(home)
            .chain(crumbs.iter().copied())
            .map(|(title, path)| (title, config.permalink(path)))
            .chain(std::iter::once((self.title, self.permalink.clone())))
            .collect();
        self.schema.crumbs = Some(crate::render::structured::breadcrumb_list(&trail));
        self
    }
}

/// A guide in listings, feeds and related lists, without its terms: `roles`, `skills` and
/// `taxonomies` hold `TagLink`s, which the renderer makes once per term and every summary
/// shares (at 100,000 guides, a copy of each in every summary was some 300 MB).
#[derive(Serialize)]
pub struct GuideSummary<'a> {
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    pub description: &'a str,
    pub date: String,
    pub date_display: String,
    pub updated: Option<String>,
    pub reading_time: usize,
}

/// Minutes to read `body`: words at 230 a minute, characters of scripts without spaces
/// at 500; at least one.
pub fn reading_time(body: &crate::markdown::Rendered) -> usize {
    crate::i18n::script::reading_minutes(body.words, body.unspaced_chars)
}

/// A date as readers of `language` write it: "January 5, 2026", "5. Januar 2026".
pub fn display_date(date: jiff::civil::Date, language: &str) -> String {
    crate::i18n::format::long_date(date, language)
}

impl<'a> GuideSummary<'a> {
    pub fn new(site: &'a Site, g: &'a Guide) -> Self {
        let path = g.path();
        GuideSummary {
            title: &g.title,
            url: site.config.url(&path),
            permalink: site.config.permalink(&path),
            description: g.description.as_deref().unwrap_or(&g.body.summary),
            date: g.date.to_string(),
            date_display: display_date(g.date, &site.config.language),
            updated: g.updated.map(|d| d.to_string()),
            reading_time: reading_time(&g.body),
        }
    }
}

#[derive(Serialize)]
pub struct TocEntry<'a> {
    pub level: u8,
    pub id: &'a str,
    pub title: &'a str,
    pub children: Vec<TocEntry<'a>>,
}

/// `##` headings with their `###` children; other levels are left out of the contents.
pub fn toc(headings: &[Heading]) -> Vec<TocEntry<'_>> {
    let mut out: Vec<TocEntry> = Vec::new();
    for h in headings {
        let entry = TocEntry {
            level: h.level,
            id: &h.id,
            title: &h.title,
            children: Vec::new(),
        };
        match h.level {
            2 => out.push(entry),
            3 => match out.last_mut() {
                Some(parent) => parent.children.push(entry),
                None => out.push(entry),
            },
            _ => {}
        }
    }
    out
}

#[derive(Serialize)]
pub struct FaqView<'a> {
    pub q: &'a str,
    pub a_html: &'a str,
}

#[derive(Serialize)]
pub struct RelatedView {
    pub shared_roles: usize,
    pub shared_skills: usize,
}

#[derive(Serialize)]
pub struct GuideView<'a> {
    pub content: std::borrow::Cow<'a, str>,
    pub toc: Vec<TocEntry<'a>>,
    pub word_count: usize,
    pub faq: Vec<FaqView<'a>>,
    pub takeaways: &'a [String],
    pub compare: Option<Comparison<'a>>,
    pub extra: &'a serde_json::Value,
}

impl<'a> GuideView<'a> {
    pub fn new(site: &'a Site, g: &'a Guide) -> Self {
        GuideView {
            content: g.body.html.read(),
            toc: toc(&g.body.headings),
            word_count: g.body.words,
            faq: g
                .faq
                .iter()
                .map(|f| FaqView {
                    q: &f.question,
                    a_html: &f.answer_html,
                })
                .collect(),
            takeaways: &g.takeaways,
            compare: comparison(site, &g.compare),
            extra: &g.extra,
        }
    }
}

pub(crate) static EMPTY_MAP: std::sync::LazyLock<serde_json::Value> =
    std::sync::LazyLock::new(|| serde_json::Value::Object(Default::default()));

#[derive(Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub url: String,
    pub permalink: String,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub content: std::borrow::Cow<'a, str>,
    pub toc: Vec<TocEntry<'a>>,
    pub extra: &'a serde_json::Value,
}

impl<'a> PageView<'a> {
    pub fn new(site: &'a Site, p: &'a Page) -> Self {
        let path = p.url_path();
        PageView {
            title: &p.title,
            description: p.description.as_deref(),
            url: site.config.url(&path),
            permalink: site.config.permalink(&path),
            date: p.date.map(|d| d.to_string()),
            updated: p.updated.map(|d| d.to_string()),
            content: p.body.html.read(),
            toc: toc(&p.body.headings),
            extra: &p.extra,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_by_language() {
        assert_eq!(money(133080, "USD", "en"), "$133,080");
        assert_eq!(money(52000, "EUR", "de"), "52.000\u{a0}€");
        assert_eq!(money(999, "GBP", "en-GB"), "£999");
        assert_eq!(money(1234567, "CHF", "en"), "CHF 1,234,567");
    }

    #[test]
    fn toc_nests_h3_under_h2() {
        let hs = [
            Heading {
                level: 2,
                id: "a".into(),
                title: "A".into(),
            },
            Heading {
                level: 3,
                id: "b".into(),
                title: "B".into(),
            },
            Heading {
                level: 4,
                id: "c".into(),
                title: "C".into(),
            },
            Heading {
                level: 2,
                id: "d".into(),
                title: "D".into(),
            },
        ];
        let t = toc(&hs);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].children[0].id, "b");
    }

    #[test]
    fn reading_time_rounds_up() {
        let body = |words, unspaced_chars| crate::markdown::Rendered {
            words,
            unspaced_chars,
            ..Default::default()
        };
        assert_eq!(reading_time(&body(0, 0)), 1);
        assert_eq!(reading_time(&body(231, 0)), 2);
        assert_eq!(
            reading_time(&body(3400, 3400)),
            7,
            "3,400 Chinese characters"
        );
    }
}
