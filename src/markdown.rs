//! Markdown to HTML: the only place pulldown-cmark's options are set.
//!
//! Rendering returns a `Rendered` struct (HTML, table of contents, summary, word count and
//! the internal links with their lines) so that anchor checking can run later, once every
//! page's headings are known. Links are resolved through a `LinkResolver` supplied by the
//! link stage, which knows every page's URL.

use std::path::Path;
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::autolink::Autolinker;
use crate::config::RawHtml;
use crate::error::Diagnostic;
use crate::slug::slugify;

/// What Markdown rendering produced for one body of text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    pub html: String,
    /// Every heading, in order: the theme nests them into a table of contents.
    pub headings: Vec<Heading>,
    /// The first paragraph as plain text, for listings when there is no description.
    pub summary: String,
    pub words: usize,
    /// `@/…#anchor` links, checked once every page's heading ids are known.
    pub anchor_links: Vec<AnchorLink>,
    /// A hash of `html`, so rebuilds can tell cheaply whether a page's text changed.
    pub hash: u64,
    /// Every internal link resolved, as written and as rendered: a cached render stays
    /// valid while each of these still resolves the same way.
    pub resolved: Vec<(String, String)>,
    /// The autolinker's fingerprint when this text was auto-linked, else 0: a cached render
    /// is stale once the site's roles and skills are named differently.
    pub autolink_terms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorLink {
    /// The linked source, relative to `content/`: `guides/other.md`.
    pub target: String,
    pub anchor: String,
    pub line: usize,
    pub column: usize,
}

pub use crate::autolink::LinkTarget;

/// Why a link could not be resolved: the message and, where known, how to fix it.
pub type Unresolved = (String, Option<String>);

/// Knows the URL of every page; supplied by the link stage.
pub trait LinkResolver: Sync {
    fn resolve(&self, target: &LinkTarget<'_>) -> Result<String, Unresolved>;

    /// Names of roles and skills to link on first mention, when the site asks for it.
    fn autolinker(&self) -> Option<&Autolinker> {
        None
    }
}

/// One Markdown text to render and where it came from.
pub struct Input<'a> {
    pub file: &'a Path,
    pub text: &'a str,
    /// The file line `text` starts on.
    pub first_line: usize,
    pub raw_html: RawHtml,
    /// Whether to link the first mention of each role and skill (guide bodies only).
    pub autolink: bool,
}

