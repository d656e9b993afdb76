//! Parsing: one source file's text into typed front matter and a Markdown body, pure and
//! independent of every other file, so files can be parsed in parallel and one at a time.

pub mod dates;
pub mod format;
pub mod frontmatter;
pub mod text;
mod yaml_words;

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Deserialize;

use crate::error::Diagnostic;
use crate::model::Salary;
use crate::slug::{is_valid_slug, slugify};
use dates::{DateText, parse_date};
use format::deserialize;
use frontmatter::{key_line, value_column, value_line};

/// The longest slug, in bytes: a folder name in the output (file systems allow 255).
const MAX_NAME: usize = 200;

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
    pub body: String,
    pub body_line: usize,
    pub front_matter: String,
    pub front_matter_line: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGuide {
    #[serde(deserialize_with = "blank_as_empty")]
    title: String,
    description: Option<String>,
    date: Option<DateText>,
    updated: Option<DateText>,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    skills: Vec<String>,
    slug: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    compare: Vec<String>,
    #[serde(default)]
    faq: Vec<RawFaq>,
    #[serde(default)]
    takeaways: Vec<String>,
    template: Option<String>,
    extra: Option<serde_json::Value>,
}

/// A blank `title:` is YAML's null; read it as empty text so the check that follows can
/// say "`title` is empty; give the guide a title" instead of a deserializer's complaint.
fn blank_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFaq {
    pub q: String,
    pub a: String,
}

/// A guide's front matter, checked.
#[derive(Debug, Clone)]
pub struct GuideFront {
    pub title: String,
    pub description: Option<String>,
    pub date: Date,
    pub updated: Option<Date>,
    /// Tags slugified but not yet alias-resolved, with their front-matter lines.
    pub roles: Vec<(String, usize)>,
    pub skills: Vec<(String, usize)>,
    pub slug: String,
    pub draft: bool,
    pub compare: Vec<(String, usize)>,
    pub faq: Vec<RawFaq>,
    pub takeaways: Vec<String>,
    pub template: Option<String>,
    pub extra: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    #[serde(deserialize_with = "blank_as_empty")]
    title: String,
    #[serde(default)]
    aliases: Vec<String>,
    summary: Option<String>,
    #[serde(default)]
    skills: Vec<String>,
    education: Option<String>,
    salary: Option<Salary>,
    #[serde(default)]
    next_roles: Vec<String>,
    #[serde(default)]
    previous_roles: Vec<String>,
    extra: Option<serde_json::Value>,
}

#[derive(Debug, Clone)]
pub struct RoleFront {
    pub slug: String,
    pub title: String,
    pub aliases: Vec<(String, usize)>,
    pub summary: Option<String>,
    pub skills: Vec<(String, usize)>,
    pub education: Option<String>,
    pub salary: Option<Salary>,
    pub next_roles: Vec<(String, usize)>,
    pub previous_roles: Vec<(String, usize)>,
    pub extra: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSkill {
    #[serde(deserialize_with = "blank_as_empty")]
    title: String,
    #[serde(default)]
    aliases: Vec<String>,
    summary: Option<String>,
    category: Option<String>,
    extra: Option<serde_json::Value>,
}

#[derive(Debug, Clone)]
pub struct SkillFront {
    pub slug: String,
    pub title: String,
    pub aliases: Vec<(String, usize)>,
    pub summary: Option<String>,
    pub category: Option<String>,
    pub extra: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    #[serde(deserialize_with = "blank_as_empty")]
    title: String,
    description: Option<String>,
    date: Option<DateText>,
    updated: Option<DateText>,
    #[serde(default)]
    draft: bool,
    template: Option<String>,
    slug: Option<String>,
    extra: Option<serde_json::Value>,
}

#[derive(Debug, Clone)]
pub struct PageFront {
    /// Site path without slashes at the ends: `about`, `help/faq`.
    pub path: String,
    pub title: String,
    pub description: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub draft: bool,
    pub template: Option<String>,
    pub extra: serde_json::Value,
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
    pub fn file(&self) -> &Path {
        match self {
            Doc::Guide(p) => &p.file,
            Doc::Role(p) => &p.file,
            Doc::Skill(p) => &p.file,
            Doc::Page(p) => &p.file,
        }
    }
}

/// Checks that accumulate several problems in one file before giving up on it.
struct FileCheck<'a> {
    file: &'a Path,
    front_matter: &'a str,
    first_line: usize,
    errors: Vec<Diagnostic>,
}

