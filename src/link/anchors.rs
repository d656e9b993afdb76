//! Heading anchors: every `@/…#anchor` link checked against its target's heading ids,
//! with the closest id as a hint.

use std::collections::HashSet;
use std::path::Path;

use crate::error::Diagnostic;
use crate::markdown::Rendered;

/// Checks every `@/…#anchor` link in `bodies` against the heading ids of its target, found
/// with `target_body` (by path relative to `content/`).
pub fn check_anchors<'a>(
    bodies: &[(&Path, &Rendered)],
    target_body: impl Fn(&str) -> Option<&'a Rendered>,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (file, body) in bodies {
        for link in &body.anchor_links {
            let Some(target) = target_body(link.target.trim_start_matches("./")) else {
                continue;
            };
            if target.headings.iter().any(|h| h.id == link.anchor) {
                continue;
            }
            let ids: HashSet<&str> = target.headings.iter().map(|h| h.id.as_str()).collect();
            let hint = match crate::error::did_you_mean(&link.anchor, ids.iter().copied()) {
                Some(s) => format!("did you mean `#{s}`?"),
                None => format!("headings there have ids: {}", sorted_ids(&ids)),
            };
            errors.push(
                Diagnostic::error(
                    file.to_path_buf(),
                    format!("no heading `#{}` in content/{}", link.anchor, link.target),
                )
                .at(link.line, link.column)
                .hint(hint),
            );
        }
    }
    errors
}

fn sorted_ids(ids: &HashSet<&str>) -> String {
    let mut v: Vec<_> = ids.iter().map(|s| format!("`{s}`")).collect();
    v.sort();
    if v.is_empty() {
        "none".into()
    } else {
        v.join(", ")
    }
}
