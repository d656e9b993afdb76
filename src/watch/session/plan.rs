//! The rebuild plan: a pure function from what the changed paths turned out to be (and a
//! changed guide's front matter before and after) to what a rebuild must redo. Table-tested
//! without files or sockets.

use crate::parse::GuideFront;

/// What one changed path turned out to be, after the session re-read it.
#[derive(Debug, Clone, Copy)]
pub enum Seen<'a> {
    Config,
    /// A data file or dataset under `data/`.
    Data,
    /// A whole source folder (`content/`, `templates/`, `static/`, `data/`, a theme) came,
    /// went or was replaced: everything is read again.
    Root,
    Template,
    Static {
        css: bool,
    },
    /// A folder under `content/`, or a path that is not a single Markdown file.
    ContentFolder,
    /// A Markdown file under `content/`: a guide's front matter (its text and parsed form)
    /// before and after the change, when it was and is a guide that parsed.
    ContentFile {
        before: Option<(&'a str, &'a GuideFront)>,
        after: Option<(&'a str, &'a GuideFront)>,
    },
}

/// Which fast path a rebuild can take: patch the last good model instead of linking anew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Patch {
    /// Guides' bodies changed, their front matter did not.
    Bodies,
    /// Guides' terms (of any taxonomy) changed too, and nothing else in their front matter.
    Tags,
}

/// What a rebuild redoes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// Parse `site.toml` again; every rendered body may change (raw_html, base_url).
    pub config: bool,
    /// Load the templates and static files again.
    pub theme: bool,
    /// Walk `content/` again: a folder changed.
    pub rescan: bool,
    /// Read the data files and datasets again.
    pub data: bool,
    /// The fast path, when every change allows one.
    pub patch: Option<Patch>,
    /// Only stylesheets changed: browsers can swap them without reloading.
    pub css_only: bool,
}

impl Plan {
    /// Whether rendered bodies of unchanged files may be reused.
    pub fn trust_cache(&self) -> bool {
        !(self.config || self.rescan)
    }
}

pub fn plan(seen: &[Seen]) -> Plan {
    let (mut config, mut theme, mut rescan, mut data) = (false, false, false, false);
    let (mut body_only, mut tags_only, mut css_only) = (true, true, true);
    for s in seen {
        if !matches!(s, Seen::Static { css: true }) {
            css_only = false;
        }
        match *s {
            Seen::Config => config = true,
            // Bodies that read a data file record its version and are rendered again when it
            // changes; pages, when their template can read it (the theme's `data_print`).
            Seen::Data => data = true,
            Seen::Root => {
                (config, rescan) = (true, true);
                (body_only, tags_only) = (false, false);
            }
            Seen::Template | Seen::Static { .. } => theme = true,
            Seen::ContentFolder => {
                rescan = true;
                (body_only, tags_only) = (false, false);
            }
            Seen::ContentFile { before, after } => match (before, after) {
                (Some((old, _)), Some((new, _))) if old == new => {}
                (Some((_, old)), Some((_, new))) if differ_only_in_tags(old, new) => {
                    body_only = false
                }
                _ => (body_only, tags_only) = (false, false),
            },
        }
    }
    // A new config may change the theme's folder, base_url and every template value.
    theme |= config;
    // Datasets and data files come with the settings.
    data |= config;
    let quick = !config && !theme && !rescan && !data && !seen.is_empty();
    let patch = match (body_only, tags_only) {
        _ if !quick => None,
        (true, _) => Some(Patch::Bodies),
        (false, true) => Some(Patch::Tags),
        _ => None,
    };
    Plan {
        config,
        theme,
        rescan,
        data,
        patch,
        css_only: css_only && !seen.is_empty(),
    }
}

/// Whether two versions of a guide's front matter differ in nothing but their terms, of
/// roles, skills or declared taxonomies (as written: the lines they sit on may move). Every field is named, so a field
/// added to `GuideFront` does not compile here until someone decides what it means.
pub fn differ_only_in_tags(a: &GuideFront, b: &GuideFront) -> bool {
    let GuideFront {
        title,
        description,
        date,
        updated,
        roles: _,
        skills: _,
        slug,
        draft,
        compare,
        faq,
        takeaways,
        template,
        extra,
        aliases,
        publish_date,
        expiry_date,
        other,
    } = a;
    let names = |v: &[(String, usize)]| v.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>();
    *title == b.title
        && *description == b.description
        && *date == b.date
        && *updated == b.updated
        && *slug == b.slug
        && *draft == b.draft
        && names(compare) == names(&b.compare)
        && faq.len() == b.faq.len()
        && faq
            .iter()
            .zip(&b.faq)
            .all(|(x, y)| x.q == y.q && x.a == y.a)
        && *takeaways == b.takeaways
        && *template == b.template
        && *extra == b.extra
        && names(aliases) == names(&b.aliases)
        // Whether the guide is published is decided when the site is linked.
        && *publish_date == b.publish_date
        && *expiry_date == b.expiry_date
        // Declared taxonomies' terms may change (re-tagging handles every taxonomy), the
        // keys written may not: a key that comes or goes may be one in error.
        && others(other) == others(&b.other)
}

