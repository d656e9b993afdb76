//! Translations in the invariant test: the site gets `[languages.de]`, a German version
//! of one sample guide, of the folder guide and of a page; the edits add, rewrite and
//! remove German guides beside the sample's, so that listings, feeds, alternates and
//! switchers on both languages' pages move with them, and German versions of role and
//! skill profiles, whose aliases German guides tag with.

use std::path::Path;

use super::edits::{Ctx, Edit, md_files, stem};

/// The German site's table, appended to site.toml before the session starts.
const LANGUAGE: &str = "\n[languages.de]\ntitle = \"Karriere-Ratgeber\"\n";

/// Declares German and writes the first translations.
pub fn setup(site: &Path) {
    let config = site.join("site.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    // The sample site may declare German itself.
    if !text.contains("[languages.de]") {
        text.push_str(LANGUAGE);
        std::fs::write(&config, text).unwrap();
    }
    let first = originals(site)
        .into_iter()
        .next()
        .expect("the sample has guides");
    std::fs::write(
        site.join(format!("content/guides/{first}.de.md")),
        guide_text(site, &first, 0, " 2026-02-01", ("[data-analyst]", &first)),
    )
    .unwrap();
    std::fs::write(
        site.join("content/guides/inv-bundle/index.de.md"),
        "---\ntitle: Ein Ratgeber als Ordner\ndate: 2026-01-04\nroles: [data-analyst]\n---\n![Das Diagramm](chart.svg)\n",
    )
    .unwrap();
    std::fs::write(
        site.join("content/roles/data-analyst.de.md"),
        profile_text("data-analyst", 0, "[de-data-analyst]"),
    )
    .unwrap();
    std::fs::write(
        site.join("content/about.de.md"),
        "---\ntitle: Über uns\n---\nWer diese Ratgeber schreibt.\n",
    )
    .unwrap();
}

/// The sample's guides that may have a German version: not the test's own, not
/// translations themselves.
fn originals(site: &Path) -> Vec<String> {
    md_files(&site.join("content/guides"))
        .iter()
        .map(|p| stem(p))
        .filter(|s| !s.starts_with("new-guide-") && !s.contains('.'))
        .collect()
}

/// A German version of guide `stem`. It keeps the original's headings, as a translation
/// must: other pages link to them, and their German versions then link here.
fn guide_text(
    site: &Path,
    stem: &str,
    step: usize,
    date: &str,
    (roles, link): (&str, &str),
) -> String {
    let original =
        std::fs::read_to_string(site.join(format!("content/guides/{stem}.md"))).unwrap_or_default();
    let headings: String = (original.lines())
        .filter(|l| l.starts_with("## ") || l.starts_with("### "))
        .map(|l| format!("\n{l}\n\nAbschnitt.\n"))
        .collect();
    format!(
        "---\ntitle: \"Deutsch: {stem} ({step})\"\ndate:{date}\nroles: {roles}\n---\n\n## Überblick\n\nSchritt {step}, mit einem [Verweis](@/guides/{link}.md).\n{headings}"
    )
}

/// Adds, rewrites or removes the German version of a sample guide.
pub fn translation(c: &mut Ctx) -> Option<Edit> {
    let all = originals(c.site);
    let original = c.rng.pick(&all).clone();
    let path = c.site.join(format!("content/guides/{original}.de.md"));
    if path.exists() && c.rng.one_in(3) {
        return Some(c.remove(&path));
    }
    let step = c.step;
    let date = c.date(2026);
    let roles = c.pick(&[
        "[data-analyst]",
        "[]",
        "[software-engineer, data-analyst]",
        "[de-data-analyst]",
        "[de-software-engineer]",
    ]);
    let link = c.rng.pick(&all).clone();
    let text = guide_text(c.site, &original, step, &date, (&roles, &link));
    Some(c.write(
        &path,
        &text,
        format!("write content/guides/{original}.de.md"),
    ))
}

/// Rewrites or removes the German page, or the German version of the folder guide.
pub fn other_translation(c: &mut Ctx) -> Option<Edit> {
    let step = c.step;
    let (rel, text) = if c.rng.one_in(2) {
        (
            "content/about.de.md",
            format!("---\ntitle: \"Über uns {step}\"\n---\nStand: Schritt {step}.\n"),
        )
    } else {
        (
            "content/guides/inv-bundle/index.de.md",
            format!(
                "---\ntitle: \"Ordner {step}\"\ndate: 2026-01-04\n---\n![Das Diagramm](chart.svg) Schritt {step}.\n"
            ),
        )
    };
    let path = c.site.join(rel);
    if path.exists() && c.rng.one_in(3) {
        return Some(c.remove(&path));
    }
    Some(c.write(&path, &text, format!("write {rel}")))
}

fn profile_text(original: &str, step: usize, aliases: &str) -> String {
    format!(
        "---\ntitle: \"Deutsch {original} {step}\"\naliases: {aliases}\nsummary: \"Kurz gesagt, Schritt {step}.\"\n---\nWas die Arbeit ausmacht, Schritt {step}.\n"
    )
}

/// Adds, rewrites or removes the German version of a role or skill profile. Its alias
/// (`de-<slug>`) comes and goes, and German guides tag with it.
pub fn profile_translation(c: &mut Ctx) -> Option<Edit> {
    let kind = c.pick(&["roles", "skills"]);
    let originals: Vec<String> = md_files(&c.site.join("content").join(&kind))
        .iter()
        .map(|p| stem(p))
        .filter(|s| !s.contains('.'))
        .collect();
    let original = c.rng.pick(&originals).clone();
    let rel = format!("content/{kind}/{original}.de.md");
    let path = c.site.join(&rel);
    if path.exists() && c.rng.one_in(3) {
        return Some(c.remove(&path));
    }
    let aliases = match c.rng.one_in(3) {
        true => "[]".to_string(),
        false => format!("[de-{original}]"),
    };
    let text = profile_text(&original, c.step, &aliases);
    Some(c.write(&path, &text, format!("write {rel}")))
}
