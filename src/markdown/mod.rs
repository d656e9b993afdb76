//! Markdown to HTML: the only place pulldown-cmark's options are set.
//!
//! Rendering returns a `Rendered` struct (HTML, table of contents, summary, word count and
//! the internal links with their lines) so that anchor checking can run later, once every
//! page's headings are known. Links are resolved through a `LinkResolver` supplied by the
//! link stage, which knows every page's URL.
//!
//! Raw HTML is decided before anything else (`raw_html`), so that no tag a writer typed
//! can hide the words after it, whatever the site's `raw_html` policy; what `sanitize`
//! removes is returned as warnings in `Rendered::warnings`.

mod body;
mod code;
mod ids;
mod links;
pub mod raw_html;
mod relative;
mod sanitize;
mod shortcodes;
mod text;
mod walk;

use std::path::Path;

use pulldown_cmark::Options;

use crate::autolink::Autolinker;
use crate::config::RawHtml;
use crate::error::Diagnostic;
use crate::shortcode::Shortcodes;

pub use body::Body;
pub use links::{is_dangerous_url, parse_internal};

/// What Markdown rendering produced for one body of text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    pub html: String,
    /// Every heading, in order: the theme nests them into a table of contents.
    pub headings: Vec<Heading>,
    /// The first paragraph as plain text, for listings when there is no description.
    pub summary: String,
    pub words: usize,
    /// How many of `words` are characters of scripts written without spaces, which are
    /// read at a characters-a-minute rate.
    pub unspaced_chars: usize,
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
    /// Every URL a Markdown link or image was written with, as rendered, with the line and
    /// column it was written at: the check of the finished output names this place when
    /// one leads nowhere.
    pub urls: Vec<(String, usize, usize)>,
    /// What the `raw_html` policy removed, with where it was written: `check` shows these.
    pub warnings: Vec<Diagnostic>,
    /// Every shortcode this text called, with its template's version (0 for one that did
    /// not exist): a cached render is stale once any of them is a different version.
    pub shortcodes: Vec<(String, u64)>,
    /// Every image file a Markdown image named (`images::Source::key`) and the size it had,
    /// if known: a cached render is stale once any of them has another size.
    pub images: Vec<(String, Option<crate::images::Size>)>,
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

    /// The site's shortcodes, when calls in Markdown are to be expanded.
    fn shortcodes(&self) -> Option<&Shortcodes> {
        None
    }

    /// The size of an image file, by `images::Source::key`, for its `<img>`'s `width` and
    /// `height`.
    fn image_size(&self, _key: &str) -> Option<crate::images::Size> {
        None
    }

    /// The smaller copies each Markdown image gets (`[images]`).
    fn srcset(&self) -> crate::images::Srcset<'_> {
        crate::images::Srcset::default()
    }

    /// The path the site is served under (`/careers/`): root-relative URLs written in
    /// Markdown get it in front.
    fn base_path(&self) -> &str {
        "/"
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

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `input`, resolving internal links and expanding shortcodes; problems are
/// returned beside the result so that one run reports every broken link.
pub fn render(input: &Input<'_>, resolver: &dyn LinkResolver) -> (Rendered, Vec<Diagnostic>) {
    let (mut rendered, errors) = match resolver.shortcodes() {
        Some(set) if shortcodes::may_call(input.text) => {
            shortcodes::render(input, resolver, set, options())
        }
        _ => render_text(input, resolver),
    };
    rendered.warnings.extend(placeholder(input));
    // Root-relative URLs in raw HTML and shortcode output get the sub-path here, once, so
    // every place the body goes (its page, feeds, search) has them right.
    if let Some(html) = crate::subpath::prefix_html(&rendered.html, resolver.base_path()) {
        rendered.html = html;
        rendered.hash = crate::hash::hash_str(&rendered.html);
    }
    (rendered, errors)
}

/// The sentence `new guide` writes where the guide's text goes.
pub const GUIDE_PLACEHOLDER: &str = "Write the guide here";
/// The sentence `new page` writes where the page's text goes.
pub const PAGE_PLACEHOLDER: &str = "Write the page here";

/// A warning at the first scaffold sentence still in the text: a published page that says
/// "Write the guide here" was published by mistake.
fn placeholder(input: &Input<'_>) -> Option<Diagnostic> {
    let (at, sentence) = [GUIDE_PLACEHOLDER, PAGE_PLACEHOLDER]
        .into_iter()
        .filter_map(|s| input.text.find(s).map(|at| (at, s)))
        .min()?;
    let lines = text::LineIndex::new(input.text, input.first_line, raw_html::Shift::new(&[]));
    let (line, column) = lines.line_col(at);
    Some(
        Diagnostic::warning(
            input.file.to_path_buf(),
            "this text still holds the sentence `new` wrote as a placeholder",
        )
        .at(line, column)
        .hint(format!("write your own text in place of \"{sentence}\"")),
    )
}

/// Renders Markdown with no shortcode in it.
fn render_text(input: &Input<'_>, resolver: &dyn LinkResolver) -> (Rendered, Vec<Diagnostic>) {
    let escapes = raw_html::block_escapes(input.text, options());
    let parsed = raw_html::escape(input.text, &escapes);
    let lines = text::LineIndex::new(input.text, input.first_line, raw_html::Shift::new(&escapes));
    let mut events = raw_html::parse(&parsed, options());
    let kept = raw_html::secure(&mut events, &parsed, input.raw_html);
    let mut walk = walk::Walk::new(input, resolver, &lines);
    if input.raw_html == RawHtml::Sanitize {
        walk.out.warnings = sanitize::dropped(&kept, &lines, input.file);
    }
    for (event, range) in events {
        walk.event(event, range);
    }
    walk.finish()
}

#[cfg(test)]
mod tests;
