//! A role's salary page for one area (`/roles/<role>/salary/<area>/`): the area's
//! percentiles as a chart and in words, employment, the national figures beside them, the
//! source with its period, and links back to the role and on to the neighbouring areas.
//! Which pages exist is decided when the site is linked (`SiteData::salary_pages`).

use serde::Serialize;

use super::views::{Link, Meta, TagLink, WagesView, area_kind_name, role_link};
use super::{Prepared, Renderer, Vars, salary_chart, structured};
use crate::config::Config;
use crate::datasets::{Cited, Figure, SalaryPage, Wages};
use crate::model::{Salary, Site};

#[derive(Serialize)]
struct SalaryPageView<'a> {
    role: TagLink<'a>,
    area: &'a str,
    /// `state`, `territory`, `metro`, `nonmetro` or `other`.
    area_kind: &'static str,
    /// The role's occupations with figures here, each beside its national figures.
    occupations: Vec<AreaFigures<'a>>,
    /// The role's salary pages for the areas before and after this one, by name.
    previous: Option<Link<'a>>,
    next: Option<Link<'a>>,
    /// The role page's list of every area with a salary page.
    areas_url: String,
}

#[derive(Serialize)]
struct AreaFigures<'a> {
    code: &'a str,
    title: Option<&'a str>,
    here: WagesView<'a>,
    national: Option<WagesView<'a>>,
    /// `year` where the area's pay is published yearly, else `hour`.
    per: &'static str,
    /// Each published percentile here, with the national figure for the same period.
    rows: Vec<ComparedRow>,
    /// The 10th to 90th percentile of yearly pay, with the median, as an inline SVG.
    chart_svg: Option<String>,
}

#[derive(Serialize)]
struct ComparedRow {
    label: &'static str,
    here: String,
    national: Option<String>,
}

impl<'a> AreaFigures<'a> {
    fn new(
        here: Cited<'a, Wages>,
        national: Option<Cited<'a, Wages>>,
        c: &Config,
        title: &str,
    ) -> Self {
        let language = &c.language;
        let here_view = WagesView::new(here, language);
        let national = national.map(|n| WagesView::new(n, language));
        let yearly = !here_view.annual.is_empty();
        let pick = |r: &super::views::PercentileRow| {
            if yearly {
                r.annual.clone()
            } else {
                r.hourly.clone()
            }
        };
        let rows = here_view
            .rows
            .iter()
            .filter_map(|r| {
                let national = national
                    .as_ref()
                    .and_then(|n| n.rows.iter().find(|m| m.label == r.label))
                    .and_then(pick);
                Some(ComparedRow {
                    label: r.label,
                    here: pick(r)?,
                    national,
                })
            })
            .collect();
        AreaFigures {
            code: &here.row.occupation,
            title: here.row.occupation_title.as_deref(),
            per: if yearly { "year" } else { "hour" },
            rows,
            chart_svg: chart(here.row, &here.source.period, language, title),
            here: here_view,
            national,
        }
    }
}

/// The links from a role page to its salary pages.
pub fn area_links<'a>(site: &'a Site, role: &str) -> Vec<Link<'a>> {
    site.datasets
        .pages_of(role)
        .iter()
        .map(|p| area_link(&site.config, p))
        .collect()
}

fn area_link<'a>(c: &Config, p: &'a SalaryPage) -> Link<'a> {
    Link {
        title: &p.area.title,
        url: c.url(&p.url_path()),
    }
}

/// The rows of the role's occupations for the page's area, by the role's `soc` order.
pub fn rows_of<'a>(
    site: &'a Site,
    page: &SalaryPage,
) -> Vec<(Cited<'a, Wages>, Option<Cited<'a, Wages>>)> {
    let Some(facts) = site
        .roles
        .terms
        .get(&page.role)
        .and_then(|r| r.role_facts())
    else {
        return Vec::new();
    };
    facts
        .soc
        .iter()
        .filter_map(|code| site.datasets.occupation(code))
        .filter_map(|o| {
            let here = o.areas.iter().find(|c| c.row.area.code == page.area.code)?;
            Some((*here, o.national))
        })
        .collect()
}

impl Renderer<'_> {
    pub(super) fn salary_page(&self, mut ctx: Vars, i: usize) -> Prepared {
        let site = self.site;
        let c = &site.config;
        let page = &site.datasets.salary_pages[i];
        let siblings = site.datasets.pages_of(&page.role);
        let at = siblings
            .iter()
            .position(|p| p.path == page.path)
            .unwrap_or(0);
        let rows = rows_of(site, page);
        let occupations: Vec<AreaFigures> = rows
            .iter()
            .map(|(here, national)| AreaFigures::new(*here, *national, c, &page.title))
            .collect();
        let role = role_link(site, &page.role);
        let description = describe(page, occupations.first());
        let role_path = site.roles.term_path(&page.role);
        let meta = Meta::new(c, "salary", &page.url_path(), &page.title, &description)
            .crumbs(
                c,
                &self.words.home,
                &[
                    (&self.words.roles, &site.roles.path()),
                    (role.title, &role_path),
                ],
            )
            .schema(vec![structured::salary_page(site, page, &rows)]);
        ctx.insert("meta", &meta);
        ctx.insert(
            "salary_page",
            &SalaryPageView {
                areas_url: format!("{}#role-salary-areas", role.url),
                role,
                area: &page.area.title,
                area_kind: area_kind_name(page.area.kind),
                occupations,
                previous: at.checked_sub(1).map(|k| area_link(c, &siblings[k])),
                next: siblings.get(at + 1).map(|p| area_link(c, p)),
            },
        );
        let source = site
            .roles
            .terms
            .get(&page.role)
            .and_then(|r| r.profile.as_ref());
        Prepared::template("role-salary.html", ctx, source.map(|p| p.source.as_path()))
    }
}

/// "The median pay of software developers in California is $173,780 a year (May 2024)."
fn describe(page: &SalaryPage, first: Option<&AreaFigures>) -> String {
    let median = first.and_then(|f| Some((f.here.median_display.as_deref()?, f)));
    match median {
        Some((m, f)) => {
            let per = if f.here.annual.is_empty() {
                "an hour"
            } else {
                "a year"
            };
            format!(
                "{}: the median is {m} {per}, with the 10th to 90th percentiles and employment ({}, {}).",
                page.title, f.here.source.name, f.here.source.period
            )
        }
        None => format!("{}: employment and pay from public data.", page.title),
    }
}

/// The yearly 10th, 50th and 90th percentiles drawn as a range, where all three are
/// published exactly (a top-coded 90th percentile has no end to draw).
fn chart(w: &Wages, period: &str, language: &str, title: &str) -> Option<String> {
    let exact = |f: Figure| match f {
        Figure::Value(v) => Some(v),
        _ => None,
    };
    let salary = Salary {
        currency: w.currency.clone(),
        low: exact(w.annual.p10)?,
        median: exact(w.annual.median)?,
        high: exact(w.annual.p90)?,
        period: "year".into(),
        source: String::new(),
        year: period
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|y| y.parse().ok())
            .next_back()
            .unwrap_or(0),
    };
    Some(salary_chart::salary_chart_svg(&salary, language, title))
}
