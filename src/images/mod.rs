//! Images in rendered Markdown: each gets the `width` and `height` of its file, so the page
//! keeps its place for it before it loads (no layout shift); every image after a body's
//! first is fetched only when the reader scrolls near it (`loading="lazy"`) and decoded off
//! the main thread (`decoding="async"`); the first, likely in view at once, loads at once.
//! When the site asks for them (`[images] widths`), a PNG or JPEG wider than a width
//! also gets a `srcset` of smaller copies, so a phone fetches a fraction of the bytes.
//! Pure: the body's HTML and the sizes in, the HTML out. `source` reads the sizes.

pub mod resize;
pub mod variant;

use std::collections::HashMap;

/// An image's width and height in pixels.
pub type Size = (u32, u32);

/// An image file as a Markdown image names it.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// A file beside the Markdown, by its path under `content/`: `guides/x/chart.png`.
    Content(&'a str),
    /// A static file (the site's or the theme's), by its output path: `images/x.png`.
    Static(&'a str),
}

impl Source<'_> {
    /// The key a size is recorded under, which a cached body keeps to check it against.
    pub fn key(&self) -> String {
        match self {
            Source::Content(p) => format!("content/{p}"),
            Source::Static(p) => format!("static/{p}"),
        }
    }
}

/// The size of every image file of the site whose header could be read.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Sizes(HashMap<String, Size>);

impl Sizes {
    /// Sizes by [`Source::key`].
    pub fn new(by_key: HashMap<String, Size>) -> Self {
        Sizes(by_key)
    }

    pub fn get(&self, key: &str) -> Option<Size> {
        self.0.get(key).copied()
    }

    /// A hash of every image's size, the same in every run.
    pub fn fingerprint(&self) -> u64 {
        let mut all: Vec<(&String, &Size)> = self.0.iter().collect();
        all.sort_unstable();
        crate::hash::hash_of(all)
    }
}

/// The smaller copies a site asks for beside each Markdown image (`[images]`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Srcset<'a> {
    /// The widths of the copies; none asks for no copies.
    pub widths: &'a [u32],
    /// The `sizes` attribute: how wide the image shows. None gives the default.
    pub sizes: Option<&'a str>,
}

/// How wide the default theme's text column is at most, in CSS pixels: an image wider than
/// that still shows no wider, so a browser need fetch no more.
const COLUMN: u32 = 720;

/// The body with `width` and `height` on each `<img>` whose `src` is one of `sizes` (the
/// URL as rendered, and its file's size), a `srcset` of the copies `srcset` asks for, and
/// `loading` and `decoding` on each after the first, unless the writer set them; none when
/// nothing changed.
pub fn decorate(html: &str, sizes: &[(String, Size)], srcset: Srcset<'_>) -> Option<String> {
    let mut out = String::new();
    let mut copied = 0;
    let mut seen = 0;
    let mut from = 0;
    while let Some(at) = find_img(&html[from..]) {
        let start = from + at;
        let end = html[start..].find('>').map_or(html.len(), |e| start + e);
        seen += 1;
        let tag = &html[start..end];
        let mut add = String::new();
        if !tag.contains(" width=") && !tag.contains(" height=") {
            // The renderer writes `my chart.png` as `my%20chart.png`: compared decoded.
            let src = attribute(tag, "src").map(|s| decoded(&s.replace("&amp;", "&")));
            let found = sizes.iter().find(|(url, _)| Some(decoded(url)) == src);
            if let Some((url, (w, h))) = found {
                add.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
                let set = variant::srcset(url, (*w, *h), srcset.widths);
                if let Some(set) = set.filter(|_| !tag.contains(" srcset=")) {
                    let shown = (*w).min(COLUMN);
                    let sizes = srcset.sizes.map_or_else(
                        || format!("(max-width: {shown}px) 100vw, {shown}px"),
                        str::to_string,
                    );
                    add.push_str(&format!(
                        " srcset=\"{}\" sizes=\"{}\"",
                        escape(&set),
                        escape(&sizes)
                    ));
                }
            }
        }
        if seen > 1 && !tag.contains(" loading=") && !tag.contains(" decoding=") {
            add.push_str(" loading=\"lazy\" decoding=\"async\"");
        }
        if !add.is_empty() {
            let insert = start + "<img".len();
            out.push_str(&html[copied..insert]);
            out.push_str(&add);
            copied = insert;
        }
        from = end;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&html[copied..]);
    Some(out)
}

fn decoded(url: &str) -> String {
    percent_encoding::percent_decode_str(url)
        .decode_utf8_lossy()
        .into_owned()
}

/// `text` safe inside a double-quoted attribute.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// The value of a double-quoted attribute of a tag as pulldown-cmark writes it.
fn attribute<'h>(tag: &'h str, name: &str) -> Option<&'h str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[at..].find('"')?;
    Some(&tag[at..at + len])
}

/// The next `<img` that starts a tag (not `<imgs>` or text).
fn find_img(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = html[from..].find("<img") {
        let i = from + at;
        if html[i + 4..].starts_with(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>') {
            return Some(i);
        }
        from = i + 4;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_after_the_first_load_lazily() {
        let html = r#"<p><img src="a.png" alt="A" /> <img src="b.png" alt="B" /><imgx> <img loading="eager" src="c.png"></p>"#;
        assert_eq!(
            decorate(html, &[], Srcset::default()).unwrap(),
            r#"<p><img src="a.png" alt="A" /> <img loading="lazy" decoding="async" src="b.png" alt="B" /><imgx> <img loading="eager" src="c.png"></p>"#
        );
        assert_eq!(
            decorate(r#"<img src="a.png">"#, &[], Srcset::default()),
            None
        );
    }

    #[test]
    fn known_images_get_their_size_unless_the_writer_gave_one() {
        let sizes = [
            ("/g/x/a.png".to_string(), (640, 480)),
            ("/i?a=1&b=2".to_string(), (10, 20)),
        ];
        let html = r#"<img src="/g/x/a.png" alt="A" /><img src="/i?a=1&amp;b=2" alt="" /><img width="5" src="/g/x/a.png"><img src="/other.png">"#;
        assert_eq!(
            decorate(html, &sizes, Srcset::default()).unwrap(),
            r#"<img width="640" height="480" src="/g/x/a.png" alt="A" /><img width="10" height="20" loading="lazy" decoding="async" src="/i?a=1&amp;b=2" alt="" /><img loading="lazy" decoding="async" width="5" src="/g/x/a.png"><img loading="lazy" decoding="async" src="/other.png">"#
        );
    }

    #[test]
    fn wide_images_get_a_srcset_of_narrower_copies() {
        let sizes = [("/g/a.png".to_string(), (1600, 800))];
        let html = r#"<img src="/g/a.png" alt="A" />"#;
        let widths = [480, 960, 2000];
        let set = Srcset {
            widths: &widths,
            sizes: None,
        };
        assert_eq!(
            decorate(html, &sizes, set).unwrap(),
            r#"<img width="1600" height="800" srcset="/g/a.480w.png 480w, /g/a.960w.png 960w, /g/a.png 1600w" sizes="(max-width: 720px) 100vw, 720px" src="/g/a.png" alt="A" />"#
        );
        let set = Srcset {
            widths: &widths,
            sizes: Some("50vw"),
        };
        assert!(
            decorate(html, &sizes, set)
                .unwrap()
                .contains(r#" sizes="50vw""#)
        );
    }
}
