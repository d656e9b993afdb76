//! Postings: which documents each word is in and how strongly, encoded as base-64
//! varint strings (see the module docs of `search`), and split into shards by prefix.

use super::*;

/// Postings by word: each entry a document id and its class (field flags or strength),
/// packed as `id << 8 | class` (see `pack`), ascending. Packed, a posting takes four bytes
/// rather than eight, which at 100,000 guides is a few hundred megabytes.
pub(super) type Postings = BTreeMap<String, Vec<u32>>;

type Fill = HashMap<Box<str>, Vec<u32>, foldhash::fast::RandomState>;

/// A document id and a class in one `u32`. Ids have 24 bits, room for 16 million documents
/// in one language's index.
pub(super) fn pack(id: u32, class: u8) -> u32 {
    (id << 8) | u32::from(class)
}

pub(super) fn unpack(posting: u32) -> (u32, u8) {
    (posting >> 8, (posting & 0xff) as u8)
}

/// Field and body postings, filled a document at a time in id order, so that a document's
/// words can be dropped as soon as they are in: only the postings grow with the site.
#[derive(Default)]
pub(super) struct Collector {
    fields: Fill,
    body: Fill,
    docs: usize,
}

impl Collector {
    /// Adds the next document's words; documents must come in id order.
    pub(super) fn add(&mut self, t: &Terms) {
        let id = self.docs as u32;
        self.docs += 1;
        for (term, field) in t.fields.iter() {
            push(&mut self.fields, term, pack(id, field));
        }
        for (term, strength) in t.body.iter() {
            push(&mut self.body, term, pack(id, strength));
        }
    }

    /// Field and body postings by word, and the body words too common to index. On a
    /// large site, words in most documents' headings ("Frequently asked questions") lose
    /// their heading flag too: they would cost a posting per document and rank nothing.
    pub(super) fn finish(self) -> (Postings, Postings, Vec<String>) {
        let owned = |fill: Fill| -> Postings {
            fill.into_iter()
                .map(|(term, list)| (term.into_string(), list))
                .collect()
        };
        let mut fields = owned(self.fields);
        let mut body = owned(self.body);
        if self.docs < COMMON_MIN_DOCS {
            return (fields, body, Vec::new());
        }
        let limit = self.docs * COMMON_PERCENT / 100;
        let heading = u32::from(HEADING);
        for p in fields.values_mut() {
            if p.iter().filter(|&&v| v & heading != 0).count() > limit {
                p.iter_mut().for_each(|v| *v &= !heading);
                p.retain(|&v| v & 0xff != 0);
            }
        }
        fields.retain(|_, p| !p.is_empty());
        let common: Vec<String> = body
            .iter()
            .filter(|(_, p)| p.len() > limit)
            .map(|(t, _)| t.clone())
            .collect();
        for t in &common {
            body.remove(t);
        }
        (fields, body, common)
    }
}

fn push(fill: &mut Fill, term: &str, posting: u32) {
    match fill.get_mut(term) {
        Some(list) => list.push(posting),
        None => drop(fill.insert(term.into(), vec![posting])),
    }
}

pub(super) fn strength(count: u32) -> u8 {
    match count {
        0..=1 => 0,
        2..=3 => 1,
        4..=7 => 2,
        _ => 3,
    }
}

pub(super) const ALPHABET: &[u8; 64] =
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Packed postings (see `pack`) as a varint string.
pub(super) fn encode_packed(postings: &[u32], class_bits: u32) -> String {
    let pairs: Vec<(u32, u8)> = postings.iter().map(|&p| unpack(p)).collect();
    encode(&pairs, class_bits)
}

/// Postings (ascending ids) as a varint string; see the module docs.
pub(super) fn encode(postings: &[(u32, u8)], class_bits: u32) -> String {
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
pub(super) fn shard<W: AsRef<str>>(
    terms: &[(W, String)],
    key: String,
    files: &mut Vec<(String, Vec<u8>)>,
    shards: &mut BTreeMap<String, String>,
) {
    let key_len = key.chars().count();
    let size: usize = terms
        .iter()
        .map(|(t, p)| t.as_ref().len() + p.len() + 6)
        .sum();
    if size > SHARD_MAX_BYTES && key_len < SHARD_MAX_KEY {
        // Words no longer than the key stay in the key's own shard.
        let (own, longer): (Vec<_>, Vec<_>) = terms
            .iter()
            .partition(|(t, _)| t.as_ref().chars().count() <= key_len);
        let mut groups: BTreeMap<String, Vec<(&str, String)>> = BTreeMap::new();
        for (t, p) in longer {
            let sub: String = t.as_ref().chars().take(key_len + 1).collect();
            groups.entry(sub).or_default().push((t.as_ref(), p.clone()));
        }
        if !own.is_empty() {
            let own: Vec<_> = own
                .into_iter()
                .map(|(t, p)| (t.as_ref(), p.clone()))
                .collect();
            write_shard(&own, &key, files, shards);
        }
        for (sub, group) in groups {
            shard(&group, sub, files, shards);
        }
    } else if !terms.is_empty() {
        write_shard(terms, &key, files, shards);
    }
}

pub(super) fn write_shard<W: AsRef<str>>(
    terms: &[(W, String)],
    key: &str,
    files: &mut Vec<(String, Vec<u8>)>,
    shards: &mut BTreeMap<String, String>,
) {
    let map: BTreeMap<&str, &str> = terms
        .iter()
        .map(|(t, p)| (t.as_ref(), p.as_str()))
        .collect();
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
