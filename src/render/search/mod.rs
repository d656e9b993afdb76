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
//! - `search/snippets/<n>.json`: the description shown under each result and the start of
//!   its body (`[description, body]`, see `snippet_entry`), `SNIPPETS_PER_FILE` documents a
//!   file, fetched only for the results on screen.
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

mod documents;
mod postings;
#[cfg(test)]
mod tests;
mod text;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::model::Site;
use crate::render::theme::content_hash_of;
use documents::*;
use postings::*;
use text::*;
pub use text::{stem, strip_tags, terms_of};

pub const INDEX_PATH: &str = "search/index.json";

/// Whether `path` is one the index may write: generated files take these paths from static
/// files of the same name, in a full build and a watch-mode rebuild alike.
/// Another language's index is in its folder: `de/search/index.json`.
pub fn is_index_path(path: &str) -> bool {
    let path = match path.split_once('/') {
        Some((code, rest)) if crate::languages::is_language_code(code) => rest,
        _ => path,
    };
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
/// How much of a body `search.js` may quote under a result, from its start: the opening
/// paragraphs, where most searches land. Each character costs a byte per guide in the
/// snippet files fetched for the results on screen (about 800 B a guide in all at 600).
const EXCERPT_CHARS: usize = 600;
const SNIPPETS_PER_FILE: usize = 100;
/// Documents whose words are found together before they go into the postings: enough to
/// keep every core busy, few enough that their words take little memory.
const TERMS_RUN: usize = 4096;
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

/// A document's entry in a snippet file: its description alone, or with the start of its
/// body as plain text, `[description, body]`, from which `search.js` quotes the sentence
/// holding the most query words (with the words marked).
fn snippet_entry(doc: &Doc<'_>) -> serde_json::Value {
    let body = doc
        .html
        .first()
        .map(|h| {
            // Tags became spaces: "<a>SQL</a>, and" would read "SQL , and".
            let mut text = strip_tags(&h.read());
            for p in [",", ".", ";", ":", "!", "?", ")"] {
                text = text.replace(&format!(" {p}"), p);
            }
            excerpt(&text, EXCERPT_CHARS)
        })
        .unwrap_or_default();
    if body.is_empty() {
        serde_json::Value::from(doc.snippet.as_str())
    } else {
        serde_json::json!([doc.snippet, body])
    }
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
    html: Vec<Html<'a>>,
}

/// HTML from our Markdown renderer: a rendered body, which a build may keep out of memory
/// until its words are wanted, or an FAQ answer.
enum Html<'a> {
    Body(&'a crate::markdown::Body),
    Answer(&'a str),
}

impl Html<'_> {
    fn read(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Html::Body(b) => b.html.read(),
            Html::Answer(a) => std::borrow::Cow::Borrowed(a),
        }
    }
}

/// By the body's hash, so that telling whether a document changed reads no body.
impl std::hash::Hash for Html<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self {
            Html::Body(b) => b.hash.hash(state),
            Html::Answer(a) => a.hash(state),
        }
    }
}

/// What the tokenizer found in one document.
struct Terms {
    /// Each word of the document's fields and the fields it is in (flags).
    fields: Words,
    /// Each word of the body and its strength (`strength` of its occurrences, a
    /// description's counting `DESCRIPTION_WEIGHT`), minus the words of the title: a title
    /// match outranks everything the body could add. In no particular order: postings are
    /// by document.
    body: Words,
    /// The document's entry in its snippet file, made with its words so that a rebuild in
    /// watch mode reuses it too: stripping every body's tags again took over a second at
    /// 10,000 guides.
    snippet: serde_json::Value,
}

/// Words, each with a byte (field flags or strength), packed into two allocations. A
/// watch session keeps every document's words between rebuilds: as a `String` each, the
/// words of 100,000 guides took 2.6 GB, a String's header and allocation outweighing the
/// word; packed, about a fifth of that.
#[derive(Default)]
struct Words {
    /// The words, each ended by a NUL (no word holds one: words are letters and digits).
    text: String,
    classes: Vec<u8>,
}

impl Words {
    fn iter(&self) -> impl Iterator<Item = (&str, u8)> {
        (self.text.split_terminator('\0')).zip(self.classes.iter().copied())
    }
}

impl<'w> FromIterator<(&'w str, u8)> for Words {
    fn from_iter<I: IntoIterator<Item = (&'w str, u8)>>(iter: I) -> Self {
        let mut words = Words::default();
        for (word, class) in iter {
            debug_assert!(!word.contains('\0'));
            words.text.push_str(word);
            words.text.push('\0');
            words.classes.push(class);
        }
        words.text.shrink_to_fit();
        words.classes.shrink_to_fit();
        words
    }
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
    search_index_cached(site, &mut SearchCache::once())
}

/// The words of each document from the last build, so that a rebuild in watch mode reads
/// only the documents that changed (most of the index's time at 10,000 guides).
#[derive(Default)]
pub struct SearchCache {
    /// (kind, slug) -> hash of the document's texts, and its words.
    docs: HashMap<(u8, String), (u64, std::sync::Arc<Terms>)>,
    /// For one build only: no document's words are kept.
    once: bool,
    /// The caches of the other languages' indexes, in `Site::translations` order.
    translations: Vec<SearchCache>,
}

