//! The datasets as the model carries them: the index of figures, and the salary pages the
//! site makes from it (one per role and area, when site.toml asks for `salary_pages`).
//! Worked out once when the site is linked, so rendering, the sitemap and the search index
//! all list the same pages.

use std::sync::Arc;

use super::{Area, AreaKind, Index};

/// Which areas get a salary page, from `salary_pages` in site.toml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AreaChoice {
    /// States and territories (OEWS area types 2 and 3).
    States,
    /// Metropolitan areas (type 4).
    Metros,
    /// Nonmetropolitan areas (type 6).
    NonMetros,
    /// The areas of `simple` datasets: countries, regions, cities.
    Other,
}

impl AreaChoice {
    pub const NAMES: [&'static str; 4] = ["states", "metros", "nonmetros", "other"];

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "states" => Some(AreaChoice::States),
            "metros" => Some(AreaChoice::Metros),
            "nonmetros" => Some(AreaChoice::NonMetros),
            "other" => Some(AreaChoice::Other),
            _ => None,
        }
    }

    pub fn takes(self, kind: AreaKind) -> bool {
        matches!(
            (self, kind),
            (AreaChoice::States, AreaKind::State | AreaKind::Territory)
                | (AreaChoice::Metros, AreaKind::Metro)
                | (AreaChoice::NonMetros, AreaKind::NonMetro)
                | (AreaChoice::Other, AreaKind::Other)
        )
    }
}

/// One role's salary page for one area: `/roles/<role>/salary/<area-slug>/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalaryPage {
    pub role: String,
    pub area: Area,
    pub area_slug: String,
    /// `roles/<role>/salary/<area-slug>`, with no slash at either end.
    pub path: String,
    /// "Software Developer pay in California".
    pub title: String,
}

impl SalaryPage {
    /// The page's folder under the output: `roles/x/salary/california/`.
    pub fn url_path(&self) -> String {
        format!("{}/", self.path)
    }
}

/// The site's datasets and the salary pages made from them, sorted by role then area slug.
#[derive(Debug, Clone, Default)]
pub struct SiteData {
    pub index: Arc<Index>,
    pub salary_pages: Vec<SalaryPage>,
}

impl SiteData {
    /// The salary pages of one role, by area slug.
    pub fn pages_of(&self, role: &str) -> &[SalaryPage] {
        let start = self
            .salary_pages
            .partition_point(|p| p.role.as_str() < role);
        let end = self
            .salary_pages
            .partition_point(|p| p.role.as_str() <= role);
        &self.salary_pages[start..end]
    }
}

impl std::ops::Deref for SiteData {
    type Target = Index;

    fn deref(&self) -> &Index {
        &self.index
    }
}
