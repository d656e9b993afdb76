//! The searchable documents of a site, by kind: guides, roles, skills, pages (with the
//! salary pages per role and area) and every declared taxonomy's terms, each with its texts
//! by field, and what the index keeps of each.

use super::*;
use crate::model::{ProfileFacts, TaxonomyId};

/// Every guide (site order), role, skill and page (by slug and path): ids are positions.
pub(super) fn documents<'a>(site: &'a Site) -> Vec<Doc<'a>> {
    let mut docs = Vec::new();
    for g in &site.guides {
        let mut fields = vec![(TITLE, g.title.as_str())];
        for (taxonomy, terms) in site.all_taxonomies().zip(&g.terms) {
            for t in terms {
                fields.push((TAG, taxonomy.terms.get(t).map_or(t.as_str(), |t| &t.title)));
            }
        }
        fields.extend(g.body.headings.iter().map(|h| (HEADING, h.title.as_str())));
        fields.extend(g.faq.iter().map(|f| (HEADING, f.question.as_str())));
        let mut html = vec![Html::Body(&g.body)];
        html.extend(g.faq.iter().map(|f| Html::Answer(&f.answer_html)));
        let description = g.description.as_deref();
        let mut plain: Vec<_> = description
            .map(|d| (DESCRIPTION_WEIGHT, d))
            .into_iter()
            .collect();
        plain.extend(g.takeaways.iter().map(|t| (1, t.as_str())));
        docs.push(Doc {
            kind: 0,
            slug: &g.slug,
            title: &g.title,
            snippet: snippet(description.unwrap_or(&g.body.summary)),
            fields,
            plain,
            html,
        });
    }
    // Roles and skills come before pages and declared taxonomies after them: a
    // document's id is its position, and `search.js` knows the built-in kinds.
    docs.extend(term_docs(site, TaxonomyId::Roles));
    docs.extend(term_docs(site, TaxonomyId::Skills));
    // Pages and salary pages are found by their path within the language: `search.js`
    // puts them under the folder its index is in.
    let lang = site.config.lang_path.as_str();
    let within = |path: &'a str| path.strip_prefix(lang).unwrap_or(path);
    for p in &site.pages {
        let mut fields = vec![(TITLE, p.title.as_str())];
        fields.extend(p.body.headings.iter().map(|h| (HEADING, h.title.as_str())));
        docs.push(Doc {
            kind: 3,
            slug: within(&p.path),
            title: &p.title,
            snippet: snippet(p.description.as_deref().unwrap_or(&p.body.summary)),
            fields,
            plain: p
                .description
                .iter()
                .map(|d| (DESCRIPTION_WEIGHT, d.as_str()))
                .collect(),
            html: vec![Html::Body(&p.body)],
        });
    }
    // Salary pages are found as pages: their slug is their path, which the page prefix
    // (none) turns into their URL.
    for p in &site.datasets.salary_pages {
        let role = site
            .roles
            .terms
            .get(&p.role)
            .map_or(p.role.as_str(), |r| &r.title);
        docs.push(Doc {
            kind: 3,
            slug: within(&p.path),
            title: &p.title,
            snippet: snippet(&format!(
                "Pay percentiles and employment for the {role} role in {}.",
                p.area.title
            )),
            fields: vec![(TITLE, p.title.as_str()), (TAG, role), (TAG, &p.area.title)],
            plain: Vec::new(),
            html: Vec::new(),
        });
    }
    for t in 0..site.taxonomies.len() {
        docs.extend(term_docs(site, TaxonomyId::Declared(t)));
    }
    docs
}

/// The kind number of a taxonomy's terms in the index: the built-in kinds' for roles and
/// skills, `KINDS.len() + t` for declared taxonomy `t`.
fn kind_of(id: TaxonomyId) -> u8 {
    match id {
        TaxonomyId::Roles => 1,
        TaxonomyId::Skills => 2,
        // Config allows few enough taxonomies for every kind to fit.
        TaxonomyId::Declared(t) => (KINDS.len() + t) as u8,
    }
}

