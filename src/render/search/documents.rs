//! The searchable documents of a site, by kind: guides, roles, skills, pages and every
//! declared taxonomy's terms, each with its texts by field, and what the index keeps of each.

use super::*;

/// Every guide (site order), role, skill and page (by slug and path): ids are positions.
pub(super) fn documents(site: &Site) -> Vec<Doc<'_>> {
    let mut docs = Vec::new();
    for g in &site.guides {
        let mut fields = vec![(TITLE, g.title.as_str())];
        for r in &g.roles {
            fields.push((TAG, site.roles.get(r).map_or(r.as_str(), |r| &r.title)));
        }
        for s in &g.skills {
            fields.push((TAG, site.skills.get(s).map_or(s.as_str(), |s| &s.title)));
        }
        for (taxonomy, terms) in site.taxonomies.iter().zip(&g.terms) {
            for t in terms {
                fields.push((TAG, taxonomy.terms.get(t).map_or(t.as_str(), |t| &t.title)));
            }
        }
        fields.extend(g.body.headings.iter().map(|h| (HEADING, h.title.as_str())));
        fields.extend(g.faq.iter().map(|f| (HEADING, f.question.as_str())));
        let mut html = vec![g.body.html.as_str()];
        html.extend(g.faq.iter().map(|f| f.answer_html.as_str()));
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
    for r in site.roles.values() {
        let p = r.profile.as_ref();
        let mut fields = vec![(TITLE, r.title.as_str())];
        fields.extend(
            p.iter()
                .flat_map(|p| p.aliases.iter().map(|a| (TAG, a.as_str()))),
        );
        let summary = p.and_then(|p| p.summary.as_deref());
        let mut plain: Vec<_> = summary
            .map(|d| (DESCRIPTION_WEIGHT, d))
            .into_iter()
            .collect();
        plain.extend(p.and_then(|p| p.education.as_deref()).map(|e| (1, e)));
        docs.push(Doc {
            kind: 1,
            slug: &r.slug,
            title: &r.title,
            snippet: snippet(summary.or(p.map(|p| p.body.summary.as_str())).unwrap_or("")),
            fields,
            plain,
            html: p.iter().map(|p| p.body.html.as_str()).collect(),
        });
    }
    for s in site.skills.values() {
        let p = s.profile.as_ref();
        let mut fields = vec![(TITLE, s.title.as_str())];
        fields.extend(
            p.iter()
                .flat_map(|p| p.aliases.iter().map(|a| (TAG, a.as_str()))),
        );
        fields.extend(p.and_then(|p| p.category.as_deref()).map(|c| (TAG, c)));
        let summary = p.and_then(|p| p.summary.as_deref());
        docs.push(Doc {
            kind: 2,
            slug: &s.slug,
            title: &s.title,
            snippet: snippet(summary.or(p.map(|p| p.body.summary.as_str())).unwrap_or("")),
            fields,
            plain: summary
                .map(|d| (DESCRIPTION_WEIGHT, d))
                .into_iter()
                .collect(),
            html: p.iter().map(|p| p.body.html.as_str()).collect(),
        });
    }
    for p in &site.pages {
        let mut fields = vec![(TITLE, p.title.as_str())];
        fields.extend(p.body.headings.iter().map(|h| (HEADING, h.title.as_str())));
        docs.push(Doc {
            kind: 3,
            slug: &p.path,
            title: &p.title,
            snippet: snippet(p.description.as_deref().unwrap_or(&p.body.summary)),
            fields,
            plain: p
                .description
                .iter()
                .map(|d| (DESCRIPTION_WEIGHT, d.as_str()))
                .collect(),
            html: vec![p.body.html.as_str()],
        });
    }
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        for term in taxonomy.terms.values() {
            let p = term.profile.as_ref();
            let mut fields = vec![(TITLE, term.title.as_str())];
            fields.extend(
                p.iter()
                    .flat_map(|p| p.aliases.iter().map(|a| (TAG, a.as_str()))),
            );
            let summary = p.and_then(|p| p.summary.as_deref());
            docs.push(Doc {
                // Config allows few enough taxonomies for every kind to fit.
                kind: (KINDS.len() + t) as u8,
                slug: &term.slug,
                title: &term.title,
                snippet: snippet(summary.or(p.map(|p| p.body.summary.as_str())).unwrap_or("")),
                fields,
                plain: summary
                    .map(|d| (DESCRIPTION_WEIGHT, d))
                    .into_iter()
                    .collect(),
                html: p.iter().map(|p| p.body.html.as_str()).collect(),
            });
        }
    }
    docs
}

pub(super) fn text_hash(doc: &Doc<'_>) -> u64 {
    use std::hash::BuildHasher;
    let state = foldhash::quality::FixedState::with_seed(0x5ea7c4);
    state.hash_one((&doc.fields, &doc.plain, &doc.html))
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
    let html = doc.html.iter().map(|h| (1, Cow::Owned(text_of(h))));
    let plain = doc.plain.iter().map(|(w, t)| (*w, Cow::Borrowed(*t)));
    for (weight, text) in plain.chain(html) {
        for_each_term(&text, false, false, &mut |t| match body.get_mut(t) {
            Some(n) => *n += weight,
            None => drop(body.insert(t.to_string(), weight)),
        });
    }
    body.retain(|t, _| fields.get(t).is_none_or(|f| f & TITLE == 0));
    Terms {
        fields: fields.into_iter().collect(),
        body: body.into_iter().collect(),
    }
}
