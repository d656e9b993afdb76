//! Mapping a request path to a file in the output folder, refusing everything that could
//! reach outside it: a pure function over the request, then a check on the real path.

use std::path::{Path, PathBuf};

/// What a request path asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file under the output folder (not yet checked to exist).
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect to this path.
    AddSlash(String),
    /// Refused: traversal, hidden files, bad encoding, over-long.
    Refused(u16),
}

/// Longest request path served; longer is refused with 414.
pub const MAX_PATH: usize = 2048;

/// Resolves the raw (percent-encoded) request path against `out`; `query` is kept on a
/// redirect, so `/search?q=git` still searches once at `/search/?q=git`.
pub fn resolve(out: &Path, raw_path: &str, query: Option<&str>) -> Target {
    if raw_path.len() > MAX_PATH {
        return Target::Refused(414);
    }
    if !raw_path.starts_with('/') {
        return Target::Refused(400);
    }
    let Ok(decoded) = percent_encoding::percent_decode_str(raw_path).decode_utf8() else {
        return Target::Refused(400);
    };
    let mut path = out.to_path_buf();
    for segment in decoded.split('/') {
        if segment.is_empty() {
            continue;
        }
        if segment == ".." || segment.starts_with('.') || segment.contains(['\\', '\0', ':']) {
            return Target::Refused(404);
        }
        path.push(segment);
    }
    if path.is_dir() {
        if !decoded.ends_with('/') {
            return Target::AddSlash(slash_location(raw_path, query));
        }
        path.push("index.html");
    }
    Target::File(path)
}

/// Where to send a folder asked for without its trailing slash. Leading slashes collapse
/// to one: `//guides/` would be a protocol-relative URL, sending the browser to a host
/// named `guides` (an open redirect).
pub fn slash_location(raw_path: &str, query: Option<&str>) -> String {
    let path = raw_path.trim_start_matches('/');
    match query.filter(|q| !q.is_empty()) {
        Some(query) => format!("/{path}/?{query}"),
        None => format!("/{path}/"),
    }
}

/// The file's real location, if it exists and lies inside `out` once symlinks are followed.
pub fn contained(out: &Path, file: &Path) -> Option<PathBuf> {
    let real = file.canonicalize().ok()?;
    let root = out.canonicalize().ok()?;
    (real.starts_with(&root) && real.is_file()).then_some(real)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_and_hidden_files_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path();
        std::fs::create_dir_all(out.join("guides/a")).unwrap();
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/guides/%2E%2E/%2e%2e/x",
            "/.careersite-output",
            "/a\\..\\b",
            "/c:/x",
        ] {
            assert!(
                matches!(resolve(out, bad, None), Target::Refused(_)),
                "{bad}"
            );
        }
        assert_eq!(
            resolve(out, &format!("/{}", "a".repeat(3000)), None),
            Target::Refused(414)
        );
        assert_eq!(resolve(out, "/%ff", None), Target::Refused(400));
    }

    #[test]
    fn clean_urls() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path();
        std::fs::create_dir_all(out.join("guides/a")).unwrap();
        assert_eq!(
            resolve(out, "/guides/a/", None),
            Target::File(out.join("guides/a/index.html"))
        );
        assert_eq!(
            resolve(out, "/guides/a", None),
            Target::AddSlash("/guides/a/".into())
        );
        assert_eq!(
            resolve(out, "/", None),
            Target::File(out.join("index.html"))
        );
        assert_eq!(
            resolve(out, "/style.css", None),
            Target::File(out.join("style.css"))
        );
    }

    #[test]
    fn redirects_stay_on_this_server_and_keep_the_query() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path();
        std::fs::create_dir_all(out.join("guides/alpha")).unwrap();
        for (path, query, location) in [
            ("//guides", None, "/guides/"),
            ("///guides/alpha", None, "/guides/alpha/"),
            (
                "/guides/alpha",
                Some("from=list"),
                "/guides/alpha/?from=list",
            ),
            ("/guides", Some("q=git&page=2"), "/guides/?q=git&page=2"),
            ("/guides", Some(""), "/guides/"),
        ] {
            assert_eq!(
                resolve(out, path, query),
                Target::AddSlash(location.into()),
                "{path}"
            );
        }
    }

    #[test]
    fn symlinks_out_of_the_output_are_not_served() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "s").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), out.join("link.txt")).unwrap();
        std::fs::write(out.join("ok.txt"), "o").unwrap();
        assert!(contained(&out, &out.join("link.txt")).is_none());
        assert!(contained(&out, &out.join("ok.txt")).is_some());
    }
}
