//! `minify = true`: smaller HTML, CSS and JavaScript output, by removing comments and
//! collapsing whitespace only where that can never change what a page shows or does.
//!
//! A full minifier crate (minify-html, whose tree of about 200 crates with lightningcss and a
//! JavaScript minifier is as large as this project's) would cost far more compile time than
//! the few more percent it saves are worth; these scanners know just
//! enough of each language (strings, comments, raw-text elements, regular expressions,
//! template literals) to leave every meaningful byte alone. They are pure functions of
//! their input, so output stays deterministic.

/// Which minifier, if any, suits an output file.
pub fn for_path(path: &str, bytes: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let ext = path.rsplit('.').next().unwrap_or("");
    match ext {
        "html" | "htm" => Some(html(text).into_bytes()),
        "css" => Some(css(text).into_bytes()),
        "js" | "mjs" => Some(js(text).into_bytes()),
        _ => None,
    }
}

/// Elements whose contents are copied as they are: whitespace is significant in `pre` and
/// `textarea`, and `script` and `style` hold another language.
const RAW_ELEMENTS: &[&str] = &["pre", "textarea", "script", "style"];

/// Drops comments and collapses each run of whitespace between tags and in text to one
/// space (or one newline when the run had one): browsers render the two alike outside the
/// raw elements. Tags themselves, attribute values included, are copied unchanged.
pub fn html(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let rest = &input[i..];
        if let Some(body) = rest.strip_prefix("<!--") {
            match body.find("-->") {
                Some(end) => i += 4 + end + 3,
                None => {
                    out.push_str(rest);
                    break;
                }
            }
            continue;
        }
        let starts_tag = rest.starts_with('<')
            && rest[1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        if starts_tag {
            let end = tag_end(rest);
            let tag = &rest[..end];
            out.push_str(tag);
            i += end;
            if let Some(name) = raw_element(tag) {
                let stop =
                    find_ascii_ci(&input[i..], &format!("</{name}")).map_or(input.len(), |c| i + c);
                out.push_str(&input[i..stop]);
                i = stop;
            }
            continue;
        }
        // Text, up to the next thing that could start a tag or comment.
        let len = rest
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c == '<')
            .map_or(rest.len(), |(n, _)| n);
        collapse_whitespace(&rest[..len], &mut out);
        i += len;
    }
    let trimmed = out.trim_start().len();
    out.drain(..out.len() - trimmed);
    out
}

/// The length of the tag at the start of `s`, through its `>`; quoted attribute values may
/// hold `>`.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The raw element a start tag opens, if it opens one.
fn raw_element(tag: &str) -> Option<&'static str> {
    let name: String = tag[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if tag.ends_with("/>") {
        return None;
    }
    RAW_ELEMENTS.iter().copied().find(|r| *r == name)
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len()) + 1)
        .find(|&i| h.len() >= i + n.len() && h[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn collapse_whitespace(text: &str, out: &mut String) {
    let mut run: Option<bool> = None;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
            let newline = c == '\n' || c == '\r';
            run = Some(run.unwrap_or(false) || newline);
            continue;
        }
        if let Some(newline) = run.take() {
            push_blank(out, newline);
        }
        out.push(c);
    }
    if let Some(newline) = run {
        push_blank(out, newline);
    }
}

/// One blank, merged with a blank already at the end (left there before a removed comment).
fn push_blank(out: &mut String, newline: bool) {
    match out.chars().last() {
        Some('\n') => {}
        Some(' ') if newline => {
            out.pop();
            out.push('\n');
        }
        Some(' ') => {}
        _ => out.push(if newline { '\n' } else { ' ' }),
    }
}

