//! Smaller copies of an image ("variants") and their names. A variant lives beside its
//! original, with how it was cut in its name (`chart.png` → `chart.480w.png`), so the name
//! alone says which file it is made from and how: the output stage makes every variant a
//! finished page points at, and nothing needs a list of them kept in a second place.

use super::Size;

/// How a variant is cut from its original.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Spec {
    /// Scaled to this width, keeping the proportions: `chart.480w.png`.
    Width(u32),
    /// Scaled to this height, keeping the proportions: `chart.300h.png`.
    Height(u32),
    /// Scaled to cover this box and cropped to it around the centre: `chart.480x300.png`.
    Fill(u32, u32),
}

/// The formats a variant can be made of (and is made in): the decoders and encoders the
/// image crate is built with. GIF (animation) and SVG (no pixels) keep their one size.
const RESIZABLE: &[&str] = &["png", "jpg", "jpeg"];

/// The largest side a variant may ask for: beyond it nothing is smaller than the original.
pub const MAX_SIDE: u32 = 16_384;

impl Spec {
    fn tag(self) -> String {
        match self {
            Spec::Width(w) => format!("{w}w"),
            Spec::Height(h) => format!("{h}h"),
            Spec::Fill(w, h) => format!("{w}x{h}"),
        }
    }

    fn from_tag(tag: &str) -> Option<Spec> {
        let number = |s: &str| -> Option<u32> {
            let first = s.as_bytes().first()?;
            // `0480w` would name the same variant as `480w` twice over.
            if !s.bytes().all(|b| b.is_ascii_digit()) || *first == b'0' {
                return None;
            }
            s.parse().ok().filter(|n| (1..=MAX_SIDE).contains(n))
        };
        if let Some(w) = tag.strip_suffix('w') {
            return number(w).map(Spec::Width);
        }
        if let Some(h) = tag.strip_suffix('h') {
            return number(h).map(Spec::Height);
        }
        let (w, h) = tag.split_once('x')?;
        Some(Spec::Fill(number(w)?, number(h)?))
    }

    /// The variant's size, cut from an original of `size`.
    pub fn size(self, (w, h): Size) -> Size {
        let scale = |side: u32, from: u32, to: u32| -> u32 {
            let scaled = (u64::from(side) * u64::from(to) + u64::from(from) / 2) / u64::from(from);
            u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
        };
        match self {
            Spec::Width(to) => (to, scale(h, w.max(1), to)),
            Spec::Height(to) => (scale(w, h.max(1), to), to),
            Spec::Fill(fw, fh) => (fw, fh),
        }
    }

    /// The spec as asked for, made no larger than the original: careersite never enlarges
    /// an image, which would only make it bigger to send and no sharper. None when the
    /// answer is the original itself.
    pub fn within(self, (w, h): Size) -> Option<Spec> {
        match self {
            Spec::Width(to) => (to < w).then_some(self),
            Spec::Height(to) => (to < h).then_some(self),
            Spec::Fill(fw, fh) => {
                // The box shrunk, keeping its proportions, until it fits inside the image.
                let (fw, fh) = if fw > w || fh > h {
                    let by_width = u64::from(w) * u64::from(fh) <= u64::from(h) * u64::from(fw);
                    if by_width {
                        (w, Spec::Width(w).size((fw, fh)).1)
                    } else {
                        (Spec::Height(h).size((fw, fh)).0, h)
                    }
                } else {
                    (fw, fh)
                };
                ((fw, fh) != (w, h)).then_some(Spec::Fill(fw, fh))
            }
        }
    }
}

/// Whether images at `path` (a file name or URL) can have variants.
pub fn resizable(path: &str) -> bool {
    extension(path).is_some_and(|e| RESIZABLE.contains(&e.to_ascii_lowercase().as_str()))
}

fn extension(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next()?;
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty()).then_some(ext)
}

/// The name of the variant `spec` of the image at `path`, an output path or a URL
/// without query or fragment: `guides/x/chart.png` → `guides/x/chart.480w.png`.
pub fn name(path: &str, spec: Spec) -> Option<String> {
    if !resizable(path) || path.contains(['?', '#']) {
        return None;
    }
    let (stem, ext) = path.rsplit_once('.')?;
    Some(format!("{stem}.{}.{ext}", spec.tag()))
}

