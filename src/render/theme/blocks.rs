//! Which block tag a template leaves open. Tera reports a missing `{% endif %}` as an
//! "Unknown tag" at whichever end tag it meets next (an `{% endfor %}` twenty lines on);
//! the writer needs the `{% if %}` that was never closed, and what to add where.

/// A block left open, or an end tag that closes nothing: where, what, and the fix.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Mismatch {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
}

/// One `{% name … %}` tag: its name, whether its text has `=` (a `set` with a value),
/// and where it starts.
struct Tag<'a> {
    name: &'a str,
    assigns: bool,
    line: usize,
    column: usize,
}

/// The first mismatch between block tags and their end tags in `text`, if any. Tags this
/// does not know stop it (`None`): Tera's own message then stands.
pub(super) fn mismatch(text: &str) -> Option<Mismatch> {
    let mut open: Vec<Tag> = Vec::new();
    let mut in_raw = false;
    for tag in tags(text) {
        if in_raw {
            in_raw = tag.name != "endraw";
            continue;
        }
        if let Some(closed) = tag.name.strip_prefix("end") {
            match open.last() {
                Some(top) if top.name == closed => {
                    open.pop();
                }
                Some(top) if opens(closed) => {
                    return Some(Mismatch {
                        line: top.line,
                        column: top.column,
                        message: format!("`{{% {} %}}` is never closed", top.name),
                        hint: format!(
                            "add `{{% end{} %}}` where its part ends, before the `{{% {} %}}` on line {}",
                            top.name, tag.name, tag.line
                        ),
                    });
                }
                None if opens(closed) => {
                    return Some(Mismatch {
                        line: tag.line,
                        column: tag.column,
                        message: format!("`{{% {} %}}` closes nothing", tag.name),
                        hint: format!(
                            "remove it, or add the `{{% {closed} %}}` it should close above it"
                        ),
                    });
                }
                _ => return None,
            }
            continue;
        }
        match tag.name {
            "raw" => in_raw = true,
            "set" if tag.assigns => {}
            name if opens(name) => open.push(tag),
            "elif" | "else" | "include" | "extends" | "import" | "break" | "continue"
            | "set_global" => {}
            _ => return None,
        }
    }
    open.pop().map(|top| Mismatch {
        line: top.line,
        column: top.column,
        message: format!("`{{% {} %}}` is never closed", top.name),
        hint: format!("add `{{% end{} %}}` where its part ends", top.name),
    })
}

/// Tags that open a block closed by `end` and their name.
fn opens(name: &str) -> bool {
    matches!(
        name,
        "if" | "for" | "block" | "filter" | "macro" | "component" | "set"
    )
}

/// Every `{% … %}` tag of `text` outside comments, in order, with 1-based places.
fn tags(text: &str) -> Vec<Tag<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find('{').map(|i| from + i) {
        let rest = &text[at..];
        if rest.starts_with("{#") {
            from = rest.find("#}").map_or(text.len(), |e| at + e + 2);
            continue;
        }
        if !rest.starts_with("{%") {
            from = at + 1;
            continue;
        }
        let end = rest.find("%}").map_or(text.len(), |e| at + e);
        let inner = text[at + 2..end]
            .trim_start_matches(['-', '+'])
            .trim_start();
        let name_len = inner
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(inner.len());
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let column = before[before.rfind('\n').map_or(0, |n| n + 1)..]
            .chars()
            .count()
            + 1;
        found.push(Tag {
            name: &inner[..name_len],
            assigns: inner.contains('='),
            line,
            column,
        });
        from = (end + 2).min(text.len());
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(text: &str) -> Option<(usize, usize, String)> {
        mismatch(text).map(|m| (m.line, m.column, m.message))
    }

    #[test]
    fn an_if_left_open_is_named_where_it_opens() {
        let text = "{% for x in xs %}\n  {% if x %}\n  <p>{{ x }}</p>\n{% endfor %}\n";
        let m = mismatch(text).unwrap();
        assert_eq!((m.line, m.column), (2, 3));
        assert_eq!(m.message, "`{% if %}` is never closed");
        assert!(
            m.hint.contains("before the `{% endfor %}` on line 4"),
            "{}",
            m.hint
        );
    }

    #[test]
    fn open_at_the_end_and_closing_nothing() {
        assert_eq!(
            place("{% block main %}\n{%- if a -%}x{% endif %}\n"),
            Some((1, 1, "`{% block %}` is never closed".into()))
        );
        assert_eq!(
            place("<p>\n</p>{% endif %}"),
            Some((2, 5, "`{% endif %}` closes nothing".into()))
        );
    }

    #[test]
    fn balanced_templates_raw_text_and_unknown_tags_say_nothing() {
        assert_eq!(
            place(
                "{% set a = 1 %}{% set b %}x{% endset %}{% if a %}{% elif b %}{% else %}{% endif %}"
            ),
            None
        );
        assert_eq!(place("{% raw %}{% if %}{% endraw %}{# {% for %} #}"), None);
        assert_eq!(place("{% frobnicate %}{% if a %}"), None);
    }
}
