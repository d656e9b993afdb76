//! Sub-path deploys: under `base_url = "https://example.org/careers/"` the site is served
//! from `/careers/`, so a root-relative URL a writer wrote (`/img/chart.png`, in Markdown,
//! raw HTML or a front matter field a template shows) must get that path too, exactly
//! once: one already under the base path is left as it is.

/// `url` with the base path put in front, when it is root-relative and not under it yet.
pub fn prefix(url: &str, base: &str) -> Option<String> {
    if base == "/" || !url.starts_with('/') || url.starts_with("//") {
        return None;
    }
    if url.starts_with(base) || base.strip_suffix('/') == Some(url) {
        return None;
    }
    Some(format!("{base}{}", &url[1..]))
}

/// Attributes whose values are URLs; `srcset` holds a list of them.
const URL_ATTRIBUTES: [&str; 4] = ["href", "src", "poster", "srcset"];

/// A finished HTML page with every root-relative URL in `href`, `src`, `poster` and
/// `srcset` attributes under the base path; none when nothing needed it. Text, comments,
/// scripts and styles are left alone.
pub fn prefix_html(html: &str, base: &str) -> Option<String> {
    if base == "/" {
        return None;
    }
    let mut out = String::new();
    let mut copied = 0;
    for (start, end, value) in attribute_values(html) {
        let fixed = if value.0 == "srcset" {
            prefix_srcset(value.1, base)
        } else {
            prefix(value.1, base)
        };
        if let Some(fixed) = fixed {
            out.push_str(&html[copied..start]);
            out.push_str(&fixed);
            copied = end;
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&html[copied..]);
    Some(out)
}

fn prefix_srcset(value: &str, base: &str) -> Option<String> {
    let mut changed = false;
    let parts: Vec<String> = value
        .split(',')
        .map(|candidate| {
            let trimmed = candidate.trim_start();
            let lead = &candidate[..candidate.len() - trimmed.len()];
            let url_end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
            match prefix(&trimmed[..url_end], base) {
                Some(p) => {
                    changed = true;
                    format!("{lead}{p}{}", &trimmed[url_end..])
                }
                None => candidate.to_string(),
            }
        })
        .collect();
    changed.then(|| parts.join(","))
}

/// Each URL attribute's value in the page's tags: its byte range and (name, value).
fn attribute_values(html: &str) -> Vec<(usize, usize, (&'static str, &str))> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
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
        let name_end = (i + 1..bytes.len())
            .find(|&j| !bytes[j].is_ascii_alphanumeric())
            .unwrap_or(bytes.len());
        let name = html[i + 1..name_end].to_ascii_lowercase();
        let tag_end = tag_end(bytes, name_end);
        collect_in_tag(html, name_end, tag_end, &mut found);
        i = tag_end;
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = find_ci(&html[i..], &close).map_or(bytes.len(), |c| i + c);
        }
    }
    found
}

/// Where a tag ends: its `>` outside quotes.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (j, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return j + 1,
            _ => {}
        }
    }
    bytes.len()
}

fn collect_in_tag<'h>(
    html: &'h str,
    from: usize,
    to: usize,
    found: &mut Vec<(usize, usize, (&'static str, &'h str))>,
) {
    let bytes = html.as_bytes();
    let mut j = from;
    while j < to {
        if !bytes[j].is_ascii_whitespace() {
            j += 1;
            continue;
        }
        j += 1;
        let Some(attr) = URL_ATTRIBUTES.into_iter().find(|a| {
            html.get(j..j + a.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(a))
                && bytes.get(j + a.len()) == Some(&b'=')
        }) else {
            continue;
        };
        let v = j + attr.len() + 1;
        let (start, end) = match bytes.get(v) {
            Some(q @ (b'"' | b'\'')) => {
                let close = memchr::memchr(*q, &bytes[v + 1..to]).map_or(to, |c| v + 1 + c);
                (v + 1, close)
            }
            _ => {
                let e = (v..to)
                    .find(|&k| bytes[k].is_ascii_whitespace() || bytes[k] == b'>')
                    .unwrap_or(to);
                (v, e)
            }
        };
        found.push((start, end, (attr, &html[start..end])));
        j = end;
    }
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_relative_urls_get_the_base_path_once() {
        let base = "/careers/";
        assert_eq!(
            prefix("/img/a.png", base).as_deref(),
            Some("/careers/img/a.png")
        );
        assert_eq!(prefix("/careers/img/a.png", base), None);
        assert_eq!(prefix("/careers", base), None);
        assert_eq!(
            prefix("/careers-advice/", base).as_deref(),
            Some("/careers/careers-advice/")
        );
        for left in [
            "//cdn.org/x",
            "https://a.org/",
            "a.png",
            "#top",
            "mailto:x@y",
        ] {
            assert_eq!(prefix(left, base), None, "{left}");
        }
        assert_eq!(prefix("/img/a.png", "/"), None);
    }

    #[test]
    fn a_page_gets_the_base_path_in_its_url_attributes_only() {
        let html = r#"<p>Write <code>href="/x"</code></p><a href="/guides/a/" class=x>a</a><img src='/img/a.png' srcset="/img/a.png 1x, /careers/img/b.png 2x"><video poster=/p.jpg></video><a href="/careers/ok/">ok</a><script>var s = '<a href="/js">';</script><!-- <a href="/c"> -->"#;
        let fixed = prefix_html(html, "/careers/").unwrap();
        assert_eq!(
            fixed,
            r#"<p>Write <code>href="/x"</code></p><a href="/careers/guides/a/" class=x>a</a><img src='/careers/img/a.png' srcset="/careers/img/a.png 1x, /careers/img/b.png 2x"><video poster=/careers/p.jpg></video><a href="/careers/ok/">ok</a><script>var s = '<a href="/js">';</script><!-- <a href="/c"> -->"#
        );
        assert_eq!(prefix_html(html, "/"), None);
        assert_eq!(
            prefix_html("<a href=\"/careers/\">x</a>", "/careers/"),
            None
        );
    }
}
