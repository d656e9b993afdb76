//! The preview server (`careersite serve`) seen from outside, as a browser or a curious
//! client sees it: the real binary on a small site in a temporary folder, spoken to over a
//! raw HTTP/1.1 socket so that request paths reach the server exactly as written.
//!
//! Every wait is a poll with a deadline; nothing asserts after a fixed sleep.

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::server::{Server, drain, request};
use common::{Site, sel};

/// What the server adds to HTML while the last rebuild failed. (The live-reload script
/// itself always mentions `window.__careersiteError`; only the assignment is the error.)
const ERROR_MARK: &str = "window.__careersiteError=";

/// A comment that only `site.toml` holds: it must never come back over HTTP.
const SECRET_CONFIG: &str = "SECRET-CONFIG-5d1c9e";
/// A file beside the server's temporary output folder, reachable by `../` if anything is.
const SECRET_TMP: &str = "SECRET-TMP-8a2f41";

// ---------------------------------------------------------------------------------------
// A test site
// ---------------------------------------------------------------------------------------

fn guide(title: &str, date: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: {date}\nroles: [software-engineer]\nskills: [git]\n---\n{body}\n"
    )
}

/// A site in its own temporary folder: `<tmp>/site` is the root and `<tmp>/tmp` the
/// server's TMPDIR (so its output folder lies at a known place), with a secret beside it.
fn test_site() -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        format!(
            "# {SECRET_CONFIG}: this comment exists only in site.toml\n\
             title = \"Serve Test\"\n\
             base_url = \"https://serve.example.com\"\n\
             description = \"A site for the preview server tests\"\n"
        ),
    );
    site.write(
        "content/guides/alpha.md",
        guide(
            "Alpha Guide",
            "2026-01-02",
            "Alpha body text, first version.",
        ),
    );
    site.write(
        "content/guides/beta.md",
        guide("Beta Guide", "2026-01-01", "Beta body text."),
    );
    site.write("static/files/readme.txt", "a static file\n");
    std::fs::create_dir_all(site.tmp().join("tmp")).unwrap();
    std::fs::write(site.tmp().join("tmp/secret.txt"), SECRET_TMP).unwrap();
    site
}

// ---------------------------------------------------------------------------------------
// 1. Clean URLs, headers and the injected script
// ---------------------------------------------------------------------------------------

#[test]
fn clean_urls_headers_and_the_live_reload_script() {
    let site = test_site();
    let server = site.serve();

    let page = server.get("/guides/alpha/");
    assert_eq!(page.status, 200, "{page:?}");
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert_eq!(page.h1(), "Alpha Guide");
    assert!(page.body.contains("Alpha body text, first version."));
    assert!(
        page.body.contains("EventSource(\"/__careersite/events\")"),
        "no live-reload script in the served page:\n{}",
        page.body
    );
    assert!(
        !page.body.contains(ERROR_MARK),
        "an error is shown though the build succeeded"
    );
    // The script goes inside the document, before `</body>`.
    let script_at = page.body.find("EventSource").unwrap();
    let body_end = page.body.to_ascii_lowercase().rfind("</body>").unwrap();
    assert!(script_at < body_end, "the script is after </body>");

    // The home page and a HEAD request.
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("EventSource"));
    let head = request(
        server.port,
        "HEAD /guides/alpha/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD answered with a body");
    assert_eq!(
        head.header("content-length"),
        Some(page.body.len().to_string().as_str()),
        "HEAD and GET disagree on the length"
    );

    // A folder without its trailing slash redirects to it.
    let redirect = server.get("/guides/alpha");
    assert_eq!(redirect.status, 301, "{redirect:?}");
    assert_eq!(redirect.header("location"), Some("/guides/alpha/"));
    let redirect = server.get("/guides");
    assert_eq!(redirect.status, 301, "{redirect:?}");
    assert_eq!(redirect.header("location"), Some("/guides/"));

    // The stylesheet, by the (fingerprinted) address the page links to, and bare.
    let css_href = page
        .html()
        .select(&sel(r#"link[rel="stylesheet"]"#))
        .next()
        .and_then(|l| l.value().attr("href").map(str::to_string))
        .expect("the page links a stylesheet");
    let css_path = css_href
        .strip_prefix(&format!("http://127.0.0.1:{}", server.port))
        .unwrap_or(&css_href)
        .to_string();
    assert!(css_path.starts_with("/style.css"), "{css_href}");
    for path in [css_path.as_str(), "/style.css"] {
        let css = server.get(path);
        assert_served(&css, 200, "text/css; charset=utf-8", path);
        assert_eq!(css.header("cache-control"), Some("no-store"));
        assert!(
            !css.body.contains("EventSource"),
            "script injected into CSS"
        );
        assert!(css.body.contains('{'), "{path} is not a stylesheet");
    }

    // A static file is served as is.
    let txt = server.get("/files/readme.txt");
    assert_eq!(txt.status, 200);
    assert_eq!(
        txt.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(txt.body, "a static file\n");

    // The script is added to responses only: not in the server's output folder...
    let out = server.output();
    let served_files = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .collect::<Vec<_>>();
    assert!(
        served_files.len() > 5,
        "expected a built site in {}",
        out.display()
    );
    for entry in &served_files {
        let bytes = std::fs::read(entry.path()).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("EventSource"),
            "the live-reload script was written to {}",
            entry.path().display()
        );
    }
    // ...nor anywhere in what `build` writes from the same site.
    let build_out = site.tmp().join("build-out");
    common::run_in(
        site.tmp(),
        &[
            "build",
            "--root",
            site.root.to_str().unwrap(),
            "--output",
            build_out.to_str().unwrap(),
        ],
    )
    .assert_code(0);
    let mut html_files = 0;
    for entry in walkdir::WalkDir::new(&build_out) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
        html_files += usize::from(entry.path().extension().is_some_and(|e| e == "html"));
        assert!(
            !text.contains("EventSource") && !text.contains("__careersite"),
            "`build` wrote the preview script into {}",
            entry.path().display()
        );
    }
    assert!(
        html_files > 3,
        "the build wrote only {html_files} HTML files"
    );
}

