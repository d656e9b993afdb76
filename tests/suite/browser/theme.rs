//! The default theme on the bundled sample site, measured in Chromium at a desktop width
//! (1280 CSS px) and a phone's (390), in the light and the dark colour scheme: what a reader
//! sees, computed from the DOM (sizes, overflow, visible text), never guessed from the HTML.

use std::path::Path;

use serde_json::{Value, json};

use super::common::server::{self, Server};
use super::{Browser, Cdp, chromium_or_skip};

/// A page of the sample site in one browser, at one width and colour scheme at a time.
pub(super) struct Sample {
    server: Server,
    browser: Browser,
    pub(super) cdp: Cdp,
    _tmp: tempfile::TempDir,
}

impl Sample {
    pub(super) fn start(exe: &Path) -> Sample {
        // `serve` builds into a temporary folder: the repository is only read.
        let tmp = tempfile::tempdir().unwrap();
        let server = Server::start(Path::new(env!("CARGO_MANIFEST_DIR")), tmp.path(), &[]);
        let browser = Browser::launch(exe);
        let mut cdp = browser.page_socket();
        cdp.call("Page.enable", json!({})).unwrap();
        Sample {
            server,
            browser,
            cdp,
            _tmp: tmp,
        }
    }

    pub(super) fn context(&self) -> String {
        format!("{}\n{}", self.server.logs(), self.browser.log())
    }

    pub(super) fn view(&mut self, width: u32, scheme: &str) {
        self.cdp
            .call(
                "Emulation.setDeviceMetricsOverride",
                json!({ "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600 }),
            )
            .unwrap();
        self.cdp
            .call(
                "Emulation.setEmulatedMedia",
                json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
            )
            .unwrap();
    }

    pub(super) fn open(&mut self, path: &str) {
        let url = format!("http://127.0.0.1:{}{path}", self.server.port);
        self.cdp
            .call("Page.navigate", json!({ "url": url }))
            .unwrap();
        let ready = format!(
            "location.href === {} && document.readyState === 'complete'",
            serde_json::to_string(&url).unwrap()
        );
        let context = self.context();
        self.cdp
            .wait_true(&format!("{path} to load"), &ready, &|| context.clone());
    }

    pub(super) fn eval(&mut self, expression: &str) -> Value {
        self.cdp
            .eval(expression)
            .unwrap_or_else(|e| panic!("{e}\n{}", self.context()))
    }

    pub(super) fn text(&mut self, expression: &str) -> String {
        match self.eval(expression) {
            Value::String(s) => s,
            other => other.to_string(),
        }
    }

    /// Every path in the sitemap under `prefix`.
    fn paths(&self, prefix: &str) -> Vec<String> {
        let server::Response { body, .. } = self.server.get("/sitemap.xml");
        body.split("<loc>")
            .skip(1)
            .filter_map(|rest| rest.split("</loc>").next())
            .filter_map(|loc| loc.find("://").map(|i| &loc[i + 3..]))
            .filter_map(|rest| rest.find('/').map(|i| rest[i..].to_string()))
            .filter(|p| p.starts_with(prefix))
            .collect()
    }
}

pub(super) const WIDTHS: [u32; 2] = [1280, 390];
const SCHEMES: [&str; 2] = ["light", "dark"];

/// Tables whose content is wider than the box they sit in (clipped or scrolled sideways).
const OVERFLOWING_TABLES: &str = r#"[...document.querySelectorAll('main table')].filter(t => {
  const box = t.closest('.table-scroll') || t.parentElement;
  return box.scrollWidth > box.clientWidth + 1
    || t.getBoundingClientRect().right > box.getBoundingClientRect().right + 1
    || box.getBoundingClientRect().right > document.documentElement.clientWidth + 1;
}).map(t => (t.caption ? t.caption.textContent : t.className || 'table') + ': ' + t.scrollWidth + 'px in ' + (t.closest('.table-scroll') || t.parentElement).clientWidth + 'px').join('\n')"#;

/// Landmarks of one role whose names are the same (axe's `landmark-unique`).
const DUPLICATE_LANDMARKS: &str = r#"(() => {
  const name = el => (el.getAttribute('aria-label')
    || (el.getAttribute('aria-labelledby') || '').split(' ').map(id => { const n = document.getElementById(id); return n ? n.textContent.trim() : ''; }).join(' ')).trim();
  const seen = {}, dupes = [];
  for (const el of document.querySelectorAll('[role=region], [role=search], nav, aside, section[aria-label], section[aria-labelledby]')) {
    const role = el.getAttribute('role') || (el.tagName === 'NAV' ? 'navigation' : el.tagName === 'ASIDE' ? 'complementary' : 'region');
    const key = role + ': ' + name(el);
    if (seen[key]) dupes.push(key); else seen[key] = true;
  }
  return dupes.join('\n');
})()"#;

