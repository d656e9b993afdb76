//! HTML blocks: each run of adjacent blocks (nothing but HTML between them) is scanned as
//! one text, since an element may open in one block and close in the next. A construct
//! that swallows what follows is reported as a `Fix`; at the start of a block the caller
//! escapes it in the source and parses again, elsewhere it is shown as text in place.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::lex::{self, Kind, Token};
use super::{Kept, Spanned, escape_at, hides_content, is_bare_void, is_raw_text, is_void};

/// Constructs escaped in one run before the rest of the run is escaped wholesale: each
/// escape re-reads what followed it, so this bounds the work on hostile input.
const MAX_RESCANS: usize = 64;

/// A `<` that must not start HTML: its offset in the parsed text, and whether it opens a
/// block (then escaping it in the source makes the block Markdown again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fix {
    pub source: usize,
    pub block_start: bool,
}

/// One `Event::Html` line of a run.
struct Piece {
    event: usize,
    /// Where the line starts in `Run::html`.
    run_at: usize,
    /// Where it starts in the parsed text, and whether it is a verbatim copy of it (inside
    /// a block quote it is not: the `>` markers are left out).
    source_at: usize,
    verbatim: bool,
}

#[derive(Default)]
struct Run {
    html: String,
    pieces: Vec<Piece>,
    /// Each block's first `<`, and its end, in `html`.
    blocks: Vec<(usize, usize)>,
}

impl Run {
    fn source(&self, at: usize) -> usize {
        let p = &self.pieces[self.pieces.partition_point(|p| p.run_at <= at) - 1];
        if p.verbatim {
            p.source_at + (at - p.run_at)
        } else {
            p.source_at
        }
    }

    fn block_at(&self, at: usize) -> Option<(usize, usize)> {
        let i = self.blocks.partition_point(|b| b.0 < at);
        self.blocks.get(i).copied().filter(|b| b.0 == at)
    }
}

fn runs(events: &[Spanned<'_>], text: &str) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut run: Option<Run> = None;
    let mut in_block = false;
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::HtmlBlock) => {
                in_block = true;
                let r = run.get_or_insert_with(Run::default);
                r.blocks.push((r.html.len(), r.html.len()));
            }
            Event::Html(line) if in_block => {
                let Some(r) = run.as_mut() else { continue };
                r.pieces.push(Piece {
                    event: i,
                    run_at: r.html.len(),
                    source_at: range.start,
                    verbatim: text.get(range.clone()) == Some(&**line),
                });
                r.html.push_str(line);
            }
            Event::End(TagEnd::HtmlBlock) => {
                in_block = false;
                if let Some(r) = run.as_mut()
                    && let Some(b) = r.blocks.last_mut()
                {
                    let start = b.0;
                    let lead = r.html[start..].len() - r.html[start..].trim_start().len();
                    *b = (start + lead, r.html.len());
                }
            }
            _ if !in_block => runs.extend(run.take()),
            _ => {}
        }
    }
    runs.extend(run.take());
    runs.into_iter().filter(|r| !r.pieces.is_empty()).collect()
}