/// The documents of one taxonomy's terms, by slug: each term's title, aliases and profile,
/// and what a role's or skill's career facts add (education, category).
fn term_docs(site: &Site, id: TaxonomyId) -> impl Iterator<Item = Doc<'_>> {
    site.taxonomy(id).terms.values().map(move |term| {
        let p = term.profile.as_ref();
        let mut doc = profile_doc(
            kind_of(id),
            &term.slug,
            &term.title,
            p.map(|p| Profile {
                aliases: &p.aliases,
                summary: p.summary.as_deref(),
                body: &p.body,
            }),
        );
        match p.map(|p| &p.facts) {
            Some(ProfileFacts::Role(r)) => {
                doc.plain.extend(r.education.as_deref().map(|e| (1, e)));
            }
            Some(ProfileFacts::Skill(s)) => {
                doc.fields.extend(s.category.as_deref().map(|c| (TAG, c)));
            }
            Some(ProfileFacts::Plain) | None => {}
        }
        doc
    })
}

/// What a role, skill or term profile gives the index.
struct Profile<'a> {
    aliases: &'a [String],
    summary: Option<&'a str>,
    body: &'a crate::markdown::Body,
}

/// The document of a role, skill or term: its title and aliases, its summary, and its
/// profile's body when it has one.
fn profile_doc<'a>(kind: u8, slug: &'a str, title: &'a str, p: Option<Profile<'a>>) -> Doc<'a> {
    let mut fields = vec![(TITLE, title)];
    fields.extend(
        p.iter()
            .flat_map(|p| p.aliases.iter().map(|a| (TAG, a.as_str()))),
    );
    let summary = p.as_ref().and_then(|p| p.summary);
    Doc {
        kind,
        slug,
        title,
        snippet: snippet(
            summary
                .or(p.as_ref().map(|p| p.body.summary.as_str()))
                .unwrap_or(""),
        ),
        fields,
        plain: summary
            .map(|d| (DESCRIPTION_WEIGHT, d))
            .into_iter()
            .collect(),
        html: p.iter().map(|p| Html::Body(p.body)).collect(),
    }
}

pub(super) fn text_hash(doc: &Doc<'_>) -> u64 {
    use std::hash::BuildHasher;
    let state = foldhash::quality::FixedState::with_seed(0x5ea7c4);
    state.hash_one((&doc.fields, &doc.plain, &doc.html, &doc.snippet))
}

pub(super) fn doc_terms(doc: &Doc<'_>) -> Terms {
    type Map<V> = HashMap<String, V, foldhash::fast::RandomState>;
    let mut fields: Map<u8> = HashMap::with_capacity_and_hasher(64, Default::default());
    for (field, text) in &doc.fields {
        // Stop words count in titles and tags ("IT support", "R"), not in headings.
        for_each_term(
            text,
            false,
            *field != HEADING,
            &mut |t| match fields.get_mut(t) {
                Some(flags) => *flags |= *field,
                None => drop(fields.insert(t.to_string(), *field)),
            },
        );
    }
    // Room for a guide's distinct words, so the map rarely grows while filling.
    let mut body: Map<u32> = HashMap::with_capacity_and_hasher(1024, Default::default());
    let html = doc.html.iter().map(|h| (1, Cow::Owned(text_of(&h.read()))));
    let plain = doc.plain.iter().map(|(w, t)| (*w, Cow::Borrowed(*t)));
    for (weight, text) in plain.chain(html) {
        for_each_term(&text, false, false, &mut |t| match body.get_mut(t) {
            Some(n) => *n += weight,
            None => drop(body.insert(t.to_string(), weight)),
        });
    }
    body.retain(|t, _| fields.get(t).is_none_or(|f| f & TITLE == 0));
    Terms {
        fields: fields.iter().map(|(t, f)| (t.as_str(), *f)).collect(),
        body: (body.iter())
            .map(|(t, n)| (t.as_str(), super::postings::strength(*n)))
            .collect(),
        snippet: super::snippet_entry(doc),
    }
}