impl SearchCache {
    /// A cache for a single build, which keeps nothing: at 100,000 guides the documents'
    /// words are some 400 MB that no later build will ask for.
    pub fn once() -> SearchCache {
        SearchCache {
            once: true,
            ..SearchCache::default()
        }
    }
}

/// `search_index`, reusing `cache` for documents whose text did not change, and updating it.
/// Each language has an index of its own documents in its folder (`de/search/`): a reader
/// searches the language they read.
pub fn search_index_cached(site: &Site, cache: &mut SearchCache) -> Vec<(String, Vec<u8>)> {
    search_index_unless(site, cache, &|| false).expect("never stopped")
}

/// `search_index_cached`, or None as soon as `stop` says so: a watch session gives way to
/// the next save. The cache stays valid either way.
pub fn search_index_unless(
    site: &Site,
    cache: &mut SearchCache,
    stop: &dyn Fn() -> bool,
) -> Option<Vec<(String, Vec<u8>)>> {
    let mut files = language_index(site, cache, stop)?;
    cache
        .translations
        .resize_with(site.translations.len(), || SearchCache {
            once: cache.once,
            ..SearchCache::default()
        });
    for (t, cache) in site.translations.iter().zip(&mut cache.translations) {
        let lang = &t.config.lang_path;
        files.extend(
            (language_index(t, cache, stop)?.into_iter())
                .map(|(path, bytes)| (format!("{lang}{path}"), bytes)),
        );
    }
    Some(files)
}

/// One language's index files, by path within the language.
fn language_index(
    site: &Site,
    cache: &mut SearchCache,
    stop: &dyn Fn() -> bool,
) -> Option<Vec<(String, Vec<u8>)>> {
    let docs = documents(site);
    let mut collector = Collector::default();
    // Snippet files are written as their documents come, not kept as JSON values.
    let mut snippets = Vec::with_capacity(SNIPPETS_PER_FILE);
    let mut snippet_files = Vec::with_capacity(docs.len().div_ceil(SNIPPETS_PER_FILE));
    let mut snippet_file = |snippets: &mut Vec<serde_json::Value>| {
        let bytes = serde_json::to_vec(snippets).expect("strings serialize");
        let n = snippet_files.len();
        snippet_files.push((format!("search/snippets/{n}.json"), bytes));
        snippets.clear();
    };
    let mut kept = HashMap::with_capacity(if cache.once { 0 } else { docs.len() });
    // A run of documents at a time: their words are found in parallel, go into the
    // postings in id order, and are dropped unless a watch session keeps them.
    for run in docs.chunks(TERMS_RUN) {
        if stop() {
            return None;
        }
        let terms: Vec<(u64, std::sync::Arc<Terms>)> = run
            .par_iter()
            .map(|d| {
                let hash = text_hash(d);
                match cache.docs.get(&(d.kind, d.slug.to_string())) {
                    Some((h, t)) if *h == hash => (hash, t.clone()),
                    _ => (hash, std::sync::Arc::new(doc_terms(d))),
                }
            })
            .collect();
        for (d, (hash, t)) in run.iter().zip(terms) {
            collector.add(&t);
            snippets.push(t.snippet.clone());
            if snippets.len() == SNIPPETS_PER_FILE {
                snippet_file(&mut snippets);
            }
            if !cache.once {
                kept.insert((d.kind, d.slug.to_string()), (hash, t));
            }
        }
    }
    if !snippets.is_empty() {
        snippet_file(&mut snippets);
    }
    cache.docs = kept;
    crate::trace::mark("search-terms");
    let (fields, body, common) = collector.finish();
    crate::trace::mark("search-post");
    let mut files = Vec::new();
    let mut shards = BTreeMap::new();
    let encoded: Vec<(String, String)> = body
        .into_iter()
        .map(|(t, p)| (t, encode_packed(&p, STRENGTH_BITS)))
        .collect();
    shard(&encoded, String::new(), &mut files, &mut shards);
    drop(encoded);
    files.extend(snippet_files);
    let main = MainIndex {
        version: FORMAT_VERSION,
        v: content_hash_of(files.iter().flat_map(|(p, b)| [p.as_bytes(), b.as_slice()])),
        kinds: KINDS
            .into_iter()
            .chain(site.taxonomies.iter().map(|t| t.name.as_str()))
            .collect(),
        prefixes: PREFIXES
            .iter()
            .map(|p| p.to_string())
            .chain((site.taxonomies.iter()).map(|t| t.path()[t.lang_path.len()..].to_string()))
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
            .map(|(t, p)| (t.as_str(), encode_packed(p, FIELD_BITS)))
            .collect(),
        common: common.iter().map(String::as_str).collect(),
        shards,
        snippets: SNIPPETS_PER_FILE,
    };
    let bytes = serde_json::to_vec(&main).expect("index serializes");
    files.insert(0, (INDEX_PATH.to_string(), bytes));
    Some(files)
}