/// Other keys' names, and whether each holds a list (of terms), without the terms.
fn others(v: &[crate::parse::OtherKey]) -> Vec<(&str, bool)> {
    v.iter()
        .map(|o| (o.key.as_str(), o.terms.is_some()))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::parse::{Doc, Kind, parse_doc};

    fn guide(front: &str) -> (String, GuideFront) {
        let text = format!("---\n{front}\n---\nBody.\n");
        let rel = Path::new("guides/a.md");
        match parse_doc(Kind::Guide, rel, &Path::new("content").join(rel), &text) {
            Ok(Doc::Guide(g)) => (g.front_matter, g.front),
            other => panic!("not a guide: {other:?}"),
        }
    }

    const BASE: &str =
        "title: A\ndate: 2024-01-01\nroles: [developer]\nskills: [sql]\nindustries: [fintech]";

    #[test]
    fn plans_by_what_changed() {
        let (base_text, base) = guide(BASE);
        let (retag_text, retag) = guide(&BASE.replace("[sql]", "[sql, go]"));
        let (retitle_text, retitle) = guide(&BASE.replace("title: A", "title: B"));
        let (extra_text, extra) = guide(&format!("{BASE}\nextra:\n  level: 2"));
        let (terms_text, terms) = guide(&BASE.replace("[fintech]", "[fintech, retail]"));
        let (key_text, key) = guide(&format!("{BASE}\nseniority: [senior]"));
        let declared = Seen::ContentFile {
            before: Some((&base_text, &base)),
            after: Some((&terms_text, &terms)),
        };
        let new_key = Seen::ContentFile {
            before: Some((&base_text, &base)),
            after: Some((&key_text, &key)),
        };
        let same = Seen::ContentFile {
            before: Some((&base_text, &base)),
            after: Some((&base_text, &base)),
        };
        let tags = Seen::ContentFile {
            before: Some((&base_text, &base)),
            after: Some((&retag_text, &retag)),
        };
        let title = Seen::ContentFile {
            before: Some((&base_text, &base)),
            after: Some((&retitle_text, &retitle)),
        };
        let extra = Seen::ContentFile {
            before: Some((&base_text, &base)),
            after: Some((&extra_text, &extra)),
        };
        let new_file = Seen::ContentFile {
            before: None,
            after: Some((&base_text, &base)),
        };
        let css = Seen::Static { css: true };
        let image = Seen::Static { css: false };
        // (what changed, config, theme, rescan, data, patch, css only)
        type Row<'a> = (&'a [Seen<'a>], bool, bool, bool, bool, Option<Patch>, bool);
        let table: &[Row] = &[
            (
                &[same],
                false,
                false,
                false,
                false,
                Some(Patch::Bodies),
                false,
            ),
            (
                &[same, same],
                false,
                false,
                false,
                false,
                Some(Patch::Bodies),
                false,
            ),
            (
                &[tags],
                false,
                false,
                false,
                false,
                Some(Patch::Tags),
                false,
            ),
            (
                &[same, tags],
                false,
                false,
                false,
                false,
                Some(Patch::Tags),
                false,
            ),
            (
                &[declared],
                false,
                false,
                false,
                false,
                Some(Patch::Tags),
                false,
            ),
            (&[new_key], false, false, false, false, None, false),
            (&[title], false, false, false, false, None, false),
            (&[extra], false, false, false, false, None, false),
            (&[tags, extra], false, false, false, false, None, false),
            (&[new_file], false, false, false, false, None, false),
            (
                &[Seen::ContentFolder],
                false,
                false,
                true,
                false,
                None,
                false,
            ),
            (
                &[same, Seen::Template],
                false,
                true,
                false,
                false,
                None,
                false,
            ),
            (&[Seen::Config], true, true, false, true, None, false),
            (&[Seen::Root], true, true, true, true, None, false),
            (&[same, Seen::Root], true, true, true, true, None, false),
            (&[css], false, true, false, false, None, true),
            (&[css, image], false, true, false, false, None, false),
            (&[css, same], false, true, false, false, None, false),
            (&[Seen::Data], false, false, false, true, None, false),
            (&[same, Seen::Data], false, false, false, true, None, false),
            (&[], false, false, false, false, None, false),
        ];
        for (i, (seen, config, theme, rescan, data, patch, css_only)) in table.iter().enumerate() {
            let want = Plan {
                config: *config,
                theme: *theme,
                rescan: *rescan,
                data: *data,
                patch: *patch,
                css_only: *css_only,
            };
            assert_eq!(plan(seen), want, "row {i}");
        }
    }

    #[test]
    fn tag_lines_moving_is_still_a_tags_only_edit() {
        let (_, a) = guide(BASE);
        let (_, b) = guide(&BASE.replace("roles: [developer]", "# a comment\nroles: [developer]"));
        assert!(differ_only_in_tags(&a, &b));
    }
}
