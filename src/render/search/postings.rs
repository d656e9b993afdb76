//! Postings: which documents each word is in and how strongly, encoded as base-64
//! varint strings (see the module docs of `search`), and split into shards by prefix.

use super::*;

pub(super) type Postings<'a> = BTreeMap<&'a str, Vec<(u32, u8)>>;

/// Field and body postings by word, and the body words too common to index. On a large
/// site, words in most documents' headings ("Frequently asked questions") lose their
/// heading flag too: they would cost a posting per document and rank nothing.
pub(super) fn postings<'a>(terms: &[&'a Terms]) -> (Postings<'a>, Postings<'a>, Vec<&'a str>) {
    // Hash maps while filling (the hot loop at 10,000 guides), one pair per run of
    // documents in parallel, joined in document order so each list stays ascending.
    type Fill<'a> = HashMap<&'a str, Vec<(u32, u8)>, foldhash::fast::RandomState>;
    let fill = |range: std::ops::Range<usize>| {
        let mut fields: Fill = HashMap::default();
        let mut body: Fill = HashMap::default();
        for id in range {
            let t = terms[id];
            for (term, field) in t.fields.iter() {
                fields.entry(term).or_default().push((id as u32, field));
            }
            for (term, strength) in t.body.iter() {
                body.entry(term).or_default().push((id as u32, strength));
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
pub(super) fn shard(
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

pub(super) fn write_shard(
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