// ---------------------------------------------------------------------------------------
// 2. Unknown paths and folders
// ---------------------------------------------------------------------------------------

#[test]
fn unknown_paths_get_the_404_page_and_folders_are_never_listed() {
    let site = test_site();
    let server = site.serve();

    for path in [
        "/no-such-page/",
        "/guides/no-such-guide/",
        "/nope.html",
        "/files/",
    ] {
        let r = server.get(path);
        assert_served(&r, 404, "text/html; charset=utf-8", path);
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
        assert_eq!(r.h1(), "Page not found", "{path}: not the site's 404 page");
        assert!(
            r.body.contains("EventSource"),
            "{path}: the 404 page has no live reload"
        );
        assert!(
            !r.body.contains("Index of") && !r.body.contains("readme.txt"),
            "{path}: looks like a folder listing:\n{}",
            r.body
        );
    }

    // `/guides/` is the guides list page of the site.
    let list = server.get("/guides/");
    assert_eq!(list.status, 200, "{list:?}");
    assert_eq!(
        list.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let h1 = list.h1();
    assert!(!h1.is_empty() && h1 != "Page not found", "h1 {h1:?}");
    assert!(!list.body.contains("Index of"));
    assert!(list.links_to("/guides/alpha/"), "{:?}", list.hrefs());
    assert!(list.links_to("/guides/beta/"), "{:?}", list.hrefs());
    // The guides folder on disk holds `alpha/`, `beta/` and `index.html`: a listing
    // would show the file name.
    assert!(!list.body.contains("index.html"));

    // A method other than GET and HEAD.
    let post = request(
        server.port,
        "POST /guides/alpha/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    assert_eq!(post.status, 405, "{post:?}");
}

// ---------------------------------------------------------------------------------------
// 3. Nothing outside the output folder
// ---------------------------------------------------------------------------------------

#[test]
fn traversal_and_hidden_files_are_refused() {
    let site = test_site();
    let server = site.serve();
    // The output folder is `<tmp>/tmp/careersite-serve-XXXX/site`: `../../secret.txt` and
    // `../../../site/site.toml` are real files there, so a server that followed `..`
    // would serve them.
    let out = server.output();
    assert!(out.join("../../secret.txt").is_file());
    assert!(out.join("../../../site/site.toml").is_file());

    let mut paths: Vec<String> = [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/site.toml",
        "/guides/%2e%2e/%2e%2e/site.toml",
        "/..%2fsite.toml",
        "/..%2Fsite.toml",
        "/.careersite-output",
        "/%2ecareersite-output",
        "/guides/../../site.toml",
        "/..\\site.toml",
        "/%5c..%5csite.toml",
        "/%00/site.toml",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for target in ["secret.txt", "site/site.toml"] {
        for depth in 1..=4 {
            paths.push(format!("/{}{target}", "../".repeat(depth)));
            paths.push(format!("/{}{target}", "%2e%2e/".repeat(depth)));
            paths.push(format!("/{}{target}", "..%2f".repeat(depth)));
            paths.push(format!("/guides/{}{target}", "%2e%2e%2f".repeat(depth + 1)));
        }
    }
    for path in &paths {
        let r = server.get(path);
        assert!(
            matches!(r.status, 400 | 404),
            "{path}: expected 400 or 404, got {}:\n{}",
            r.status,
            r.body
        );
        assert!(
            !r.body.contains(SECRET_CONFIG) && !r.body.contains(SECRET_TMP),
            "{path}: served a file from outside the output:\n{}",
            r.body
        );
        assert!(!r.body.contains("base_url"), "{path}: served site.toml");
    }

    // The marker file really is in the output; it is refused because it is hidden.
    assert!(out.join(".careersite-output").exists());
    assert_eq!(server.get("/.careersite-output").status, 404);

    // Absolute-form requests are for proxies.
    for raw in [
        "GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n",
        "GET http://127.0.0.1/../site.toml HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    ] {
        let r = request(server.port, raw).unwrap();
        assert_eq!(r.status, 400, "{raw:?}: {r:?}");
        assert!(!r.body.contains(SECRET_CONFIG));
    }

    // Over-long paths.
    let long = format!("/{}", "a".repeat(3000));
    let r = server.get(&long);
    assert_eq!(r.status, 414, "{r:?}");
    let long = format!("/guides/{}site.toml", "../".repeat(1000));
    let r = server.get(&long);
    assert_eq!(r.status, 414, "{r:?}");

    // The server is still fine afterwards.
    assert_eq!(server.get("/guides/alpha/").status, 200);
}

// ---------------------------------------------------------------------------------------
// 4. Edit, create, rename, delete
// ---------------------------------------------------------------------------------------

#[test]
fn editing_a_guide_changes_its_page() {
    let site = test_site();
    let server = site.serve();
    let before = server.get("/guides/alpha/");
    assert!(before.body.contains("Alpha body text, first version."));

    site.write(
        "content/guides/alpha.md",
        guide("Alpha Guide", "2026-01-02", "Alpha body text, EDITED-7731."),
    );
    let after = server.wait_for_page("/guides/alpha/", 200, "EDITED-7731");
    assert!(!after.body.contains("first version"));
    assert_eq!(after.h1(), "Alpha Guide");

    // A new title reaches the guide's <h1> and the list.
    site.write(
        "content/guides/alpha.md",
        guide(
            "Alpha Renamed Title",
            "2026-01-02",
            "Alpha body text, EDITED-7731.",
        ),
    );
    let after = server.wait_for_page("/guides/alpha/", 200, "Alpha Renamed Title");
    assert_eq!(after.h1(), "Alpha Renamed Title");
    server.wait_for_page("/guides/", 200, "Alpha Renamed Title");
    server.wait_for_output(true, "rebuilt after content/guides/alpha.md changed:");
}

#[test]
fn a_new_guide_appears_with_its_page_and_in_the_list() {
    let site = test_site();
    let server = site.serve();
    assert_eq!(server.get("/guides/gamma/").status, 404);
    assert!(!server.get("/guides/").links_to("/guides/gamma/"));

    site.save_atomic(
        "content/guides/gamma.md",
        &guide("Gamma Guide", "2026-01-03", "Gamma is brand new."),
    );
    let page = server.wait_for_page("/guides/gamma/", 200, "Gamma is brand new.");
    assert_eq!(page.h1(), "Gamma Guide");
    let list = server.wait_for("the guides list to link gamma", || {
        let list = server.get("/guides/");
        if list.links_to("/guides/gamma/") {
            Ok(list)
        } else {
            Err(format!("{:?}", list.hrefs()))
        }
    });
    assert!(list.body.contains("Gamma Guide"));
    assert!(list.links_to("/guides/alpha/") && list.links_to("/guides/beta/"));
}

#[test]
fn renaming_a_guide_file_moves_its_page() {
    let site = test_site();
    let server = site.serve();
    assert_eq!(server.get("/guides/beta/").status, 200);

    std::fs::rename(
        site.root.join("content/guides/beta.md"),
        site.root.join("content/guides/beta-renamed.md"),
    )
    .unwrap();
    let page = server.wait_for_page("/guides/beta-renamed/", 200, "Beta body text.");
    assert_eq!(page.h1(), "Beta Guide");
    let old = server.wait_for_status("/guides/beta/", 404);
    assert_eq!(old.h1(), "Page not found");
    let list = server.wait_for("the list to follow the rename", || {
        let list = server.get("/guides/");
        if list.links_to("/guides/beta-renamed/") && !list.links_to("/guides/beta/") {
            Ok(list)
        } else {
            Err(format!("{:?}", list.hrefs()))
        }
    });
    assert!(list.links_to("/guides/alpha/"));
}

#[test]
fn deleting_a_guide_removes_its_page() {
    let site = test_site();
    let server = site.serve();
    assert_eq!(server.get("/guides/beta/").status, 200);

    std::fs::remove_file(site.root.join("content/guides/beta.md")).unwrap();
    let gone = server.wait_for_status("/guides/beta/", 404);
    assert_eq!(gone.h1(), "Page not found");
    server.wait_for("the list to drop beta", || {
        let list = server.get("/guides/");
        if !list.links_to("/guides/beta/") && list.links_to("/guides/alpha/") {
            Ok(())
        } else {
            Err(format!("{:?}", list.hrefs()))
        }
    });
    assert!(!server.output().join("guides/beta").exists());
    assert_eq!(server.get("/guides/alpha/").status, 200);
}

// ---------------------------------------------------------------------------------------
// 5. A broken edit, then the fix
// ---------------------------------------------------------------------------------------

/// A raw connection to the event stream, read on a thread into a shared string.
struct EventStream {
    text: Arc<Mutex<String>>,
    stream: TcpStream,
}

impl EventStream {
    /// Connects and waits for the response head, so the server has subscribed this
    /// client before the test changes anything.
    fn open(port: u16) -> EventStream {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .write_all(
                b"GET /__careersite/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n",
            )
            .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut head = String::new();
        loop {
            let mut line = String::new();
            let n = reader
                .read_line(&mut line)
                .expect("the event stream's head");
            assert!(n > 0, "the event stream closed before its head:\n{head}");
            if line == "\r\n" {
                break;
            }
            head.push_str(&line);
        }
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        let lower = head.to_ascii_lowercase();
        assert!(lower.contains("content-type: text/event-stream"), "{head}");
        assert!(lower.contains("cache-control: no-store"), "{head}");
        stream.set_read_timeout(None).unwrap();
        let text = Arc::new(Mutex::new(String::new()));
        drain(reader, text.clone());
        EventStream { text, stream }
    }

    /// Waits for an event of the type given.
    fn wait_for(&self, server: &Server, kind: &str) {
        server.wait_for(&format!("a {kind} event"), || {
            let all = self.events();
            if all.iter().any(|e| e["type"] == kind) {
                Ok(())
            } else {
                Err(format!("{all:?}"))
            }
        })
    }

    /// The JSON payloads of the `data:` lines received so far.
    fn events(&self) -> Vec<serde_json::Value> {
        self.text
            .lock()
            .unwrap()
            .lines()
            .filter_map(|l| l.strip_prefix("data:"))
            .filter_map(|d| serde_json::from_str(d.trim()).ok())
            .collect()
    }
}

impl Drop for EventStream {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(std::net::Shutdown::Both);
    }
}

#[test]
fn a_broken_edit_keeps_the_last_good_page_and_shows_the_error() {
    let site = test_site();
    let server = site.serve();
    let events = EventStream::open(server.port);
    let good = server.get("/guides/alpha/");
    assert!(good.body.contains("Alpha body text, first version."));
    assert!(!good.body.contains(ERROR_MARK));

    // `rolse:` for `roles:`, and a new body that must not be served.
    site.save_atomic(
        "content/guides/alpha.md",
        "---\ntitle: \"Alpha Guide\"\ndate: 2026-01-02\nrolse: [software-engineer]\nskills: [git]\n---\nBROKEN-BODY-4410\n",
    );
    let broken = server.wait_for_page("/guides/alpha/", 200, ERROR_MARK);
    assert!(
        broken.body.contains("Alpha body text, first version."),
        "the last good page is not served:\n{}",
        broken.body
    );
    assert!(!broken.body.contains("BROKEN-BODY-4410"));
    assert_eq!(broken.h1(), "Alpha Guide");
    let error_script = broken
        .html()
        .select(&sel("script"))
        .map(|s| s.inner_html())
        .find(|s| s.contains("window.__careersiteError="))
        .expect("a script setting window.__careersiteError");
    let json = error_script
        .trim()
        .strip_prefix("window.__careersiteError=")
        .and_then(|s| s.strip_suffix(';'))
        .unwrap_or_else(|| panic!("unexpected error script: {error_script}"));
    let error_text: String = serde_json::from_str(json).expect("the error is a JSON string");
    assert!(
        error_text.contains("content/guides/alpha.md:4:1")
            && error_text.contains("unknown key `rolse`")
            && error_text.contains("did you mean `roles`?"),
        "error text: {error_text}"
    );
    // Every HTML page carries the error meanwhile, the 404 page too; CSS does not.
    for (path, status) in [("/", 200), ("/guides/beta/", 200), ("/missing/", 404)] {
        let r = server.get(path);
        assert_eq!(r.status, status, "{path}");
        assert!(
            r.body.contains(ERROR_MARK),
            "{path} does not show the error"
        );
    }
    assert!(!server.get("/style.css").body.contains(ERROR_MARK));

    // The terminal shows it, as `error: file:line:col: ...`.
    server.wait_for("stderr to show the error", || {
        let err = server.stderr();
        if err
            .lines()
            .any(|l| l == "error: content/guides/alpha.md:4:1: unknown key `rolse`")
            && err.contains("unknown key `rolse`\n  hint: did you mean `roles`?")
        {
            Ok(())
        } else {
            Err(err)
        }
    });

    // The event stream said so.
    let error_event = server.wait_for("an error event", || {
        let all = events.events();
        all.iter()
            .find(|e| e["type"] == "error")
            .cloned()
            .ok_or_else(|| format!("{all:?}"))
    });
    let text = error_event["text"].as_str().expect("error text");
    assert!(
        text.contains("content/guides/alpha.md") && text.contains("did you mean"),
        "{text}"
    );

    // Fixed, with new text.
    site.save_atomic(
        "content/guides/alpha.md",
        &guide(
            "Alpha Guide",
            "2026-01-02",
            "FIXED-BODY-9921 after the error.",
        ),
    );
    let fixed = wait_for_fixed(&server, "/guides/alpha/", "FIXED-BODY-9921");
    assert!(!fixed.body.contains("first version"));
    assert!(!server.get("/").body.contains(ERROR_MARK));
    assert!(!server.get("/missing/").body.contains(ERROR_MARK));

    // A reload follows the error on the event stream.
    server.wait_for("a reload event after the error", || {
        let all = events.events();
        let error_at = all.iter().position(|e| e["type"] == "error");
        let reload_at = all.iter().rposition(|e| e["type"] == "reload");
        match (error_at, reload_at) {
            (Some(e), Some(r)) if r > e => Ok(()),
            _ => Err(format!("{all:?}")),
        }
    });
}

// ---------------------------------------------------------------------------------------
// 6. A taken port
// ---------------------------------------------------------------------------------------

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let site = test_site();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let server = Server::start_on(&site.root, &site.tmp().join("tmp"), &port.to_string(), &[]);

    let out = server.stdout();
    let prefix = format!("port {port} is taken; using ");
    let line = out
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no {prefix:?} line\n{}", server.logs()));
    let used: u16 = line[prefix.len()..]
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("bad line {line:?}"));
    assert!(used > port, "{line}");
    assert_eq!(
        server.port, used,
        "served on another port than it said\n{out}"
    );
    let page = server.get("/guides/alpha/");
    assert_eq!(page.status, 200);
    assert_eq!(page.h1(), "Alpha Guide");
    // The page's own links name the port actually used.
    assert!(
        page.body.contains(&format!("http://127.0.0.1:{used}/")),
        "the base URL does not name port {used}"
    );
    drop(taken);
}

