//! The walk over a body's parser events that turns them into the page's events: heading
//! ids, resolved links, wrapped tables, task-list boxes, raw HTML under the site's policy,
//! and, on the way, the summary, the word count and the headings for the table of contents.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::code::OpenBlock;
use super::ids::IdAllocator;
use super::text::{LineIndex, WordCounter, finish_summary, push_summary};
use super::{Heading, Input, LinkResolver, Rendered, sanitize};
use crate::autolink::Autolinker;
use crate::config::RawHtml;
use crate::error::Diagnostic;
use crate::slug::slugify;

pub struct Walk<'a, 'r> {
    pub(super) input: &'r Input<'r>,
    pub(super) resolver: &'r dyn LinkResolver,
    pub(super) lines: &'r LineIndex<'r>,
    pub(super) autolinker: Option<&'r Autolinker>,
    pub(super) out: Rendered,
    pub(super) errors: Vec<Diagnostic>,
    pub(super) events: Vec<Event<'a>>,
    /// URLs already linked from this text: the autolinker links a page only once.
    pub(super) linked: HashSet<String>,
    pub(super) has_raw_html: bool,
    ids: IdAllocator,
    heading: Option<(usize, HeadingLevel)>,
    heading_text: String,
    /// The code block being gathered for the highlighter.
    code: Option<OpenBlock>,
    paragraph_depth: usize,
    summary_done: bool,
    container_depth: usize,
    words: WordCounter,
    /// Inside a link or image (Markdown or raw `<a>`), text must not become another link.
    link_depth: usize,
    /// Tables seen so far: each scrolling region needs its own name, or two tables on
    /// one page make two landmarks that a screen reader cannot tell apart.
    tables: usize,
    /// The Markdown image being read: where it starts, its URL, and whether it has alt
    /// text yet.
    image: Option<(usize, String, bool)>,
    /// Each image URL as rendered whose file's size is known, for its `width` and `height`.
    pub(super) image_urls: Vec<(String, crate::images::Size)>,
}

impl<'a, 'r> Walk<'a, 'r> {
    pub fn new(
        input: &'r Input<'r>,
        resolver: &'r dyn LinkResolver,
        lines: &'r LineIndex<'r>,
    ) -> Self {
        let autolinker = resolver.autolinker().filter(|_| input.autolink);
        let out = Rendered {
            autolink_terms: autolinker.map_or(0, |a| a.fingerprint),
            ..Rendered::default()
        };
        Self {
            input,
            resolver,
            lines,
            autolinker,
            out,
            errors: Vec::new(),
            events: Vec::with_capacity(input.text.len() / 16),
            linked: HashSet::new(),
            tables: 0,
            image: None,
            image_urls: Vec::new(),
            has_raw_html: false,
            ids: IdAllocator::default(),
            heading: None,
            heading_text: String::new(),
            code: None,
            paragraph_depth: 0,
            summary_done: false,
            container_depth: 0,
            words: WordCounter::default(),
            link_depth: 0,
        }
    }

