//! Parsing: one source file's text into typed front matter and a Markdown body, pure and
//! independent of every other file, so files can be parsed in parallel and one at a time.

mod aliases;
mod check;
pub mod dates;
mod guide;
mod page;
mod profile;

use crate::text::frontmatter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::Diagnostic;
use crate::scratch::{Scratch, Text};
use check::FileCheck;
pub use guide::{GUIDE_KEYS, GuideFront, OtherKey, RawFaq};
pub use page::{PAGE_ONLY_KEYS, PageFront};
pub use profile::{RoleFront, SkillFront};

/// What a file under `content/` is, from where it lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Guide,
    Role,
    Skill,
    Page,
}

/// Classifies a path relative to `content/` (`guides/a.md`); none for files that are not
/// Markdown content.
pub fn kind_of(rel: &Path) -> Option<Kind> {
    if rel.extension().and_then(|e| e.to_str()) != Some("md") {
        return None;
    }
    let mut parts = rel.components();
    let first = parts.next()?.as_os_str().to_str()?;
    let nested = rel.components().count() > 2;
    Some(match first {
        "guides" if rel.components().count() > 1 => Kind::Guide,
        "roles" if !nested && rel.components().count() == 2 => Kind::Role,
        "skills" if !nested && rel.components().count() == 2 => Kind::Skill,
        _ => Kind::Page,
    })
}

/// Front matter and body of any content file, once its keys are checked.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    /// Path relative to the site root: `content/guides/a.md`.
    pub file: PathBuf,
    pub front: T,
    /// The Markdown after the front matter: in memory, or kept in a build's scratch file
    /// until the link stage renders it (see `Doc::keep_body`).
    pub body: Text,
    pub body_line: usize,
    pub front_matter: String,
    pub front_matter_line: usize,
}

/// Any parsed content file.
#[derive(Debug, Clone)]
pub enum Doc {
    Guide(Parsed<GuideFront>),
    Role(Parsed<RoleFront>),
    Skill(Parsed<SkillFront>),
    Page(Parsed<PageFront>),
}

impl Doc {
    /// Moves the body's Markdown into `scratch`, to be read back once, when it is rendered:
    /// a large site's Markdown need not all be in memory while the site is linked.
    pub fn keep_body(&mut self, scratch: &Arc<Scratch>) {
        let body = match self {
            Doc::Guide(p) => &mut p.body,
            Doc::Role(p) => &mut p.body,
            Doc::Skill(p) => &mut p.body,
            Doc::Page(p) => &mut p.body,
        };
        if let Text::Held(text) = body {
            *body = scratch.keep(std::mem::take(text));
        }
    }

    pub fn file(&self) -> &Path {
        match self {
            Doc::Guide(p) => &p.file,
            Doc::Role(p) => &p.file,
            Doc::Skill(p) => &p.file,
            Doc::Page(p) => &p.file,
        }
    }
}

/// Parses one content file. `rel` is relative to `content/`; `file` to the site root.
pub fn parse_doc(kind: Kind, rel: &Path, file: &Path, text: &str) -> Result<Doc, Vec<Diagnostic>> {
    let split = frontmatter::split(file, text).map_err(|d| vec![d])?;
    let mut check = FileCheck {
        file,
        front_matter: split.front_matter,
        first_line: split.front_matter_line,
        errors: Vec::new(),
    };
    let fm_line = split.front_matter_line;
    check.errors.extend(
        [
            crate::text::chars::check_escapes(split.format, split.front_matter, file, fm_line),
            crate::text::chars::check_references(file, split.front_matter, fm_line),
            crate::text::chars::check_references(file, split.body, split.body_line),
        ]
        .into_iter()
        .flatten(),
    );
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    // A translation (`a.de.md`) has its original's name; the link stage checks the language.
    let stem = crate::languages::stem_without_language(stem);
    // A guide written as a folder, `guides/<slug>/index.md`, is named by its folder.
    let stem = match rel.parent().and_then(|p| p.file_name()) {
        Some(folder) if stem == "index" && kind == Kind::Guide => folder.to_str().unwrap_or(""),
        _ => stem,
    };
    let format = split.format;
    match kind {
        Kind::Guide => {
            let front = guide::guide(&mut check, format, stem)?;
            check.finish(Doc::Guide(wrap(&split, file, front)))
        }
        Kind::Role => {
            let front = profile::role(&mut check, format, stem)?;
            check.finish(Doc::Role(wrap(&split, file, front)))
        }
        Kind::Skill => {
            let front = profile::skill(&mut check, format, stem)?;
            check.finish(Doc::Skill(wrap(&split, file, front)))
        }
        Kind::Page => {
            if let Some(d) = misplaced_profile(rel, file) {
                return Err(vec![d]);
            }
            let front = page::page(&mut check, format, rel, stem)?;
            check.finish(Doc::Page(wrap(&split, file, front)))
        }
    }
}

/// A Markdown file in a sub-folder of `content/roles/` or `content/skills/` would be a
/// standalone page whose URL the profiles' own pages take; what the writer meant is a
/// profile, which sits directly in the folder.
fn misplaced_profile(rel: &Path, file: &Path) -> Option<Diagnostic> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    let kind = match first {
        "roles" => "role",
        "skills" => "skill",
        _ => return None,
    };
    let name = rel.file_name()?.to_string_lossy();
    Some(
        Diagnostic::error(
            file.to_path_buf(),
            format!("a {kind} profile must sit directly in content/{first}/, not in a sub-folder"),
        )
        .at(1, 1)
        .hint(format!("move it to content/{first}/{name}")),
    )
}

