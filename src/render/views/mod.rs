//! What templates see: typed views borrowed from the model, documented in the README's
//! theme reference. Nothing here is computed that the model does not already know, beyond
//! presentation (URLs, display dates, formatted salaries).

mod terms;

use std::collections::BTreeMap;

use serde::Serialize;
pub use terms::{TaxonomyLink, TermView, guide_terms, taxonomy_links, term_link, term_summary};

use crate::config::Config;
use crate::markdown::Heading;
use crate::model::{Guide, Page, Role, Salary, Site, Skill};

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
            role_count: site.roles.len(),
            skill_count: site.skills.len(),
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

    pub fn crumbs(mut self, config: &Config, crumbs: &[(&'a str, &str)]) -> Self {
        self.breadcrumbs = std::iter::once(("Home", ""))
            .chain(crumbs.iter().copied())
            .map(|(title, path)| Link {
                title,
                url: config.url(path),
            })
            .collect();
        let trail: Vec<(&str, String)> = std::iter::once(("Home", ""))
            .chain(crumbs.iter().copied())
            .map(|(title, path)| (title, config.permalink(path)))
            .chain(std::iter::once((self.title, self.permalink.clone())))
            .collect();
        self.schema.crumbs = Some(crate::render::structured::breadcrumb_list(&trail));
        self
    }
}

#[derive(Serialize, Clone)]
pub struct TagLink<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
}

pub fn role_link<'a>(site: &'a Site, slug: &'a str) -> TagLink<'a> {
    let title = site
        .roles
        .get(slug)
        .map(|r| r.title.as_str())
        .unwrap_or(slug);
    TagLink {
        slug,
        title,
        url: site.config.url(&format!("roles/{slug}/")),
    }
}

pub fn skill_link<'a>(site: &'a Site, slug: &'a str) -> TagLink<'a> {
    let title = site
        .skills
        .get(slug)
        .map(|s| s.title.as_str())
        .unwrap_or(slug);
    TagLink {
        slug,
        title,
        url: site.config.url(&format!("skills/{slug}/")),
    }
}

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
    pub roles: Vec<TagLink<'a>>,
    pub skills: Vec<TagLink<'a>>,
    /// Terms of each declared taxonomy, by its name.
    pub taxonomies: BTreeMap<&'a str, Vec<TagLink<'a>>>,
}

/// Minutes to read at 230 words a minute, at least one.
pub fn reading_time(words: usize) -> usize {
    words.div_ceil(230).max(1)
}

pub fn display_date(date: jiff::civil::Date) -> String {
    jiff::fmt::strtime::format("%B %-d, %Y", date).unwrap_or_else(|_| date.to_string())
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
            date_display: display_date(g.date),
            updated: g.updated.map(|d| d.to_string()),
            reading_time: reading_time(g.body.words),
            roles: g.roles.iter().map(|r| role_link(site, r)).collect(),
            skills: g.skills.iter().map(|s| skill_link(site, s)).collect(),
            taxonomies: guide_terms(site, g),
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
pub struct SalaryView<'a> {
    pub currency: &'a str,
    pub low: u64,
    pub median: u64,
    pub high: u64,
    pub period: &'a str,
    pub source: &'a str,
    pub year: i32,
    pub low_display: String,
    pub median_display: String,
    pub high_display: String,
}

impl<'a> SalaryView<'a> {
    pub fn new(s: &'a Salary, language: &str) -> Self {
        SalaryView {
            currency: &s.currency,
            low: s.low,
            median: s.median,
            high: s.high,
            period: &s.period,
            source: &s.source,
            year: s.year,
            low_display: money(s.low, &s.currency, language),
            median_display: money(s.median, &s.currency, language),
            high_display: money(s.high, &s.currency, language),
        }
    }
}

/// Formats whole currency amounts the way readers of `language` expect.
pub fn money(amount: u64, currency: &str, language: &str) -> String {
    let lang = language
        .split(['-', '_'])
        .next()
        .unwrap_or("en")
        .to_ascii_lowercase();
    let (group, symbol_after) = match lang.as_str() {
        "de" | "es" | "it" | "nl" | "pt" | "da" | "id" | "tr" => (".", true),
        "fr" | "sv" | "nb" | "no" | "fi" | "pl" | "cs" | "ru" | "uk" => ("\u{202f}", true),
        _ => (",", false),
    };
    let digits = amount.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push_str(group);
        }
        grouped.push(ch);
    }
    let symbol = match currency.to_ascii_uppercase().as_str() {
        "USD" if lang == "en" => "$".to_string(),
        "USD" => "US$".to_string(),
        "EUR" => "€".to_string(),
        "GBP" => "£".to_string(),
        "JPY" => "¥".to_string(),
        "INR" => "₹".to_string(),
        other => format!("{other} "),
    };
    if symbol_after {
        format!("{grouped}\u{a0}{}", symbol.trim())
    } else {
        format!("{symbol}{grouped}")
    }
}

