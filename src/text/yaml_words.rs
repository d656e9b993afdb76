//! The YAML parser's messages in a writer's words. serde-saphyr speaks of scalars, budgets
//! and `Options`; a writer needs to hear what is wrong on the line and how to write it
//! instead. Messages are recognised by their wording (a table, tested entry by entry);
//! one not in the table is shown as the parser wrote it.

/// What a recognised message becomes: the message and the hint.
pub struct Plain {
    pub message: String,
    pub hint: String,
}

/// How a message is recognised: it starts with, or contains, this text.
enum Pattern {
    Starts(&'static str),
    Contains(&'static str),
}

use Pattern::{Contains, Starts};

/// Known messages, most specific first.
const TABLE: &[(Pattern, &str, &str)] = &[
    (
        Contains("!!binary scalar is not valid UTF-8"),
        "this `!!binary` value does not decode to text",
        "write the value as plain text, without `!!binary`",
    ),
    (
        Contains("base64"),
        "this `!!binary` value is not valid base64",
        "write the value as plain text, without `!!binary`",
    ),
    (
        Starts("cannot deserialize tagged scalar"),
        "a YAML tag (`!…` or `!!…`) is not allowed on this value",
        "remove the tag; if the value starts with `!`, put it in quotes: `key: \"!…\"`",
    ),
    (
        Starts("budget breached"),
        "the front matter is too large or too deeply nested to read",
        "front matter is for short facts about the page: move long text into the body and keep lists short",
    ),
    (
        Starts("alias"),
        "a `*name` refers to an anchor (`&name`) that is not there, or aliases repeat too much",
        "if `*` or `&` is part of the text, put the value in quotes: `key: \"*nix tools\"`",
    ),
    (
        Starts("mapping values are not allowed"),
        "a colon inside an unquoted value",
        "quote the value: `key: \"Step one: plan\"`",
    ),
    (
        Contains("found a tab"),
        "a tab where YAML needs spaces",
        "indent with spaces; YAML does not allow tabs for indentation",
    ),
    (
        Starts("while parsing a block mapping, did not find expected key"),
        "this line is indented differently from the keys around it",
        "line it up with the other keys, or, if it continues the value above, put that value in quotes",
    ),
    (
        Starts("invalid indentation in multiline quoted scalar"),
        "a quoted value goes on over several lines, and a later line is not indented",
        "indent the value's later lines, or close the quote on its first line",
    ),
    (
        Starts("unclosed quote"),
        "a quoted value is never closed",
        "add the closing quote at the end of the value",
    ),
    (
        Starts("unclosed bracket '['"),
        "unclosed bracket '[': a list is never closed",
        "end the list with `]`; if the `[` is part of the text, put the value in quotes",
    ),
    (
        Starts("unclosed bracket '{'"),
        "unclosed bracket '{': a table is never closed",
        "end it with `}`; if the `{` is part of the text, put the value in quotes",
    ),
    (
        Contains("did not find expected ',' or"),
        "a `[…]` list or `{…}` table is not written right",
        "separate entries with commas and close it; quote entries that hold a comma or a colon",
    ),
    (
        Starts("block sequence entries are not allowed"),
        "a `- ` list entry where a value was expected",
        "put the list on the lines below its key, each entry indented and starting with `- `",
    ),
    (
        Starts("simple key expected"),
        "this line is not `key: value`",
        "write it as `key: value`, or indent it under the key it belongs to",
    ),
    (
        Contains("could not find expected ':'"),
        "this line is not `key: value`",
        "write it as `key: value`, or indent it under the key it belongs to",
    ),
    (
        Starts("multiple YAML documents"),
        "the front matter holds a second YAML document (`---` or `...`)",
        "remove the extra `---` or `...` line: front matter ends at the first `---`",
    ),
    (
        Contains("did not find expected node content"),
        "a value is missing or starts with a character YAML keeps for itself",
        "put the value in quotes",
    ),
];

/// The plain words for a serde-saphyr message, with its position already removed.
pub fn plain(message: &str) -> Option<Plain> {
    if let Some(c) = unexpected_character(message) {
        return Some(Plain {
            message: format!("`{c}` cannot start an unquoted value"),
            hint: format!("put the value in quotes: `key: \"{c}…\"`"),
        });
    }
    TABLE.iter().find_map(|(pattern, words, hint)| {
        let found = match pattern {
            Starts(p) => message.starts_with(p),
            Contains(p) => message.contains(p),
        };
        found.then(|| Plain {
            message: words.to_string(),
            hint: hint.to_string(),
        })
    })
}

/// `unexpected character: `@'` and `found character that cannot start any token`.
fn unexpected_character(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unexpected character: ")?;
    let c = rest.trim_start_matches(['`', '\'']).chars().next()?;
    let shown: String = c.escape_debug().collect();
    Some(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message seen from serde-saphyr on a writer's mistakes, and what it becomes.
    #[test]
    fn known_messages_become_plain_words() {
        let cases = [
            (
                "!!binary scalar is not valid UTF-8 so cannot be stored into string. If you just use !!binary for documentation/annotation, set ignore_binary_tag_for_string in Options",
                "does not decode to text",
            ),
            ("cannot deserialize tagged scalar into string", "a YAML tag"),
            (
                "budget breached: Nodes { nodes: 250001 }",
                "too large or too deeply nested",
            ),
            ("alias references unknown anchor", "refers to an anchor"),
            (
                "mapping values are not allowed in this context",
                "a colon inside an unquoted value",
            ),
            (
                "while scanning a plain scalar, found a tab",
                "a tab where YAML needs spaces",
            ),
            (
                "while parsing a block mapping, did not find expected key",
                "indented differently",
            ),
            (
                "invalid indentation in multiline quoted scalar",
                "a later line is not indented",
            ),
            ("unclosed quote", "never closed"),
            ("unclosed bracket '['", "a list is never closed"),
            ("simple key expected ':'", "not `key: value`"),
            (
                "multiple YAML documents detected; use from_str_multiple or from_str_multiple_with_options",
                "second YAML document",
            ),
            (
                "unexpected character: `@'",
                "`@` cannot start an unquoted value",
            ),
            ("unexpected character: `\u{0}'", "`\\0` cannot start"),
        ];
        for (raw, words) in cases {
            let plain = plain(raw).unwrap_or_else(|| panic!("not recognised: {raw}"));
            assert!(plain.message.contains(words), "{raw} -> {}", plain.message);
            for internal in ["Options", "scalar", "budget", "from_str", "deserialize"] {
                assert!(
                    !plain.message.contains(internal) && !plain.hint.contains(internal),
                    "{raw} still says {internal}"
                );
            }
        }
        assert!(plain("something new").is_none());
    }
}
