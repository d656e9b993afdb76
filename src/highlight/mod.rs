//! Syntax highlighting of fenced code at build time, into CSS classes the theme colours
//! (light and dark palettes in its stylesheet), so pages carry no inline styles and no
//! JavaScript.
//!
//! syntect with its pure-Rust regex engine (`fancy-regex`) does the parsing, with the
//! grammars two-face bundles (bat's: TOML, TypeScript, Dockerfile and the rest on top of
//! syntect's own). giallo, Zola's newer choice, needs the C Oniguruma library and a zstd
//! dump, and is EUPL-licensed; see the commit that added this module for the comparison.
//!
//! Highlighting is the slowest part of rendering a code-heavy body, and a watch session
//! re-renders a body on every save, so results are kept in one process-wide cache keyed by
//! the fence and the code: a block that did not change is never parsed again.

mod fence;
mod render;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use syntect::parsing::{SyntaxReference, SyntaxSet};

pub use fence::Fence;

/// A highlighted block, ready to place in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlighted {
    /// `<pre …><code …>…</code></pre>`.
    pub html: Arc<str>,
    /// False when the fence named a language no grammar knows: the code is shown plain.
    pub known: bool,
}

/// Names that mean "no language": shown plain without a word to the writer.
const PLAIN: &[&str] = &[
    "text",
    "txt",
    "plain",
    "plaintext",
    "none",
    "output",
    "console",
];

/// Entries beyond which the cache starts again, so a long watch session stays bounded.
const CACHE_LIMIT: usize = 20_000;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(two_face::syntax::extra_newlines)
}

/// The grammar for a fence's language, by name, file extension or common alias.
fn find(lang: &str) -> Option<&'static SyntaxReference> {
    let set = syntaxes();
    let lower = lang.to_ascii_lowercase();
    let alias = match lower.as_str() {
        "shell" | "console" | "zsh" => "bash",
        "javascript" | "node" => "js",
        "typescript" => "ts",
        "python3" | "py3" => "py",
        "golang" => "go",
        "rust" => "rs",
        "yml" => "yaml",
        "c++" => "cpp",
        "c#" | "csharp" => "cs",
        "dockerfile" => "Dockerfile",
        other => other,
    };
    set.find_syntax_by_token(alias)
        .or_else(|| set.find_syntax_by_token(lang))
}

/// Whether a fence's language is one the highlighter knows (or asks for plain text).
pub fn knows(lang: &str) -> bool {
    PLAIN.contains(&lang.to_ascii_lowercase().as_str()) || find(lang).is_some()
}

/// `code` as the fence asks: coloured when its language is known, plain otherwise.
pub fn highlight(code: &str, fence: &Fence) -> Highlighted {
    let key = crate::hash::hash_of((code, fence));
    if let Some(hit) = cached(key, code, fence) {
        return hit;
    }
    let made = make(code, fence);
    remember(key, code, fence, &made);
    made
}

fn make(code: &str, fence: &Fence) -> Highlighted {
    let lang = fence.lang.as_deref();
    let syntax = lang.filter(|l| !PLAIN.contains(&l.to_ascii_lowercase().as_str()));
    let found = syntax.map(find);
    let body = match found.flatten() {
        Some(syntax) => render::classed(code, syntax, syntaxes(), fence)
            .unwrap_or_else(|| render::plain(code, fence)),
        None => render::plain(code, fence),
    };
    let mut html = String::with_capacity(body.len() + 96);
    html.push_str("<pre class=\"code");
    if fence.linenos {
        html.push_str(" linenos");
    }
    html.push('"');
    if let Some(lang) = lang {
        html.push_str(" data-lang=\"");
        render::escape_attr_into(&mut html, lang);
        html.push_str("\"><code class=\"language-");
        render::escape_attr_into(&mut html, lang);
        html.push_str("\">");
    } else {
        html.push_str("><code>");
    }
    html.push_str(&body);
    html.push_str("</code></pre>\n");
    Highlighted {
        html: html.into(),
        known: !matches!(found, Some(None)),
    }
}

type Cache = HashMap<u64, (String, Fence, Highlighted)>;

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(Mutex::default)
}

fn cached(key: u64, code: &str, fence: &Fence) -> Option<Highlighted> {
    let cache = cache()
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let (was_code, was_fence, made) = cache.get(&key)?;
    (was_code == code && was_fence == fence).then(|| made.clone())
}

fn remember(key: u64, code: &str, fence: &Fence, made: &Highlighted) {
    let mut cache = cache()
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if cache.len() >= CACHE_LIMIT {
        cache.clear();
    }
    cache.insert(key, (code.to_string(), fence.clone(), made.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classed_spans() {
        for (lang, code, class) in [
            ("rust", "fn main() { let x = 1; } // hi\n", "hl-comment"),
            ("python", "def f():\n    return \"x\"\n", "hl-string"),
            ("toml", "title = \"x\"\n", "hl-string"),
            ("js", "const a = 42;\n", "hl-number"),
            ("sh", "if true; then echo hi; fi\n", "hl-keyword"),
        ] {
            let out = highlight(code, &Fence::parse(lang));
            assert!(out.known, "{lang}");
            assert!(out.html.contains(class), "{lang}: {}", out.html);
        }
    }

    #[test]
    fn unknown_language_is_plain_and_said() {
        let out = highlight("a < b\n", &Fence::parse("klingon"));
        assert!(!out.known);
        assert_eq!(
            &*out.html,
            "<pre class=\"code\" data-lang=\"klingon\"><code class=\"language-klingon\">a &lt; b\n</code></pre>\n"
        );
        assert!(highlight("x\n", &Fence::parse("text")).known);
    }

    #[test]
    fn marked_lines_wrap_whole_spans() {
        let code = "/* one\ntwo */\nfn x() {}\n";
        let out = highlight(code, &Fence::parse("rust,linenos,hl_lines=2"));
        let html = &*out.html;
        assert!(html.starts_with("<pre class=\"code linenos\""), "{html}");
        // The comment spans two lines: it is closed at the end of the first and reopened.
        assert!(
            html.contains(
                "<span class=\"line hl-line\"><span class=\"hl-comment\">two */</span></span>"
            ),
            "{html}"
        );
    }

    #[test]
    fn the_same_block_comes_from_the_cache() {
        let fence = Fence::parse("rust");
        let first = highlight("let cached = 1;\n", &fence);
        let second = highlight("let cached = 1;\n", &fence);
        assert!(Arc::ptr_eq(&first.html, &second.html));
    }
}
