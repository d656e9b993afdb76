//! Slugs: the URL-safe names of guides, roles, skills and heading anchors.
//!
//! One function makes them all, so that `Software Engineer`, `software engineer` and
//! `Software-Engineer` meet as the same tag, and a heading's id is predictable by writers.

/// Lowercase ASCII letters and digits joined by single hyphens; other scripts are
/// transliterated first (`Développeur` -> `developpeur`). May be empty (`!!!`, `🙂`).
pub fn slugify(text: &str) -> String {
    let ascii = if text.is_ascii() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(deunicode::deunicode_with_tofu(text, " "))
    };
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Whether `s` is already a valid slug as SPEC.md defines it for the `slug` key.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Turns a slug back into a readable title for tags that have no profile.
pub fn title_from_slug(slug: &str) -> String {
    slug.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_normalises_case_spaces_and_punctuation() {
        for (input, want) in [
            ("Software Engineer", "software-engineer"),
            ("software-engineer", "software-engineer"),
            ("  C++ / Rust!  ", "c-rust"),
            ("What does an SRE do?", "what-does-an-sre-do"),
            ("Développeur Web", "developpeur-web"),
            ("!!!", ""),
            ("A--B", "a-b"),
        ] {
            assert_eq!(slugify(input), want, "{input:?}");
        }
    }

    #[test]
    fn valid_slugs() {
        assert!(is_valid_slug("data-analyst-2"));
        for bad in ["", "-a", "a-", "a--b", "A", "a/b", "..", "a_b"] {
            assert!(!is_valid_slug(bad), "{bad:?}");
        }
    }

    #[test]
    fn titles_from_slugs() {
        assert_eq!(
            title_from_slug("site-reliability-engineer"),
            "Site Reliability Engineer"
        );
    }
}