    pub fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        if let Some(block) = &mut self.code {
            match event {
                Event::Text(text) => block.push(&text),
                Event::End(TagEnd::CodeBlock) => {
                    let block = self.code.take().expect("a code block is open");
                    let at = self.lines.line_col(block.at());
                    let (html, warnings) = block.close(self.input.file, at);
                    self.out.warnings.extend(warnings);
                    self.events.push(html);
                    self.words.boundary();
                }
                _ => {}
            }
            return;
        }
        if let Event::Start(Tag::CodeBlock(kind)) = &event {
            // The block becomes one piece of HTML when it ends: nothing is written until then.
            self.code = Some(OpenBlock::new(kind, &range));
            self.words.boundary();
            return;
        }
        if let (Some(image), Event::Text(t) | Event::Code(t)) = (&mut self.image, &event) {
            image.2 |= !t.trim().is_empty();
        }
        let event = match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end),
            Event::Text(text) => self.text(text),
            Event::Code(code) => {
                self.inline_text(&code);
                self.words.feed(&code);
                Event::Code(code)
            }
            Event::SoftBreak | Event::HardBreak if self.in_summary() => {
                push_summary(&mut self.out.summary, " ");
                Event::SoftBreak
            }
            Event::TaskListMarker(done) => Event::Html(CowStr::Borrowed(if done {
                "<input type=\"checkbox\" disabled checked aria-label=\"Done\"> "
            } else {
                "<input type=\"checkbox\" disabled aria-label=\"Not done\"> "
            })),
            // Escaped, an inline tag is words like any other: in the heading's title,
            // the summary and the word count.
            Event::InlineHtml(html) if self.input.raw_html == RawHtml::Escape => self.text(html),
            Event::InlineHtml(html) => {
                if is_anchor_tag(&html) {
                    if html.starts_with("</") {
                        self.link_depth = self.link_depth.saturating_sub(1);
                    } else {
                        self.link_depth += 1;
                    }
                }
                self.raw_html(html)
            }
            Event::Html(html) => self.raw_html(html),
            other => other,
        };
        if !matches!(event, Event::Text(_) | Event::Code(_)) {
            self.words.boundary();
        }
        self.events.push(event);
    }

    fn start(&mut self, tag: Tag<'a>, range: Range<usize>) -> Event<'a> {
        let tag = match tag {
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                self.heading = Some((self.events.len(), level));
                self.heading_text.clear();
                // `## Title {onclick=…}` writes attributes without any raw HTML, so the
                // sanitizer never sees them: only `allow` keeps them.
                let attrs = match self.input.raw_html {
                    RawHtml::Allow => attrs,
                    RawHtml::Sanitize | RawHtml::Escape => {
                        self.dropped_heading_attributes(&attrs, range.start);
                        Vec::new()
                    }
                };
                Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }
            }
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                self.link_depth += 1;
                let dest_url = self.rewrite_url(link_type, dest_url, range.start);
                self.note_url(&dest_url, range.start);
                Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }
            }
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => {
                self.link_depth += 1;
                self.image = Some((range.start, dest_url.to_string(), false));
                let dest_url = self.image_url(dest_url, range.start);
                self.note_url(&dest_url, range.start);
                Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }
            }
            Tag::Table(align) => {
                // Wide tables scroll inside a focusable region instead of the whole page.
                self.container_depth += 1;
                self.tables += 1;
                self.events.push(Event::Html(CowStr::from(format!(
                    "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table {}\">",
                    self.tables
                ))));
                Tag::Table(align)
            }
            tag @ (Tag::BlockQuote(_) | Tag::List(_)) => {
                self.container_depth += 1;
                tag
            }
            Tag::Paragraph => {
                self.paragraph_depth += 1;
                Tag::Paragraph
            }
            other => other,
        };
        Event::Start(tag)
    }

    fn end(&mut self, end: TagEnd) -> Event<'a> {
        match end {
            TagEnd::Heading(level) => self.finish_heading(level),
            TagEnd::Link => {
                self.link_depth = self.link_depth.saturating_sub(1);
            }
            TagEnd::Image => {
                self.link_depth = self.link_depth.saturating_sub(1);
                self.missing_alt();
            }
            TagEnd::Table => {
                self.container_depth = self.container_depth.saturating_sub(1);
                self.events.push(Event::End(TagEnd::Table));
                return Event::Html(CowStr::Borrowed("</div>"));
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) => {
                self.container_depth = self.container_depth.saturating_sub(1);
            }
            TagEnd::Paragraph => {
                self.paragraph_depth = self.paragraph_depth.saturating_sub(1);
                if !self.out.summary.is_empty() && self.container_depth == 0 {
                    self.summary_done = true;
                }
            }
            _ => {}
        }
        Event::End(end)
    }

    fn finish_heading(&mut self, level: HeadingLevel) {
        let Some((start, _)) = self.heading.take() else {
            return;
        };
        let title = self.heading_text.trim().to_string();
        if let Event::Start(Tag::Heading { id, .. }) = &mut self.events[start] {
            let wanted = match id.take() {
                Some(custom) => custom.to_string(),
                None => slugify(&title),
            };
            let unique = self.ids.allocate(&wanted);
            *id = Some(CowStr::from(unique.clone()));
            self.out.headings.push(Heading {
                level: heading_level(level),
                id: unique,
                title,
            });
        }
    }

    fn in_summary(&self) -> bool {
        self.paragraph_depth > 0 && self.container_depth == 0 && !self.summary_done
    }

    /// Text or code inside a heading or the summary's paragraph.
    fn inline_text(&mut self, text: &str) {
        if self.heading.is_some() {
            self.heading_text.push_str(text);
        }
        if self.in_summary() {
            push_summary(&mut self.out.summary, text);
        }
    }

    fn text(&mut self, text: CowStr<'a>) -> Event<'a> {
        self.inline_text(&text);
        self.words.feed(&text);
        if self.heading.is_none() && self.link_depth == 0 {
            self.link_mentions(text)
        } else {
            Event::Text(text)
        }
    }

    fn raw_html(&mut self, html: CowStr<'a>) -> Event<'a> {
        match self.input.raw_html {
            RawHtml::Escape => Event::Text(html),
            RawHtml::Allow => Event::Html(html),
            RawHtml::Sanitize => {
                self.has_raw_html = true;
                Event::Html(html)
            }
        }
    }

    fn dropped_heading_attributes(
        &mut self,
        attrs: &[(CowStr<'_>, Option<CowStr<'_>>)],
        at: usize,
    ) {
        if attrs.is_empty() {
            return;
        }
        let names: Vec<String> = attrs.iter().map(|(k, _)| format!("`{k}`")).collect();
        let (line, column) = self.lines.line_col(at);
        self.out.warnings.push(
            sanitize::warning(
                self.input.file,
                format!("heading attributes removed: {}", names.join(", ")),
            )
            .at(line, column),
        );
    }

    /// An image with no alt text says nothing to readers who cannot see it: a warning.
    fn missing_alt(&mut self) {
        let Some((offset, url, false)) = self.image.take() else {
            return;
        };
        let (line, column) = self.lines.line_col(offset);
        self.out.warnings.push(
            Diagnostic::warning(
                self.input.file.to_path_buf(),
                format!("image `{url}` has no alt text"),
            )
            .at(line, column)
            .hint(format!(
                "say what it shows for readers who cannot see it: ![a chart of pay by level]({url})"
            )),
        );
    }

    /// The rendered body, and the broken links found on the way.
    pub fn finish(mut self) -> (Rendered, Vec<Diagnostic>) {
        self.out.words = self.words.count;
        self.out.unspaced_chars = self.words.unspaced;
        self.out.summary = finish_summary(&self.out.summary);
        if self.has_raw_html {
            self.nest_no_deeper();
        }
        let mut html = String::with_capacity(self.input.text.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, self.events.into_iter());
        let html = if self.has_raw_html {
            sanitize::sanitizer().clean(&html).to_string()
        } else {
            html
        };
        self.out.html = crate::images::decorate(&html, &self.image_urls, self.resolver.srcset())
            .unwrap_or(html);
        self.out.hash = crate::hash::hash_str(&self.out.html);
        (self.out, self.errors)
    }
}

impl Walk<'_, '_> {
    /// Raw HTML that leaves more elements open than a page can nest is shown as text,
    /// with a warning: the sanitizer would take minutes over it (`raw_html::depth`).
    fn nest_no_deeper(&mut self) {
        let pieces = self.events.iter().filter_map(|e| match e {
            Event::Html(h) | Event::InlineHtml(h) => Some(&**h),
            _ => None,
        });
        if !super::raw_html::depth::too_deep(pieces) {
            return;
        }
        for e in &mut self.events {
            if let Event::Html(h) | Event::InlineHtml(h) = e {
                *e = Event::Text(std::mem::replace(h, CowStr::Borrowed("")));
            }
        }
        self.has_raw_html = false;
        let (line, column) = self.lines.line_col(0);
        self.out.warnings.push(
            Diagnostic::warning(
                self.input.file.to_path_buf(),
                format!(
                    "raw HTML shown as text: it leaves more than {} elements open, deeper than a page can nest",
                    super::raw_html::depth::MAX_OPEN
                ),
            )
            .at(line, column)
            .hint("close the elements the HTML opens (`<pre>` needs `</pre>`), or put HTML meant as text in backticks"),
        );
    }
}

/// `<a …>` or `</a>` written as raw HTML.
fn is_anchor_tag(html: &str) -> bool {
    let name = html.trim_start_matches('<').trim_start_matches('/');
    let mut chars = name.chars();
    matches!(chars.next(), Some('a' | 'A'))
        && chars
            .next()
            .is_none_or(|c| c.is_whitespace() || c == '>' || c == '/')
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}