const SUMMARY_MAX_CHARS: usize = 280;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `input`, resolving internal links; problems are returned beside the result so
/// that one run reports every broken link.
pub fn render(input: &Input<'_>, resolver: &dyn LinkResolver) -> (Rendered, Vec<Diagnostic>) {
    let lines = LineIndex::new(input.text, input.first_line);
    let mut errors = Vec::new();
    let mut out = Rendered::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut has_raw_html = false;
    let mut ids = IdAllocator::default();
    let mut heading: Option<(usize, HeadingLevel)> = None;
    let mut heading_text = String::new();
    let mut in_code_block = false;
    let mut paragraph_depth = 0usize;
    let mut summary_done = false;
    let mut container_depth = 0usize;
    let mut words = WordCounter::default();
    let autolinker = resolver.autolinker().filter(|_| input.autolink);
    out.autolink_terms = autolinker.map_or(0, |a| a.fingerprint);
    // Inside a link or image (Markdown or raw `<a>`), text must not become another link.
    let mut link_depth = 0usize;

    for (event, range) in Parser::new_ext(input.text, options()).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading = Some((events.len(), level));
                heading_text.clear();
                // `## Title {onclick=…}` writes attributes without any raw HTML, so the
                // sanitizer never sees them: only `allow` keeps them.
                let attrs = match input.raw_html {
                    RawHtml::Allow => attrs,
                    RawHtml::Sanitize | RawHtml::Escape => Vec::new(),
                };
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, _)) = heading.take() {
                    let title = heading_text.trim().to_string();
                    if let Event::Start(Tag::Heading { id, .. }) = &mut events[start] {
                        let wanted = match id.take() {
                            Some(custom) => custom.to_string(),
                            None => slugify(&title),
                        };
                        let unique = ids.allocate(&wanted);
                        *id = Some(CowStr::from(unique.clone()));
                        out.headings.push(Heading {
                            level: heading_level(level),
                            id: unique,
                            title,
                        });
                    }
                }
                Event::End(TagEnd::Heading(level))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                link_depth += 1;
                let dest_url = rewrite_url(
                    link_type,
                    dest_url,
                    input,
                    &lines,
                    range.start,
                    resolver,
                    &mut out,
                    &mut errors,
                );
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                link_depth += 1;
                let dest_url = neutralise(dest_url, input.raw_html);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                link_depth = link_depth.saturating_sub(1);
                Event::End(end)
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code_block = true;
                Event::Start(Tag::CodeBlock(kind))
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                Event::End(TagEnd::CodeBlock)
            }
            Event::Start(Tag::Table(align)) => {
                // Wide tables scroll inside a focusable region instead of the whole page.
                container_depth += 1;
                events.push(Event::Html(CowStr::Borrowed(
                    "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">",
                )));
                Event::Start(Tag::Table(align))
            }
            Event::End(TagEnd::Table) => {
                container_depth = container_depth.saturating_sub(1);
                events.push(Event::End(TagEnd::Table));
                Event::Html(CowStr::Borrowed("</div>"))
            }
            Event::TaskListMarker(done) => Event::Html(CowStr::Borrowed(if done {
                "<input type=\"checkbox\" disabled checked aria-label=\"Done\"> "
            } else {
                "<input type=\"checkbox\" disabled aria-label=\"Not done\"> "
            })),
            Event::Start(tag @ (Tag::BlockQuote(_) | Tag::List(_))) => {
                container_depth += 1;
                Event::Start(tag)
            }
            Event::End(end @ (TagEnd::BlockQuote(_) | TagEnd::List(_))) => {
                container_depth = container_depth.saturating_sub(1);
                Event::End(end)
            }
            Event::Start(Tag::Paragraph) => {
                paragraph_depth += 1;
                Event::Start(Tag::Paragraph)
            }
            Event::End(TagEnd::Paragraph) => {
                paragraph_depth = paragraph_depth.saturating_sub(1);
                if !out.summary.is_empty() && container_depth == 0 {
                    summary_done = true;
                }
                Event::End(TagEnd::Paragraph)
            }
            Event::Text(text) => {
                if heading.is_some() {
                    heading_text.push_str(&text);
                }
                if !in_code_block {
                    words.feed(&text);
                }
                if paragraph_depth > 0 && container_depth == 0 && !summary_done {
                    push_summary(&mut out.summary, &text);
                }
                match autolinker {
                    Some(linker) if heading.is_none() && !in_code_block && link_depth == 0 => {
                        link_mentions(text, linker, resolver, &mut out, &mut events)
                    }
                    _ => Event::Text(text),
                }
            }
            Event::Code(code) => {
                if heading.is_some() {
                    heading_text.push_str(&code);
                }
                if paragraph_depth > 0 && container_depth == 0 && !summary_done {
                    push_summary(&mut out.summary, &code);
                }
                words.feed(&code);
                Event::Code(code)
            }
            Event::SoftBreak | Event::HardBreak
                if paragraph_depth > 0 && container_depth == 0 && !summary_done =>
            {
                push_summary(&mut out.summary, " ");
                Event::SoftBreak
            }
            Event::InlineHtml(html) if is_anchor_tag(&html) => {
                if html.starts_with("</") {
                    link_depth = link_depth.saturating_sub(1);
                } else {
                    link_depth += 1;
                }
                raw_html_event(html, input.raw_html, &mut has_raw_html)
            }
            Event::Html(html) | Event::InlineHtml(html) => match input.raw_html {
                RawHtml::Escape => Event::Text(html),
                RawHtml::Allow => Event::Html(html),
                RawHtml::Sanitize => {
                    has_raw_html = true;
                    Event::Html(html)
                }
            },
            other => other,
        };
        if !matches!(event, Event::Text(_) | Event::Code(_)) {
            words.boundary();
        }
        events.push(event);
    }

    out.words = words.count;
    out.summary = finish_summary(&out.summary);
    let mut html = String::with_capacity(input.text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    out.html = if has_raw_html {
        sanitizer().clean(&html).to_string()
    } else {
        html
    };
    out.hash = crate::hash::hash_str(&out.html);
    (out, errors)
}

