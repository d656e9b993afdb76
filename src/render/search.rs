//! The site search index, built from the model so that `search.js` can search guides, roles,
//! skills and pages on a static host with no server. The index is split so that a search
//! loads little even at 10,000 guides:
//!
//! - `search/index.json`, always loaded: every document's kind, slug and title, and the
//!   postings of the words in titles, tags (a guide's role and skill titles, aliases, skill
//!   categories) and headings (with FAQ questions), which are what most searches hit.
//! - `search/terms/<shard>.json`, loaded per query word: postings of description and body
//!   words, sharded by prefix: all in one shard while it is under `SHARD_MAX_BYTES`, else
//!   split by first letter, then by two, three, four letters where still too big (a word
//!   lives in the shard of the longest key it starts with).
//! - `search/snippets/<n>.json`: the description shown under each result, `SNIPPETS_PER_FILE`
//!   documents a file, fetched only for the results on screen.
//!
//! Postings are strings of base-64 varints (`0-9A-Za-z-_`; 5 bits a character, low group
//! first, values of 32 and up meaning "more follows"): per document, `gap << bits | class`,
//! where `gap` is the document id minus the previous id minus one (the first id as is).
//! In `index.json` the class is 3 bits of field flags (1 title, 2 tag, 4 heading); in shards
//! it is 2 bits of body strength (0: once, 1: 2-3, 2: 4-7, 3: 8+ occurrences, a
//! description's counting 3). Body postings are left out where the word is in the title.
//! Words are folded (lowercase, Latin accents removed), stemmed with Harman's S-stemmer, and
//! compounds (`front-end`, `CI/CD`, `node.js`) are indexed as parts and joined (`cicd`).
//! Stop words and, on large sites, words in most documents (listed in `common`) get no body
//! postings; `search.js` treats both as optional in a query. `search.js` implements the same
//! folding, so the two must change together (`text_rules_match_search_js` pins them).
//! Everything is built from ordered maps, so output is byte-identical for identical input.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::model::Site;
use crate::render::theme::content_hash;

pub const INDEX_PATH: &str = "search/index.json";

/// Whether `path` is one the index may write: generated files take these paths from static
/// files of the same name, in a full build and a watch-mode rebuild alike.
pub fn is_index_path(path: &str) -> bool {
    path == INDEX_PATH
        || ["search/terms/", "search/snippets/"]
            .iter()
            .any(|dir| path.starts_with(dir) && path.ends_with(".json"))
}
const FORMAT_VERSION: u32 = 1;
/// The built-in kinds of document; each declared taxonomy's terms follow as kind `4 + t`,
/// named by the taxonomy's name.
const KINDS: [&str; 4] = ["guide", "role", "skill", "page"];
/// What `search.js` shows beside a result of each kind, given only when the site declares
/// taxonomies (the script knows the built-in kinds' labels).
const LABELS: [&str; 4] = ["Guide", "Role", "Skill", "Page"];
/// URL of a document, under the base path: `prefix + slug + "/"`.
const PREFIXES: [&str; 4] = ["guides/", "roles/", "skills/", ""];
/// Field flags of `index.json` postings.
const TITLE: u8 = 1;
const TAG: u8 = 2;
const HEADING: u8 = 4;
/// Class bits per posting: field flags in `index.json`, body strength in shards.
const FIELD_BITS: u32 = 3;
const STRENGTH_BITS: u32 = 2;
const SNIPPET_CHARS: usize = 160;
const SNIPPETS_PER_FILE: usize = 100;
const SHARD_MAX_BYTES: usize = 32 * 1024;
const SHARD_MAX_KEY: usize = 4;
/// Body words in more than `COMMON_PERCENT` of documents, on sites of `COMMON_MIN_DOCS` or
/// more, carry no ranking signal and cost a posting per document: they are dropped.
const COMMON_PERCENT: usize = 40;
const COMMON_MIN_DOCS: usize = 200;
const MAX_TERM_CHARS: usize = 32;
const DESCRIPTION_WEIGHT: u32 = 3;

const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "could", "did", "do", "does", "each", "for", "from", "had", "has", "have",
    "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "may", "more",
    "most", "much", "my", "no", "not", "of", "on", "one", "or", "other", "our", "out", "over",
    "she", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "through", "to", "too", "up", "us", "very", "was", "we", "were",
    "what", "when", "where", "which", "while", "who", "why", "will", "with", "would", "you",
    "your",
];

/// Whether `word`, `chars` long, is too short or too common to index. Called for every
/// word of every guide: a quarter of the index's time went into comparing it with
/// `STOP_WORDS` as strings, so the stop words (short ASCII) are packed into integers.
fn is_stop(word: &str, chars: usize) -> bool {
    fn pack(word: &str) -> u64 {
        let mut bytes = [0u8; 8];
        bytes[..word.len()].copy_from_slice(word.as_bytes());
        u64::from_le_bytes(bytes)
    }
    static SET: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    chars < 2
        || (word.len() <= 7
            && SET
                .get_or_init(|| {
                    let mut set: Vec<u64> = STOP_WORDS.iter().map(|w| pack(w)).collect();
                    set.sort_unstable();
                    set
                })
                .binary_search(&pack(word))
                .is_ok())
}