/// Every construct in `events`' HTML blocks that would swallow what follows.
pub fn fixes(events: &[Spanned<'_>], text: &str) -> Vec<Fix> {
    let mut doc = DocTags::new(text);
    let mut out = Vec::new();
    for run in runs(events, text) {
        let (fixes, _) = Scan::new(&run).run(&mut doc);
        out.extend(fixes.into_iter().map(|at| Fix {
            source: run.source(at),
            block_start: run.block_at(at).is_some(),
        }));
    }
    out
}

/// Shows every swallowing construct in `events`' HTML blocks as text; returns what stays.
pub fn apply(events: &mut [Spanned<'_>], text: &str) -> Vec<Kept> {
    let mut doc = DocTags::new(text);
    let mut kept = Vec::new();
    for run in runs(events, text) {
        let (fixes, tokens) = Scan::new(&run).run(&mut doc);
        kept.extend(tokens.into_iter().map(|t| Kept {
            source: run.source(t.start),
            kind: t.kind,
        }));
        let mut by_piece: HashMap<usize, Vec<usize>> = HashMap::new();
        for at in fixes {
            let p = run.pieces.partition_point(|p| p.run_at <= at) - 1;
            by_piece
                .entry(p)
                .or_default()
                .push(at - run.pieces[p].run_at);
        }
        for (p, mut at) in by_piece {
            at.sort_unstable();
            let (event, _) = &mut events[run.pieces[p].event];
            if let Event::Html(line) = event {
                *line = CowStr::from(escape_at(line, &at));
            }
        }
    }
    kept
}

/// Where each tag name is first opened and last closed in the whole text, for telling a
/// tag name in a sentence from HTML the writer closes further on. Built on first use.
struct DocTags<'t> {
    text: &'t str,
    seen: Option<HashMap<String, (usize, usize)>>,
}

impl<'t> DocTags<'t> {
    fn new(text: &'t str) -> Self {
        Self { text, seen: None }
    }

    fn get(&mut self, name: &str) -> Option<(usize, usize)> {
        let text = self.text;
        let seen = self.seen.get_or_insert_with(|| {
            let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
            let bytes = text.as_bytes();
            for at in memchr::memchr_iter(b'<', bytes) {
                let close = bytes.get(at + 1) == Some(&b'/');
                let from = at + 1 + usize::from(close);
                let len = bytes[from.min(bytes.len())..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
                    .count();
                if len == 0 || !bytes[from].is_ascii_alphabetic() {
                    continue;
                }
                let name = text[from..from + len].to_ascii_lowercase();
                let e = seen.entry(name).or_insert((usize::MAX, 0));
                if close {
                    e.1 = at;
                } else {
                    e.0 = e.0.min(at);
                }
            }
            seen
        });
        seen.get(name).copied()
    }
}

struct Scan<'r> {
    run: &'r Run,
    lower: String,
    /// Per tag name, an offset from which no end tag follows: a later search would fail too.
    missing: HashMap<String, usize>,
    fixes: Vec<usize>,
    kept: Vec<Token>,
}

impl<'r> Scan<'r> {
    fn new(run: &'r Run) -> Self {
        Self {
            run,
            lower: run.html.to_ascii_lowercase(),
            missing: HashMap::new(),
            fixes: Vec::new(),
            kept: Vec::new(),
        }
    }

    fn run(mut self, doc: &mut DocTags<'_>) -> (Vec<usize>, Vec<Token>) {
        let html = &self.run.html;
        let mut from = 0;
        while let Some(i) = memchr::memchr(b'<', &html.as_bytes()[from..]) {
            let at = from + i;
            let Some(token) = lex::token_at(html, at) else {
                from = at + 1;
                continue;
            };
            match self.judge(&token, doc) {
                Some(next) => {
                    from = next;
                    self.kept.push(token);
                }
                None => {
                    self.fixes.push(at);
                    from = at + 1;
                    if self.fixes.len() > MAX_RESCANS {
                        let rest = memchr::memchr_iter(b'<', &html.as_bytes()[from..]);
                        self.fixes.extend(rest.map(|i| from + i));
                        break;
                    }
                }
            }
        }
        (self.fixes, self.kept)
    }

    /// Where scanning goes on after `token` when it may stay HTML; none when it must not.
    fn judge(&mut self, token: &Token, doc: &mut DocTags<'_>) -> Option<usize> {
        let end = token.end?;
        if let Some((start, block_end)) = self.run.block_at(token.start)
            && self.swallows_from_block_start(token, start, block_end, end, doc)
        {
            return None;
        }
        match &token.kind {
            Kind::Bogus | Kind::Open { valid: false, .. } => None,
            Kind::Open { name, .. } if name == "plaintext" => None,
            Kind::Open { name, .. } if is_raw_text(name) => self.end_tag(name, end),
            Kind::Open {
                name, self_closing, ..
            } if hides_content(name) => {
                let closed_itself = *self_closing && matches!(name.as_str(), "svg" | "math");
                (closed_itself || self.end_tag(name, end).is_some()).then_some(end)
            }
            _ => Some(end),
        }
    }

    /// Block-start rules: a block CommonMark never ended (it ran to the end of the file),
    /// or a bare tag name that begins a sentence.
    fn swallows_from_block_start(
        &mut self,
        token: &Token,
        start: usize,
        block_end: usize,
        end: usize,
        doc: &mut DocTags<'_>,
    ) -> bool {
        if never_ended(&self.lower[start..block_end]) {
            return true;
        }
        let line_rest = self.run.html[end..].split('\n').next().unwrap_or("").trim();
        let words_follow = !line_rest.is_empty() && !line_rest.starts_with('<');
        match &token.kind {
            Kind::Open { name, attrs, .. } if attrs.is_empty() => {
                is_bare_void(&token.kind)
                    || (!is_void(name)
                        && words_follow
                        && self.end_tag(name, end).is_none()
                        && doc
                            .get(name)
                            .is_none_or(|(_, last_close)| last_close < self.run.source(end)))
            }
            Kind::Close { name } => {
                words_follow
                    && doc
                        .get(name)
                        .is_none_or(|(first_open, _)| first_open > self.run.source(token.start))
            }
            _ => false,
        }
    }

    /// The end of the first `</name>` at or after `from` in the run; none if there is none.
    fn end_tag(&mut self, name: &str, from: usize) -> Option<usize> {
        if self.missing.get(name).is_some_and(|&m| m <= from) {
            return None;
        }
        let pattern = format!("</{name}");
        let mut at = from;
        while let Some(i) = self.lower[at..].find(&pattern) {
            let c = at + i;
            let after = self.lower.as_bytes().get(c + pattern.len());
            if after.is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>')) {
                let end = lex::token_at(&self.run.html, c).and_then(|t| t.end);
                if end.is_none() {
                    break;
                }
                return end;
            }
            at = c + 1;
        }
        self.missing.insert(name.to_string(), from);
        None
    }
}

/// Whether a block, lower-cased from its first `<`, is one of CommonMark's kinds 1 to 5
/// (`<script`, `<pre`, `<style`, `<textarea`, `<!--`, `<?`, `<!X`, `<![CDATA[`) without the
/// text that ends it: CommonMark then ends it at the end of the document.
fn never_ended(block: &str) -> bool {
    for (open, close) in [
        ("<script", "</script>"),
        ("<pre", "</pre>"),
        ("<style", "</style>"),
        ("<textarea", "</textarea>"),
    ] {
        if let Some(rest) = block.strip_prefix(open)
            && rest
                .bytes()
                .next()
                .is_none_or(|b| b.is_ascii_whitespace() || b == b'>')
        {
            return !block.contains(close);
        }
    }
    if block.starts_with("<!--") {
        !block[2..].contains("-->")
    } else if block.starts_with("<?") {
        !block.contains("?>")
    } else if block.starts_with("<![cdata[") {
        !block.contains("]]>")
    } else if block.starts_with("<!") {
        !block.contains('>')
    } else {
        false
    }
}