fn raw_html_event<'a>(html: CowStr<'a>, policy: RawHtml, has_raw_html: &mut bool) -> Event<'a> {
    match policy {
        RawHtml::Escape => Event::Text(html),
        RawHtml::Allow => Event::Html(html),
        RawHtml::Sanitize => {
            *has_raw_html = true;
            Event::Html(html)
        }
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

/// Turns the first mention of each role or skill not yet linked in this text into a link:
/// pushes the text before it, the link, and returns what is left as the event to push last.
fn link_mentions<'a>(
    text: CowStr<'a>,
    linker: &Autolinker,
    resolver: &dyn LinkResolver,
    out: &mut Rendered,
    events: &mut Vec<Event<'a>>,
) -> Event<'a> {
    let mut from = 0;
    for m in linker.mentions(&text) {
        let Ok(url) = resolver.resolve(&m.target) else {
            continue;
        };
        // Only the first mention, and not when the writer linked the page already.
        if out.resolved.iter().any(|(_, u)| *u == url) {
            continue;
        }
        let written = match m.target {
            LinkTarget::Role(slug) => format!("role:{slug}"),
            LinkTarget::Skill(slug) => format!("skill:{slug}"),
            LinkTarget::Content(path) => format!("@/{path}"),
        };
        out.resolved.push((written, url.clone()));
        if m.start > from {
            events.push(Event::Text(CowStr::from(text[from..m.start].to_string())));
        }
        events.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: CowStr::from(url),
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        }));
        events.push(Event::Text(CowStr::from(text[m.start..m.end].to_string())));
        events.push(Event::End(TagEnd::Link));
        from = m.end;
    }
    if from == 0 {
        Event::Text(text)
    } else {
        Event::Text(CowStr::from(text[from..].to_string()))
    }
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

#[allow(clippy::too_many_arguments)]
fn rewrite_url<'a>(
    link_type: LinkType,
    dest: CowStr<'a>,
    input: &Input<'_>,
    lines: &LineIndex,
    offset: usize,
    resolver: &dyn LinkResolver,
    out: &mut Rendered,
    errors: &mut Vec<Diagnostic>,
) -> CowStr<'a> {
    if matches!(link_type, LinkType::Email | LinkType::Autolink) {
        return neutralise(dest, input.raw_html);
    }
    let (target, anchor) = match parse_internal(&dest) {
        Some(parsed) => parsed,
        None => return neutralise(dest, input.raw_html),
    };
    let (line, column) = lines.line_col(offset);
    match resolver.resolve(&target) {
        Ok(url) => {
            let url = match anchor {
                Some(anchor) => {
                    if let LinkTarget::Content(path) = target {
                        out.anchor_links.push(AnchorLink {
                            target: path.to_string(),
                            anchor: anchor.to_string(),
                            line,
                            column,
                        });
                    }
                    format!("{url}#{anchor}")
                }
                None => url,
            };
            out.resolved.push((dest.to_string(), url.clone()));
            CowStr::from(url)
        }
        Err((message, hint)) => {
            errors.push(
                Diagnostic::error(input.file.to_path_buf(), message)
                    .at(line, column)
                    .maybe_hint(hint),
            );
            CowStr::from("#")
        }
    }
}

/// Splits `@/guides/x.md#h`, `role:slug` and `skill:slug`; none for every other URL.
pub fn parse_internal(dest: &str) -> Option<(LinkTarget<'_>, Option<&str>)> {
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a).filter(|a| !a.is_empty())),
        None => (dest, None),
    };
    if let Some(p) = path.strip_prefix("@/") {
        Some((LinkTarget::Content(p), anchor))
    } else if let Some(s) = path.strip_prefix("role:") {
        Some((LinkTarget::Role(s), anchor))
    } else {
        path.strip_prefix("skill:")
            .map(|s| (LinkTarget::Skill(s), anchor))
    }
}

