//! Hints for the TOML parser's syntax errors. Its messages already name the problem in
//! plain words (``unclosed array, expected `]` ``), so they are kept; what a writer lacks
//! is how to write the line instead. Recognised by wording, most specific first.

/// `(text the message contains, the hint)`.
const TABLE: &[(&str, &str)] = &[
    (
        "unclosed array table",
        "end the name with `]]` on the same line, e.g. `[[taxonomies]]`",
    ),
    (
        "unclosed table",
        "end the name with `]` on the same line, e.g. `[markdown]`",
    ),
    (
        "unclosed array",
        "end the list with `]` and separate its entries with commas, e.g. `[\"a\", \"b\"]`",
    ),
    (
        "unclosed inline table",
        "end it with `}` on the same line, e.g. `{ low = 1, high = 2 }`",
    ),
    (
        "multi-line",
        "close the text with the same three quotes it starts with",
    ),
    (
        "string",
        "close the quotes on the same line; for text over several lines, use `\"\"\"` at both ends",
    ),
    (
        "key with no value",
        "write each setting as `key = value`, e.g. `title = \"My site\"`",
    ),
    (
        "unexpected key or value",
        "put one `key = value` on each line, and start comments with `#`",
    ),
    (
        "keys cannot be empty",
        "write each setting as `key = value`; a `[table]` name is words joined by `.`",
    ),
    (
        "may only go between digits",
        "write the number with digits only, e.g. `1000`",
    ),
];

/// The hint for a TOML syntax error, or a general one for a message that says what the
/// parser `expected`.
pub fn hint(message: &str) -> Option<String> {
    TABLE
        .iter()
        .find(|(words, _)| message.contains(words))
        .map(|(_, hint)| hint.to_string())
        .or_else(|| {
            message.contains("expected").then(|| {
                "write each setting as `key = value`: text in quotes, lists in `[…]`, one setting a line".to_string()
            })
        })
}

#[cfg(test)]
mod tests {
    use super::hint;

    /// Every syntax error seen from the toml crate on a writer's mistakes gets a fix.
    #[test]
    fn syntax_errors_get_a_hint() {
        for (text, words) in [
            ("[markdown\n", "`]` on the same line"),
            ("[[taxonomies]\n", "`]]`"),
            ("title = [\"a\",\n", "end the list"),
            ("title = {a=1\n", "`}`"),
            ("title = \"T\n", "close the quotes"),
            ("title = 'T\n", "close the quotes"),
            ("title = \"\"\"T\n", "three quotes"),
            ("title T\n", "`key = value`"),
            ("[markdown]]\n", "one `key = value` on each line"),
            ("= 3\n", "`key = value`"),
            ("n = 1__2\n", "digits only"),
        ] {
            let err = toml::from_str::<toml::Table>(text).unwrap_err();
            let message = err.message().trim();
            let got = hint(message).unwrap_or_else(|| panic!("{text:?}: no hint for {message}"));
            assert!(got.contains(words), "{text:?}: {message} -> {got}");
        }
    }
}
