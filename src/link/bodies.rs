//! Rendering every content file's Markdown, reusing an earlier render when the file is
//! unchanged and every link it resolved still resolves to the same URL. This is what makes
//! a rebuild after one edit cheap: the other bodies are not rendered again.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::RawHtml;
use crate::error::Diagnostic;
use crate::markdown::{self, Body, Input, LinkResolver, Rendered};
use crate::model::Faq;
use crate::parse::Doc;
use crate::scratch::Scratch;
use crate::text::frontmatter::{TextAt, key_line, text_position};

/// A content file's rendered Markdown: the body and, for guides, the FAQ.
#[derive(Debug, Clone)]
pub struct Bodies {
    pub body: Arc<Body>,
    pub faq: Arc<Vec<Faq>>,
}

/// Renders from the last build, by file; valid only with the same `raw_html` policy.
pub type BodyCache = HashMap<PathBuf, Bodies>;

/// Which files changed since the cache was made; `None` means "do not trust the cache".
pub type Dirty<'a> = Option<&'a HashSet<PathBuf>>;

pub fn render_doc(
    doc: &Doc,
    resolver: &dyn LinkResolver,
    raw_html: RawHtml,
    (cache, dirty): (&BodyCache, Dirty<'_>),
    scratch: Option<&Arc<Scratch>>,
) -> (Bodies, Vec<Diagnostic>) {
    let file = doc.file();
    let is_guide = matches!(doc, Doc::Guide(_));
    let autolink_terms = match resolver.autolinker() {
        Some(linker) if is_guide => linker.fingerprint,
        _ => 0,
    };
    if let (Some(dirty), Some(prev)) = (dirty, cache.get(file))
        && !dirty.contains(file)
        && prev.body.autolink_terms == autolink_terms
        && still_resolves(prev, resolver)
        && same_shortcodes(prev, resolver)
        && same_images(prev, resolver)
    {
        return (prev.clone(), Vec::new());
    }
    let render = |text: &str, first_line: usize, autolink: bool| {
        markdown::render(
            &Input {
                file,
                text,
                first_line,
                raw_html,
                autolink,
            },
            resolver,
        )
    };
    let (body_text, body_line) = match doc {
        Doc::Guide(p) => (&p.body, p.body_line),
        Doc::Role(p) => (&p.body, p.body_line),
        Doc::Skill(p) => (&p.body, p.body_line),
        Doc::Page(p) => (&p.body, p.body_line),
    };
    let (mut body, mut errors) = render(&body_text.read(), body_line, is_guide);
    let mut faq = Vec::new();
    if let Doc::Guide(g) = doc {
        let mut answers = AnswerFinder::new(&g.front_matter, g.front_matter_line);
        for f in &g.front.faq {
            let (answer, errs) =
                render_answer(&mut answers, &f.a, |text, line| render(text, line, false));
            errors.extend(errs);
            body.resolved.extend(answer.resolved);
            body.warnings.extend(answer.warnings);
            body.shortcodes.extend(answer.shortcodes);
            // Anchors in answers are checked like the body's, once every heading is known.
            body.anchor_links.extend(answer.anchor_links);
            faq.push(Faq {
                question: f.q.trim().to_string(),
                answer_html: answer.html,
            });
        }
    }
    (
        Bodies {
            body: Arc::new(Body::new(body, scratch)),
            faq: Arc::new(faq),
        },
        errors,
    )
}

/// Finds each FAQ answer in the front matter text, in order, so that a broken link in an
/// answer is reported at the answer's own line rather than at `faq:`.
struct AnswerFinder<'a> {
    front_matter: &'a str,
    /// File line of the front matter's first line.
    first_line: usize,
    /// Front matter line (1-based) to search from: after the previous answer.
    from: usize,
}

impl<'a> AnswerFinder<'a> {
    fn new(front_matter: &'a str, first_line: usize) -> Self {
        let from = key_line(front_matter, "faq").unwrap_or(1);
        Self {
            front_matter,
            first_line,
            from,
        }
    }

    /// Where `answer`'s text starts, as a file position; none when it cannot be found as
    /// written, which quoting with escapes can cause.
    fn next(&mut self, answer: &str) -> Option<TextAt> {
        let mut at = text_position(self.front_matter, self.from, "a", answer)?;
        self.from = at.line + 1;
        at.line += self.first_line - 1;
        Some(at)
    }

    /// File line of the `faq:` key, for answers that cannot be found.
    fn faq_line(&self) -> usize {
        self.first_line + key_line(self.front_matter, "faq").unwrap_or(1) - 1
    }
}

/// Renders one FAQ answer so that what it reports points into the file: Markdown counts
/// columns from the answer's text, which starts after `a: "` or a block's indentation.
fn render_answer(
    answers: &mut AnswerFinder<'_>,
    answer: &str,
    render: impl Fn(&str, usize) -> (Rendered, Vec<Diagnostic>),
) -> (Rendered, Vec<Diagnostic>) {
    let Some(at) = answers.next(answer) else {
        let (mut rendered, mut errors) = render(answer, answers.faq_line());
        // Columns within the answer mean nothing on the `faq:` line.
        for e in errors.iter_mut().chain(&mut rendered.warnings) {
            e.column = None;
        }
        return (rendered, errors);
    };
    let (mut rendered, mut errors) = render(answer, at.line);
    let moved = |line: usize| at.block || line == at.line;
    let shift = at.column - 1;
    for e in errors.iter_mut().filter(|e| e.line.is_some_and(moved)) {
        e.column = e.column.map(|c| c + shift);
    }
    for w in rendered
        .warnings
        .iter_mut()
        .filter(|w| w.line.is_some_and(moved))
    {
        w.column = w.column.map(|c| c + shift);
    }
    for link in rendered.anchor_links.iter_mut().filter(|l| moved(l.line)) {
        link.column += shift;
    }
    (rendered, errors)
}

/// Whether every internal link the earlier render resolved still gives the same URL.
/// Whether every shortcode the body called is still the template it was rendered with.
fn same_shortcodes(prev: &Bodies, resolver: &dyn LinkResolver) -> bool {
    let set = resolver.shortcodes();
    prev.body
        .shortcodes
        .iter()
        .all(|(name, version)| set.and_then(|s| s.version(name)).unwrap_or(0) == *version)
}

/// Whether every image file the body showed still has the size it was rendered with.
fn same_images(prev: &Bodies, resolver: &dyn LinkResolver) -> bool {
    (prev.body.images.iter()).all(|(key, size)| resolver.image_size(key) == *size)
}

fn still_resolves(prev: &Bodies, resolver: &dyn LinkResolver) -> bool {
    prev.body.resolved.iter().all(|(dest, url)| {
        let Some((target, anchor)) = markdown::parse_internal(dest) else {
            return false;
        };
        match (resolver.resolve(&target), anchor) {
            (Ok(now), None) => now == *url,
            (Ok(now), Some(a)) => {
                url.len() == now.len() + 1 + a.len() && url.starts_with(&now) && url.ends_with(a)
            }
            (Err(_), _) => false,
        }
    })
}

/// A path relative to `content/`, `/`-separated: `guides/a.md`.
pub fn content_rel(file: &Path) -> String {
    crate::error::display_path(file.strip_prefix("content").unwrap_or(file))
}
