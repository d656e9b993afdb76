//! Entry points for the fuzz targets under `fuzz/` and for the test that replays their
//! corpora (`tests/suite/fuzz_replay.rs`), so that CI exercises every saved input on stable Rust.
//! Each takes arbitrary bytes and drives one parser through the same functions a build
//! uses; a panic, or a hang, is the bug being looked for. They are not part of the product.

use std::path::Path;

use crate::config::{Config, RawHtml};
use crate::link::{Reuse, link};
use crate::parse::{Doc, Kind, parse_doc};
use crate::text::frontmatter::normalise_text;

/// Decodes bytes as the source stage does: invalid UTF-8 is an error there, so here it is
/// replaced rather than skipped, which keeps the rest of the input useful.
fn text(data: &[u8]) -> String {
    normalise_text(String::from_utf8_lossy(data).into_owned())
}

/// A whole content file (front matter and body), parsed as each kind of file.
pub fn front_matter(data: &[u8]) {
    let text = text(data);
    for (kind, rel) in [
        (Kind::Guide, "guides/fuzz.md"),
        (Kind::Role, "roles/fuzz.md"),
        (Kind::Skill, "skills/fuzz.md"),
        (Kind::Page, "fuzz.md"),
    ] {
        let rel = Path::new(rel);
        let file = Path::new("content").join(rel);
        let _ = parse_doc(kind, rel, &file, &text);
    }
}

/// `site.toml`'s text, alone and with a `--base-url` override.
pub fn site_toml(data: &[u8]) {
    let text = text(data);
    let _ = Config::parse(&text, None);
    let _ = Config::parse(&text, Some("https://example.com/careers/"));
}

/// A dataset file, read in each format site.toml can name.
pub fn datasets(data: &[u8]) {
    let text = text(data);
    let file = Path::new("data/fuzz.csv");
    for format in crate::datasets::Format::NAMES {
        if let Some(format) = crate::datasets::Format::from_name(format) {
            let _ = crate::datasets::read(format, file, &text, Default::default());
        }
    }
}

/// A guide's body, linked inside a small site that has another guide with headings, a role
/// with an alias, a skill and a standalone page, so `@/`, `role:` and `skill:` links and
/// anchors can resolve. The first byte picks the raw-HTML policy and autolinking. Returns
/// the policy and the body's HTML when the site linked (a broken link is an error, not a
/// bug), so callers can check what `sanitize` let through.
pub fn markdown(data: &[u8]) -> Option<(RawHtml, String)> {
    let (policy_byte, body) = data.split_first()?;
    let raw_html = match policy_byte % 3 {
        0 => "sanitize",
        1 => "escape",
        _ => "allow",
    };
    let autolink = policy_byte & 4 != 0;
    let config = Config::parse(
        &format!("autolink = {autolink}\n[markdown]\nraw_html = \"{raw_html}\"\n"),
        None,
    )
    .ok()?;
    let body = String::from_utf8_lossy(body);
    let fuzzed = format!(
        "---\ntitle: Fuzzed\ndate: 2026-01-02\nroles: [Software Engineer]\nskills: [sql]\n\
         faq:\n  - q: Why?\n    a: \"[see](@/guides/other.md#setup)\"\n---\n{body}"
    );
    let files = [
        (Kind::Guide, "guides/fuzz.md", fuzzed.as_str()),
        (
            Kind::Guide,
            "guides/other.md",
            "---\ntitle: Other\ndate: 2026-01-01\nskills: [git]\n---\n## Setup\n\n## Setup\n\nText.\n",
        ),
        (
            Kind::Role,
            "roles/software-engineer.md",
            "---\ntitle: Software Engineer\naliases: [swe]\nskills: [sql]\nnext_roles: [staff-engineer]\n---\nBuilds things.\n",
        ),
        (
            Kind::Skill,
            "skills/sql.md",
            "---\ntitle: SQL\ncategory: Data\n---\nQueries.\n",
        ),
        (
            Kind::Page,
            "about.md",
            "---\ntitle: About\n---\n# About {#about-us}\n",
        ),
    ];
    let mut docs: Vec<Doc> = Vec::new();
    for (kind, rel, text) in files {
        let rel = Path::new(rel);
        let file = Path::new("content").join(rel);
        docs.push(parse_doc(kind, rel, &file, &normalise_text(text.to_string())).ok()?);
    }
    let refs: Vec<&Doc> = docs.iter().collect();
    let policy = config.raw_html;
    let (linked, _) = link(config, &refs, false, Reuse::default()).ok()?;
    let guide = linked.site.guides.iter().find(|g| g.slug == "fuzz")?;
    let mut html = guide.body.html.read().into_owned();
    for faq in guide.faq.iter() {
        html.push_str(&faq.answer_html);
    }
    Some((policy, html))
}

