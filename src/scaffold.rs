//! `init` and `new`: the only commands that write outside the output folder, and never
//! over an existing file.

use std::path::{Path, PathBuf};

use crate::error::SiteError;
use crate::markdown::{GUIDE_PLACEHOLDER, PAGE_PLACEHOLDER};
use crate::slug::slugify;

const SITE_TOML: &str = r#"title = "Career Guides"
base_url = "https://careers.example.com"
description = "Guides to roles, skills and career paths"
language = "en"

[related]
limit = 5
role_weight = 2.0
skill_weight = 1.0
"#;

const FIRST_GUIDE: &str = r#"---
title: "Your first guide"
description: "A starting point: edit this guide, then add your own with careersite new guide."
date: {date}
roles: [software-engineer]
skills: [git]
takeaways:
  - Every guide is a Markdown file with front matter.
  - Tag guides with roles and skills to cross-link them.
---

This guide was created by `careersite init`. Edit it, or add another with:

```sh
careersite new guide "Software Engineer vs Developer" --roles software-engineer --skills git
```

## Linking

Link to a [role](role:software-engineer), a [skill](skill:git), or another guide with
`[text](@/guides/your-first-guide.md)`.
"#;

const ROLE: &str = r#"---
title: Software Engineer
summary: Designs, builds and maintains software systems.
skills: [git]
---

Describe the role here: what the work is, who does well in it, and how people get into it.
"#;

const SKILL: &str = r#"---
title: Git
summary: Version control for tracking and sharing changes to code.
category: Practices
---

Describe why the skill matters and how to start learning it.
"#;

const ABOUT: &str = r#"---
title: About
description: What this site is and who writes it.
---

Say who writes these guides and how figures are sourced.
"#;

/// Creates a new site in `dir`, which must be missing or empty.
pub fn init(dir: &Path, today: jiff::civil::Date) -> Result<Vec<PathBuf>, SiteError> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| SiteError::io("read", dir, e))?;
        if entries.next().is_some() {
            return Err(SiteError::fatal(format!(
                "{} is not empty; `init` only creates a site in a new or empty folder",
                dir.display()
            )));
        }
    }
    let files = [
        ("site.toml", SITE_TOML.to_string()),
        (
            "content/guides/your-first-guide.md",
            FIRST_GUIDE.replace("{date}", &today.to_string()),
        ),
        ("content/roles/software-engineer.md", ROLE.to_string()),
        ("content/skills/git.md", SKILL.to_string()),
        ("content/about.md", ABOUT.to_string()),
        (".gitignore", "/output\n/.output.*\n".to_string()),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        write_new(&path, &text)?;
        written.push(path);
    }
    std::fs::create_dir_all(dir.join("static")).map_err(|e| SiteError::io("create", dir, e))?;
    Ok(written)
}

/// Creates `content/guides/<slug>.md` with front matter filled in; never overwrites.
pub fn new_guide(
    root: &Path,
    title: &str,
    roles: &[String],
    skills: &[String],
    today: jiff::civil::Date,
) -> Result<PathBuf, SiteError> {
    let slug = site_slug(root, title)?;
    let list = |items: &[String]| {
        let slugs: Vec<String> = items
            .iter()
            .map(|s| slugify(s))
            .filter(|s| !s.is_empty())
            .collect();
        format!("[{}]", slugs.join(", "))
    };
    // A draft until the writer removes `draft: true`: the skeleton is never published.
    let skeleton = format!(
        "---\ntitle: {{{{ title }}}}\ndescription: \"\"\ndate: {{{{ date }}}}\ndraft: true\nroles: {{{{ roles }}}}\nskills: {{{{ skills }}}}\ntakeaways: []\nfaq: []\n---\n\n{GUIDE_PLACEHOLDER}, then remove `draft: true`.\n"
    );
    let text = archetype(root, "guide", &skeleton)?
        .replace("{{ roles }}", &list(roles))
        .replace("{{ skills }}", &list(skills));
    let text = fill(&text, title, &slug, today);
    let path = root.join("content/guides").join(format!("{slug}.md"));
    write_new(&path, &text)?;
    Ok(path)
}

/// Which profile `new role` and `new skill` create.
#[derive(Debug, Clone, Copy)]
pub enum ProfileKind {
    Role,
    Skill,
}

/// Creates `content/roles/<slug>.md` or `content/skills/<slug>.md` with its title, so a
/// tag that `check --strict` reports as having no profile gets one; never overwrites.
pub fn new_profile(
    root: &Path,
    kind: ProfileKind,
    title: &str,
    today: jiff::civil::Date,
) -> Result<PathBuf, SiteError> {
    let slug = site_slug(root, title)?;
    let (folder, name, keys) = match kind {
        ProfileKind::Role => ("roles", "role", "summary: \"\"\nskills: []\n"),
        ProfileKind::Skill => ("skills", "skill", "summary: \"\"\n"),
    };
    let skeleton = format!("---\ntitle: {{{{ title }}}}\n{keys}---\n");
    let text = fill(&archetype(root, name, &skeleton)?, title, &slug, today);
    let path = root.join("content").join(folder).join(format!("{slug}.md"));
    write_new(&path, &text)?;
    Ok(path)
}

