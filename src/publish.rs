//! Publish dates: a guide or page with a `publish_date` still to come, or an
//! `expiry_date` that has come, is left out of the site (every page, listing, feed,
//! sitemap, search entry, term count and related list) unless the build is asked for
//! future or expired content. The decision is made when the site is linked, with the
//! day's date: a scheduled page appears on the first build on or after its date.

use std::path::PathBuf;

use jiff::civil::Date;

/// Which content a build includes beyond what is published today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    /// `--future`: content whose `publish_date` is still to come.
    pub future: bool,
    /// `--expired`: content whose `expiry_date` has passed.
    pub expired: bool,
}

/// Why a file is not built today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unpublished {
    /// Published from this day.
    Future(Date),
    /// Expired on this day.
    Expired(Date),
}

/// A file left out of the build, where it would be published, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub source: PathBuf,
    /// Its site path: `guides/launch/`.
    pub path: String,
    pub why: Unpublished,
}

/// Today's date where the build runs.
pub fn today() -> Date {
    jiff::Zoned::now().date()
}

impl Window {
    /// Whether content with these dates is built `today`; `None` when it is.
    pub fn left_out(
        &self,
        publish: Option<Date>,
        expiry: Option<Date>,
        today: Date,
    ) -> Option<Unpublished> {
        if let Some(p) = publish.filter(|p| *p > today && !self.future) {
            return Some(Unpublished::Future(p));
        }
        expiry
            .filter(|e| *e <= today && !self.expired)
            .map(Unpublished::Expired)
    }
}

/// The line `build` and `serve` print when content was left out, none when nothing was.
pub fn summary(left_out: &[LeftOut]) -> Option<String> {
    if left_out.is_empty() {
        return None;
    }
    let future = left_out
        .iter()
        .filter(|l| matches!(l.why, Unpublished::Future(_)))
        .count();
    let expired = left_out.len() - future;
    let mut parts = Vec::new();
    if future > 0 {
        parts.push(format!(
            "{} not yet published (--future includes them)",
            crate::text::count(future, "page")
        ));
    }
    if expired > 0 {
        parts.push(format!(
            "{} expired (--expired includes them)",
            crate::text::count(expired, "page")
        ));
    }
    Some(format!("left out {}", parts.join(" and ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn future_and_expired_content_is_left_out_unless_asked_for() {
        let today = Date::constant(2026, 6, 1);
        let (may, july) = (Date::constant(2026, 5, 1), Date::constant(2026, 7, 1));
        let w = Window::default();
        assert_eq!(w.left_out(Some(may), None, today), None);
        assert_eq!(w.left_out(Some(today), None, today), None);
        assert_eq!(
            w.left_out(Some(july), None, today),
            Some(Unpublished::Future(july))
        );
        assert_eq!(w.left_out(None, Some(july), today), None);
        assert_eq!(
            w.left_out(None, Some(today), today),
            Some(Unpublished::Expired(today))
        );
        let all = Window {
            future: true,
            expired: true,
        };
        assert_eq!(all.left_out(Some(july), Some(may), today), None);
    }
}
