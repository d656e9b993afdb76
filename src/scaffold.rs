//! `init` and `new`: the only commands that write outside the output folder, and never
//! over an existing file.

use std::path::{Path, PathBuf};

use crate::error::SiteError;
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
    let text = format!(
        "---\ntitle: {}\ndescription: \"\"\ndate: {today}\ndraft: true\nroles: {}\nskills: {}\ntakeaways: []\nfaq: []\n---\n\nWrite the guide here, then remove `draft: true`.\n",
        yaml_string(title),
        list(roles),
        list(skills),
    );
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
pub fn new_profile(root: &Path, kind: ProfileKind, title: &str) -> Result<PathBuf, SiteError> {
    let slug = site_slug(root, title)?;
    let (folder, keys) = match kind {
        ProfileKind::Role => ("roles", "summary: \"\"\nskills: []\n"),
        ProfileKind::Skill => ("skills", "summary: \"\"\n"),
    };
    let text = format!("---\ntitle: {}\n{keys}---\n", yaml_string(title));
    let path = root.join("content").join(folder).join(format!("{slug}.md"));
    write_new(&path, &text)?;
    Ok(path)
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
