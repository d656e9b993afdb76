//! The edits the invariant test makes, as one table: every front matter field of guides,
//! roles, skills and pages, whole files coming and going, templates that read data
//! indirectly, static files, `site.toml`, and broken saves that are then fixed. Adding an
//! input kind to careersite means adding its entry here; nothing else in the test changes.
//!
//! Every edit keeps the site valid (unless it is a broken save, which says what to
//! restore): only files the test made itself are deleted, links point only at sample files
//! that stay, and role and skill slugs come from the sample profiles.

use std::path::{Path, PathBuf};

use super::common::Rng;
use super::files::{
    broken_save, bundle_file, config, dataset, delete_own_guide, guide_body, new_guide,
    own_industry_profile, own_page, own_role_profile, own_skill_profile, rename_own_guide,
    shortcode_template, static_file, template,
};
use super::text::{block_list, list, set_key};
use super::values::*;

/// What one edit did.
pub struct Edit {
    /// The paths touched, as the watcher would report them.
    pub touched: Vec<PathBuf>,
    /// A line for the replay log.
    pub what: String,
    /// For a broken save: each file as it was before (`None`: it did not exist), so the
    /// test can put it back and expect the rebuild after that to recover.
    pub restore: Vec<(PathBuf, Option<Vec<u8>>)>,
}

/// The site being edited, the generator and the step number (which makes names unique).
pub struct Ctx<'a> {
    pub site: &'a Path,
    pub rng: &'a mut Rng,
    pub step: usize,
}

/// Which files a front matter edit may pick.
#[derive(Clone, Copy)]
pub enum Files {
    /// `content/guides/*.md`: the sample's and the test's own.
    Guides,
    /// Only the guides the test made: nothing links to them, so they may be drafts.
    OwnGuides,
    /// German versions of guides (`*.de.md`), which the translation edits add and remove.
    Translations,
    Roles,
    Skills,
    /// Standalone pages: `content/*.md`.
    Pages,
    /// Standalone pages no guide links to (`@/certifications.md` is linked), so they may
    /// be drafts or expire.
    UnlinkedPages,
    /// Profiles of the declared `industries` taxonomy: `content/industries/*.md`.
    Industries,
}

pub enum Apply {
    /// Set a front matter key of one file to the value given (`None` removes the key).
    Field {
        files: Files,
        key: &'static str,
        value: fn(&mut Ctx, &Path) -> Option<String>,
    },
    /// Anything else: returns `None` when it has nothing to do (no file of its own yet).
    File(fn(&mut Ctx) -> Option<Edit>),
}

pub struct EditKind {
    pub name: &'static str,
    pub weight: usize,
    pub apply: Apply,
}

const fn field(
    name: &'static str,
    files: Files,
    key: &'static str,
    value: fn(&mut Ctx, &Path) -> Option<String>,
) -> EditKind {
    EditKind {
        name,
        weight: 1,
        apply: Apply::Field { files, key, value },
    }
}

const fn file(name: &'static str, weight: usize, f: fn(&mut Ctx) -> Option<Edit>) -> EditKind {
    EditKind {
        name,
        weight,
        apply: Apply::File(f),
    }
}