/// The original's path and the spec of a variant's path; None when `path` does not name
/// a variant.
pub fn parse(path: &str) -> Option<(String, Spec)> {
    if !resizable(path) {
        return None;
    }
    let (rest, ext) = path.rsplit_once('.')?;
    let (stem, tag) = rest.rsplit_once('.')?;
    if stem.is_empty() || stem.ends_with('/') {
        return None;
    }
    Some((format!("{stem}.{ext}"), Spec::from_tag(tag)?))
}

/// A Markdown image's `srcset`: a variant for each of `widths` narrower than the image,
/// then the original at its own width. None when there is nothing smaller to offer.
pub fn srcset(url: &str, size: Size, widths: &[u32]) -> Option<String> {
    let mut parts: Vec<String> = widths
        .iter()
        .filter_map(|&w| Spec::Width(w).within(size))
        .map(|spec| {
            let url = name(url, spec)?;
            Some(format!("{} {}w", candidate(&url), spec.size(size).0))
        })
        .collect::<Option<_>>()?;
    if parts.is_empty() {
        return None;
    }
    parts.push(format!("{} {}w", candidate(url), size.0));
    Some(parts.join(", "))
}

/// A URL as one candidate of a `srcset`, where a space would end it and a comma start the
/// next: `my chart.png` is `my%20chart.png`, which names the same file.
fn candidate(url: &str) -> std::borrow::Cow<'_, str> {
    if !url.contains(|c: char| c.is_whitespace() || c == ',') {
        return std::borrow::Cow::Borrowed(url);
    }
    let mut out = String::with_capacity(url.len() + 8);
    for c in url.chars() {
        match c {
            ',' => out.push_str("%2C"),
            c if c.is_whitespace() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for spec in [Spec::Width(480), Spec::Height(300), Spec::Fill(640, 360)] {
            let n = name("guides/x/chart.png", spec).unwrap();
            assert_eq!(parse(&n), Some(("guides/x/chart.png".to_string(), spec)));
        }
        assert_eq!(name("a/b.jpeg", Spec::Width(10)).unwrap(), "a/b.10w.jpeg");
        assert_eq!(name("a/b.svg", Spec::Width(10)), None);
        assert_eq!(name("a/b.png?v=2", Spec::Width(10)), None);
    }

    #[test]
    fn ordinary_file_names_are_not_variants() {
        for path in [
            "chart.png",
            "a/v1.2.png",
            "a/photo.2x.png",
            "a/.480w.png",
            "a/x.0480w.png",
            "a/x.0w.png",
            "a/x.99999w.png",
            "a/x.480w.svg",
            "a/x.w.png",
        ] {
            assert_eq!(parse(path), None, "{path}");
        }
    }

    #[test]
    fn sizes_keep_proportions_and_never_grow() {
        assert_eq!(Spec::Width(480).size((1600, 900)), (480, 270));
        assert_eq!(Spec::Height(90).size((1600, 900)), (160, 90));
        assert_eq!(Spec::Width(1).size((4000, 1)), (1, 1));
        assert_eq!(Spec::Width(1600).within((1600, 900)), None);
        assert_eq!(Spec::Width(2000).within((1600, 900)), None);
        assert_eq!(
            Spec::Fill(800, 800).within((1600, 900)),
            Some(Spec::Fill(800, 800))
        );
        // A box larger than the image shrinks to fit it, keeping its shape.
        assert_eq!(
            Spec::Fill(2000, 1000).within((1600, 900)),
            Some(Spec::Fill(1600, 800))
        );
        assert_eq!(Spec::Fill(1600, 900).within((1600, 900)), None);
    }

    #[test]
    fn srcset_lists_narrower_variants_then_the_original() {
        assert_eq!(
            srcset("/g/x/chart.png", (1000, 500), &[480, 960, 1440]).unwrap(),
            "/g/x/chart.480w.png 480w, /g/x/chart.960w.png 960w, /g/x/chart.png 1000w"
        );
        assert_eq!(srcset("/g/x/chart.png", (400, 200), &[480]), None);
        // Spaces and commas would split a candidate: they are percent-encoded.
        assert_eq!(
            srcset("/g/my chart,v2.png", (1000, 500), &[480]).unwrap(),
            "/g/my%20chart%2Cv2.480w.png 480w, /g/my%20chart%2Cv2.png 1000w"
        );
        assert_eq!(srcset("/g/x/logo.svg", (1000, 500), &[480]), None);
    }
}