// ---------------------------------------------------------------------------------------
// More of the event stream, and of the error display
// ---------------------------------------------------------------------------------------

#[test]
fn a_stylesheet_only_change_sends_a_css_event() {
    let site = test_site();
    site.write("static/extra.css", "body { color: red; }\n");
    let server = site.serve();
    let events = EventStream::open(server.port);
    assert!(server.get("/extra.css").body.contains("red"));

    site.save_atomic("static/extra.css", "body { color: rebeccapurple; }\n");
    let css = server.wait_for_page("/extra.css", 200, "rebeccapurple");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    events.wait_for(&server, "css");
    assert!(
        !events.events().iter().any(|e| e["type"] == "reload"),
        "a stylesheet-only change asked for a full reload: {:?}",
        events.events()
    );

    // A guide change is a full reload.
    site.save_atomic(
        "content/guides/alpha.md",
        &guide("Alpha Guide", "2026-01-02", "Alpha body, RELOAD-5520."),
    );
    server.wait_for_page("/guides/alpha/", 200, "RELOAD-5520");
    events.wait_for(&server, "reload");
}

/// Asserts a response's status and content type; `what` names the request.
#[track_caller]
fn assert_served(r: &common::server::Response, status: u16, content_type: &str, what: &str) {
    assert_eq!(r.status, status, "{what}: {r:?}");
    assert_eq!(r.header("content-type"), Some(content_type), "{what}");
}

