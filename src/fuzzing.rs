//! Entry points for the fuzz targets under `fuzz/` and for the test that replays their
//! corpora (`tests/fuzz_replay.rs`), so that CI exercises every saved input on stable Rust.
//! Each takes arbitrary bytes and drives one parser through the same functions a build
//! uses; a panic, or a hang, is the bug being looked for. They are not part of the product.

use std::path::Path;

use crate::config::{Config, RawHtml};
use crate::link::{Reuse, link};
use crate::parse::frontmatter::normalise_text;
use crate::parse::{Doc, Kind, parse_doc};

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
    let mut html = guide.body.html.clone();
    for faq in guide.faq.iter() {
        html.push_str(&faq.answer_html);
    }
    Some((policy, html))
}
