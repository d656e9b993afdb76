//! Auto-links (`autolink = true` in `site.toml`): the first mention of a role, a skill or a
//! declared taxonomy's profiled term in a guide's body links to its page. The link stage builds one `Autolinker` from every profile's
//! title and aliases; Markdown rendering asks it for mentions in plain text only (never in
//! code, links, images or headings).
//!
//! A term matches whole words only, in any case and with hyphens or spaces ("site
//! reliability engineer", "back-end developer"), except one-word titles with capitals inside
//! ("SQL", "JavaScript"), which match as written. A capitalised mention inside a longer
//! name ("Bureau of Labor Statistics") is left alone. Terms shorter than three characters
//! never match: "R" and "Go" are too common to guess at.

use std::hash::{Hash, Hasher};

use aho_corasick::{AhoCorasick, MatchKind};

/// An internal link as written: `@/guides/x.md`, `role:slug`, `skill:slug`. Defined here,
/// where auto-links are made, so that Markdown depends on auto-linking and not the other
/// way round; `markdown` re-exports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget<'a> {
    Content(&'a str),
    Role(&'a str),
    Skill(&'a str),
}

/// Shortest term, in characters, that is matched at all.
const MIN_TERM_CHARS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TagKind {
    Role,
    Skill,
    /// A declared taxonomy's term profile, named by its path under `content/`: it links
    /// like an `@/industries/fintech.md` written by hand.
    Profile,
}

/// One way of writing a role or skill.
#[derive(Debug)]
struct Term {
    kind: TagKind,
    slug: String,
    /// For one-word titles: the exact text a mention must have.
    exact: Option<String>,
}

/// A mention found in a text: its byte range and what it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention<'a> {
    pub start: usize,
    pub end: usize,
    pub target: LinkTarget<'a>,
}

#[derive(Debug)]
pub struct Autolinker {
    automaton: AhoCorasick,
    terms: Vec<Term>,
    /// Changes whenever any term or target changes, so cached renders know to redo.
    pub fingerprint: u64,
}

/// A term as written, from a profile: its title (`from_title`) or an alias slug.
pub struct Source<'a> {
    pub kind: TagKind,
    pub slug: &'a str,
    pub text: &'a str,
    pub from_title: bool,
}

/// Lowercases ASCII and reads hyphens as spaces, keeping every byte offset, so a match in
/// the folded text is the same range in the original.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '-' => ' ',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

