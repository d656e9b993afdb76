//! Heading ids: stable (the slugified title), unique within the page and never one of the
//! theme's own ids, in time linear in the number of headings however many share a title.

use std::collections::{HashMap, HashSet};

/// Ids the default theme's templates (and the preview server's error overlay) put on every
/// page around the Markdown. A heading given one of them would make a second element with
/// that id, and `#main` or `#guide-faq` links would land on the heading instead, so headings
/// start with these taken (`## Main` gets `main-1`). Keep in step with `id="…"` in
/// `themes/default/templates/` and the overlay id in `serve/inject.rs`.
pub const THEME_IDS: &[&str] = &[
    "main",
    "toc-title",
    "hero-title",
    "hero-q",
    "questions-title",
    "compare-title",
    "map-title",
    "latest-title",
    "roles-title",
    "skills-title",
    "guide-takeaways",
    "guide-compare",
    "guide-faq",
    "guide-related",
    "role-path",
    "role-pay",
    "role-salary-areas",
    "fit-help",
    "fit-education",
    "fit-floor",
    "fit-roles-title",
    "role-next-steps",
    "career-map-list",
    "role-skills",
    "role-about",
    "role-guides",
    "role-related",
    "skill-about",
    "skill-roles",
    "skill-guides",
    "term-about",
    "term-guides",
    "careersite-error-overlay",
];

/// Unique heading ids: `intro`, `intro-1`, `intro-2`; `section` for headings with no letters.
pub struct IdAllocator {
    used: HashSet<String>,
    /// Per wanted id, the next suffix to try: every smaller one is taken already, so twenty
    /// thousand `## Intro` headings cost one try each rather than a count from 1 each.
    next: HashMap<String, usize>,
}

impl Default for IdAllocator {
    fn default() -> Self {
        Self {
            used: THEME_IDS.iter().map(|id| id.to_string()).collect(),
            next: HashMap::new(),
        }
    }
}

impl IdAllocator {
    pub fn allocate(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() { "section" } else { wanted };
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        let n = self.next.entry(base.to_string()).or_insert(1);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}
