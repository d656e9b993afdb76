#![no_main]

//! Raw HTML in Markdown never hides the words after it: the bytes build a body of marker
//! words between tags of every kind (`careersite::fuzzing::raw_html_case`), and every
//! marker must be visible in the HTML, as a browser parses it, under every policy.

use careersite::config::RawHtml;
use libfuzzer_sys::fuzz_target;

const HIDDEN: &[&str] = &[
    "script", "style", "template", "title", "textarea", "select", "datalist", "iframe",
    "noscript", "xmp", "plaintext", "noembed", "noframes", "video", "audio", "canvas",
    "object", "svg", "math", "dialog", "head",
];

fn visible(html: &str) -> String {
    let doc = scraper::Html::parse_fragment(html);
    let mut out = String::new();
    // Every node, not only those reachable from the root: scraper's tree loses the link
    // to subtrees the adoption agency moves (misnested `<a>`, `<b>`), which browsers show.
    for node in doc.tree.nodes() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let hidden = node.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| HIDDEN.contains(&e.name()))
        });
        if !hidden {
            out.push_str(text);
            out.push(' ');
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let (body, markers) = careersite::fuzzing::raw_html_case(data);
    for policy in [RawHtml::Sanitize, RawHtml::Escape, RawHtml::Allow] {
        let html = careersite::fuzzing::render_body(&body, policy);
        let shown = visible(&html);
        for marker in &markers {
            assert!(
                shown.contains(marker.as_str()),
                "{marker} lost under {policy:?}\n{body}\n---\n{html}"
            );
        }
    }
});
