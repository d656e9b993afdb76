//! Text for the index: HTML to plain text, snippets, folding, stemming and splitting into
//! words, the same rules as `search.js`.

use super::*;
use crate::i18n::script::is_unspaced;

/// Plain text of our own well-formed HTML: tags become spaces (so block ends split words),
/// entities are decoded, scripts and styles dropped, whitespace collapsed.
pub fn strip_tags(html: &str) -> String {
    text_of(html)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `strip_tags` without collapsing whitespace, which splitting into words does anyway.
pub(super) fn text_of(html: &str) -> String {
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
pub(super) fn tag_end(s: &str) -> usize {
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
pub(super) fn entity(s: &str) -> (String, usize) {
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
pub(super) fn snippet(text: &str) -> String {
    excerpt(text, SNIPPET_CHARS)
}

/// `text` shortened to `max` characters at a word boundary, with "…" when cut.
pub(super) fn excerpt(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

/// Appends `c` folded: lowercase, Latin letters without accents. Returns false for a
/// character that separates words. Mirrors `fold` in search.js.
pub(super) fn fold(c: char, out: &mut String) -> bool {
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
/// words and one-letter words are kept (titles: "IT support", "R"). A run of a script
/// written without spaces (Chinese, Japanese, Thai) has no word boundaries to find, so it
/// gives its overlapping character pairs ("数据分析": 数据, 据分, 分析), a lone character
/// itself: a query's pairs then match wherever its characters stand together.
pub(super) fn for_each_term(text: &str, query: bool, keep_stop: bool, f: &mut dyn FnMut(&str)) {
    // The current compound's parts, concatenated, and where each part ends.
    let mut buf = String::new();
    let mut ends: Vec<usize> = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let emit = |buf: &mut String, ends: &mut Vec<usize>, f: &mut dyn FnMut(&str)| {
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
        if is_unspaced(c) {
            if buf.len() > ends.last().copied().unwrap_or(0) {
                ends.push(buf.len());
            }
            emit(&mut buf, &mut ends, f);
            run.push(c);
            continue;
        }
        unspaced_pairs(&mut run, f);
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
            emit(&mut buf, &mut ends, f);
        }
    }
    if buf.len() > ends.last().copied().unwrap_or(0) {
        ends.push(buf.len());
    }
    emit(&mut buf, &mut ends, f);
    unspaced_pairs(&mut run, f);
}

/// Calls `f` with the overlapping pairs of a run of characters without spaces (the one
/// character of a run of one), and empties the run.
fn unspaced_pairs(run: &mut Vec<char>, f: &mut dyn FnMut(&str)) {
    let mut word = String::new();
    if let [only] = run.as_slice() {
        word.push(*only);
        f(&word);
    }
    for pair in run.windows(2) {
        word.clear();
        word.extend(pair);
        f(&word);
    }
    run.clear();
}

/// The distinct words of `text` as the index stores them; for tests and tools.
pub fn terms_of(text: &str, query: bool) -> Vec<String> {
    let mut out = BTreeSet::new();
    for_each_term(text, query, true, &mut |t| {
        out.insert(t.to_string());
    });
    out.into_iter().collect()
}