/// Waits for `path` to show `needle` without the error. The fixed page is on disk a moment
/// before the server hears that the build succeeded, so for that moment it is served
/// with the last error still set; polling every 20 ms sees that window.
fn wait_for_fixed(server: &Server, path: &str, needle: &str) -> common::server::Response {
    server.wait_for(
        &format!("{path} to show {needle:?} without the error"),
        || {
            let r = server.get(path);
            if r.status == 200 && r.body.contains(needle) && !r.body.contains(ERROR_MARK) {
                Ok(r)
            } else {
                Err(format!("status {}, body:\n{}", r.status, r.body))
            }
        },
    )
}

/// A site whose only guide is broken from the start: `serve` still starts.
fn broken_from_the_start() -> Site {
    let site = test_site();
    site.write(
        "content/guides/alpha.md",
        "---\ntitle: \"Alpha Guide\"\ndate: 2026-01-02\nrolse: [software-engineer]\n---\nAlpha.\n",
    );
    site
}

#[test]
fn a_site_broken_at_start_is_served_once_fixed() {
    let site = broken_from_the_start();
    let server = site.serve();
    server.wait_for_output(
        false,
        "error: content/guides/alpha.md:4:1: unknown key `rolse`",
    );
    assert_ne!(server.get("/guides/alpha/").status, 200);

    site.save_atomic(
        "content/guides/alpha.md",
        &guide("Alpha Guide", "2026-01-02", "FIXED-AT-LAST-3307."),
    );
    let page = wait_for_fixed(&server, "/guides/alpha/", "FIXED-AT-LAST-3307");
    assert!(page.body.contains("EventSource"));
}

