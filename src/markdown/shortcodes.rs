//! Expanding shortcode calls in a body. Each call is rendered first (a body's Markdown
//! with the same settings, then the template) and replaced in the text by a placeholder
//! that Markdown leaves alone; once the text is HTML, each placeholder becomes the call's
//! output. So the output is the theme's HTML, untouched by the `raw_html` policy, and the
//! lines of everything after a call stay where the writer wrote them.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::{Input, LinkResolver, Rendered, render_text};
use crate::error::Diagnostic;
use crate::shortcode::{Shortcodes, parse};

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Whether `text` may hold a call at all: most bodies do not, and skip all of this.
pub fn may_call(text: &str) -> bool {
    text.contains("{{") || text.contains("{%")
}

pub fn render(
    input: &Input<'_>,
    resolver: &dyn LinkResolver,
    set: &Shortcodes,
    options: Options,
) -> (Rendered, Vec<Diagnostic>) {
    let calls = match parse::find(input.text, &code_ranges(input.text, options)) {
        Ok(calls) if calls.is_empty() => return render_text(input, resolver),
        Ok(calls) => calls,
        Err(m) => {
            let (line, column) = line_col(input, m.at);
            let (rendered, mut errors) = render_text(input, resolver);
            let error = Diagnostic::error(input.file.to_path_buf(), m.message)
                .at(line, column)
                .hint(m.hint);
            errors.push(error);
            return (rendered, errors);
        }
    };
    let mut errors = Vec::new();
    let mut inner = Rendered::default();
    let mut outputs = Vec::with_capacity(calls.len());
    let mut text = String::with_capacity(input.text.len());
    let mut last = 0;
    for (index, call) in calls.iter().enumerate() {
        text.push_str(&input.text[last..call.range.start]);
        let body = call.body.as_ref().map(|range| {
            let (line, _) = line_col(input, range.start);
            let sub = Input {
                text: &input.text[range.clone()],
                first_line: line,
                ..*input
            };
            let (r, errs) = super::render(&sub, resolver);
            errors.extend(errs);
            merge(&mut inner, &r);
            r.html
        });
        inner
            .shortcodes
            .push((call.name.clone(), set.version(&call.name).unwrap_or(0)));
        let (output, read) = set.render(&call.name, &call.args, body.as_deref());
        inner.shortcodes.extend(read);
        match output {
            Ok(html) => outputs.push(html),
            Err((message, hint)) => {
                let (line, column) = line_col(input, call.range.start);
                errors.push(
                    Diagnostic::error(input.file.to_path_buf(), message)
                        .at(line, column)
                        .hint(hint),
                );
                outputs.push(String::new());
            }
        }
        text.push(OPEN);
        text.push_str(&index.to_string());
        text.push(CLOSE);
        // The lines a call spans stay lines, so what follows keeps its line numbers.
        let spanned = input.text[call.range.clone()].matches('\n').count();
        text.extend(std::iter::repeat_n('\n', spanned));
        last = call.range.end;
    }
    text.push_str(&input.text[last..]);
    let (mut rendered, errs) = render_text(
        &Input {
            text: &text,
            ..*input
        },
        resolver,
    );
    errors.extend(errs);
    rendered.html = substitute(&rendered.html, &outputs);
    rendered.summary = strip_placeholders(&rendered.summary);
    rendered.hash = crate::hash::hash_str(&rendered.html);
    merge(&mut rendered, &inner);
    (rendered, errors)
}

/// What a body's render found that its page must know too: links, headings, warnings.
fn merge(into: &mut Rendered, from: &Rendered) {
    into.anchor_links.extend(from.anchor_links.iter().cloned());
    into.resolved.extend(from.resolved.iter().cloned());
    into.warnings.extend(from.warnings.iter().cloned());
    into.headings.extend(from.headings.iter().cloned());
    into.shortcodes.extend(from.shortcodes.iter().cloned());
    into.images.extend(from.images.iter().cloned());
    into.words += from.words;
    into.unspaced_chars += from.unspaced_chars;
}

/// Byte ranges of code spans and code blocks, where a call is text to show.
fn code_ranges(text: &str, options: Options) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Parser::new_ext(text, options)
        .into_offset_iter()
        .filter(|(e, _)| matches!(e, Event::Code(_) | Event::Start(Tag::CodeBlock(_))))
        .map(|(_, r)| r)
        .collect();
    ranges.sort_by_key(|r| r.start);
    ranges
}

fn line_col(input: &Input<'_>, at: usize) -> (usize, usize) {
    let before = &input.text[..at.min(input.text.len())];
    let line = input.first_line + before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// Puts each call's output where its placeholder is; a call alone in a paragraph replaces
/// the paragraph, so a block of HTML is not wrapped in `<p>`.
fn substitute(html: &str, outputs: &[String]) -> String {
    let mut out = html.to_string();
    for (index, output) in outputs.iter().enumerate() {
        let mark = format!("{OPEN}{index}{CLOSE}");
        let para = format!("<p>{mark}</p>\n");
        if out.contains(&para) {
            out = out.replacen(&para, output, 1);
        } else {
            out = out.replacen(&mark, output, 1);
        }
    }
    out
}

fn strip_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        match c {
            OPEN => inside = true,
            CLOSE => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