/// Tag names the raw-HTML target writes: every element that hides what follows, in any
/// case, and ordinary ones.
const FUZZ_TAGS: &[&str] = &[
    "script",
    "style",
    "template",
    "iframe",
    "title",
    "textarea",
    "noscript",
    "xmp",
    "plaintext",
    "select",
    "datalist",
    "video",
    "audio",
    "canvas",
    "object",
    "svg",
    "math",
    "dialog",
    "noembed",
    "noframes",
    "pre",
    "div",
    "span",
    "b",
    "img",
    "input",
    "br",
    "p",
    "a",
    "table",
    "td",
    "details",
    "custom-el",
    "T",
    "String",
];

/// End tags it writes: only elements that hide nothing, so that no marker word may
/// rightly disappear.
const FUZZ_END_TAGS: &[&str] = &["div", "span", "b", "p", "a", "pre", "td", "custom-el", "br"];

/// Attributes: complete ones quote with `"` only, and the one never ended with `'` only,
/// written once at most, so nothing later can end it and put marker words inside a real
/// attribute.
const FUZZ_ATTRS: &[&str] = &[
    "",
    " class=\"x\"",
    " data-x=\"y\"",
    " k=v",
    " alt='",
    " onclick=\"z()\"",
    " src=x.png",
    " /",
];

const FUZZ_OTHER: &[&str] = &["<!--", "<?", "<!x", "<![CDATA[", "</>", "<", "&lt;", "`"];

const FUZZ_PREFIXES: &[&str] = &["## ", "- ", "> ", "| ", "1. ", "  ", "    ", "# "];

/// A Markdown body built from bytes: marker words (`w0z`, `w1z`, …) between raw HTML of
/// every kind (tags of any name, case and attributes, never-ended tags and comments, end
/// tags) in headings, lists, quotes and tables. No element that hides its content is ever
/// closed and no comment ever ends, so every marker must stay visible. Returns the body
/// and its markers.
pub fn raw_html_case(data: &[u8]) -> (String, Vec<String>) {
    let mut body = String::new();
    let mut markers = Vec::new();
    let mut bytes = data.iter().copied();
    let pick =
        |list: &[&'static str], b: Option<u8>| list[usize::from(b.unwrap_or(0)) % list.len()];
    while let Some(b) = bytes.next() {
        match b % 16 {
            0..=4 => {
                let marker = format!("w{}z", markers.len());
                body.push_str(&marker);
                markers.push(marker);
            }
            5 => body.push('\n'),
            6 => body.push_str("\n\n"),
            7 => {
                if !body.ends_with('\n') && !body.is_empty() {
                    body.push('\n');
                }
                body.push_str(pick(FUZZ_PREFIXES, bytes.next()));
            }
            8..=12 => {
                let name = pick(FUZZ_TAGS, bytes.next());
                let style = bytes.next().unwrap_or(0);
                let name = if style & 1 == 1 {
                    name.to_ascii_uppercase()
                } else {
                    name.to_string()
                };
                body.push('<');
                body.push_str(&name);
                let attrs = pick(FUZZ_ATTRS, Some(style >> 1));
                // A second `'` would end the first one's value, markers and all.
                if !(attrs.contains('\'') && body.contains('\'')) {
                    body.push_str(attrs);
                }
                if !body.ends_with('\'') {
                    body.push('>');
                }
            }
            13 | 14 => {
                body.push_str("</");
                body.push_str(pick(FUZZ_END_TAGS, bytes.next()));
                body.push('>');
            }
            _ => body.push_str(pick(FUZZ_OTHER, bytes.next())),
        }
        if !body.ends_with([' ', '\n']) {
            body.push(' ');
        }
    }
    (body, markers)
}

/// Renders `body` alone under `policy`, as a guide's body is rendered.
pub fn render_body(body: &str, policy: RawHtml) -> String {
    struct Anywhere;
    impl crate::markdown::LinkResolver for Anywhere {
        fn resolve(
            &self,
            _: &crate::markdown::LinkTarget<'_>,
        ) -> Result<String, crate::markdown::Unresolved> {
            Ok("/x/".into())
        }
    }
    let input = crate::markdown::Input {
        file: Path::new("content/guides/fuzz.md"),
        text: body,
        first_line: 1,
        raw_html: policy,
        autolink: false,
    };
    crate::markdown::render(&input, &Anywhere).0.html
}
