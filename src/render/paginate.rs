//! Listings split into pages: `/guides/` and every term's page. Page 1 stays at the
//! listing's own URL and page `n` is at `<listing>page/<n>/` (there is no `page/1/`, so a
//! listing has one address per page). Each page is its own job, so watch mode fingerprints
//! and rewrites only the pages a change shifts.

use std::ops::Range;

use serde::Serialize;
use tera::Value;

use crate::config::Config;

/// The site path of page `n` (1-based) of the listing at `base` (`roles/sql/`).
pub(crate) fn page_path(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// How many pages `items` entries make at `per` a page: one even when there are none, so
/// the listing itself always exists.
pub(crate) fn page_count(items: usize, per: usize) -> usize {
    items.div_ceil(per.max(1)).max(1)
}

/// The positions of page `n`'s entries among `items`.
pub(crate) fn page_range(n: usize, per: usize, items: usize) -> Range<usize> {
    let first = n.saturating_sub(1).saturating_mul(per).min(items);
    first..first.saturating_add(per).min(items)
}

/// `paginator` in a listing's template, named as in Zola: `pages` holds this page's
/// guides (their summaries), `current_index` is 1-based, `number_pagers` counts the pages;
/// `first`, `last`, `previous` and `next` are URLs. `numbers` is the pager to draw.
#[derive(Serialize)]
pub(crate) struct Paginator {
    pub current_index: usize,
    pub number_pagers: usize,
    pub paginate_by: usize,
    /// Guides in the whole listing, on every page.
    pub total_guides: usize,
    pub first: String,
    pub last: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub numbers: Vec<PageNumber>,
}

#[derive(Serialize)]
pub(crate) struct PageNumber {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages are skipped between the one before and this one.
    pub gap_before: bool,
}

impl Paginator {
    /// Page `n` of the listing at `base` of `total` guides, `per` a page.
    pub fn new(c: &Config, base: &str, n: usize, per: usize, total: usize) -> Self {
        let count = page_count(total, per);
        let url = |k: usize| c.url(&page_path(base, k));
        Paginator {
            current_index: n,
            number_pagers: count,
            paginate_by: per,
            total_guides: total,
            first: url(1),
            last: url(count),
            previous: (n > 1).then(|| url(n - 1)),
            next: (n < count).then(|| url(n + 1)),
            numbers: page_window(n, count)
                .map(|(k, gap_before)| PageNumber {
                    number: k,
                    url: url(k),
                    current: k == n,
                    gap_before,
                })
                .collect(),
        }
    }
}

impl Paginator {
    /// The template value, with this page's guide summaries as `pages`. They are put in
    /// as they are, not serialized again, so pages keep sharing one value per summary.
    pub fn with_pages(&self, pages: Value) -> Value {
        super::with_field(Value::from_serializable(self), "pages", pages)
    }
}

/// Pages around `current` worth a link: the first, the last, and `PAGE_WINDOW` either side
/// of the current one, each with whether pages are skipped before it. Linking every page
/// would give each of 5,000 listing pages (100,000 guides) 5,000 links.
fn page_window(current: usize, total: usize) -> impl Iterator<Item = (usize, bool)> {
    let near = move |k: usize| k == 1 || k == total || k.abs_diff(current) <= PAGE_WINDOW;
    let mut previous = 0;
    (1..=total).filter(move |&k| near(k)).map(move |k| {
        let gap = k > previous + 1;
        previous = k;
        (k, gap)
    })
}

const PAGE_WINDOW: usize = 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_split_the_listing_and_page_one_keeps_its_url() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
        assert_eq!(page_range(2, 10, 11), 10..11);
        assert_eq!(page_range(3, 10, 11), 11..11);
        assert_eq!(page_path("roles/sql/", 1), "roles/sql/");
        assert_eq!(page_path("roles/sql/", 2), "roles/sql/page/2/");
    }

    #[test]
    fn the_window_marks_gaps() {
        let w: Vec<_> = page_window(6, 10).collect();
        assert_eq!(
            w,
            [
                (1, false),
                (4, true),
                (5, false),
                (6, false),
                (7, false),
                (8, false),
                (10, true)
            ]
        );
    }
}