/// One searchable document and its text, by field.
struct Doc<'a> {
    kind: u8,
    slug: &'a str,
    title: &'a str,
    snippet: String,
    /// Title, tag and heading texts with their field.
    fields: Vec<(u8, &'a str)>,
    /// Plain body texts (description, takeaways) with how many times a word in them counts.
    plain: Vec<(u32, &'a str)>,
    /// Body texts as HTML from our Markdown renderer.
    html: Vec<&'a str>,
}

/// What the tokenizer found in one document.
struct Terms {
    /// Each word of the document's fields and the fields it is in (flags).
    fields: Vec<(String, u8)>,
    /// Each word of the body and its occurrences (a description's counting
    /// `DESCRIPTION_WEIGHT`), minus the words of the title: a title match outranks
    /// everything the body could add. In no particular order: postings are by document.
    body: Vec<(String, u32)>,
}

#[derive(Serialize)]
struct MainIndex<'a> {
    version: u32,
    /// A hash of the shards and snippets: `search.js` adds it to their URLs, so a cached
    /// `index.json` never meets shards from another build.
    v: String,
    kinds: Vec<&'a str>,
    prefixes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    labels: Option<Vec<&'a str>>,
    docs: Vec<(u8, &'a str, &'a str)>,
    terms: BTreeMap<&'a str, String>,
    common: Vec<&'a str>,
    /// Shard key -> file name under `search/terms/` (without `.json`).
    shards: BTreeMap<String, String>,
    snippets: usize,
}

/// The search index files, by output path. Deterministic: identical sites give identical
/// bytes.
pub fn search_index(site: &Site) -> Vec<(String, Vec<u8>)> {
    search_index_cached(site, &mut SearchCache::default())
}

/// The words of each document from the last build, so that a rebuild in watch mode reads
/// only the documents that changed (most of the index's time at 10,000 guides).
#[derive(Default)]
pub struct SearchCache {
    /// (kind, slug) -> hash of the document's texts, and its words.
    docs: HashMap<(u8, String), (u64, std::sync::Arc<Terms>)>,
}

/// `search_index`, reusing `cache` for documents whose text did not change, and updating it.
pub fn search_index_cached(site: &Site, cache: &mut SearchCache) -> Vec<(String, Vec<u8>)> {
    let docs = documents(site);
    let terms: Vec<(u64, std::sync::Arc<Terms>)> = docs
        .par_iter()
        .map(|d| {
            let hash = text_hash(d);
            match cache.docs.get(&(d.kind, d.slug.to_string())) {
                Some((h, t)) if *h == hash => (hash, t.clone()),
                _ => (hash, std::sync::Arc::new(doc_terms(d))),
            }
        })
        .collect();
    cache.docs = docs
        .iter()
        .zip(&terms)
        .map(|(d, t)| ((d.kind, d.slug.to_string()), t.clone()))
        .collect();
    crate::trace::mark("search-terms");
    let terms: Vec<&Terms> = terms.iter().map(|(_, t)| t.as_ref()).collect();
    let (fields, body, common) = postings(&terms);
    crate::trace::mark("search-post");
    let mut files = Vec::new();
    let mut shards = BTreeMap::new();
    let encoded: Vec<(&str, String)> = body
        .iter()
        .map(|(t, p)| (*t, encode(p, STRENGTH_BITS)))
        .collect();
    shard(&encoded, String::new(), &mut files, &mut shards);
    for (n, chunk) in docs.chunks(SNIPPETS_PER_FILE).enumerate() {
        let snippets: Vec<&str> = chunk.iter().map(|d| d.snippet.as_str()).collect();
        let bytes = serde_json::to_vec(&snippets).expect("strings serialize");
        files.push((format!("search/snippets/{n}.json"), bytes));
    }
    let all: Vec<u8> = files
        .iter()
        .flat_map(|(p, b)| [p.as_bytes(), b].concat())
        .collect();
    let main = MainIndex {
        version: FORMAT_VERSION,
        v: content_hash(&all),
        kinds: KINDS
            .into_iter()
            .chain(site.taxonomies.iter().map(|t| t.name.as_str()))
            .collect(),
        prefixes: PREFIXES
            .iter()
            .map(|p| p.to_string())
            .chain(site.taxonomies.iter().map(|t| t.path()))
            .collect(),
        labels: (!site.taxonomies.is_empty()).then(|| {
            LABELS
                .into_iter()
                .chain(site.config.taxonomies.iter().map(|t| t.title.as_str()))
                .collect()
        }),
        docs: docs.iter().map(|d| (d.kind, d.slug, d.title)).collect(),
        terms: fields
            .iter()
            .map(|(t, p)| (*t, encode(p, FIELD_BITS)))
            .collect(),
        common,
        shards,
        snippets: SNIPPETS_PER_FILE,
    };
    let bytes = serde_json::to_vec(&main).expect("index serializes");
    files.insert(0, (INDEX_PATH.to_string(), bytes));
    files
}

