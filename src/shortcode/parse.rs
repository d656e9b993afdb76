//! Finding shortcode calls in a Markdown body, Zola's way: `{{ name(arg="x", n=3) }}`
//! inline, and `{% name(arg="x") %}…{% end %}` around a Markdown body. Code spans and code
//! blocks are skipped by the caller, who passes the ranges they cover.

use std::ops::Range;

use serde_json::{Map, Value};

/// One call found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    pub args: Map<String, Value>,
    /// The whole call, from `{{`/`{%` to `}}`/`{% end %}`.
    pub range: Range<usize>,
    /// The body between `%}` and `{% end %}`, for the block form.
    pub body: Option<Range<usize>>,
}

/// A call that cannot be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    pub at: usize,
    pub message: String,
    pub hint: String,
}

const ARGS_HINT: &str = "write arguments as name=value separated by commas: strings in double quotes, numbers, true/false, or [lists]";

/// Every top-level call in `text` outside `skip` (sorted, non-overlapping ranges of code).
/// Calls nested in a body are found when that body is rendered.
pub fn find(text: &str, skip: &[Range<usize>]) -> Result<Vec<Call>, Mistake> {
    let mut calls = Vec::new();
    let mut at = 0;
    while let Some(found) = next_open(text, at, skip) {
        let (call, end) = read_call(text, found, skip)?;
        calls.push(call);
        at = end;
    }
    Ok(calls)
}

/// The next `{{ name(` or `{% name(` at or after `from`, outside code.
fn next_open(text: &str, from: usize, skip: &[Range<usize>]) -> Option<usize> {
    let mut at = from;
    while let Some(rel) = text[at..].find('{') {
        let start = at + rel;
        at = start + 1;
        if skip.iter().any(|r| r.contains(&start)) {
            continue;
        }
        let rest = &text[start..];
        if (rest.starts_with("{{") || rest.starts_with("{%")) && looks_like_call(&rest[2..]) {
            return Some(start);
        }
    }
    None
}

/// `  name(`: an identifier then an opening parenthesis (so `{{ var }}` prose is left alone).
fn looks_like_call(rest: &str) -> bool {
    let rest = rest.trim_start_matches([' ', '\t']);
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    name_len > 0 && rest[name_len..].trim_start().starts_with('(')
}

fn read_call(text: &str, start: usize, skip: &[Range<usize>]) -> Result<(Call, usize), Mistake> {
    let block = text[start..].starts_with("{%");
    let mut at = start + 2;
    at += count_spaces(&text[at..]);
    let name_len = text[at..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len() - at);
    let name = text[at..at + name_len].to_string();
    at += name_len;
    at += count_spaces(&text[at..]);
    let (args, after) = read_args(text, at + 1)?;
    at = after + count_spaces(&text[after..]);
    let close = if block { "%}" } else { "}}" };
    if !text[at..].starts_with(close) {
        return Err(Mistake {
            at,
            message: format!("shortcode `{name}` is not closed with `{close}`"),
            hint: format!("end the call with `) {close}`"),
        });
    }
    at += 2;
    if !block {
        let call = Call {
            name,
            args,
            range: start..at,
            body: None,
        };
        return Ok((call, at));
    }
    let (body, end) = find_end(text, at, skip).ok_or_else(|| Mistake {
        at: start,
        message: format!("shortcode `{name}` has a body that is never closed"),
        hint: "close the body with `{% end %}` on its own line".into(),
    })?;
    let call = Call {
        name,
        args,
        range: start..end,
        body: Some(body),
    };
    Ok((call, end))
}

/// The body's range and the end of its `{% end %}`, counting nested block calls.
fn find_end(text: &str, from: usize, skip: &[Range<usize>]) -> Option<(Range<usize>, usize)> {
    let mut depth = 0usize;
    let mut at = from;
    while let Some(rel) = text[at..].find("{%") {
        let start = at + rel;
        at = start + 2;
        if skip.iter().any(|r| r.contains(&start)) {
            continue;
        }
        let inner = text[at..].trim_start_matches([' ', '\t']);
        if let Some(after) = inner.strip_prefix("end") {
            let after = after.trim_start_matches([' ', '\t']);
            if let Some(tail) = after.strip_prefix("%}") {
                if depth == 0 {
                    let end = text.len() - tail.len();
                    return Some((from..start, end));
                }
                depth -= 1;
            }
        } else if looks_like_call(&text[at..]) {
            depth += 1;
        }
    }
    None
}