/// The smallest rendered size, in CSS px, of any visible text in a salary chart (null
/// without one): the SVG's font size times its scale on screen.
const SMALLEST_CHART_TEXT: &str = r#"(() => {
  let min = null;
  for (const t of document.querySelectorAll('svg.salary-chart text')) {
    if (!t.getBoundingClientRect().width) continue;
    const px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
    if (min === null || px < min) min = px;
  }
  return min;
})()"#;

/// Counts said wrongly: "1 guides", "2 warning(s)".
const BAD_PLURALS: &str = r#"(document.body.innerText.match(/\b1 (guides|roles|skills|pages|warnings|errors|career moves)\b|\w\(s\)/g) || []).join(', ')"#;

#[test]
fn tables_charts_landmarks_and_counts_read_well_at_1280_and_390_in_both_schemes() {
    let Some(exe) = chromium_or_skip() else {
        return;
    };
    let mut s = Sample::start(&exe);
    let mut pages = s.paths("/guides/");
    pages.retain(|p| p != "/guides/" && !p.starts_with("/guides/page/"));
    pages.extend(s.paths("/roles/"));
    pages.extend([
        "/".to_string(),
        "/about/".to_string(),
        "/404.html".to_string(),
    ]);
    assert!(pages.len() > 40, "the sample site's pages: {pages:?}");
    let mut problems = Vec::new();
    for width in WIDTHS {
        for scheme in SCHEMES {
            s.view(width, scheme);
            for path in &pages {
                s.open(path);
                let at = format!("{path} at {width}px, {scheme}");
                let tables = s.text(OVERFLOWING_TABLES);
                if !tables.is_empty() {
                    problems.push(format!("{at}: a table overflows its box:\n{tables}"));
                }
                let dupes = s.text(DUPLICATE_LANDMARKS);
                if !dupes.is_empty() {
                    problems.push(format!("{at}: landmarks with the same name: {dupes}"));
                }
                if let Some(px) = s.eval(SMALLEST_CHART_TEXT).as_f64()
                    && px < 12.0
                {
                    problems.push(format!("{at}: salary chart text at {px:.1}px"));
                }
                let plurals = s.text(BAD_PLURALS);
                if !plurals.is_empty() {
                    problems.push(format!("{at}: counts said wrongly: {plurals}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn role_pages_say_aliases_percentiles_and_the_path_at_both_widths() {
    let Some(exe) = chromium_or_skip() else {
        return;
    };
    let mut s = Sample::start(&exe);
    for width in WIDTHS {
        for scheme in SCHEMES {
            s.view(width, scheme);
            let at = format!("at {width}px, {scheme}");
            s.open("/roles/data-analyst/");
            assert_eq!(
                s.text("document.querySelector('.aliases').innerText.trim()"),
                "Also known as BI analyst, reporting analyst",
                "{at}"
            );
            s.open("/roles/software-engineer/");
            assert_eq!(
                s.text("document.querySelector('.aliases').innerText.trim()"),
                "Also known as SWE, software development engineer",
                "{at}"
            );
            s.open("/roles/backend-engineer/");
            let note = s.text("document.querySelector('.fact-salary .fact-note').innerText");
            assert!(
                note.starts_with("10th–90th percentile: $79,850 to $211,450")
                    && !note.contains("Typical range"),
                "{at}: {note}"
            );
            // The whole path is on screen: where people come from and where it leads,
            // every role a visible link inside the screen's width.
            let visible = s.text(
                r#"[...document.querySelectorAll('#role-path ~ * a[href^="/roles/"], #role-path ~ figure a')].filter(a => {
                  const r = a.getBoundingClientRect();
                  return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= document.documentElement.clientWidth;
                }).map(a => a.getAttribute('href')).filter((h, i, all) => all.indexOf(h) === i).sort().join(' ')"#,
            );
            for role in [
                "/roles/database-administrator/",
                "/roles/qa-engineer/",
                "/roles/senior-software-engineer/",
                "/roles/site-reliability-engineer/",
            ] {
                assert!(
                    visible.contains(role),
                    "{at}: {role} is not shown in the career path; visible: {visible}"
                );
            }
            // The role itself sits visibly between them, as a drawing or a flow.
            let current = s.text(
                r#"[...document.querySelectorAll('.cmap-current, .path-flow-current')].filter(e => e.getBoundingClientRect().height > 0).map(e => e.textContent.replace(/\s+/g, ' ').trim()).join(' | ')"#,
            );
            assert!(
                current.contains("Back-End") && current.contains("Engineer"),
                "{at}: the career path does not show the role itself: {current:?}"
            );
            assert!(
                s.text("String(document.documentElement.scrollWidth)")
                    .parse::<u32>()
                    .unwrap()
                    <= width,
                "{at}: the role page scrolls sideways"
            );
        }
    }
}

#[test]
fn home_navigation_and_404_speak_to_readers_and_say_what_is_true() {
    let Some(exe) = chromium_or_skip() else {
        return;
    };
    let mut s = Sample::start(&exe);
    for width in WIDTHS {
        s.view(width, "light");
        s.open("/");
        let h1 = s.text("document.querySelector('h1').innerText.trim()");
        let brand = s.text("document.querySelector('.brand-name').innerText.trim()");
        assert_ne!(h1, brand, "the hero repeats the site name");
        let hero = s.text("document.querySelector('.hero').innerText");
        assert!(
            !hero.contains("21 guides") && !hero.contains("21 roles"),
            "the hero repeats the counts: {hero}"
        );
        for way in [
            "Start from your question",
            "Start from a role",
            "Side-by-side comparisons",
        ] {
            assert!(
                s.text("document.querySelector('main').innerText")
                    .contains(way),
                "the home page has no way in called {way:?}"
            );
        }
        let nav = s.text("document.querySelector('.site-nav').textContent");
        assert!(
            !nav.contains("Contributing"),
            "a page for writers is in the readers' navigation: {nav}"
        );
        // On a phone the header keeps to a quarter of the screen: the navigation is one row
        // however many pages the site adds, and the page itself starts in the first screen.
        let header: f64 = s
            .text("String(document.querySelector('.site-header').getBoundingClientRect().height)")
            .parse()
            .unwrap();
        if width == 390 {
            assert!(
                header <= 225.0,
                "the header takes {header}px of 900 on a phone"
            );
        }
        s.open("/404.html");
        // Five of the 21 roles have a salary: the page must not promise one for each.
        let text = s.text("document.querySelector('main').innerText");
        assert!(
            !text.contains("with salaries"),
            "the 404 page says every role has a salary: {text}"
        );
    }
}

#[test]
fn search_forgives_typos_quotes_the_matching_text_and_ranks_titles_first() {
    let Some(exe) = chromium_or_skip() else {
        return;
    };
    let mut s = Sample::start(&exe);
    s.view(390, "light");
    let results = "[...document.querySelectorAll('.search-result')].map(r => r.querySelector('.search-result-link').getAttribute('href') + ' ' + (r.querySelector('.search-result-snippet') || {}).innerHTML).join('\\n')";
    let search = |s: &mut Sample, q: &str| -> Vec<String> {
        s.open(&format!("/search/?q={q}"));
        let context = s.context();
        s.cdp.wait_true(
            &format!("results for {q}"),
            "document.querySelectorAll('.search-result').length > 0",
            &|| context.clone(),
        );
        s.text(results).lines().map(str::to_string).collect()
    };
    let python = search(&mut s, "pyton");
    assert!(python[0].starts_with("/skills/python/"), "{python:#?}");
    let kube = search(&mut s, "kuberntes");
    assert!(kube[0].starts_with("/skills/kubernetes/"), "{kube:#?}");
    assert!(
        kube.iter().any(|r| r.contains("<mark>Kubernetes</mark>")),
        "the corrected word is marked: {kube:#?}"
    );
    // A role whose title matches comes before guides that mention it in passing.
    let analyst = search(&mut s, "data%20analyst");
    assert!(
        analyst[0].starts_with("/roles/data-analyst/"),
        "{analyst:#?}"
    );
    // The excerpt quotes the body where the words are, not the description.
    let tools = search(&mut s, "identical%20tool%20lists");
    assert!(
        tools.iter().any(
            |r| r.starts_with("/guides/devops-engineer-vs-platform-engineer-vs-sre/")
                && r.contains("<mark>identical</mark> <mark>tool</mark> <mark>lists</mark>")
        ),
        "{tools:#?}"
    );
}