/// Under `sanitize`, URLs that would run code in the reader's browser become `#`.
fn neutralise(dest: CowStr<'_>, policy: RawHtml) -> CowStr<'_> {
    if policy == RawHtml::Allow || !is_dangerous_url(&dest) {
        dest
    } else {
        CowStr::Borrowed("#")
    }
}

/// `javascript:`, `vbscript:` and `data:` URLs, however they are disguised with case,
/// whitespace or control characters (browsers ignore those inside a scheme).
pub fn is_dangerous_url(url: &str) -> bool {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|c| *c != ':')
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    url.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

fn push_summary(summary: &mut String, text: &str) {
    if summary.len() < SUMMARY_MAX_CHARS * 4 {
        summary.push_str(text);
    }
}

/// Collapses whitespace and cuts at a word boundary near `SUMMARY_MAX_CHARS`.
fn finish_summary(raw: &str) -> String {
    let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= SUMMARY_MAX_CHARS {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(SUMMARY_MAX_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) => &cut[..i],
        None => &cut[..],
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// Counts words across the text events of a body. Smart punctuation and emphasis split one
/// word into several events (`don`, `’`, `t`), so a word is a run of letters and digits
/// joined by apostrophes or hyphens, counted where it starts.
#[derive(Default)]
struct WordCounter {
    count: usize,
    in_word: bool,
}

impl WordCounter {
    fn feed(&mut self, text: &str) {
        if text.is_ascii() {
            // Nearly all text: bytes, without decoding characters.
            for b in text.bytes() {
                if b.is_ascii_alphanumeric() {
                    if !self.in_word {
                        self.count += 1;
                        self.in_word = true;
                    }
                } else if !matches!(b, b'\'' | b'-') {
                    self.in_word = false;
                }
            }
            return;
        }
        for c in text.chars() {
            if c.is_alphanumeric() {
                if !self.in_word {
                    self.count += 1;
                    self.in_word = true;
                }
            } else if !matches!(c, '\'' | '’' | '-') {
                self.in_word = false;
            }
        }
    }

    fn boundary(&mut self) {
        self.in_word = false;
    }
}

/// Ids the default theme's templates (and the preview server's error overlay) put on every
/// page around the Markdown. A heading given one of them would make a second element with
/// that id, and `#main` or `#guide-faq` links would land on the heading instead, so headings
/// start with these taken (`## Main` gets `main-1`). Keep in step with `id="…"` in
/// `themes/default/templates/` and the overlay id in `serve/inject.rs`.
const THEME_IDS: &[&str] = &[
    "main",
    "toc-title",
    "hero-title",
    "latest-title",
    "roles-title",
    "skills-title",
    "guide-takeaways",
    "guide-compare",
    "guide-faq",
    "guide-related",
    "role-path",
    "role-next-steps",
    "career-map-list",
    "role-skills",
    "role-about",
    "role-guides",
    "role-related",
    "skill-about",
    "skill-roles",
    "skill-guides",
    "term-about",
    "term-guides",
    "careersite-error-overlay",
];

/// Unique heading ids: `intro`, `intro-1`, `intro-2`; `section` for headings with no letters.
struct IdAllocator {
    used: std::collections::HashSet<String>,
}

impl Default for IdAllocator {
    fn default() -> Self {
        Self {
            used: THEME_IDS.iter().map(|id| id.to_string()).collect(),
        }
    }
}

impl IdAllocator {
    fn allocate(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() { "section" } else { wanted };
        let mut id = base.to_string();
        let mut n = 1;
        while !self.used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

/// Byte offsets to file lines and columns. Columns count characters, as editors and the
/// YAML and TOML errors do, so `Café [x](…)` puts the `[` at column 6, not 7.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    first_line: usize,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str, first_line: usize) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            text,
            starts,
            first_line,
        }
    }

    fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let idx = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let before = self.text.get(self.starts[idx]..offset).unwrap_or("");
        (self.first_line + idx, before.chars().count() + 1)
    }
}

/// The `sanitize` policy: what may stay of raw HTML written in Markdown.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id", "class"])
            .add_tags([
                "input",
                "section",
                "figure",
                "figcaption",
                "details",
                "summary",
            ])
            .add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"])
            .add_tag_attributes("div", ["role", "tabindex", "aria-label"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .link_rel(None)
            .attribute_filter(|element, attribute, value| match (element, attribute) {
                ("th" | "td", "style") => {
                    let allowed = [
                        "text-align: left",
                        "text-align: center",
                        "text-align: right",
                    ];
                    allowed.contains(&value).then_some(value.into())
                }
                ("input", "type") => (value == "checkbox").then_some(value.into()),
                _ => Some(value.into()),
            });
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Everything;
    impl LinkResolver for Everything {
        fn resolve(&self, target: &LinkTarget<'_>) -> Result<String, Unresolved> {
            match target {
                LinkTarget::Content("guides/missing.md") => {
                    Err(("no such page".into(), Some("check the path".into())))
                }
                LinkTarget::Content(p) => Ok(format!("/{}/", p.trim_end_matches(".md"))),
                LinkTarget::Role(s) => Ok(format!("/roles/{s}/")),
                LinkTarget::Skill(s) => Ok(format!("/skills/{s}/")),
            }
        }
    }

    fn md(text: &str, policy: RawHtml) -> (Rendered, Vec<Diagnostic>) {
        let input = Input {
            file: Path::new("content/guides/a.md"),
            text,
            first_line: 5,
            raw_html: policy,
            autolink: false,
        };
        render(&input, &Everything)
    }

    #[test]
    fn heading_ids_are_stable_and_unique() {
        let (r, _) = md(
            "## Intro\n\n## Intro\n\n### What's next?\n\n## !!!\n",
            RawHtml::Sanitize,
        );
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["intro", "intro-1", "what-s-next", "section"]);
        assert!(r.html.contains("<h2 id=\"intro-1\">Intro</h2>"));
    }

    #[test]
    fn heading_ids_never_repeat_the_themes_ids() {
        let (r, _) = md(
            "## Main\n\n## Guide related\n\n## Main\n",
            RawHtml::Sanitize,
        );
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["main-1", "guide-related-1", "main-2"]);
    }

    #[test]
    fn theme_ids_list_every_fixed_id_in_the_default_theme() {
        for (name, bytes) in crate::source::default_theme::TEMPLATES {
            let text = String::from_utf8_lossy(bytes);
            for (at, _) in text.match_indices("id=\"") {
                let id = text[at + 4..].split('"').next().unwrap_or("");
                if !id.contains("{{") {
                    assert!(THEME_IDS.contains(&id), "{name}: add `{id}` to THEME_IDS");
                }
            }
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let lines = LineIndex::new("ab\nCafé [x]\n", 5);
        let bracket = "ab\nCafé ".len();
        assert_eq!(lines.line_col(bracket), (6, 6));
        assert_eq!(lines.line_col(0), (5, 1));
        let (_, errs) = md("Café [gone](@/guides/missing.md)\n", RawHtml::Sanitize);
        assert_eq!((errs[0].line, errs[0].column), (Some(5), Some(6)));
    }

    #[test]
    fn custom_heading_id() {
        let (r, _) = md("## Getting started {#start}\n", RawHtml::Sanitize);
        assert_eq!(r.headings[0].id, "start");
        assert_eq!(r.headings[0].title, "Getting started");
    }

    #[test]
    fn internal_links_resolve_and_record_anchors() {
        let (r, errs) = md(
            "See [x](@/guides/b.md#setup), [r](role:sre) and [s](skill:sql).\n",
            RawHtml::Sanitize,
        );
        assert!(errs.is_empty());
        assert!(r.html.contains("href=\"/guides/b/#setup\""));
        assert!(r.html.contains("href=\"/roles/sre/\""));
        assert!(r.html.contains("href=\"/skills/sql/\""));
        assert_eq!(r.anchor_links[0].anchor, "setup");
        assert_eq!(r.anchor_links[0].line, 5);
    }

    #[test]
    fn broken_link_names_its_line_and_column() {
        let (_, errs) = md(
            "Text\n\nand [gone](@/guides/missing.md)\n",
            RawHtml::Sanitize,
        );
        assert_eq!(errs.len(), 1);
        assert_eq!((errs[0].line, errs[0].column), (Some(7), Some(5)));
        assert_eq!(errs[0].message, "no such page");
    }

    #[test]
    fn sanitize_removes_scripts_handlers_and_javascript_urls() {
        let (r, _) = md(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) [b]( JaVa\tScript:alert(1))\n\n<a href=\"javascript:alert(2)\">c</a>\n",
            RawHtml::Sanitize,
        );
        let html = r.html.to_lowercase();
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn escape_and_allow_policies() {
        let (r, _) = md("<b>bold</b>\n", RawHtml::Escape);
        assert!(r.html.contains("&lt;b&gt;bold&lt;/b&gt;"));
        let (r, _) = md("<b onclick=\"x()\">bold</b>\n", RawHtml::Allow);
        assert!(r.html.contains("onclick"));
    }

    #[test]
    fn gfm_features_render() {
        let (r, _) = md(
            "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~ text[^1]\n\n[^1]: A note.\n",
            RawHtml::Sanitize,
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("footnote"));
    }

    #[test]
    fn summary_is_first_top_level_paragraph_and_words_are_counted() {
        let (r, _) = md(
            "## Heading\n\n- list item\n\nFirst *real* paragraph\nwith `code`.\n\nSecond one.\n\n```\nnot counted here\n```\n",
            RawHtml::Sanitize,
        );
        assert_eq!(r.summary, "First real paragraph with code.");
        assert_eq!(r.words, 1 + 2 + 5 + 2);
    }

    #[test]
    fn long_summary_is_cut_at_a_word() {
        let text = "word ".repeat(200);
        let (r, _) = md(&text, RawHtml::Sanitize);
        assert!(r.summary.ends_with('…'));
        assert!(r.summary.chars().count() <= SUMMARY_MAX_CHARS + 1);
    }

    #[test]
    fn dangerous_urls() {
        for bad in [
            "javascript:x",
            " JAVASCRIPT:x",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(is_dangerous_url(bad), "{bad:?}");
        }
        for ok in [
            "https://x.org",
            "/a/b",
            "#top",
            "mailto:a@b.c",
            "javascript",
        ] {
            assert!(!is_dangerous_url(ok), "{ok:?}");
        }
    }
}