impl FileCheck<'_> {
    fn line_of(&self, key: &str) -> usize {
        self.first_line + key_line(self.front_matter, key).unwrap_or(1) - 1
    }

    /// An error about `key`'s value, placed at the value (`date: 2026-02-30` gives column 7)
    /// so an editor jumps to what needs changing.
    fn error(&mut self, key: &str, message: String, hint: &str) {
        let diagnostic = Diagnostic::error(self.file.to_path_buf(), message).hint(hint);
        let diagnostic = match key_line(self.front_matter, key) {
            Some(line) => {
                let file_line = self.first_line + line - 1;
                match value_column(self.front_matter, line) {
                    Some(column) => diagnostic.at(file_line, column),
                    None => diagnostic.at_line(file_line),
                }
            }
            None => diagnostic.at_line(self.line_of(key)),
        };
        self.errors.push(diagnostic);
    }

    /// A content file's title may not be blank (`title:` or `title: ""`).
    fn title(&mut self, title: &str, kind: &str) {
        if title.trim().is_empty() {
            self.error(
                "title",
                "`title` is empty".into(),
                &format!("give the {kind} a title"),
            );
        }
    }

    fn date(&mut self, key: &str, text: Option<&DateText>) -> Option<Date> {
        let text = text?;
        match parse_date(&text.0) {
            Ok(d) => Some(d),
            Err(msg) => {
                self.error(
                    key,
                    format!("`{key}`: {msg}"),
                    "write dates as YYYY-MM-DD, e.g. 2026-03-07",
                );
                None
            }
        }
    }

    /// Slugifies each tag of list `key`, keeping its line; a tag with no letters or digits is
    /// an error.
    fn tags(&mut self, key: &str, tags: &[String]) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = Vec::with_capacity(tags.len());
        for tag in tags {
            let fm_line = value_line(self.front_matter, key, tag.trim()).unwrap_or(1);
            let line = self.first_line + fm_line - 1;
            let slug = slugify(tag);
            if slug.is_empty() {
                let column = self
                    .front_matter
                    .lines()
                    .nth(fm_line - 1)
                    .and_then(|l| l.find(tag.trim()).map(|i| l[..i].chars().count() + 1));
                let diagnostic = Diagnostic::error(
                    self.file.to_path_buf(),
                    format!("`{key}` entry `{tag}` has no letters or digits to make a name from"),
                )
                .hint("use words such as `Software Engineer` or slugs such as `software-engineer`");
                self.errors.push(match column {
                    Some(column) => diagnostic.at(line, column),
                    None => diagnostic.at_line(line),
                });
            } else if slug.len() > MAX_NAME {
                self.errors.push(
                    Diagnostic::error(
                        self.file.to_path_buf(),
                        format!(
                            "`{key}` entry `{}…` makes a URL name of {} characters, more than the {MAX_NAME} a folder name can safely have",
                            &slug[..40],
                            slug.len()
                        ),
                    )
                    .at_line(line)
                    .hint("shorten the tag, or give the long name as the profile's `title`"),
                );
            } else if !out.iter().any(|(s, _)| *s == slug) {
                out.push((slug, line));
            }
        }
        out
    }

    fn slug(&mut self, key: &str, value: &str) -> bool {
        if is_valid_slug(value) {
            return self.name_fits(key, value, "shorten the slug or title");
        }
        let suggestion = slugify(value);
        let hint = if suggestion.is_empty() {
            "use lowercase letters, digits and single hyphens, e.g. `my-guide`".to_string()
        } else {
            format!("use lowercase letters, digits and single hyphens, e.g. `{suggestion}`")
        };
        self.error(key, format!("slug `{value}` is not allowed"), &hint);
        false
    }

    /// A slug becomes a folder name in the output, and file systems refuse names longer
    /// than 255 bytes ("File name too long") only once the build writes it.
    fn name_fits(&mut self, key: &str, name: &str, hint: &str) -> bool {
        if name.len() <= MAX_NAME {
            return true;
        }
        self.error(
            key,
            format!(
                "the URL name `{}…` is {} characters long, more than the {MAX_NAME} a folder name can safely have",
                &name[..40],
                name.len()
            ),
            hint,
        );
        false
    }

    fn finish<T>(self, value: T) -> Result<T, Vec<Diagnostic>> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self.errors)
        }
    }
}

