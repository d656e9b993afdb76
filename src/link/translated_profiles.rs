//! Translated role, skill and term profiles (`roles/developer.de.md`). A language's pages
//! tag with its own version of a profile where there is one: its title, summary, aliases
//! and body are the language's. What a translator need not write again is taken from the
//! original: its aliases and title stay names of the term (so a German guide tagged with
//! the English name still finds the role), and a role's career facts (skills, education,
//! salary, occupation codes, paths) are the original's unless the translation sets them.

use std::path::Path;

use super::bodies::content_rel;
use crate::parse::Doc;

/// The profiles a language's pages tag with: its `translated` profiles, completed from
/// their originals, then the default language's `shared` profiles it has no version of.
pub(super) fn profiles_of(translated: &[&Doc], shared: &[&Doc]) -> Vec<Doc> {
    let original = |d: &Doc| crate::languages::original(Path::new(&content_rel(d.file())));
    let is_original_of = |o: &Doc, t: &Doc| Path::new(&content_rel(o.file())) == original(t);
    let mut out: Vec<Doc> = (translated.iter())
        .map(|t| complete(t, shared.iter().copied().find(|o| is_original_of(o, t))))
        .collect();
    out.extend(
        (shared.iter())
            .filter(|o| !translated.iter().any(|t| is_original_of(o, t)))
            .map(|o| (*o).clone()),
    );
    out
}

/// `translated` with what it leaves out taken from `original`.
fn complete(translated: &Doc, original: Option<&Doc>) -> Doc {
    let mut doc = translated.clone();
    match (&mut doc, original) {
        (Doc::Role(t), Some(Doc::Role(o))) => {
            let (f, of) = (&mut t.front, &o.front);
            add_names(&mut f.aliases, &f.slug, &of.title, &of.aliases);
            fill(&mut f.skills, &of.skills);
            fill(&mut f.soc, &of.soc);
            fill(&mut f.next_roles, &of.next_roles);
            fill(&mut f.previous_roles, &of.previous_roles);
            f.education = f.education.take().or_else(|| of.education.clone());
            f.salary = f.salary.take().or_else(|| of.salary.clone());
            f.soc_note = f.soc_note.take().or_else(|| of.soc_note.clone());
        }
        (Doc::Skill(t), Some(Doc::Skill(o))) => {
            let (f, of) = (&mut t.front, &o.front);
            add_names(&mut f.aliases, &f.slug, &of.title, &of.aliases);
            f.category = f.category.take().or_else(|| of.category.clone());
        }
        (Doc::Page(t), Some(Doc::Page(o))) => {
            let (f, of) = (&mut t.front, &o.front);
            let slug = f.path.rsplit('/').next().unwrap_or("").to_string();
            add_names(&mut f.aliases, &slug, &of.title, &of.aliases);
        }
        _ => {}
    }
    doc
}

/// Adds the original's title and aliases to a translation's aliases (slugified, as
/// aliases are), leaving out the slug itself and names already there.
fn add_names(
    aliases: &mut Vec<(String, usize)>,
    slug: &str,
    title: &str,
    more: &[(String, usize)],
) {
    let title = (crate::slug::slugify(title), 1);
    for (name, line) in std::iter::once(&title).chain(more) {
        if !name.is_empty() && name != slug && !aliases.iter().any(|(a, _)| a == name) {
            aliases.push((name.clone(), *line));
        }
    }
}

/// `list`, when the translation leaves it empty, as the original has it.
fn fill(list: &mut Vec<(String, usize)>, original: &[(String, usize)]) {
    if list.is_empty() {
        list.extend_from_slice(original);
    }
}