fn wrap<T>(split: &frontmatter::Split<'_>, file: &Path, front: T) -> Parsed<T> {
    Parsed {
        file: file.to_path_buf(),
        front,
        body: Text::Held(split.body.to_string()),
        body_line: split.body_line,
        front_matter: split.front_matter.to_string(),
        front_matter_line: split.front_matter_line,
    }
}

fn empty_map() -> serde_json::Value {
    serde_json::Value::Object(Default::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide(text: &str) -> Result<Doc, Vec<Diagnostic>> {
        parse_doc(
            Kind::Guide,
            Path::new("guides/my-guide.md"),
            Path::new("content/guides/my-guide.md"),
            text,
        )
    }

    #[test]
    fn kinds_from_paths() {
        assert_eq!(kind_of(Path::new("guides/a.md")), Some(Kind::Guide));
        assert_eq!(kind_of(Path::new("guides/2026/a.md")), Some(Kind::Guide));
        assert_eq!(kind_of(Path::new("roles/sre.md")), Some(Kind::Role));
        assert_eq!(kind_of(Path::new("skills/sql.md")), Some(Kind::Skill));
        assert_eq!(kind_of(Path::new("about.md")), Some(Kind::Page));
        assert_eq!(kind_of(Path::new("guides/img.png")), None);
    }

    #[test]
    fn guide_tags_are_slugified_with_lines() {
        let Doc::Guide(g) = guide("---\ntitle: T\ndate: 2026-01-02\nroles:\n  - Software Engineer\n  - software-engineer\n---\nBody\n").unwrap() else {
            panic!()
        };
        assert_eq!(g.front.roles, vec![("software-engineer".to_string(), 5)]);
        assert_eq!(g.front.slug, "my-guide");
        assert_eq!(g.body_line, 8);
    }

    #[test]
    fn toml_guide_with_native_date() {
        let Doc::Guide(g) = guide("+++\ntitle = \"T\"\ndate = 2026-01-02\n+++\nBody\n").unwrap()
        else {
            panic!()
        };
        assert_eq!(g.front.date.to_string(), "2026-01-02");
    }

    #[test]
    fn several_errors_in_one_file() {
        let errs = guide("---\ntitle: T\ndate: 2026-02-30\nslug: Bad/Slug\nroles: ['!!!']\n---\n")
            .unwrap_err();
        let msgs: Vec<_> = errs
            .iter()
            .map(|e| (e.line.unwrap(), e.message.as_str()))
            .collect();
        assert!(
            msgs.contains(&(3, "`date`: `2026-02-30` is not a valid date")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|(l, m)| *l == 4 && m.contains("slug `Bad/Slug`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|(l, m)| *l == 5 && m.contains("no letters or digits")),
            "{msgs:?}"
        );
    }

    #[test]
    fn value_errors_point_at_the_value() {
        let errs = guide("---\ntitle: T\ndate: 2026-02-30\nslug:  Bad/Slug\nroles: ['!!!']\n---\n")
            .unwrap_err();
        let places: Vec<_> = errs.iter().map(|e| (e.line, e.column)).collect();
        assert!(places.contains(&(Some(3), Some(7))), "{places:?}");
        assert!(places.contains(&(Some(4), Some(8))), "{places:?}");
        assert!(places.contains(&(Some(5), Some(10))), "{places:?}");
    }

    #[test]
    fn blank_title_is_named_with_a_fix() {
        for (text, column) in [
            ("---\ntitle:\ndate: 2026-01-02\n---\n", 7),
            ("---\ntitle: \"  \"\ndate: 2026-01-02\n---\n", 8),
        ] {
            let errs = guide(text).unwrap_err();
            assert_eq!(
                errs[0].to_string(),
                format!(
                    "error: content/guides/my-guide.md:2:{column}: `title` is empty\n  hint: give the guide a title"
                )
            );
        }
        let errs = parse_doc(
            Kind::Role,
            Path::new("roles/sre.md"),
            Path::new("content/roles/sre.md"),
            "---\ntitle: ~\n---\n",
        )
        .unwrap_err();
        assert_eq!(errs[0].hint.as_deref(), Some("give the role a title"));
        let errs = guide("---\ndate: 2026-01-02\n---\n").unwrap_err();
        assert_eq!(errs[0].message, "missing key `title`");
    }

    #[test]
    fn missing_date_is_an_error() {
        let errs = guide("---\ntitle: T\n---\n").unwrap_err();
        assert_eq!(errs[0].message, "missing key `date`");
    }

    #[test]
    fn wrong_type_names_line() {
        let errs = guide("---\ntitle: T\ndate: 2026-01-01\ndraft: maybe\n---\n").unwrap_err();
        assert_eq!(errs[0].line, Some(4));
    }

    #[test]
    fn page_paths() {
        let Doc::Page(p) = parse_doc(
            Kind::Page,
            Path::new("help/index.md"),
            Path::new("content/help/index.md"),
            "---\ntitle: Help\n---\n",
        )
        .unwrap() else {
            panic!()
        };
        assert_eq!(p.front.path, "help");
        let Doc::Page(p) = parse_doc(
            Kind::Page,
            Path::new("About Us.md"),
            Path::new("content/About Us.md"),
            "---\ntitle: A\n---\n",
        )
        .unwrap() else {
            panic!()
        };
        assert_eq!(p.front.path, "about-us");
    }
}
