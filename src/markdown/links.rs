//! Links in Markdown: internal ones (`@/…`, `role:`, `skill:`) resolved to URLs and
//! recorded for later checks, dangerous ones neutralised, and the first mention of each
//! role or skill linked when the site asks for it.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::walk::Walk;
use super::{AnchorLink, LinkTarget, sanitize};
use crate::config::RawHtml;
use crate::error::Diagnostic;

impl<'a> Walk<'a, '_> {
    /// The URL a Markdown link or image is written with.
    pub(super) fn rewrite_url(
        &mut self,
        link_type: LinkType,
        dest: CowStr<'a>,
        offset: usize,
    ) -> CowStr<'a> {
        if matches!(link_type, LinkType::Email | LinkType::Autolink) {
            return self.neutralise(dest, offset);
        }
        let relative = match super::relative::to_internal(self.input.file, &dest) {
            Some(Ok(internal)) => Some(internal),
            Some(Err(unresolved)) => return self.unresolved(unresolved, offset),
            None => None,
        };
        let Some((target, anchor)) = parse_internal(relative.as_deref().unwrap_or(&dest)) else {
            return self.neutralise(dest, offset);
        };
        let (line, column) = self.lines.line_col(offset);
        match self.resolver.resolve(&target) {
            Ok(url) => {
                let url = match anchor {
                    Some(anchor) => {
                        if let LinkTarget::Content(path) = target {
                            self.out.anchor_links.push(AnchorLink {
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
                // Recorded in its `@/` form, so a cached render can tell it still holds.
                let written = relative.unwrap_or_else(|| dest.to_string());
                self.record(written, url.clone());
                CowStr::from(url)
            }
            Err((message, hint)) => {
                let unresolved = match &relative {
                    Some(internal) if message.ends_with("does not exist") => {
                        self.missing_relative(&dest, internal, hint)
                    }
                    _ => (message, hint),
                };
                self.unresolved(unresolved, offset)
            }
        }
    }

    /// A relative link to a Markdown file that is not there, said in the terms it was
    /// written in: which file it named, and where relative links start from.
    fn missing_relative(
        &self,
        dest: &str,
        internal: &str,
        hint: Option<String>,
    ) -> super::Unresolved {
        let target = internal.trim_start_matches("@/");
        let target = target.split('#').next().unwrap_or(target);
        let folder = self.input.file.parent().unwrap_or(self.input.file);
        let hint = match hint {
            Some(h) if h.starts_with("did you mean") => h,
            _ => format!(
                "a relative link starts from the file's own folder, {}/",
                crate::error::display_path(folder)
            ),
        };
        (
            format!("`{dest}` links to content/{target}, which does not exist"),
            Some(hint),
        )
    }

    fn unresolved(&mut self, (message, hint): super::Unresolved, offset: usize) -> CowStr<'a> {
        let (line, column) = self.lines.line_col(offset);
        self.errors.push(
            Diagnostic::error(self.input.file.to_path_buf(), message)
                .at(line, column)
                .maybe_hint(hint),
        );
        CowStr::from("#")
    }

    /// The URL an image is written with. `@/`, `role:` and `skill:` name pages, which are
    /// not images: written as an image's source they would be a broken image, so they are
    /// an error that says how to link to the page instead.
    pub(super) fn image_url(&mut self, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        match super::relative::to_internal(self.input.file, &dest) {
            Some(Ok(internal)) if !internal.split('#').next().unwrap_or("").ends_with(".md") => {
                // A file beside the Markdown: resolved to where it is published.
                let file = internal.trim_start_matches("@/");
                let file = file.split('#').next().unwrap_or(file).to_string();
                let url = self.rewrite_url(LinkType::Inline, dest, offset);
                self.image_size(&url, crate::images::Source::Content(&file));
                return url;
            }
            Some(Ok(_)) => {}
            Some(Err(unresolved)) => return self.unresolved(unresolved, offset),
            None if parse_internal(&dest).is_none() => {
                let file = static_file(&dest);
                let url = self.neutralise(dest, offset);
                if let Some(file) = file {
                    self.image_size(&url, crate::images::Source::Static(&file));
                }
                return url;
            }
            None => {}
        }
        let (line, column) = self.lines.line_col(offset);
        self.errors.push(
            Diagnostic::error(
                self.input.file.to_path_buf(),
                format!("image `{dest}` names a page, not an image file"),
            )
            .at(line, column)
            .hint(format!(
                "link to the page with [text]({dest}) (no `!`), or give the image file's path"
            )),
        );
        CowStr::from("#")
    }

    /// Looks up the size of the image file `url` is rendered from, for its `width` and
    /// `height`; recorded either way, so a cached body is rendered again when it changes.
    fn image_size(&mut self, url: &str, source: crate::images::Source<'_>) {
        let key = source.key();
        let size = self.resolver.image_size(&key);
        self.out.images.push((key, size));
        if let Some(size) = size {
            self.image_urls.push((url.to_string(), size));
        }
    }

    /// Under `sanitize` and `escape`, URLs that would run code in the reader's browser
    /// become `#`, and `check` says so.
    pub(super) fn neutralise(&mut self, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        // A root-relative URL is the site's own: under a sub-path deploy it gets the path.
        if let Some(prefixed) = crate::subpath::prefix(&dest, self.resolver.base_path()) {
            return CowStr::from(prefixed);
        }
        if self.input.raw_html == RawHtml::Allow {
            return dest;
        }
        let Some(scheme) = dangerous_scheme(&dest) else {
            return dest;
        };
        let (line, column) = self.lines.line_col(offset);
        self.out.warnings.push(
            sanitize::warning(
                self.input.file,
                format!("link removed: a `{scheme}:` URL could run code in the reader's browser"),
            )
            .at(line, column),
        );
        CowStr::Borrowed("#")
    }

    pub(super) fn note_url(&mut self, url: &str, offset: usize) {
        if url != "#" && !url.is_empty() {
            let (line, column) = self.lines.line_col(offset);
            self.out.urls.push((url.to_string(), line, column));
        }
    }

    pub(super) fn record(&mut self, written: String, url: String) {
        self.linked.insert(url.clone());
        self.out.resolved.push((written, url));
    }

    /// Turns the first mention of each role or skill not yet linked in this text into a
    /// link: pushes the text before it and the link, and returns what is left as the
    /// event to push last.
    pub(super) fn link_mentions(&mut self, text: CowStr<'a>) -> Event<'a> {
        let Some(linker) = self.autolinker else {
            return Event::Text(text);
        };
        let mut from = 0;
        for m in linker.mentions(&text) {
            let Ok(url) = self.resolver.resolve(&m.target) else {
                continue;
            };
            // Only the first mention, and not when the writer linked the page already.
            if self.linked.contains(&url) {
                continue;
            }
            let written = match m.target {
                LinkTarget::Role(slug) => format!("role:{slug}"),
                LinkTarget::Skill(slug) => format!("skill:{slug}"),
                LinkTarget::Content(path) => format!("@/{path}"),
            };
            self.record(written, url.clone());
            if m.start > from {
                self.events
                    .push(Event::Text(CowStr::from(text[from..m.start].to_string())));
            }
            self.events.push(Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url: CowStr::from(url),
                title: CowStr::Borrowed(""),
                id: CowStr::Borrowed(""),
            }));
            self.events
                .push(Event::Text(CowStr::from(text[m.start..m.end].to_string())));
            self.events.push(Event::End(TagEnd::Link));
            from = m.end;
        }
        if from == 0 {
            Event::Text(text)
        } else {
            Event::Text(CowStr::from(text[from..].to_string()))
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

/// `javascript:`, `vbscript:` and `data:` URLs, however they are disguised with case,
/// whitespace or control characters (browsers ignore those inside a scheme).
pub fn is_dangerous_url(url: &str) -> bool {
    dangerous_scheme(url).is_some()
}

fn dangerous_scheme(url: &str) -> Option<String> {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|c| *c != ':')
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    let dangerous = matches!(scheme.as_str(), "javascript" | "vbscript" | "data");
    (url.contains(':') && dangerous).then_some(scheme)
}

/// The static file a root-relative URL (`/images/x.png?v=2#top`) names: `images/x.png`.
fn static_file(dest: &str) -> Option<String> {
    let path = dest.strip_prefix('/').filter(|p| !p.starts_with('/'))?;
    let path = path.split(['?', '#']).next().unwrap_or(path);
    percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()
        .map(|p| p.into_owned())
}
