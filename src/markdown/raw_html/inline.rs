//! Inline HTML: each tag CommonMark found inside a paragraph, heading or table cell stays
//! HTML only if it is complete there. An element opened must be closed before the block
//! ends, an end tag must close something opened in it, and a void element named bare
//! (`<img>`) is a word. Anything else is a tag name written in prose, shown as text, so
//! `Use the <script> element.` reads as written and hides nothing after it.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Tag, TagEnd};

use super::lex::{self, Kind};
use super::{Kept, Spanned, as_text, is_bare_void, is_void};

/// Decides every inline tag in `events`, turning the incomplete ones into text.
pub fn apply(events: &mut [Spanned<'_>]) -> Vec<Kept> {
    let mut kept = Vec::new();
    let mut segment = Segment::default();
    for i in 0..events.len() {
        match &events[i].0 {
            Event::InlineHtml(html) => {
                let token = lex::token_at(html, 0).filter(|t| t.end == Some(html.len()));
                segment.tag(i, token.map(|t| t.kind), events);
            }
            Event::Start(tag) if !is_inline(tag) => segment.end(events, &mut kept),
            Event::End(tag) if !is_inline_end(tag) => segment.end(events, &mut kept),
            Event::Html(_) | Event::Rule => segment.end(events, &mut kept),
            _ => {}
        }
    }
    segment.end(events, &mut kept);
    kept
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// The tags of one paragraph (or heading, or cell) so far.
#[derive(Default)]
struct Segment {
    /// Elements opened and not yet closed: name and event index.
    open: Vec<(String, usize)>,
    /// How many of each name are in `open`, so an end tag with nothing to close is known
    /// without searching the stack.
    counts: HashMap<String, usize>,
    /// Tags that stay HTML unless `prose` names them: event index and what they are.
    kept: Vec<(usize, Kind)>,
    prose: HashSet<usize>,
}

impl Segment {
    fn tag(&mut self, i: usize, kind: Option<Kind>, events: &mut [Spanned<'_>]) {
        let Some(kind) = kind else {
            as_text(&mut events[i].0);
            return;
        };
        match &kind {
            Kind::Bogus | Kind::Open { valid: false, .. } => {
                as_text(&mut events[i].0);
                return;
            }
            Kind::Open { name, .. } if name == "plaintext" || is_bare_void(&kind) => {
                as_text(&mut events[i].0);
                return;
            }
            Kind::Open { name, .. } if !is_void(name) => {
                self.open.push((name.clone(), i));
                *self.counts.entry(name.clone()).or_default() += 1;
            }
            Kind::Close { name } if self.counts.get(name).is_some_and(|&n| n > 0) => {
                // Elements opened inside this one and never closed are prose.
                while let Some((inner, at)) = self.open.pop() {
                    *self.counts.entry(inner.clone()).or_default() -= 1;
                    if inner == *name {
                        break;
                    }
                    as_text(&mut events[at].0);
                    self.prose.insert(at);
                }
            }
            Kind::Close { name } if name != "br" => {
                as_text(&mut events[i].0);
                return;
            }
            _ => {}
        }
        self.kept.push((i, kind));
    }

    /// The block ended: what is still open was never closed, so it is prose.
    fn end(&mut self, events: &mut [Spanned<'_>], kept: &mut Vec<Kept>) {
        for (_, at) in self.open.drain(..) {
            as_text(&mut events[at].0);
            self.prose.insert(at);
        }
        self.counts.clear();
        for (at, kind) in self.kept.drain(..) {
            if !self.prose.contains(&at) {
                kept.push(Kept {
                    source: events[at].1.start,
                    kind,
                });
            }
        }
        self.prose.clear();
    }
}