#[derive(Serialize)]
pub struct ComparedRole<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub summary: Option<&'a str>,
    pub education: Option<&'a str>,
    pub salary: Option<SalaryView<'a>>,
    pub skills: Vec<TagLink<'a>>,
    pub own_skills: Vec<TagLink<'a>>,
    pub next_roles: Vec<TagLink<'a>>,
    pub guide_count: usize,
    /// For each other compared role: the skills to add to move from it to this one.
    pub gaps_from: Vec<SkillGap<'a>>,
}

/// A move between two roles and the core skills it asks for that the first role lacks.
#[derive(Serialize)]
pub struct SkillGap<'a> {
    /// The other role: where the move goes (role pages) or comes from (comparisons).
    pub role: TagLink<'a>,
    /// Whether the other role has a profile; without one its skills are unknown.
    pub known: bool,
    pub skills: Vec<TagLink<'a>>,
}

fn core_skills(role: &Role) -> &[String] {
    role.profile
        .as_ref()
        .map(|p| p.skills.as_slice())
        .unwrap_or(&[])
}

/// The core skills of `to` that `from` does not list, in `to`'s order.
pub fn skills_to_add<'a>(site: &'a Site, from: &Role, to: &'a Role) -> Vec<TagLink<'a>> {
    let have = core_skills(from);
    core_skills(to)
        .iter()
        .filter(|s| !have.contains(s))
        .map(|s| skill_link(site, s))
        .collect()
}

fn gap<'a>(site: &'a Site, from: &Role, to: &'a Role, other: &'a Role) -> SkillGap<'a> {
    SkillGap {
        role: role_link(site, &other.slug),
        known: other.profile.is_some(),
        skills: skills_to_add(site, from, to),
    }
}

#[derive(Serialize)]
pub struct Comparison<'a> {
    pub roles: Vec<ComparedRole<'a>>,
    pub shared_skills: Vec<TagLink<'a>>,
    /// The compared roles' salary ranges on one scale, or none when none has a salary.
    pub salary_chart_svg: Option<String>,
}

pub fn comparison<'a>(site: &'a Site, slugs: &'a [String]) -> Option<Comparison<'a>> {
    if slugs.is_empty() {
        return None;
    }
    let roles: Vec<&Role> = slugs.iter().filter_map(|s| site.roles.get(s)).collect();
    let skills_of = core_skills;
    let shared: Vec<&String> = roles
        .first()
        .map(|first| {
            skills_of(first)
                .iter()
                .filter(|s| roles.iter().all(|r| skills_of(r).contains(s)))
                .collect()
        })
        .unwrap_or_default();
    let compared = roles
        .iter()
        .map(|r| {
            let p = r.profile.as_ref();
            let own = skills_of(r)
                .iter()
                .filter(|s| {
                    roles
                        .iter()
                        .filter(|o| o.slug != r.slug)
                        .all(|o| !skills_of(o).contains(s))
                })
                .map(|s| skill_link(site, s))
                .collect();
            ComparedRole {
                slug: &r.slug,
                title: &r.title,
                url: site.config.url(&format!("roles/{}/", r.slug)),
                summary: p.and_then(|p| p.summary.as_deref()),
                education: p.and_then(|p| p.education.as_deref()),
                salary: p
                    .and_then(|p| p.salary.as_ref())
                    .map(|s| SalaryView::new(s, &site.config.language)),
                skills: skills_of(r).iter().map(|s| skill_link(site, s)).collect(),
                own_skills: own,
                next_roles: p
                    .map(|p| p.next_roles.iter().map(|n| role_link(site, n)).collect())
                    .unwrap_or_default(),
                guide_count: r.guides.len(),
                gaps_from: roles
                    .iter()
                    .filter(|o| o.slug != r.slug)
                    .map(|o| gap(site, o, r, o))
                    .collect(),
            }
        })
        .collect();
    let salaries: Vec<(&str, &Salary)> = roles
        .iter()
        .filter_map(|r| Some((r.title.as_str(), r.profile.as_ref()?.salary.as_ref()?)))
        .collect();
    let salary_chart_svg = (!salaries.is_empty()).then(|| {
        crate::render::salary_chart::salary_comparison_svg(&salaries, &site.config.language)
    });
    Some(Comparison {
        salary_chart_svg,
        roles: compared,
        shared_skills: shared.into_iter().map(|s| skill_link(site, s)).collect(),
    })
}

/// A guide page's own fields. The renderer adds the guide's summary fields beside them
/// and its related guides, from values it makes once per guide.
#[derive(Serialize)]
pub struct GuideView<'a> {
    pub content: &'a str,
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
            content: &g.body.html,
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

#[derive(Serialize)]
pub struct TagSummary<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub summary: Option<&'a str>,
    pub guide_count: usize,
    pub has_profile: bool,
}

pub fn role_summary<'a>(site: &'a Site, r: &'a Role) -> TagSummary<'a> {
    TagSummary {
        slug: &r.slug,
        title: &r.title,
        url: site.config.url(&format!("roles/{}/", r.slug)),
        summary: r.profile.as_ref().and_then(|p| p.summary.as_deref()),
        guide_count: r.guides.len(),
        has_profile: r.profile.is_some(),
    }
}