fn count_spaces(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// `arg="x", n=3)`: the arguments up to the closing parenthesis, and where it ends.
fn read_args(text: &str, mut at: usize) -> Result<(Map<String, Value>, usize), Mistake> {
    let mut args = Map::new();
    loop {
        at += count_spaces(&text[at..]);
        if text[at..].starts_with(')') {
            return Ok((args, at + 1));
        }
        let key_len = text[at..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(text.len() - at);
        let key = &text[at..at + key_len];
        let eq = at + key_len + count_spaces(&text[at + key_len..]);
        if key.is_empty() || !text[eq..].starts_with('=') {
            return Err(mistake(at, "an argument without a name=value form"));
        }
        let value_at = eq + 1 + count_spaces(&text[eq + 1..]);
        let (value, after) = read_value(text, value_at)?;
        args.insert(key.to_string(), value);
        at = after + count_spaces(&text[after..]);
        if text[at..].starts_with(',') {
            at += 1;
        } else if !text[at..].starts_with(')') {
            return Err(mistake(at, "arguments must be separated by commas"));
        }
    }
}

fn mistake(at: usize, what: &str) -> Mistake {
    Mistake {
        at,
        message: format!("cannot read this shortcode call: {what}"),
        hint: ARGS_HINT.into(),
    }
}

/// One value: a string, a number, a boolean or a list of them.
fn read_value(text: &str, at: usize) -> Result<(Value, usize), Mistake> {
    let rest = &text[at..];
    if let Some(quote) = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))
    {
        let close = rest[1..]
            .find(quote)
            .ok_or_else(|| mistake(at, "a string that is never closed"))?;
        let s = rest[1..1 + close].to_string();
        return Ok((Value::String(s), at + close + 2));
    }
    if let Some(mut inner) = rest.strip_prefix('[') {
        let mut items = Vec::new();
        let mut pos = at + 1;
        loop {
            let spaces = count_spaces(inner);
            pos += spaces;
            if text[pos..].starts_with(']') {
                return Ok((Value::Array(items), pos + 1));
            }
            let (item, after) = read_value(text, pos)?;
            items.push(item);
            pos = after + count_spaces(&text[after..]);
            if text[pos..].starts_with(',') {
                pos += 1;
            } else if !text[pos..].starts_with(']') {
                return Err(mistake(pos, "list items must be separated by commas"));
            }
            inner = &text[pos..];
        }
    }
    let word_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+')))
        .unwrap_or(rest.len());
    let word = &rest[..word_len];
    let value = match word {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => match serde_json::from_str::<serde_json::Number>(word) {
            Ok(n) => Value::Number(n),
            Err(_) => {
                return Err(mistake(
                    at,
                    "a value that is not a quoted string, a number, true/false or a list",
                ));
            }
        },
    };
    Ok((value, at + word_len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_forms_with_arguments() {
        let text = "a {{ youtube(id=\"abc\", n=3, on=true) }} b\n\n{% callout(kind='tip', tags=[\"x\", 2]) %}\nBody {{ inner() }}\n{% end %}\n";
        let calls = find(text, &[]).unwrap();
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].name, "youtube");
        assert_eq!(calls[0].args["id"], "abc");
        assert_eq!(calls[0].args["n"], 3);
        assert_eq!(calls[0].args["on"], true);
        assert_eq!(
            &text[calls[0].range.clone()],
            "{{ youtube(id=\"abc\", n=3, on=true) }}"
        );
        assert_eq!(calls[1].name, "callout");
        assert_eq!(calls[1].args["tags"], serde_json::json!(["x", 2]));
        assert_eq!(
            &text[calls[1].body.clone().unwrap()],
            "\nBody {{ inner() }}\n"
        );
        assert!(text[calls[1].range.clone()].ends_with("{% end %}"));
    }

    #[test]
    fn nested_bodies_close_at_their_own_end() {
        let text = "{% a() %}x {% b() %}y{% end %} z{% end %}";
        let calls = find(text, &[]).unwrap();
        assert_eq!(calls.len(), 1);
        assert_eq!(
            &text[calls[0].body.clone().unwrap()],
            "x {% b() %}y{% end %} z"
        );
    }

    #[test]
    fn code_and_prose_braces_are_left_alone() {
        let text = "`{{ a() }}` and {{ not a call }} and {{ b() }}";
        let code = [0..11, 60..70];
        let calls = find(text, &code).unwrap();
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].name, "b");
    }

    #[test]
    fn mistakes_say_where() {
        let m = find("x {{ a(id=) }}", &[]).unwrap_err();
        assert_eq!(m.at, 10);
        let m = find("{% a() %} never ends", &[]).unwrap_err();
        assert!(m.message.contains("never closed"), "{m:?}");
        let m = find("{{ a(id=\"x\" }}", &[]).unwrap_err();
        assert!(m.message.contains("commas"), "{m:?}");
    }
}