/// Parses one content file. `rel` is relative to `content/`; `file` to the site root.
pub fn parse_doc(kind: Kind, rel: &Path, file: &Path, text: &str) -> Result<Doc, Vec<Diagnostic>> {
    let split = frontmatter::split(file, text).map_err(|d| vec![d])?;
    let fm_line = split.front_matter_line;
    let mut check = FileCheck {
        file,
        front_matter: split.front_matter,
        first_line: fm_line,
        errors: Vec::new(),
    };
    check.errors.extend(
        [
            text::check_escapes(split.format, split.front_matter, file, fm_line),
            text::check_references(file, split.front_matter, fm_line),
            text::check_references(file, split.body, split.body_line),
        ]
        .into_iter()
        .flatten(),
    );
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    match kind {
        Kind::Guide => {
            let raw: RawGuide = deserialize(split.format, split.front_matter, file, fm_line)
                .map_err(|d| vec![d])?;
            let slug = match &raw.slug {
                Some(s) => {
                    check.slug("slug", s);
                    s.clone()
                }
                None => {
                    let s = slugify(stem);
                    if s.is_empty() {
                        check.error(
                            "title",
                            format!("file name `{stem}` gives an empty slug"),
                            "rename the file or set `slug`",
                        );
                    } else {
                        check.name_fits(
                            "title",
                            &s,
                            "shorten the slug or title: rename the file, or set a shorter `slug`",
                        );
                    }
                    s
                }
            };
            let date = match &raw.date {
                Some(d) => check.date("date", Some(d)),
                None => {
                    check.errors.push(
                        Diagnostic::error(file.to_path_buf(), "missing key `date`")
                            .at_line(1)
                            .hint("guides need a date: add `date: 2026-03-07` to the front matter"),
                    );
                    None
                }
            };
            let updated = check.date("updated", raw.updated.as_ref());
            check.title(&raw.title, "guide");
            let roles = check.tags("roles", &raw.roles);
            let skills = check.tags("skills", &raw.skills);
            let compare = check.tags("compare", &raw.compare);
            if !compare.is_empty() && !(2..=4).contains(&compare.len()) {
                check.error(
                    "compare",
                    format!("`compare` lists {} roles", compare.len()),
                    "compare 2 to 4 roles",
                );
            }
            let front = GuideFront {
                title: raw.title.trim().to_string(),
                description: raw.description.filter(|d| !d.trim().is_empty()),
                date: date.unwrap_or(Date::constant(1970, 1, 1)),
                updated,
                roles,
                skills,
                slug,
                draft: raw.draft,
                compare,
                faq: raw.faq,
                takeaways: raw.takeaways,
                template: raw.template,
                extra: raw.extra.unwrap_or_else(empty_map),
            };
            check.finish(Doc::Guide(wrap(&split, file, front)))
        }
        Kind::Role => {
            let raw: RawRole = deserialize(split.format, split.front_matter, file, fm_line)
                .map_err(|d| vec![d])?;
            check.slug("title", stem);
            check.title(&raw.title, "role");
            let front = RoleFront {
                slug: stem.to_string(),
                title: raw.title.trim().to_string(),
                aliases: check.tags("aliases", &raw.aliases),
                summary: raw.summary,
                skills: check.tags("skills", &raw.skills),
                education: raw.education,
                salary: raw.salary,
                next_roles: check.tags("next_roles", &raw.next_roles),
                previous_roles: check.tags("previous_roles", &raw.previous_roles),
                extra: raw.extra.unwrap_or_else(empty_map),
            };
            if let Some(s) = &front.salary
                && !(s.low <= s.median && s.median <= s.high)
            {
                check.error(
                    "salary",
                    format!(
                        "salary figures are out of order: low {} median {} high {}",
                        s.low, s.median, s.high
                    ),
                    "low <= median <= high",
                );
            }
            check.finish(Doc::Role(wrap(&split, file, front)))
        }
        Kind::Skill => {
            let raw: RawSkill = deserialize(split.format, split.front_matter, file, fm_line)
                .map_err(|d| vec![d])?;
            check.slug("title", stem);
            check.title(&raw.title, "skill");
            let front = SkillFront {
                slug: stem.to_string(),
                title: raw.title.trim().to_string(),
                aliases: check.tags("aliases", &raw.aliases),
                summary: raw.summary,
                category: raw.category.filter(|c| !c.trim().is_empty()),
                extra: raw.extra.unwrap_or_else(empty_map),
            };
            check.finish(Doc::Skill(wrap(&split, file, front)))
        }
        Kind::Page => {
            if let Some(d) = misplaced_profile(rel, file) {
                return Err(vec![d]);
            }
            let raw: RawPage = deserialize(split.format, split.front_matter, file, fm_line)
                .map_err(|d| vec![d])?;
            check.title(&raw.title, "page");
            let parent = rel
                .parent()
                .map(crate::error::display_path)
                .unwrap_or_default();
            let name = match &raw.slug {
                Some(s) => {
                    check.slug("slug", s);
                    s.clone()
                }
                None => slugify(stem),
            };
            let path = match (parent.is_empty(), name.as_str()) {
                (true, _) => name.clone(),
                (false, "index") => parent.clone(),
                (false, _) => format!("{parent}/{name}"),
            };
            if path.split('/').any(|seg| !is_valid_slug(seg)) {
                check.error(
                    "title",
                    format!("`{}` cannot become a URL path", rel.display()),
                    "name folders and files with lowercase letters, digits and hyphens",
                );
            }
            let front = PageFront {
                path,
                title: raw.title.trim().to_string(),
                description: raw.description,
                date: check.date("date", raw.date.as_ref()),
                updated: check.date("updated", raw.updated.as_ref()),
                draft: raw.draft,
                template: raw.template,
                extra: raw.extra.unwrap_or_else(empty_map),
            };
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
        body: split.body.to_string(),
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
                    "error: content/guides/my-guide.md:2:{column}: `title` is empty; give the guide a title"
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