pub fn skill_summary<'a>(site: &'a Site, s: &'a Skill) -> TagSummary<'a> {
    TagSummary {
        slug: &s.slug,
        title: &s.title,
        url: site.config.url(&format!("skills/{}/", s.slug)),
        summary: s.profile.as_ref().and_then(|p| p.summary.as_deref()),
        guide_count: s.guides.len(),
        has_profile: s.profile.is_some(),
    }
}

#[derive(Serialize)]
pub struct RelatedRole<'a> {
    #[serde(flatten)]
    pub link: TagLink<'a>,
    pub shared_guides: usize,
}

#[derive(Serialize)]
pub struct RoleView<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    pub summary: Option<&'a str>,
    pub content: &'a str,
    pub has_profile: bool,
    pub aliases: &'a [String],
    pub education: Option<&'a str>,
    pub salary: Option<SalaryView<'a>>,
    pub skills: Vec<TagLink<'a>>,
    pub previous_roles: Vec<TagLink<'a>>,
    pub next_roles: Vec<TagLink<'a>>,
    /// Each next role with the core skills this role lacks.
    pub next_steps: Vec<SkillGap<'a>>,
    pub related_roles: Vec<RelatedRole<'a>>,
    pub extra: &'a serde_json::Value,
    /// Previous roles -> this role -> next roles as an inline SVG, or none.
    pub neighbourhood_svg: Option<String>,
    /// The salary range as an inline SVG, or none.
    pub salary_chart_svg: Option<String>,
}

pub(crate) static EMPTY_MAP: std::sync::LazyLock<serde_json::Value> =
    std::sync::LazyLock::new(|| serde_json::Value::Object(Default::default()));

impl<'a> RoleView<'a> {
    pub fn new(site: &'a Site, r: &'a Role) -> Self {
        let p = r.profile.as_ref();
        let path = format!("roles/{}/", r.slug);
        RoleView {
            slug: &r.slug,
            title: &r.title,
            url: site.config.url(&path),
            permalink: site.config.permalink(&path),
            summary: p.and_then(|p| p.summary.as_deref()),
            content: p.map(|p| p.body.html.as_str()).unwrap_or(""),
            has_profile: p.is_some(),
            aliases: p.map(|p| p.aliases.as_slice()).unwrap_or(&[]),
            education: p.and_then(|p| p.education.as_deref()),
            salary: p
                .and_then(|p| p.salary.as_ref())
                .map(|s| SalaryView::new(s, &site.config.language)),
            skills: p
                .map(|p| p.skills.iter().map(|s| skill_link(site, s)).collect())
                .unwrap_or_default(),
            previous_roles: p
                .map(|p| {
                    p.previous_roles
                        .iter()
                        .map(|s| role_link(site, s))
                        .collect()
                })
                .unwrap_or_default(),
            next_roles: p
                .map(|p| p.next_roles.iter().map(|s| role_link(site, s)).collect())
                .unwrap_or_default(),
            next_steps: p
                .map(|p| {
                    p.next_roles
                        .iter()
                        .filter_map(|n| site.roles.get(n))
                        .map(|next| gap(site, r, next, next))
                        .collect()
                })
                .unwrap_or_default(),
            related_roles: r
                .related_roles
                .iter()
                .map(|(s, n)| RelatedRole {
                    link: role_link(site, s),
                    shared_guides: *n,
                })
                .collect(),
            extra: p.map(|p| &p.extra).unwrap_or(&EMPTY_MAP),
            neighbourhood_svg: crate::render::career_map::neighbourhood_svg(site, &r.slug),
            salary_chart_svg: p.and_then(|p| p.salary.as_ref()).map(|s| {
                crate::render::salary_chart::salary_chart_svg(
                    s,
                    &site.config.language,
                    &format!("{} salary range", r.title),
                )
            }),
        }
    }
}

#[derive(Serialize)]
pub struct SkillView<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    pub summary: Option<&'a str>,
    pub category: Option<&'a str>,
    pub content: &'a str,
    pub has_profile: bool,
    pub aliases: &'a [String],
    pub roles: Vec<TagLink<'a>>,
    pub extra: &'a serde_json::Value,
}

impl<'a> SkillView<'a> {
    pub fn new(site: &'a Site, s: &'a Skill) -> Self {
        let p = s.profile.as_ref();
        let path = format!("skills/{}/", s.slug);
        SkillView {
            slug: &s.slug,
            title: &s.title,
            url: site.config.url(&path),
            permalink: site.config.permalink(&path),
            summary: p.and_then(|p| p.summary.as_deref()),
            category: p.and_then(|p| p.category.as_deref()),
            content: p.map(|p| p.body.html.as_str()).unwrap_or(""),
            has_profile: p.is_some(),
            aliases: p.map(|p| p.aliases.as_slice()).unwrap_or(&[]),
            roles: s.roles.iter().map(|r| role_link(site, r)).collect(),
            extra: p.map(|p| &p.extra).unwrap_or(&EMPTY_MAP),
        }
    }
}

#[derive(Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub url: String,
    pub permalink: String,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub content: &'a str,
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
            content: &p.body.html,
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
        assert_eq!(reading_time(0), 1);
        assert_eq!(reading_time(231), 2);
    }
}