impl Autolinker {
    /// The autolinker for these terms, or none when no term is long enough to match.
    /// Earlier sources win when two fold to the same text.
    pub fn new<'a>(sources: impl IntoIterator<Item = Source<'a>>) -> Option<Self> {
        let mut patterns: Vec<String> = Vec::new();
        let mut terms = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for s in sources {
            let text = s.text.trim();
            let folded = fold(text);
            if folded.chars().count() < MIN_TERM_CHARS || !seen.insert(folded.clone()) {
                continue;
            }
            let one_word = !folded.contains(' ');
            // "Statistics" is a word set as a title; "SQL" and "PowerShell" are names.
            let inner_capitals = text.chars().skip(1).any(char::is_uppercase);
            terms.push(Term {
                kind: s.kind,
                slug: s.slug.to_string(),
                exact: (s.from_title && one_word && inner_capitals).then(|| text.to_string()),
            });
            patterns.push(folded);
        }
        if patterns.is_empty() {
            return None;
        }
        let mut h = std::hash::DefaultHasher::new();
        for (p, t) in patterns.iter().zip(&terms) {
            (p, t.kind, &t.slug, &t.exact).hash(&mut h);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok()?;
        Some(Self {
            automaton,
            terms,
            fingerprint: h.finish(),
        })
    }

    /// Mentions in `text`, in order, whole words only. The caller decides which to link.
    pub fn mentions<'s>(&'s self, text: &str) -> Vec<Mention<'s>> {
        let folded = fold(text);
        self.automaton
            .find_iter(&folded)
            .filter_map(|m| {
                let term = &self.terms[m.pattern().as_usize()];
                let (start, end) = (m.start(), m.end());
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                if before.is_some_and(char::is_alphanumeric)
                    || after.is_some_and(char::is_alphanumeric)
                {
                    return None;
                }
                if term
                    .exact
                    .as_deref()
                    .is_some_and(|e| e != &text[start..end])
                    || in_longer_name(text, start, end)
                {
                    return None;
                }
                let target = match term.kind {
                    TagKind::Role => LinkTarget::Role(&term.slug),
                    TagKind::Skill => LinkTarget::Skill(&term.slug),
                    TagKind::Profile => LinkTarget::Content(&term.slug),
                };
                Some(Mention { start, end, target })
            })
            .collect()
    }
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the capitalised mention at `start..end` is one word of a longer name: the word
/// before it is capitalised without starting a sentence, or the word after it is
/// capitalised.
fn in_longer_name(text: &str, start: usize, end: usize) -> bool {
    if !capitalised(&text[start..end]) {
        return false;
    }
    let next_word = text[end..].strip_prefix(' ').unwrap_or("");
    if capitalised(next_word) {
        return true;
    }
    let Some(before) = text[..start].strip_suffix(' ') else {
        return false;
    };
    // Past the whole separator: it may be several bytes long (`—`, `“`, `�`).
    let word_start = before
        .char_indices()
        .rfind(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let previous = &before[word_start..];
    let starts_sentence = before[..word_start]
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '(' | '"' | '“'));
    capitalised(previous) && !starts_sentence
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linker() -> Autolinker {
        let src = |kind, slug, text, from_title| Source {
            kind,
            slug,
            text,
            from_title,
        };
        Autolinker::new([
            src(
                TagKind::Role,
                "site-reliability-engineer",
                "Site Reliability Engineer",
                true,
            ),
            src(TagKind::Role, "site-reliability-engineer", "sre", false),
            src(
                TagKind::Role,
                "backend-engineer",
                "back-end-developer",
                false,
            ),
            src(TagKind::Skill, "python", "Python", true),
            src(TagKind::Skill, "go", "Go", true),
            src(TagKind::Skill, "sql", "SQL", true),
            src(TagKind::Skill, "statistics", "Statistics", true),
        ])
        .unwrap()
    }

    fn found(text: &str) -> Vec<(&str, String)> {
        linker()
            .mentions(text)
            .into_iter()
            .map(|m| {
                let (LinkTarget::Role(slug) | LinkTarget::Skill(slug) | LinkTarget::Content(slug)) =
                    m.target;
                (&text[m.start..m.end], slug.to_string())
            })
            .collect()
    }

    #[test]
    fn multi_word_terms_match_in_any_case_and_with_hyphens() {
        let text = "A site reliability engineer (SRE) or a Back-End developer.";
        let got = found(text);
        assert_eq!(
            got.iter().map(|(t, _)| *t).collect::<Vec<_>>(),
            ["site reliability engineer", "SRE", "Back-End developer"]
        );
        assert_eq!(got[2].1, "backend-engineer");
    }

    #[test]
    fn one_word_titles_match_as_written_and_whole_words_only() {
        assert_eq!(
            found("Learn Python, then SQL."),
            [("Python", "python".to_string()), ("SQL", "sql".to_string())]
        );
        assert!(found("pythonic, MySQLish, sql").is_empty());
        assert_eq!(found("some statistics")[0].0, "statistics");
        assert!(
            found("Go to the shop").is_empty(),
            "two-letter terms never match"
        );
    }

    #[test]
    fn capitalised_words_inside_longer_names_are_left_alone() {
        assert!(found("the Bureau of Labor Statistics says").is_empty());
        assert!(found("the Python Software Foundation").is_empty());
        assert_eq!(found("Learn Python first.")[0].0, "Python");
        assert_eq!(found("Done. Statistics next.")[0].0, "Statistics");
    }

    #[test]
    fn ranges_are_byte_ranges_of_the_original_text() {
        let text = "Ünïcode first, then Python.";
        let linker = linker();
        let m = &linker.mentions(text)[0];
        assert_eq!(&text[m.start..m.end], "Python");
    }
}