#[test]
fn a_site_broken_at_start_shows_its_error_in_the_browser() {
    let site = broken_from_the_start();
    let server = site.serve();
    let home = server.get("/");
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8"),
        "{home:?}"
    );
    assert!(
        home.body.contains(ERROR_MARK),
        "no error shown:\n{}",
        home.body
    );
    assert!(home.body.contains("did you mean `roles`?"), "{}", home.body);
    assert!(
        home.body.contains("EventSource"),
        "no live reload:\n{}",
        home.body
    );
}

// ---------------------------------------------------------------------------------------
// Redirects stay on this server and keep the query
// ---------------------------------------------------------------------------------------

#[test]
fn redirects_never_leave_the_server() {
    let site = test_site();
    let server = site.serve();
    for path in ["//guides", "//guides/alpha", "///guides"] {
        let r = server.get(path);
        if r.status == 301 {
            let location = r.header("location").unwrap_or_default();
            assert!(
                location.starts_with('/') && !location.starts_with("//"),
                "{path} redirects off the server to {location:?}"
            );
        }
    }
}

#[test]
fn the_trailing_slash_redirect_keeps_the_query() {
    let site = test_site();
    let server = site.serve();
    let r = server.get("/guides/alpha?from=list");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some("/guides/alpha/?from=list"));
    let r = server.get("/guides?q=git&page=2");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some("/guides/?q=git&page=2"));
}
