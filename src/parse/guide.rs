//! A guide's front matter: `content/guides/**.md`. Besides its own keys, a guide may list
//! terms under any key; whether the site declares a taxonomy by that name is checked when
//! linking, where the config is known, so that parsing stays one file at a time.

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::Date;
use serde::Deserialize;
use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::check::{FileCheck, blank_as_empty};
use super::dates::DateText;
use super::empty_map;
use crate::error::Diagnostic;
use crate::slug::slugify;
use crate::text::frontmatter::key_line;

pub use crate::text::frontmatter::GUIDE_KEYS;

#[derive(Debug, Deserialize)]
struct RawGuide {
    #[serde(deserialize_with = "blank_as_empty")]
    title: String,
    description: Option<String>,
    date: Option<DateText>,
    updated: Option<DateText>,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    skills: Vec<String>,
    slug: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    compare: Vec<String>,
    #[serde(default)]
    faq: Vec<RawFaq>,
    #[serde(default)]
    takeaways: Vec<String>,
    template: Option<String>,
    extra: Option<serde_json::Value>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(alias = "publishDate")]
    publish_date: Option<DateText>,
    #[serde(alias = "expiryDate")]
    expiry_date: Option<DateText>,
    /// Every other key: a taxonomy's terms, or a mistake reported when linking.
    #[serde(flatten)]
    other: BTreeMap<String, Loose>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFaq {
    pub q: String,
    pub a: String,
}

/// A guide's front matter, checked.
#[derive(Debug, Clone)]
pub struct GuideFront {
    pub title: String,
    pub description: Option<String>,
    pub date: Date,
    pub updated: Option<Date>,
    /// Tags slugified but not yet alias-resolved, with their front-matter lines.
    pub roles: Vec<(String, usize)>,
    pub skills: Vec<(String, usize)>,
    pub slug: String,
    pub draft: bool,
    pub compare: Vec<(String, usize)>,
    pub faq: Vec<RawFaq>,
    pub takeaways: Vec<String>,
    pub template: Option<String>,
    pub extra: serde_json::Value,
    /// Old URLs that redirect here, as site paths (`old/path/`), with their lines.
    pub aliases: Vec<(String, usize)>,
    /// Not built before this day, nor from that day on (unless asked to).
    pub publish_date: Option<Date>,
    pub expiry_date: Option<Date>,
    /// Keys that are not the guide's own, in the file's order of names.
    pub other: Vec<OtherKey>,
}

/// A front matter key that is not one of a guide's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherKey {
    pub key: String,
    /// File line of the key.
    pub line: usize,
    /// Its entries slugified, with their lines, when it is a list of words; none when the
    /// value is something else (then it cannot be a taxonomy's terms).
    pub terms: Option<Vec<(String, usize)>>,
}

/// Any value, read as a list of words when it is one.
#[derive(Debug)]
enum Loose {
    Words(Vec<String>),
    Other,
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        let mut words = Vec::new();
        let mut all_words = true;
        while let Some(item) = seq.next_element::<Word>()? {
            match item.0 {
                Some(w) => words.push(w),
                None => all_words = false,
            }
        }
        Ok(if all_words {
            Loose::Words(words)
        } else {
            Loose::Other
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_str<E>(self, _: &str) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_unit<E>(self) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_none<E>(self) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Loose, D::Error> {
        d.deserialize_any(LooseVisitor)
    }
}

/// One list entry: words and numbers are terms (`- 2026` is one too); anything else is not.
struct Word(Option<String>);

impl<'de> Deserialize<'de> for Word {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Word;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a word")
            }
            fn visit_str<E>(self, v: &str) -> Result<Word, E> {
                Ok(Word(Some(v.to_string())))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Word, E> {
                Ok(Word(Some(v.to_string())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Word, E> {
                Ok(Word(Some(v.to_string())))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Word, E> {
                Ok(Word(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Word, E> {
                Ok(Word(None))
            }
            fn visit_unit<E>(self) -> Result<Word, E> {
                Ok(Word(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Word, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Word(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Word, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Word(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// Checks a guide's front matter. `stem` is its file name without `.md`.
pub(super) fn guide(
    check: &mut FileCheck<'_>,
    format: crate::text::format::Format,
    stem: &str,
) -> Result<GuideFront, Vec<Diagnostic>> {
    let raw: RawGuide =
        crate::text::format::deserialize(format, check.front_matter, check.file, check.first_line)
            .map_err(|d| vec![d])?;
    let slug = match &raw.slug {
        Some(s) => {
            check.slug("slug", s);
            s.clone()
        }
        None => {
            let s = slugify(stem);
            if s.is_empty() {
                check.error(
                    "title",
                    format!("file name `{stem}` gives an empty slug"),
                    "rename the file or set `slug`",
                );
            } else {
                check.name_fits(
                    "title",
                    &s,
                    "shorten the slug or title: rename the file, or set a shorter `slug`",
                );
            }
            s
        }
    };
    let date = match &raw.date {
        Some(d) => check.date("date", Some(d)),
        None => {
            check.errors.push(
                Diagnostic::error(check.file.to_path_buf(), "missing key `date`")
                    .at_line(1)
                    .hint("guides need a date: add `date: 2026-03-07` to the front matter"),
            );
            None
        }
    };
    let updated = check.date("updated", raw.updated.as_ref());
    let aliases = check.alias_paths(&raw.aliases, false);
    let (publish_date, expiry_date) =
        check.publish_dates(raw.publish_date.as_ref(), raw.expiry_date.as_ref());
    check.title(&raw.title, "guide");
    let roles = check.tags("roles", &raw.roles);
    let skills = check.tags("skills", &raw.skills);
    let compare = check.tags("compare", &raw.compare);
    if !compare.is_empty() && !(2..=4).contains(&compare.len()) {
        check.error(
            "compare",
            format!("`compare` lists {} roles", compare.len()),
            "compare 2 to 4 roles",
        );
    }
    let other = raw
        .other
        .into_iter()
        .map(|(key, value)| OtherKey {
            line: check.first_line + key_line(check.front_matter, &key).unwrap_or(1) - 1,
            terms: match value {
                Loose::Words(words) => Some(check.tags(&key, &words)),
                Loose::Other => None,
            },
            key,
        })
        .collect();
    Ok(GuideFront {
        title: raw.title.trim().to_string(),
        description: raw.description.filter(|d| !d.trim().is_empty()),
        date: date.unwrap_or(Date::constant(1970, 1, 1)),
        updated,
        roles,
        skills,
        slug,
        draft: raw.draft,
        compare,
        faq: raw.faq,
        takeaways: raw.takeaways,
        template: raw.template,
        extra: raw.extra.unwrap_or_else(empty_map),
        aliases,
        publish_date,
        expiry_date,
        other,
    })
}