type Postings<'a> = BTreeMap<&'a str, Vec<(u32, u8)>>;

/// Field and body postings by word, and the body words too common to index. On a large
/// site, words in most documents' headings ("Frequently asked questions") lose their
/// heading flag too: they would cost a posting per document and rank nothing.
fn postings<'a>(terms: &[&'a Terms]) -> (Postings<'a>, Postings<'a>, Vec<&'a str>) {
    // Hash maps while filling (the hot loop at 10,000 guides), one pair per run of
    // documents in parallel, joined in document order so each list stays ascending.
    type Fill<'a> = HashMap<&'a str, Vec<(u32, u8)>, foldhash::fast::RandomState>;
    let fill = |range: std::ops::Range<usize>| {
        let mut fields: Fill = HashMap::default();
        let mut body: Fill = HashMap::default();
        for id in range {
            let t = terms[id];
            for (term, field) in &t.fields {
                fields.entry(term).or_default().push((id as u32, *field));
            }
            for (term, count) in &t.body {
                body.entry(term)
                    .or_default()
                    .push((id as u32, strength(*count)));
            }
        }
        (fields, body)
    };
    let join = |mut a: Fill<'a>, b: Fill<'a>| {
        for (term, list) in b {
            a.entry(term).or_default().extend(list);
        }
        a
    };
    let chunk = terms
        .len()
        .div_ceil(rayon::current_num_threads().max(1))
        .max(1);
    let (fields, body) = (0..terms.len())
        .step_by(chunk)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|start| fill(start..(start + chunk).min(terms.len())))
        .reduce(
            || (HashMap::default(), HashMap::default()),
            |(f1, b1), (f2, b2)| (join(f1, f2), join(b1, b2)),
        );
    let mut fields: Postings = fields.into_iter().collect();
    let mut body: Postings = body.into_iter().collect();
    if terms.len() < COMMON_MIN_DOCS {
        return (fields, body, Vec::new());
    }
    let limit = terms.len() * COMMON_PERCENT / 100;
    for p in fields.values_mut() {
        if p.iter().filter(|(_, f)| f & HEADING != 0).count() > limit {
            p.iter_mut().for_each(|(_, f)| *f &= !HEADING);
            p.retain(|(_, f)| *f != 0);
        }
    }
    fields.retain(|_, p| !p.is_empty());
    let common: Vec<&str> = body
        .iter()
        .filter(|(_, p)| p.len() > limit)
        .map(|(t, _)| *t)
        .collect();
    for t in &common {
        body.remove(t);
    }
    (fields, body, common)
}

/// Every guide (site order), role, skill and page (by slug and path): ids are positions.
fn documents(site: &Site) -> Vec<Doc<'_>> {
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

fn text_hash(doc: &Doc<'_>) -> u64 {
    use std::hash::BuildHasher;
    let state = foldhash::quality::FixedState::with_seed(0x5ea7c4);
    state.hash_one((&doc.fields, &doc.plain, &doc.html))
}

fn doc_terms(doc: &Doc<'_>) -> Terms {
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

fn strength(count: u32) -> u8 {
    match count {
        0..=1 => 0,
        2..=3 => 1,
        4..=7 => 2,
        _ => 3,
    }
}

const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Postings (ascending ids) as a varint string; see the module docs.
fn encode(postings: &[(u32, u8)], class_bits: u32) -> String {
    let mut out = String::with_capacity(postings.len() * 2);
    let mut next = 0u32;
    for &(id, class) in postings {
        let mut v = (u64::from(id - next) << class_bits) | u64::from(class);
        next = id + 1;
        while v >= 32 {
            out.push(ALPHABET[(32 | (v & 31)) as usize] as char);
            v >>= 5;
        }
        out.push(ALPHABET[v as usize] as char);
    }
    out
}

/// Writes the shard for words starting with `key`, splitting it by one more letter while
/// it is too big.
fn shard(
    terms: &[(&str, String)],
    key: String,
    files: &mut Vec<(String, Vec<u8>)>,
    shards: &mut BTreeMap<String, String>,
) {
    let key_len = key.chars().count();
    let size: usize = terms.iter().map(|(t, p)| t.len() + p.len() + 6).sum();
    if size > SHARD_MAX_BYTES && key_len < SHARD_MAX_KEY {
        // Words no longer than the key stay in the key's own shard.
        let (own, longer): (Vec<_>, Vec<_>) = terms
            .iter()
            .partition(|(t, _)| t.chars().count() <= key_len);
        let mut groups: BTreeMap<String, Vec<(&str, String)>> = BTreeMap::new();
        for (t, p) in longer {
            let sub: String = t.chars().take(key_len + 1).collect();
            groups.entry(sub).or_default().push((t, p.clone()));
        }
        if !own.is_empty() {
            let own: Vec<_> = own.into_iter().map(|(t, p)| (*t, p.clone())).collect();
            write_shard(&own, &key, files, shards);
        }
        for (sub, group) in groups {
            shard(&group, sub, files, shards);
        }
    } else if !terms.is_empty() {
        write_shard(terms, &key, files, shards);
    }
}

fn write_shard(
    terms: &[(&str, String)],
    key: &str,
    files: &mut Vec<(String, Vec<u8>)>,
    shards: &mut BTreeMap<String, String>,
) {
    let map: BTreeMap<&str, &str> = terms.iter().map(|(t, p)| (*t, p.as_str())).collect();
    let name: String = key
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' => c.to_string(),
            _ => format!("_{:x}_", c as u32),
        })
        .collect();
    let name = if name.is_empty() { "_".into() } else { name };
    files.push((
        format!("search/terms/{name}.json"),
        serde_json::to_vec(&map).expect("strings serialize"),
    ));
    shards.insert(key.to_string(), name);
}

