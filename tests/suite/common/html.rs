//! Reading what the build wrote as a reader sees it: pages parsed with `scraper`, the text
//! of elements without screen-reader-only parts, links as (text, href).

use std::path::Path;

use scraper::{ElementRef, Html, Selector};

/// Reads and parses `<out>/<url_path>index.html` (or the file itself when it ends in `.html`).
pub fn page_in(out: &Path, url_path: &str) -> Page {
    let rel = url_path.trim_start_matches('/');
    let file = if rel.ends_with(".html") {
        out.join(rel)
    } else {
        out.join(rel).join("index.html")
    };
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("no page at {}: {e}", file.display()));
    Page {
        html: Html::parse_document(&text),
        source: text,
    }
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e:?}"))
}

/// Text of an element as a reader sees it on screen: whitespace collapsed, and without the
/// `visually-hidden` text meant only for screen readers.
pub fn text_of(e: ElementRef<'_>) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for node in e.descendants() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let hidden = node
            .ancestors()
            .take_while(|a| a.id() != e.id())
            .chain(std::iter::once(*e))
            .filter_map(|a| a.value().as_element())
            .any(|el| el.classes().any(|c| c == "visually-hidden"));
        if !hidden {
            parts.push(text);
        }
    }
    parts
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The links inside `e` matching `css`, as (text, href), in document order.
pub fn links_in(e: ElementRef<'_>, css: &str) -> Vec<(String, String)> {
    e.select(&sel(css))
        .map(|a| (text_of(a), a.value().attr("href").unwrap_or("").to_string()))
        .collect()
}

/// The text of the first element inside `e` matching `css`.
pub fn first_text(e: ElementRef<'_>, css: &str) -> Option<String> {
    e.select(&sel(css)).next().map(text_of)
}

/// A parsed HTML page.
pub struct Page {
    pub html: Html,
    pub source: String,
}

impl Page {
    pub fn main(&self) -> ElementRef<'_> {
        self.html
            .select(&sel("main"))
            .next()
            .expect("the page has a <main>")
    }

    /// The readable text of `<main>`.
    pub fn main_text(&self) -> String {
        text_of(self.main())
    }

    /// The inner HTML of `<main>`.
    pub fn main_html(&self) -> String {
        self.main().inner_html()
    }

    /// Texts of the elements matching `css` inside `<main>`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.main().select(&sel(css)).map(text_of).collect()
    }

    /// Every link in `<main>` as (text, href), in document order.
    pub fn links(&self) -> Vec<(String, String)> {
        self.links_in("a[href]")
    }

    pub fn links_in(&self, css: &str) -> Vec<(String, String)> {
        links_in(self.main(), css)
    }

    /// The first element in `<main>` matching `css`.
    pub fn find(&self, css: &str) -> Option<ElementRef<'_>> {
        self.main().select(&sel(css)).next()
    }

    /// The page's canonical URL (`<link rel=canonical>`).
    pub fn canonical(&self) -> Option<String> {
        self.html
            .select(&sel("link[rel=canonical]"))
            .next()
            .and_then(|l| l.value().attr("href"))
            .map(str::to_string)
    }

    /// Asserts that `<main>` has a link with exactly this text and href.
    pub fn assert_link(&self, text: &str, href: &str) {
        let links = self.links();
        assert!(
            links.iter().any(|(t, h)| t == text && h == href),
            "no link {text:?} -> {href:?} in <main>; links are:\n{links:#?}"
        );
    }

    /// The `<title>` text.
    pub fn title(&self) -> String {
        self.html
            .select(&sel("title"))
            .next()
            .map(text_of)
            .unwrap_or_default()
    }

    /// Text of the first `<h1>` in `<main>`.
    pub fn h1(&self) -> String {
        self.texts("h1").into_iter().next().unwrap_or_default()
    }

    /// Every attribute value of every element in the whole document, as (element, name, value).
    pub fn all_attributes(&self) -> Vec<(String, String, String)> {
        self.html
            .select(&sel("*"))
            .flat_map(|e| {
                let name = e.value().name().to_string();
                e.value()
                    .attrs()
                    .map(move |(k, v)| (name.clone(), k.to_string(), v.to_string()))
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}