/// Every kind of edit, with how often it is picked relative to the others.
pub const EDITS: &[EditKind] = &[
    // Guides: every front matter field, and the body.
    field("guide title", Files::Guides, "title", title),
    field("guide description", Files::Guides, "description", text),
    field("guide date", Files::Guides, "date", date),
    field("guide updated", Files::Guides, "updated", updated),
    field("guide roles", Files::Guides, "roles", role_tags),
    field("guide skills", Files::Guides, "skills", skill_tags),
    field("guide slug", Files::Guides, "slug", slug),
    field("guide draft", Files::OwnGuides, "draft", draft),
    field("guide compare", Files::Guides, "compare", compare),
    field("guide faq", Files::Guides, "faq", faq),
    field("guide takeaways", Files::Guides, "takeaways", takeaways),
    field("guide template", Files::Guides, "template", guide_template),
    field("guide extra", Files::Guides, "extra", extra),
    field("guide aliases", Files::OwnGuides, "aliases", old_paths),
    field(
        "translation aliases",
        Files::Translations,
        "aliases",
        old_paths,
    ),
    field(
        "guide publish_date",
        Files::OwnGuides,
        "publish_date",
        publish_date,
    ),
    file("guide body", 3, guide_body),
    file("new guide", 2, new_guide),
    file("delete own guide", 1, delete_own_guide),
    file("rename own guide", 1, rename_own_guide),
    file("bundle file", 2, bundle_file),
    // Translations (`[languages.de]`): German guides come, change and go.
    file("translation", 3, super::translations::translation),
    file(
        "other translation",
        1,
        super::translations::other_translation,
    ),
    file(
        "profile translation",
        2,
        super::translations::profile_translation,
    ),
    // Role profiles.
    field("role title", Files::Roles, "title", title),
    field("role aliases", Files::Roles, "aliases", aliases),
    field("role summary", Files::Roles, "summary", text),
    field("role skills", Files::Roles, "skills", core_skills),
    field("role education", Files::Roles, "education", text),
    field("role salary", Files::Roles, "salary", salary),
    field("role soc", Files::Roles, "soc", soc),
    field("role soc_note", Files::Roles, "soc_note", text),
    field("role next_roles", Files::Roles, "next_roles", other_roles),
    field(
        "role previous_roles",
        Files::Roles,
        "previous_roles",
        other_roles,
    ),
    file("own role profile", 1, own_role_profile),
    // Skill profiles.
    field("skill title", Files::Skills, "title", title),
    field("skill aliases", Files::Skills, "aliases", aliases),
    field("skill summary", Files::Skills, "summary", text),
    field("skill category", Files::Skills, "category", category),
    file("own skill profile", 1, own_skill_profile),
    // Standalone pages.
    field("page title", Files::Pages, "title", title),
    field("page description", Files::Pages, "description", text),
    field("page date", Files::Pages, "date", maybe_date),
    field("page updated", Files::Pages, "updated", updated),
    field("page draft", Files::UnlinkedPages, "draft", draft),
    field("page template", Files::Pages, "template", page_template),
    field("page slug", Files::Pages, "slug", slug),
    field("page extra", Files::Pages, "extra", extra),
    field(
        "page expiry_date",
        Files::UnlinkedPages,
        "expiry_date",
        expiry_date,
    ),
    file("own page", 1, own_page),
    // Templates, the indirect readers among them (see `INDIRECT_TEMPLATES`).
    file("template", 3, template),
    // Shortcode templates: only the bodies that call one may change.
    file("shortcode template", 2, shortcode_template),
    // Static files.
    file("static file", 2, static_file),
    // site.toml.
    file("config", 2, config),
    // The wage dataset site.toml names.
    file("dataset", 2, dataset),
    // Data files, read by a shortcode (`load_data`) and a template (`data`).
    file("data file", 2, super::data::data_file),
    // Broken saves, each fixed again by the test.
    file("broken save", 2, broken_save),
    // A declared taxonomy (`industries`, set up with a profile in `files::setup`).
    field(
        "guide industries",
        Files::Guides,
        "industries",
        industry_terms,
    ),
    // Its profiles: every key a term profile takes, and profiles of the test's own.
    field("industry title", Files::Industries, "title", title),
    field("industry aliases", Files::Industries, "aliases", aliases),
    field("industry summary", Files::Industries, "summary", text),
    field("industry extra", Files::Industries, "extra", extra),
    file("own industry profile", 1, own_industry_profile),
];