/// Plain text of our own well-formed HTML: tags become spaces (so block ends split words),
/// entities are decoded, scripts and styles dropped, whitespace collapsed.
pub fn strip_tags(html: &str) -> String {
    text_of(html)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `strip_tags` without collapsing whitespace, which splitting into words does anyway.
fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let end = tag_end(rest);
            let tag = rest.as_bytes().get(1..7).unwrap_or_default();
            rest = &rest[end..];
            for skipped in ["script", "style"] {
                if tag
                    .get(..skipped.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(skipped.as_bytes()))
                {
                    let close = format!("</{skipped}");
                    let at = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
                    rest = &rest[at..];
                }
            }
            out.push(' ');
        } else {
            let (text, len) = entity(rest);
            out.push_str(&text);
            rest = &rest[len..];
        }
    }
    out.push_str(rest);
    out
}

/// Length of the tag at the start of `s`, quotes in attributes included.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The text of the entity at the start of `s` and its length (`&` alone when unknown).
fn entity(s: &str) -> (String, usize) {
    let Some(end) = s.bytes().take(12).position(|b| b == b';') else {
        return ("&".into(), 1);
    };
    let name = &s[1..end];
    let c = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .map(|h| u32::from_str_radix(h, 16))
            .or_else(|| name.strip_prefix('#').map(str::parse))
            .and_then(Result::ok)
            .and_then(char::from_u32),
    };
    match c {
        Some(c) => (c.to_string(), end + 1),
        None => ("&".into(), 1),
    }
}

