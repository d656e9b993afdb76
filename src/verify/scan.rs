//! Reading a finished page for what the output check needs: every URL it points at
//! (`href`, `src`, `srcset`, `poster`, CSS `url()` in `style` attributes and elements) and
//! every id it has. A small lexer over the tags, not a full HTML parser: the pages are the
//! renderer's own, and text, comments and scripts are skipped whole.

/// What one page links to, and the ids a link to it may name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageRefs {
    pub urls: Strings,
    pub ids: Strings,
}

/// A list of strings in one allocation. A build keeps every page's URLs and ids until the
/// output is checked, and a watch session for as long as it runs: at 100,000 guides, a
/// `String` apiece cost more in headers and allocations than the text itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Strings {
    text: String,
    /// Where each string ends in `text`.
    ends: Vec<usize>,
}

impl Strings {
    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len());
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(a, &b)| &self.text[a..b])
    }

    /// Keeps only the strings `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        let mut kept = Strings::default();
        for s in self.iter().filter(|s| keep(s)) {
            kept.push(s);
        }
        kept.shrink_to_fit();
        *self = kept;
    }

    /// Gives back the room the list grew into and no longer needs.
    fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// The URLs and ids of one HTML page.
pub fn scan(html: &str) -> PageRefs {
    let mut refs = PageRefs::default();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'<', &bytes[i..]) {
        i += at;
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(bytes.len(), |e| i + e + 3);
            continue;
        }
        if !bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let (name, end) = tag(html, i + 1, &mut refs);
        i = end;
        if name == "script" || name == "style" {
            let close = find_ci(&html[i..], &format!("</{name}")).map_or(bytes.len(), |c| i + c);
            if name == "style" {
                css_urls(&html[i..close], &mut refs.urls);
            }
            i = close;
        }
    }
    refs.urls.shrink_to_fit();
    refs.ids.shrink_to_fit();
    refs
}

/// Reads one start tag from its name at `from`; returns the lower-cased name and where
/// the tag ends.
fn tag(html: &str, from: usize, refs: &mut PageRefs) -> (String, usize) {
    let bytes = html.as_bytes();
    let mut i = from;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    let name = html[from..i].to_ascii_lowercase();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return (name, (i + 1).min(bytes.len()));
        }
        let start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let attr = html[start..i].to_ascii_lowercase();
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        let (value, end) = match bytes.get(i) {
            Some(q @ (b'"' | b'\'')) => {
                let close = memchr::memchr(*q, &bytes[i + 1..]).map_or(bytes.len(), |c| i + 1 + c);
                (&html[i + 1..close], (close + 1).min(bytes.len()))
            }
            _ => {
                let mut e = i;
                while e < bytes.len() && !bytes[e].is_ascii_whitespace() && bytes[e] != b'>' {
                    e += 1;
                }
                (&html[i..e], e)
            }
        };
        i = end;
        attribute(&attr, &unescape(value), refs);
    }
}

fn attribute(attr: &str, value: &str, refs: &mut PageRefs) {
    match attr {
        "href" | "src" | "poster" => refs.urls.push(value.trim()),
        "srcset" => {
            let candidates = value.split(',');
            for url in candidates.filter_map(|c| c.split_whitespace().next()) {
                refs.urls.push(url);
            }
        }
        "style" => css_urls(value, &mut refs.urls),
        "id" => refs.ids.push(value),
        _ => {}
    }
}

/// Every URL in a piece of CSS: `url(…)`, `@import`, outside comments and other strings.
fn css_urls(css: &str, urls: &mut Strings) {
    for u in super::css::urls(css) {
        if !u.url.is_empty() {
            urls.push(&u.url);
        }
    }
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The character references an attribute value may hold, as the renderer writes them.
fn unescape(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_ids_of_a_page() {
        let html = r#"<!doctype html><html><head><link rel="stylesheet" href="/style.css?h=1">
<style>/* url(/old.png) */ body { background: url('/bg.png') }</style><script>var a = "<a href='/no'>";</script>
</head><body><!-- <a href="/commented"> --><h2 id="pay">Pay</h2>
<a href="/guides/a/#pay&amp;x">A</a><img src=chart.png srcset="a.png 1x, b.png 2x">
<video poster='/p.jpg'></video><div style="background-image:url(/d.png)"></div></body></html>"#;
        let refs = scan(html);
        assert_eq!(
            refs.urls.iter().collect::<Vec<_>>(),
            [
                "/style.css?h=1",
                "/bg.png",
                "/guides/a/#pay&x",
                "chart.png",
                "a.png",
                "b.png",
                "/p.jpg",
                "/d.png"
            ]
        );
        assert_eq!(refs.ids.iter().collect::<Vec<_>>(), ["pay"]);
        assert_eq!(Strings::default().iter().count(), 0);
    }
}