/// Creates `content/<slug>.md`, a standalone page; never overwrites.
pub fn new_page(root: &Path, title: &str, today: jiff::civil::Date) -> Result<PathBuf, SiteError> {
    let slug = site_slug(root, title)?;
    let skeleton =
        &format!("---\ntitle: {{{{ title }}}}\ndescription: \"\"\n---\n\n{PAGE_PLACEHOLDER}.\n");
    let text = fill(&archetype(root, "page", skeleton)?, title, &slug, today);
    let path = root.join("content").join(format!("{slug}.md"));
    write_new(&path, &text)?;
    Ok(path)
}

/// The site's `archetypes/<kind>.md`, when it has one, else the built-in `skeleton`.
fn archetype(root: &Path, kind: &str, skeleton: &str) -> Result<String, SiteError> {
    let path = root.join("archetypes").join(format!("{kind}.md"));
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(skeleton.to_string()),
        Err(e) => Err(SiteError::io("read", &path, e)),
    }
}

/// An archetype's placeholders filled in: `{{ title }}` (as a quoted YAML string),
/// `{{ slug }}` and `{{ date }}`.
fn fill(text: &str, title: &str, slug: &str, today: jiff::civil::Date) -> String {
    text.replace("{{ title }}", &yaml_string(title))
        .replace("{{ slug }}", slug)
        .replace("{{ date }}", &today.to_string())
}

/// The slug a new file gets from its title, once `root` is known to be a site.
fn site_slug(root: &Path, title: &str) -> Result<String, SiteError> {
    if !root.join(crate::config::CONFIG_FILE).exists() {
        return Err(SiteError::fatal(format!(
            "no site.toml in {}; run `new` inside a site, pass --root DIR, or create one with `careersite init DIR`",
            root.display()
        )));
    }
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(SiteError::fatal(format!(
            "the title `{title}` has no letters or digits to make a file name from"
        )));
    }
    Ok(slug)
}

/// A YAML double-quoted string.
fn yaml_string(s: &str) -> String {
    let escaped: String = s
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            c if c.is_control() => vec![' '],
            c => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}

/// Writes a file that must not exist yet.
fn write_new(path: &Path, text: &str) -> Result<(), SiteError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| SiteError::io("create", parent, e))?;
    }
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => SiteError::fatal(format!(
                "{} already exists; `new` never overwrites: choose another title or edit that file",
                path.display()
            )),
            _ => SiteError::io("create", path, e),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| SiteError::io("write", path, e))
}

/// Copies the default theme's templates (all, or those `names` names) into the site's
/// `templates/`, to start an override from. Existing files are an error naming them, and
/// nothing is written, unless `force`.
pub fn eject(root: &Path, names: &[String], force: bool) -> Result<Vec<PathBuf>, SiteError> {
    site_slug(root, "theme")?;
    let all = crate::source::default_theme::TEMPLATES;
    let mut chosen = Vec::new();
    for name in names {
        match all
            .iter()
            .find(|(n, _)| n == name || n.strip_suffix(".html") == Some(name))
        {
            Some(t) => chosen.push(*t),
            None => {
                let guess = crate::error::did_you_mean(name, all.iter().map(|(n, _)| *n))
                    .map(|g| format!("; did you mean `{g}`?"))
                    .unwrap_or_default();
                return Err(SiteError::fatal(format!(
                    "the default theme has no template `{name}`{guess} (it has {})",
                    all.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                )));
            }
        }
    }
    if names.is_empty() {
        chosen = all.to_vec();
    }
    let targets: Vec<(PathBuf, &[u8])> = chosen
        .iter()
        .map(|(n, bytes)| (root.join("templates").join(n), *bytes))
        .collect();
    let existing: Vec<String> = targets
        .iter()
        .filter(|(p, _)| p.exists())
        .map(|(p, _)| crate::error::display_path(p.strip_prefix(root).unwrap_or(p)))
        .collect();
    if !existing.is_empty() && !force {
        return Err(SiteError::fatal(format!(
            "{} already exist{}; `theme eject` never overwrites them: move them aside, name other templates, or pass --force to replace them",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" }
        )));
    }
    for (path, bytes) in &targets {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| SiteError::io("create", parent, e))?;
        }
        std::fs::write(path, bytes).map_err(|e| SiteError::io("write", path, e))?;
    }
    Ok(targets.into_iter().map(|(p, _)| p).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_strings_are_escaped() {
        assert_eq!(
            yaml_string(r#"A "quoted" \ title"#),
            r#""A \"quoted\" \\ title""#
        );
    }
}