impl Ctx<'_> {
    /// `Some(value)` two times in three, else `None` (the key is removed).
    pub fn maybe(&mut self, value: String) -> Option<String> {
        (!self.rng.one_in(3)).then_some(value)
    }

    /// One of `items`, or (one time in three) `None`.
    pub fn maybe_pick(&mut self, items: &[&str]) -> Option<String> {
        let item = self.pick(items);
        self.maybe(item)
    }

    pub fn pick(&mut self, items: &[&str]) -> String {
        self.rng.pick(items).to_string()
    }

    pub fn date(&mut self, year: u32) -> String {
        format!(
            " {year}-{:02}-{:02}",
            1 + self.rng.below(12),
            1 + self.rng.below(28)
        )
    }

    /// A few tags from `pool`, as a flow or a block list.
    pub fn tags(&mut self, pool: &[&str]) -> String {
        let n = self.rng.below(4);
        let mut tags: Vec<String> = (0..n).map(|_| self.pick(pool)).collect();
        tags.sort();
        tags.dedup();
        if tags.is_empty() || self.rng.one_in(2) {
            list(&tags)
        } else {
            block_list(&tags)
        }
    }

    /// The sample profiles in `content/<kind>/`, not the test's own.
    pub fn sample(&self, kind: &str) -> Vec<String> {
        md_files(&self.site.join("content").join(kind))
            .iter()
            .map(|p| stem(p))
            // A translation (`x.de.md`) is a profile's other language, not a slug.
            .filter(|s| !s.starts_with("inv-") && !s.contains('.'))
            .collect()
    }

    /// Between `min` and `max` distinct sample profile slugs.
    pub fn some_of(&mut self, kind: &str, min: usize, max: usize) -> Vec<String> {
        let all = self.sample(kind);
        let n = min + self.rng.below(max - min + 1);
        let mut picked: Vec<String> = Vec::new();
        while picked.len() < n {
            let s = self.rng.pick(&all).clone();
            if !picked.contains(&s) {
                picked.push(s);
            }
        }
        picked
    }

    pub fn files(&self, which: Files) -> Vec<PathBuf> {
        let content = self.site.join("content");
        match which {
            Files::Guides => md_files(&content.join("guides")),
            Files::OwnGuides => own(md_files(&content.join("guides")), "new-guide-"),
            Files::Translations => md_files(&content.join("guides"))
                .into_iter()
                .filter(|p| stem(p).ends_with(".de"))
                .collect(),
            Files::Roles => md_files(&content.join("roles")),
            Files::Skills => md_files(&content.join("skills")),
            Files::Pages => md_files(&content),
            Files::UnlinkedPages => {
                let guides: Vec<String> = md_files(&content.join("guides"))
                    .iter()
                    .map(|g| std::fs::read_to_string(g).unwrap_or_default())
                    .collect();
                md_files(&content)
                    .into_iter()
                    .filter(|p| {
                        let link = format!("(@/{}", self.rel(p).trim_start_matches("content/"));
                        !guides.iter().any(|g| g.contains(&link))
                    })
                    .collect()
            }
            Files::Industries => md_files(&content.join("industries")),
        }
    }

    pub fn write(&self, path: &Path, text: &str, what: String) -> Edit {
        self.write_bytes(path, text.as_bytes(), what)
    }

    pub fn write_bytes(&self, path: &Path, bytes: &[u8], what: String) -> Edit {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        Edit {
            touched: vec![path.to_path_buf()],
            what,
            restore: Vec::new(),
        }
    }

    pub fn remove(&self, path: &Path) -> Edit {
        std::fs::remove_file(path).unwrap();
        Edit {
            touched: vec![path.to_path_buf()],
            what: format!("delete {}", self.rel(path)),
            restore: Vec::new(),
        }
    }

    pub fn rel(&self, path: &Path) -> String {
        path.strip_prefix(self.site)
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

/// Applies one edit of the kind given; `None` when it had nothing to do.
pub fn apply(kind: &EditKind, ctx: &mut Ctx) -> Option<Edit> {
    match &kind.apply {
        Apply::File(f) => f(ctx),
        Apply::Field { files, key, value } => {
            let all = ctx.files(*files);
            if all.is_empty() {
                return None;
            }
            let path = ctx.rng.pick(&all).clone();
            let value = value(ctx, &path);
            let text = std::fs::read_to_string(&path).unwrap();
            let edited = set_key(&text, key, value.as_deref());
            let what = format!(
                "{}: {key}:{}",
                ctx.rel(&path),
                value.as_deref().unwrap_or(" (removed)")
            );
            Some(ctx.write(&path, &edited, what))
        }
    }
}

/// Picks a kind by weight, leaving out the kinds named in `skip` (to explore past a
/// known divergence while its fix is pending).
pub fn pick(rng: &mut Rng, skip: &[String]) -> &'static EditKind {
    let kinds: Vec<&EditKind> = EDITS
        .iter()
        .filter(|e| !skip.iter().any(|s| s == e.name))
        .collect();
    let total: usize = kinds.iter().map(|e| e.weight).sum();
    let mut at = rng.below(total);
    kinds
        .into_iter()
        .find(|e| {
            if at < e.weight {
                return true;
            }
            at -= e.weight;
            false
        })
        .unwrap()
}

pub fn md_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "md"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

pub fn own(files: Vec<PathBuf>, prefix: &str) -> Vec<PathBuf> {
    files
        .into_iter()
        .filter(|p| stem(p).starts_with(prefix))
        .collect()
}

pub fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}
