//! Rendering every content file's Markdown, reusing an earlier render when the file is
//! unchanged and every link it resolved still resolves to the same URL. This is what makes
//! a rebuild after one edit cheap: the other bodies are not rendered again.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::RawHtml;
use crate::error::Diagnostic;
use crate::markdown::{self, Input, LinkResolver, Rendered};
use crate::model::Faq;
use crate::parse::{Doc, frontmatter::key_line};

/// A content file's rendered Markdown: the body and, for guides, the FAQ.
#[derive(Debug, Clone)]
pub struct Bodies {
    pub body: Arc<Rendered>,
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
    cache: &BodyCache,
    dirty: Dirty<'_>,
) -> (Bodies, Vec<Diagnostic>) {
    let file = doc.file();
    if let (Some(dirty), Some(prev)) = (dirty, cache.get(file))
        && !dirty.contains(file)
        && still_resolves(prev, resolver)
    {
        return (prev.clone(), Vec::new());
    }
    let render = |text: &str, first_line: usize| {
        markdown::render(
            &Input {
                file,
                text,
                first_line,
                raw_html,
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
    let (mut body, mut errors) = render(body_text, body_line);
    let mut faq = Vec::new();
    if let Doc::Guide(g) = doc {
        let faq_line = g.front_matter_line + key_line(&g.front_matter, "faq").unwrap_or(1) - 1;
        for f in &g.front.faq {
            let (answer, errs) = render(&f.a, faq_line);
            errors.extend(errs);
            body.resolved.extend(answer.resolved);
            faq.push(Faq {
                question: f.q.trim().to_string(),
                answer_html: answer.html,
            });
        }
    }
    (
        Bodies {
            body: Arc::new(body),
            faq: Arc::new(faq),
        },
        errors,
    )
}

/// Whether every internal link the earlier render resolved still gives the same URL.
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
