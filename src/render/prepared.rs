//! What rendering one job reads, made before any template runs: the template's name and
//! the exact values handed to Tera. Watch mode fingerprints a job by hashing this, so
//! whatever a template can reach is in the fingerprint by construction, however the
//! template reaches it (`set`, loops, macros, includes).

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, Value};

use crate::hash::Fingerprinter;

/// A template's variables, in the order of their names. Built like a `tera::Context`; kept
/// as our own map because a `Context` cannot be read back to hash it.
#[derive(Debug, Default)]
pub struct Vars(BTreeMap<&'static str, Value>);

impl Vars {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.0.insert(key, Value::from_serializable(value));
    }

    pub fn insert_value(&mut self, key: &'static str, value: Value) {
        self.0.insert(key, value);
    }

    /// The Tera context: values are reference-counted, so this copies no strings.
    pub fn context(&self) -> Context {
        let mut ctx = Context::new();
        for (k, v) in &self.0 {
            ctx.insert_value(*k, v.clone());
        }
        ctx
    }
}

/// What rendering one job needs.
#[derive(Debug)]
pub enum Prepared {
    /// A template, its variables, and the content file errors should name when they are
    /// not in a template.
    Template {
        name: String,
        vars: Vars,
        for_file: Option<PathBuf>,
    },
    /// A file made without a template.
    Text(String),
}

impl Prepared {
    pub fn template(name: &str, vars: Vars, for_file: Option<&Path>) -> Prepared {
        Prepared::Template {
            name: name.to_string(),
            vars,
            for_file: for_file.map(Path::to_path_buf),
        }
    }

    /// A hash of everything this job's output is made from besides the theme (whose own
    /// fingerprint covers the templates, the global `site` value and the helpers' data).
    /// `memo` holds the hashes of maps that many jobs share, by address.
    pub fn fingerprint(&self, memo: &Memo) -> u64 {
        let mut h = Fingerprinter::new();
        match self {
            Prepared::Template {
                name,
                vars,
                for_file,
            } => {
                0u8.hash(&mut h);
                name.hash(&mut h);
                for_file.hash(&mut h);
                vars.0.len().hash(&mut h);
                for (k, v) in &vars.0 {
                    k.hash(&mut h);
                    hash_value(v, &mut h, memo);
                }
            }
            Prepared::Text(text) => {
                1u8.hash(&mut h);
                text.hash(&mut h);
            }
        }
        h.finish()
    }
}

/// Hashes of shared maps by their address. Only maps kept alive for as long as the memo is
/// used may be in it (the renderer's guide summaries): a freed map's address could be
/// reused by another.
pub type Memo = std::collections::HashMap<usize, u64>;

/// The address of a map value's entries, shared by every clone of the value, with the
/// map's hash.
pub fn memo_entry(v: &Value) -> Option<(usize, u64)> {
    let map = v.as_map()?;
    Some((
        map as *const tera::Map as usize,
        map_hash(map, &Memo::new()),
    ))
}

/// A map's hash on its own, the same whether it comes from the memo or is computed.
pub fn map_hash(map: &tera::Map, memo: &Memo) -> u64 {
    let mut sum = 0u64;
    for (key, value) in map {
        let mut entry = Fingerprinter::new();
        key.hash(&mut entry);
        hash_value(value, &mut entry, memo);
        sum = sum.wrapping_add(entry.finish());
    }
    crate::hash::hash_of((map.len(), sum))
}

/// Hashes a template value. Tera's maps iterate in an order that differs between two
/// maps of the same entries, so a map's entries are combined with a sum, which does not
/// depend on order; each entry is hashed on its own first.
pub fn hash_value(v: &Value, h: &mut impl Hasher, memo: &Memo) {
    use tera::value::ValueKind as K;
    v.kind().hash(h);
    match v.kind() {
        K::Undefined | K::None => {}
        K::Bool => v.as_bool().hash(h),
        K::U64 | K::I64 | K::U128 | K::I128 => (v.as_i128(), v.as_u128()).hash(h),
        K::F64 => v.as_f64().map(f64::to_bits).hash(h),
        K::String => {
            v.as_str().hash(h);
            // Safe strings are not escaped: the same text renders differently.
            v.is_safe().hash(h);
        }
        K::Bytes => v.as_bytes().hash(h),
        K::Array => {
            let items = v.as_array().unwrap_or_default();
            items.len().hash(h);
            for item in items {
                hash_value(item, h, memo);
            }
        }
        K::Map => {
            let Some(map) = v.as_map() else { return };
            let known = memo.get(&(map as *const tera::Map as usize));
            known
                .copied()
                .unwrap_or_else(|| map_hash(map, memo))
                .hash(h);
        }
        // A kind added by a later Tera: its text form still tells values apart.
        _ => format!("{v:?}").hash(h),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(v: &Value) -> u64 {
        let mut h = Fingerprinter::new();
        hash_value(v, &mut h, &Memo::new());
        h.finish()
    }

    #[test]
    fn maps_hash_alike_whatever_their_order_and_unlike_when_a_value_differs() {
        let a =
            Value::from_serializable(&serde_json::json!({"a": 1, "b": [1, 2], "c": {"x": "y"}}));
        let b =
            Value::from_serializable(&serde_json::json!({"c": {"x": "y"}, "b": [1, 2], "a": 1}));
        let c =
            Value::from_serializable(&serde_json::json!({"a": 1, "b": [2, 1], "c": {"x": "y"}}));
        let d =
            Value::from_serializable(&serde_json::json!({"a": 1, "b": [1, 2], "c": {"x": "z"}}));
        assert_eq!(fp(&a), fp(&b));
        assert_ne!(fp(&a), fp(&c));
        assert_ne!(fp(&a), fp(&d));
    }

    #[test]
    fn safe_and_plain_strings_differ() {
        assert_ne!(fp(&Value::safe_string("<b>")), fp(&Value::from("<b>")));
    }

    #[test]
    fn a_variable_added_or_renamed_changes_the_fingerprint() {
        let prepared = |key: &'static str| {
            let mut vars = Vars::new();
            vars.insert(key, &1);
            Prepared::template("page.html", vars, None).fingerprint(&Memo::new())
        };
        assert_ne!(prepared("a"), prepared("b"));
        assert_eq!(prepared("a"), prepared("a"));
    }
}
