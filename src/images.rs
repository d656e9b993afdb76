//! Images in rendered Markdown: every image after a body's first is fetched only when the
//! reader scrolls near it (`loading="lazy"`) and decoded off the main thread
//! (`decoding="async"`); the first, likely in view at once, is left to load at once.
//! Pure: the body's HTML in, the HTML out.

/// The body with `loading` and `decoding` on each `<img>` after the first, unless the
/// writer set them; none when nothing changed.
pub fn lazy_after_first(html: &str) -> Option<String> {
    let mut out = String::new();
    let mut copied = 0;
    let mut seen = 0;
    let mut from = 0;
    while let Some(at) = find_img(&html[from..]) {
        let start = from + at;
        let end = html[start..].find('>').map_or(html.len(), |e| start + e);
        seen += 1;
        let tag = &html[start..end];
        if seen > 1 && !tag.contains(" loading=") && !tag.contains(" decoding=") {
            let insert = start + "<img".len();
            out.push_str(&html[copied..insert]);
            out.push_str(" loading=\"lazy\" decoding=\"async\"");
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
            lazy_after_first(html).unwrap(),
            r#"<p><img src="a.png" alt="A" /> <img loading="lazy" decoding="async" src="b.png" alt="B" /><imgx> <img loading="eager" src="c.png"></p>"#
        );
        assert_eq!(lazy_after_first(r#"<img src="a.png">"#), None);
    }
}