/// Drops comments and collapses whitespace, removing it next to `{`, `}`, `;` and `,`,
/// where CSS never needs it. Strings are copied as they are. Whitespace next to `:`, `(`,
/// `)` and `>` stays: `a :hover` and `and (` mean something else without it.
pub fn css(input: &str) -> String {
    const TIGHT: &[char] = &['{', '}', ';', ','];
    let chars: Vec<char> = input.chars().collect();
    let mut out = String::with_capacity(input.len());
    let mut space = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && chars.get(i + 1) == Some(&'*') {
            i = find_seq(&chars, i + 2, &['*', '/']).map_or(chars.len(), |e| e + 2);
            space = true;
            continue;
        }
        if c.is_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        if space {
            space = false;
            let last = out.chars().last();
            if last.is_some_and(|l| !TIGHT.contains(&l)) && !TIGHT.contains(&c) {
                out.push(' ');
            }
        }
        if c == '"' || c == '\'' {
            i = copy_string(&chars, i, &mut out);
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

fn find_seq(chars: &[char], from: usize, seq: &[char]) -> Option<usize> {
    (from..chars.len()).find(|&i| chars[i..].starts_with(seq))
}

/// Copies the quoted string starting at `i` (escapes included) and returns the index after it.
fn copy_string(chars: &[char], mut i: usize, out: &mut String) -> usize {
    let quote = chars[i];
    out.push(quote);
    i += 1;
    while i < chars.len() {
        let c = chars[i];
        out.push(c);
        i += 1;
        match c {
            '\\' => {
                if let Some(&next) = chars.get(i) {
                    out.push(next);
                    i += 1;
                }
            }
            c if c == quote || c == '\n' => break,
            _ => {}
        }
    }
    i
}

/// Drops comments and indentation and joins what a run of blanks separates with one space
/// only where two tokens would otherwise merge. Line breaks stay line breaks, so automatic
/// semicolon insertion sees the same program. Strings, template literals and regular
/// expression literals are copied as they are.
pub fn js(input: &str) -> String {
    let chars: Vec<char> = input.chars().collect();
    let mut out = String::with_capacity(input.len());
    // `${` nesting: the brace depth at which each open template expression resumes its literal.
    let mut templates: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut blank: Option<bool> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
            blank = Some(true);
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            blank = Some(blank.unwrap_or(false));
            i += 1;
            continue;
        }
        if c == '/' && next == Some('/') {
            i = (i..chars.len())
                .find(|&k| matches!(chars[k], '\n' | '\r'))
                .unwrap_or(chars.len());
            continue;
        }
        if c == '/' && next == Some('*') {
            let end = find_seq(&chars, i + 2, &['*', '/']).map_or(chars.len(), |e| e + 2);
            let had_newline = chars[i..end].iter().any(|c| matches!(c, '\n' | '\r'));
            blank = Some(blank.unwrap_or(false) || had_newline);
            i = end;
            continue;
        }
        if let Some(newline) = blank.take() {
            let last = out.chars().last();
            match last {
                None => {}
                Some(_) if newline => out.push('\n'),
                Some(l) if needs_space(l, c) => out.push(' '),
                Some(_) => {}
            }
        }
        match c {
            '\'' | '"' => i = copy_string(&chars, i, &mut out),
            '`' => {
                out.push('`');
                let (end, opened) = copy_template(&chars, i + 1, &mut out);
                i = end;
                if opened {
                    templates.push(depth);
                    depth += 1;
                }
            }
            '/' if regex_allowed(&out) => i = copy_regex(&chars, i, &mut out),
            '{' => {
                depth += 1;
                out.push(c);
                i += 1;
            }
            '}' => {
                depth = depth.saturating_sub(1);
                out.push(c);
                i += 1;
                if templates.last() == Some(&depth) {
                    templates.pop();
                    let (end, opened) = copy_template(&chars, i, &mut out);
                    i = end;
                    if opened {
                        templates.push(depth);
                        depth += 1;
                    }
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$' || !c.is_ascii()
}

/// Whether two tokens written with blanks between them would merge into another without.
fn needs_space(last: char, next: char) -> bool {
    (is_word_char(last) && is_word_char(next))
        || (matches!(last, '+' | '-') && matches!(next, '+' | '-'))
        || (last == '/' && matches!(next, '/' | '*'))
        || (last == '<' && next == '!')
        || (last == '-' && next == '>')
        || (last.is_ascii_digit() && next == '.')
}

/// Copies template-literal text from `i` up to its closing backtick (returning false) or
/// the `${` of an expression (returning true); the index returned is after what was copied.
fn copy_template(chars: &[char], mut i: usize, out: &mut String) -> (usize, bool) {
    while i < chars.len() {
        let c = chars[i];
        out.push(c);
        i += 1;
        match c {
            '\\' => {
                if let Some(&n) = chars.get(i) {
                    out.push(n);
                    i += 1;
                }
            }
            '`' => return (i, false),
            '$' if chars.get(i) == Some(&'{') => {
                out.push('{');
                return (i + 1, true);
            }
            _ => {}
        }
    }
    (i, false)
}

/// A `/` starts a regular expression, not a division, after an operator, an opening
/// bracket, the start, or a keyword such as `return`.
fn regex_allowed(out: &str) -> bool {
    let trimmed = out.trim_end();
    let Some(last) = trimmed.chars().last() else {
        return true;
    };
    if trimmed.ends_with("++") || trimmed.ends_with("--") {
        return false;
    }
    if "(,=:[!&|?{};+-*%<>~^".contains(last) {
        return true;
    }
    if is_word_char(last) {
        let word: String = trimmed
            .chars()
            .rev()
            .take_while(|&c| is_word_char(c))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        const BEFORE_EXPRESSION: &[&str] = &[
            "return",
            "typeof",
            "instanceof",
            "in",
            "of",
            "new",
            "delete",
            "void",
            "throw",
            "case",
            "do",
            "else",
            "yield",
            "await",
        ];
        return BEFORE_EXPRESSION.contains(&word.as_str());
    }
    false
}

fn copy_regex(chars: &[char], mut i: usize, out: &mut String) -> usize {
    out.push('/');
    i += 1;
    let mut class = false;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '\n' | '\r') {
            break;
        }
        out.push(c);
        i += 1;
        match c {
            '\\' => {
                if let Some(&n) = chars.get(i) {
                    out.push(n);
                    i += 1;
                }
            }
            '[' => class = true,
            ']' => class = false,
            '/' if !class => break,
            _ => {}
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_collapses_text_and_keeps_raw_elements() {
        let input = "<!doctype html>\n<html>\n  <body>\n    <!-- note -->\n    <p>a   b\n  c</p>\n\
            <pre>  keep\n    this  </pre>\n<textarea>\n  x  y</textarea>\n\
            <script>var a  =  \"<p>  x\";</script><STYLE> a  { } </STYLE>\n\
            <a title=\"x > y   z\" href=\"/\">  link </a>\n</body></html>\n";
        let out = html(input);
        assert_eq!(
            out,
            "<!doctype html>\n<html>\n<body>\n<p>a b\nc</p>\n\
            <pre>  keep\n    this  </pre>\n<textarea>\n  x  y</textarea>\n\
            <script>var a  =  \"<p>  x\";</script><STYLE> a  { } </STYLE>\n\
            <a title=\"x > y   z\" href=\"/\"> link </a>\n</body></html>\n"
        );
    }

    #[test]
    fn html_handles_stray_angle_brackets_and_unclosed_things() {
        assert_eq!(html("a < b  <  c"), "a < b < c");
        assert_eq!(html("<p>x <!-- open"), "<p>x <!-- open");
        assert_eq!(html("<pre>never closed  "), "<pre>never closed  ");
        assert_eq!(html("<a href=\"x"), "<a href=\"x");
        assert_eq!(html(""), "");
        assert_eq!(html("<p>·  é\u{a0} <b>ü</b>"), "<p>· é\u{a0} <b>ü</b>");
    }

    #[test]
    fn css_keeps_meaningful_spaces() {
        let input = "/* theme */\na :hover ,\nb > c {\n  margin : 0 auto ;\n  width: calc(100% - 2rem);\n}\n\
            @media screen and (min-width: 40em) { .x { content: \"a  /* b */\" } }\n";
        assert_eq!(
            css(input),
            "a :hover,b > c{margin : 0 auto;width: calc(100% - 2rem);}\
            @media screen and (min-width: 40em){.x{content: \"a  /* b */\"}}"
        );
    }

    #[test]
    fn js_keeps_strings_regexes_templates_and_line_breaks() {
        let input = "// header\nvar a = b / c / d;  /* note */\nvar r = /[/*]+\\/x/g, s = \"x  // y\";\n\
            var t = `a  ${ {k: `in  ner`}.k }  b  // c`;\nreturn a\n  + +b - -c;\nif (x) { return /y/.test(z) }\n\
            var n = 1 .toString();\n";
        assert_eq!(
            js(input),
            "var a=b/c/d;\nvar r=/[/*]+\\/x/g,s=\"x  // y\";\n\
            var t=`a  ${{k:`in  ner`}.k}  b  // c`;\nreturn a\n+ +b- -c;\nif(x){return/y/.test(z)}\n\
            var n=1 .toString();"
        );
    }

    #[test]
    fn arbitrary_input_never_panics() {
        const PIECES: &[&str] = &[
            "<", ">", "\"", "'", "`", "/", "*", "\\", "\n", " ", "{", "}", "$", "é", "·", "<pre>",
            "</pre>", "<!--", "-->", "<script>", "</SCRIPT", "${", "a", "1", ".", "+", "-", "=",
            "return", "[", "]", "\u{2028}",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut input = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                input.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            let _ = (html(&input), css(&input), js(&input));
        }
    }

    #[test]
    fn only_text_assets_are_minified() {
        assert!(for_path("a/index.html", b"<p>  x</p>").is_some());
        assert!(for_path("style.css", b"a { }").is_some());
        assert!(for_path("logo.png", b"\x89PNG").is_none());
        assert!(for_path("bad.css", b"\xff\xfe").is_none());
    }
}
