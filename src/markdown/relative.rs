//! Plain relative links, as Zola and Hugo users write them: `other.md`,
//! `../roles/x.md#anchor`, `./img/chart.png`. Each is turned into the `@/` link it means
//! (relative to `content/`), so it is resolved and checked exactly like one.

use std::path::Path;

use super::Unresolved;

/// The `@/…` form of a relative link written in `file` (relative to the site root:
/// `content/guides/a.md`); none for anything that is not a relative path to a file (a URL
/// with a scheme, a root-relative path, a fragment alone, a folder).
pub fn to_internal(file: &Path, dest: &str) -> Option<Result<String, Unresolved>> {
    if dest.is_empty() || dest.starts_with(['/', '#', '?', '\\', '@']) || has_scheme(dest) {
        return None;
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    // A query means something to a server, not to a file on disk: left as written.
    if path.contains('?') {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let last = decoded.rsplit('/').next().unwrap_or("");
    if !last.contains('.') || last == ".." || last == "." {
        return None;
    }
    let from = file.strip_prefix("content").ok()?.parent()?;
    let mut parts: Vec<&str> = from.iter().filter_map(|p| p.to_str()).collect();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Some(Err((
                        format!("`{dest}` points outside content/"),
                        Some("link to a file under content/, or to a full URL".into()),
                    )));
                }
            }
            s => parts.push(s),
        }
    }
    let mut internal = format!("@/{}", parts.join("/"));
    if let Some(f) = fragment {
        internal.push('#');
        internal.push_str(f);
    }
    Some(Ok(internal))
}

/// Whether `dest` starts with a URL scheme (`https:`, `mailto:`), as RFC 3986 spells one.
fn has_scheme(dest: &str) -> bool {
    match dest.split_once(':') {
        Some((scheme, _)) => {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn internal(file: &str, dest: &str) -> Option<Result<String, String>> {
        to_internal(Path::new(file), dest).map(|r| r.map_err(|e| e.0))
    }

    #[test]
    fn relative_paths_become_content_links() {
        let g = "content/guides/a.md";
        let ok = |s: &str| Some(Ok(s.to_string()));
        assert_eq!(internal(g, "b.md"), ok("@/guides/b.md"));
        assert_eq!(internal(g, "./b.md#pay"), ok("@/guides/b.md#pay"));
        assert_eq!(internal(g, "../roles/x.md#a"), ok("@/roles/x.md#a"));
        assert_eq!(internal(g, "dir/index.md"), ok("@/guides/dir/index.md"));
        assert_eq!(internal(g, "chart%20one.png"), ok("@/guides/chart one.png"));
        assert_eq!(
            internal("content/guides/pay/index.md", "chart.png"),
            ok("@/guides/pay/chart.png")
        );
        assert_eq!(
            internal("content/about.md", "guides/b.md"),
            ok("@/guides/b.md")
        );
        assert!(matches!(internal(g, "../../x.md"), Some(Err(_))));
    }

    #[test]
    fn other_urls_are_left_alone() {
        let g = "content/guides/a.md";
        for dest in [
            "https://example.org/a.md",
            "mailto:a@b.c",
            "/img/a.png",
            "//cdn.example.org/a.png",
            "#heading",
            "folder/",
            "..",
            "page?x=1.png",
            "@/guides/b.md",
            "role:data-analyst",
            "",
        ] {
            assert_eq!(internal(g, dest), None, "{dest}");
        }
    }
}