/// A description shortened to `SNIPPET_CHARS` at a word boundary.
fn snippet(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= SNIPPET_CHARS {
        return text;
    }
    let cut: String = text.chars().take(SNIPPET_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

/// Appends `c` folded: lowercase, Latin letters without accents. Returns false for a
/// character that separates words. Mirrors `fold` in search.js.
fn fold(c: char, out: &mut String) -> bool {
    if c.is_ascii_alphanumeric() {
        out.push(c.to_ascii_lowercase());
        return true;
    }
    if c.is_ascii() {
        return c == '\'';
    }
    if matches!(c as u32, 0x300..=0x36f | 0x2019) {
        return true;
    }
    let mut any = false;
    for l in c.to_lowercase() {
        let special = match l {
            'ß' => Some("ss"),
            'æ' => Some("ae"),
            'œ' => Some("oe"),
            'ø' => Some("o"),
            'ł' => Some("l"),
            'đ' | 'ð' => Some("d"),
            'þ' => Some("th"),
            'ı' => Some("i"),
            _ => None,
        };
        let latin = matches!(l as u32, 0xc0..=0x24f | 0x1e00..=0x1eff);
        let plain = deunicode::deunicode_char(l).filter(|s| {
            latin && l.is_alphabetic() && s.len() == 1 && s.as_bytes()[0].is_ascii_alphabetic()
        });
        if let Some(s) = special.or(plain) {
            out.push_str(&s.to_ascii_lowercase());
            any = true;
        } else if l.is_alphanumeric() {
            out.push(l);
            any = true;
        } else if matches!(l as u32, 0x300..=0x36f) {
            any = true;
        }
    }
    any
}

/// Harman's S-stemmer: plural to singular, for words of four letters or more.
pub fn stem(word: &str) -> Cow<'_, str> {
    if word.len() <= 3 || !word.chars().all(char::is_alphabetic) || word.chars().nth(3).is_none() {
        return Cow::Borrowed(word);
    }
    let ends = |s: &str| word.ends_with(s);
    if ends("ies") && !ends("eies") && !ends("aies") {
        Cow::Owned(format!("{}y", &word[..word.len() - 3]))
    } else if (ends("es") && !ends("aes") && !ends("ees") && !ends("oes"))
        || (ends("s") && !ends("us") && !ends("ss") && !ends("is"))
    {
        Cow::Borrowed(&word[..word.len() - 1])
    } else {
        Cow::Borrowed(word)
    }
}

/// Calls `f` with each indexable word of `text`: folded, stemmed, compounds as parts and
/// joined (`query`: joined only, as search.js does with what is typed). `keep_stop`: stop
/// words and one-letter words are kept (titles: "IT support", "R").
fn for_each_term(text: &str, query: bool, keep_stop: bool, f: &mut dyn FnMut(&str)) {
    // The current compound's parts, concatenated, and where each part ends.
    let mut buf = String::new();
    let mut ends: Vec<usize> = Vec::new();
    let mut emit = |buf: &mut String, ends: &mut Vec<usize>| {
        let joined = ends.len() > 1 && ends.len() <= 4;
        let mut start = 0;
        for (i, &end) in ends.iter().enumerate() {
            let single = !(query && joined);
            let whole = joined && i + 1 == ends.len();
            for (w, on) in [(&buf[start..end], single), (&buf[..end], whole)] {
                if !on {
                    continue;
                }
                let n = if w.is_ascii() {
                    w.len()
                } else {
                    w.chars().count()
                };
                if n <= MAX_TERM_CHARS && (keep_stop || !is_stop(w, n)) {
                    f(&stem(w));
                }
            }
            start = end;
        }
        buf.clear();
        ends.clear();
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // ASCII letters and digits first: most of the text, and the fast path.
        if c.is_ascii_alphanumeric() {
            buf.push(c.to_ascii_lowercase());
            continue;
        }
        if fold(c, &mut buf) {
            continue;
        }
        if buf.len() > ends.last().copied().unwrap_or(0) {
            ends.push(buf.len());
        }
        if ends.is_empty() {
            continue;
        }
        let joiner = matches!(c, '-' | '/' | '.' | '_' | '\u{2010}' | '\u{2011}');
        if !(joiner && chars.peek().is_some_and(|n| n.is_alphanumeric())) {
            emit(&mut buf, &mut ends);
        }
    }
    if buf.len() > ends.last().copied().unwrap_or(0) {
        ends.push(buf.len());
    }
    emit(&mut buf, &mut ends);
}

/// The distinct words of `text` as the index stores them; for tests and tools.
pub fn terms_of(text: &str, query: bool) -> Vec<String> {
    let mut out = BTreeSet::new();
    for_each_term(text, query, true, &mut |t| {
        out.insert(t.to_string());
    });
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{BuildOptions, load};
    use std::path::Path;

    fn site_at(root: &Path) -> Site {
        let opts = BuildOptions {
            root: root.to_path_buf(),
            ..Default::default()
        };
        load(&opts).unwrap_or_else(|e| panic!("{e:?}")).site
    }

    fn fixture() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            (
                "site.toml",
                "title = \"T\"\nbase_url = \"https://example.com/careers/\"\n",
            ),
            (
                "content/guides/kube.md",
                "---\ntitle: Learning Kubernetes\ndate: 2026-01-02\nroles: [devops-engineer]\n\
                 skills: [kubernetes]\n---\nStart with pods &amp; services.\n\n## Front-end tooling\n\n\
                 Use `kubectl` and CI/CD pipelines with <em>zookeeper</em>.\n",
            ),
            (
                "content/guides/sql.md",
                "---\ntitle: SQL for analysts\ndescription: Queries, joins and Kubernetes-free \
                 reporting.\ndate: 2026-01-01\nroles: [data-analyst]\nskills: [sql]\n---\n\
                 Window functions and zookeeper zookeeper zookeeper zookeeper.\n",
            ),
            (
                "content/roles/devops-engineer.md",
                "---\ntitle: DevOps Engineer\naliases: [sysops]\nsummary: Builds delivery pipelines.\n---\nShips code.\n",
            ),
            (
                "content/skills/kubernetes.md",
                "---\ntitle: Kubernetes\ncategory: Infrastructure\n---\nOrchestrates containers.\n",
            ),
        ];
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        dir
    }

    fn decode(s: &str, bits: u32) -> Vec<(u32, u8)> {
        let (mut out, mut next, mut v, mut shift) = (Vec::new(), 0u32, 0u64, 0);
        for b in s.bytes() {
            let d = ALPHABET.iter().position(|&a| a == b).unwrap() as u64;
            v |= (d & 31) << shift;
            shift += 5;
            if d < 32 {
                let id = next + (v >> bits) as u32;
                out.push((id, (v & ((1 << bits) - 1)) as u8));
                (next, v, shift) = (id + 1, 0, 0);
            }
        }
        out
    }

    struct Index {
        main: serde_json::Value,
        files: BTreeMap<String, Vec<u8>>,
    }

    impl Index {
        fn new(site: &Site) -> Index {
            let files: BTreeMap<_, _> = search_index(site).into_iter().collect();
            let main = serde_json::from_slice(&files[INDEX_PATH]).unwrap();
            Index { main, files }
        }

        fn doc(&self, slug: &str) -> u32 {
            let docs = self.main["docs"].as_array().unwrap();
            docs.iter().position(|d| d[1] == slug).unwrap() as u32
        }

        /// Field postings of `term` in index.json.
        fn fields(&self, term: &str) -> Vec<(u32, u8)> {
            let p = self.main["terms"][term].as_str().unwrap_or_default();
            decode(p, FIELD_BITS)
        }

        /// Body postings of `term`, from the shard the longest matching key names.
        fn body(&self, term: &str) -> Vec<(u32, u8)> {
            let shards = self.main["shards"].as_object().unwrap();
            let Some((_, file)) = shards
                .iter()
                .filter(|(k, _)| term.starts_with(k.as_str()))
                .max_by_key(|(k, _)| k.len())
            else {
                return Vec::new();
            };
            let path = format!("search/terms/{}.json", file.as_str().unwrap());
            let shard: serde_json::Value = serde_json::from_slice(&self.files[&path]).unwrap();
            decode(shard[term].as_str().unwrap_or_default(), STRENGTH_BITS)
        }
    }

    #[test]
    fn titles_tags_headings_and_bodies_point_at_their_documents() {
        let dir = fixture();
        let site = site_at(dir.path());
        let ix = Index::new(&site);
        let (kube, sql) = (ix.doc("kube"), ix.doc("sql"));
        let role = ix.doc("devops-engineer");
        let skill = ix.doc("kubernetes");
        assert_eq!(ix.main["docs"][role as usize][0], 1);
        assert_eq!(ix.main["docs"][skill as usize][0], 2);
        assert_eq!(ix.fields("learning"), vec![(kube, TITLE)]);
        // Kubernetes is kube's title and tag, and the skill's title; SQL's description has
        // it too, which goes to the body postings.
        assert_eq!(
            ix.fields("kubernete"),
            vec![(kube, TITLE | TAG), (skill, TITLE)]
        );
        assert_eq!(ix.fields("sysop"), vec![(role, TAG)], "alias");
        assert_eq!(ix.fields("infrastructure"), vec![(skill, TAG)], "category");
        assert!(ix.fields("data").contains(&(sql, TAG)));
        assert_eq!(ix.fields("frontend"), vec![(kube, HEADING)]);
        assert_eq!(ix.fields("tooling"), vec![(kube, HEADING)]);
        // Body words, stemmed, compounds joined, tags stripped, entities decoded.
        assert_eq!(ix.body("pod"), vec![(kube, 0)]);
        assert_eq!(ix.body("cicd"), vec![(kube, 0)]);
        assert_eq!(ix.body("em"), vec![]);
        assert_eq!(ix.body("zookeeper"), vec![(kube, 0), (sql, 2)]);
        assert_eq!(ix.body("function"), vec![(sql, 0)]);
        // A description counts three times; a word in the title has no body postings.
        assert_eq!(ix.body("join"), vec![(sql, 1)]);
        assert_eq!(ix.body("kubernete"), vec![(sql, 1)]);
        assert_eq!(ix.body("sql"), vec![]);
        assert_eq!(ix.body("the"), vec![], "stop word");
        let snippets: Vec<String> =
            serde_json::from_slice(&ix.files["search/snippets/0.json"]).unwrap();
        assert_eq!(
            snippets[sql as usize],
            "Queries, joins and Kubernetes-free reporting."
        );
        assert_eq!(snippets[role as usize], "Builds delivery pipelines.");
    }

    #[test]
    fn identical_sites_give_identical_bytes() {
        let dir = fixture();
        let a = search_index(&site_at(dir.path()));
        let b = search_index(&site_at(dir.path()));
        assert_eq!(a, b);
        let paths: Vec<&str> = a.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths[0], INDEX_PATH);
        assert!(paths.iter().all(|p| is_index_path(p)), "{paths:?}");
        assert!(!is_index_path("search/index.html") && !is_index_path("search/terms/a.txt"));
    }

    #[test]
    fn a_cached_rebuild_equals_a_fresh_one() {
        let dir = fixture();
        let mut cache = SearchCache::default();
        let first = search_index_cached(&site_at(dir.path()), &mut cache);
        assert_eq!(first, search_index(&site_at(dir.path())));
        let guide = dir.path().join("content/guides/kube.md");
        let text = std::fs::read_to_string(&guide).unwrap();
        std::fs::write(
            &guide,
            text.replace("Start with pods", "Start with quokkas"),
        )
        .unwrap();
        std::fs::remove_file(dir.path().join("content/guides/sql.md")).unwrap();
        let site = site_at(dir.path());
        let cached = search_index_cached(&site, &mut cache);
        assert_eq!(cached, search_index(&site));
        assert_ne!(cached, first);
        assert_eq!(cache.docs.len(), 3);
    }

    #[test]
    fn postings_round_trip() {
        let p = vec![(0, 0), (1, 3), (40, 1), (100_000, 2)];
        assert_eq!(decode(&encode(&p, STRENGTH_BITS), STRENGTH_BITS), p);
        let p = vec![(3, 7), (4, 1), (1_000_000, 4)];
        assert_eq!(decode(&encode(&p, FIELD_BITS), FIELD_BITS), p);
        assert_eq!(encode(&[(0, 0), (1, 0), (2, 2)], STRENGTH_BITS), "002");
    }

    #[test]
    fn text_rules() {
        assert_eq!(
            strip_tags("<p>A&amp;B <a href=\"x>y\">link</a></p><pre>x &lt; 1 &#x41;&#66;</pre>"),
            "A&B link x < 1 AB"
        );
        assert_eq!(strip_tags("a<script>var x = '<p>';</script>b"), "a b");
        assert_eq!(
            terms_of("Front-end CI/CD node.js", true),
            ["cicd", "frontend", "nodej"]
        );
        assert_eq!(
            terms_of("Front-end", false),
            ["end", "front", "frontend"],
            "the index keeps the parts"
        );
        assert_eq!(
            terms_of("Développeur Straße DON'T Øre", false),
            ["developpeur", "dont", "ore", "strasse"]
        );
        for (word, stemmed) in [
            ("roles", "role"),
            ("companies", "company"),
            ("analysis", "analysis"),
            ("process", "process"),
            ("bus", "bus"),
            ("gas", "gas"),
            ("sql", "sql"),
            ("k8s", "k8s"),
        ] {
            assert_eq!(stem(word), stemmed, "{word}");
        }
        let long = "word ".repeat(60);
        let s = snippet(&long);
        assert!(
            s.ends_with("word…") && s.chars().count() <= SNIPPET_CHARS + 1,
            "{s}"
        );
    }

    #[test]
    fn any_text_is_safe_to_index() {
        let pieces = [
            "<", ">", "&", ";", "&#", "‘", "é", "東", "-", "'", "a", "1", " ", "\"", "x;",
        ];
        let mut seed = 7u64;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let plain = strip_tags(&text);
            for_each_term(&plain, false, false, &mut |_| {});
            for_each_term(&text, true, true, &mut |_| {});
            let _ = snippet(&text);
        }
        assert_eq!(
            strip_tags("&gt;‘a’&lt;; &#1234567890; &;"),
            ">‘a’<; &#1234567890; &;"
        );
    }

    /// search.js folds, stems and splits queries as the index does.
    #[test]
    fn text_rules_match_search_js() {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js");
        let latin: String = [0xc0u32..=0x24f, 0x1e00..=0x1eff]
            .into_iter()
            .flatten()
            .filter_map(char::from_u32)
            .flat_map(|c| [c, 'x', ' '])
            .collect();
        let samples = [
            "How to become a DevOps engineer",
            "Front-end CI/CD node.js e.g. C++ R 3×4",
            "Développeur Straße DON'T Øre naïve İstanbul ÆSIR Σίσυφος 東京 किताब",
            "companies' analyses processes roles it's",
            &latin,
        ];
        let input = serde_json::to_string(&samples).unwrap();
        let code = format!(
            "const s = require({:?}); console.log(JSON.stringify(s.stopWords)); \
             for (const t of {input}) console.log(JSON.stringify(s.queryTerms(t)));",
            script.display().to_string()
        );
        let Ok(out) = std::process::Command::new("node")
            .args(["-e", &code])
            .output()
        else {
            eprintln!("SKIP text_rules_match_search_js: node is not installed");
            return;
        };
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
        let stop: Vec<String> = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(stop, STOP_WORDS, "the same stop words, sorted");
        assert_eq!(lines.len(), samples.len() + 1);
        for (sample, line) in samples.iter().zip(&lines[1..]) {
            let mut js: Vec<String> = serde_json::from_str(line).unwrap();
            js.sort();
            js.dedup();
            assert_eq!(js, terms_of(sample, true), "{sample}");
        }
    }

    /// Ranks queries with search.js in Node over the fixture's index files on disk.
    fn rank_with_node(site: &Site, queries: &[&str]) -> Option<Vec<serde_json::Value>> {
        let dir = tempfile::tempdir().unwrap();
        for (path, bytes) in search_index(site) {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js");
        let code = format!(
            r#"const s = require({script:?}); const fs = require("fs"); const dir = {dir:?};
            const read = p => JSON.parse(fs.readFileSync(dir + "/search/" + p));
            const index = s.prepare(read("index.json"));
            for (const q of {queries}) {{
              const plan = s.plan(index, q);
              const shards = {{}};
              for (const k of plan.shards) shards[k] = read("terms/" + index.main.shards[k] + ".json");
              const r = s.rank(index, plan, shards);
              console.log(JSON.stringify({{ all: r.all, urls: r.results.map(x => s.docUrl(index, "/", x.id)) }}));
            }}"#,
            script = script.display().to_string(),
            dir = dir.path().display().to_string(),
            queries = serde_json::to_string(queries).unwrap(),
        );
        let Ok(out) = std::process::Command::new("node")
            .args(["-e", &code])
            .output()
        else {
            eprintln!("SKIP: node is not installed");
            return None;
        };
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        Some(
            text.lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect(),
        )
    }

    #[test]
    fn search_js_ranks_titles_over_tags_and_headings_over_bodies() {
        let dir = fixture();
        let site = site_at(dir.path());
        let queries = [
            "Kubernetes",
            "kub",
            "zookeeper",
            "window functions",
            "zookeeper pods",
            "pods zzzqqq",
            "front-end",
            "infrastructure",
            "it",
            "qqqzzz",
        ];
        let Some(got) = rank_with_node(&site, &queries) else {
            return;
        };
        let urls = |i: usize| -> Vec<&str> {
            got[i]["urls"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u.as_str().unwrap())
                .collect()
        };
        let kube_title = ["/skills/kubernetes/", "/guides/kube/", "/guides/sql/"];
        // The exact title, then a title holding the word, then a description.
        assert_eq!(urls(0), kube_title);
        assert_eq!(urls(1), kube_title, "the last word matches as a prefix");
        // Body only: more occurrences first.
        assert_eq!(urls(2), ["/guides/sql/", "/guides/kube/"]);
        assert_eq!(urls(3), ["/guides/sql/"], "every word must match");
        assert_eq!(urls(4), ["/guides/kube/"]);
        assert_eq!(
            (got[5]["all"].as_bool(), urls(5)),
            (Some(false), vec!["/guides/kube/"])
        );
        assert_eq!(urls(6), ["/guides/kube/"], "a heading's compound");
        // A tag (the skill's category) beats a body match.
        assert_eq!(urls(7)[0], "/skills/kubernetes/");
        assert!(
            urls(8).is_empty(),
            "a stop word alone matches only titles and tags"
        );
        assert!(urls(9).is_empty());
    }

    fn report_size(name: &str, site: &Site) -> (usize, usize) {
        let files = search_index(site);
        let main = files[0].1.len();
        let total: usize = files.iter().map(|(_, b)| b.len()).sum();
        let largest = files
            .iter()
            .skip(1)
            .map(|(_, b)| b.len())
            .max()
            .unwrap_or(0);
        let n = site.guides.len().max(1);
        eprintln!(
            "{name}: {} guides, {} documents, {} files; index.json {main} B ({} B/guide), \
             all files {total} B ({} B/guide), largest shard or snippet file {largest} B",
            site.guides.len(),
            site.guides.len() + site.roles.len() + site.skills.len() + site.pages.len(),
            files.len(),
            main / n,
            total / n,
        );
        (main / n, total / n)
    }

    #[test]
    fn size_per_guide_on_the_sample_site() {
        let site = site_at(Path::new(env!("CARGO_MANIFEST_DIR")));
        let (main, _) = report_size("sample site", &site);
        // 88 documents for 20 guides: roles and skills weigh on the per-guide figure here.
        assert!(main < 1500, "{main} B/guide in index.json");
    }

    /// `cargo test --release -- --ignored size_per_guide_on_a_generated` (python3 needed):
    /// the always-loaded part must stay small enough for 10,000 guides.
    #[test]
    #[ignore]
    fn size_per_guide_on_a_generated_corpus() {
        let n: usize =
            std::env::var("CAREERSITE_SEARCH_CORPUS").map_or(1000, |v| v.parse().unwrap());
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("corpus");
        let script = std::env::var("CAREERSITE_CORPUS_GEN")
            .unwrap_or_else(|_| "/work/shared/bench/gen_corpus.py".into());
        let status = std::process::Command::new("python3")
            .args([
                script.as_str(),
                "--articles",
                &n.to_string(),
                "--flavor",
                "careersite",
                "--out",
            ])
            .arg(&out)
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("SKIP: cannot run {script}");
            return;
        }
        let site = site_at(&out);
        let t = std::time::Instant::now();
        let (main, total) = report_size(&format!("{n}-guide corpus"), &site);
        eprintln!("built in {:?}", t.elapsed());
        assert!(main < 300, "{main} B/guide in index.json");
        assert!(total < 2000, "{total} B/guide in all files");
    }
}
