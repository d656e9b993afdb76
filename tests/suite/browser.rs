//! Live reload in a real browser: headless Chromium, driven over the DevTools protocol,
//! watches a page served by `careersite serve` while the test edits the guide's Markdown.
//! The test never navigates after the first load: every change must reach the page by
//! itself (a reload, or the error overlay).
//!
//! Without Chromium the test is skipped, unless `CAREERSITE_REQUIRE_BROWSER=1`.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

use crate::common;

use common::save_atomic;
use common::server::Server;

const STEP: Duration = Duration::from_secs(15);
/// Starting the server (a first build) and Chromium: slow on a loaded 2-core machine.
const START: Duration = Duration::from_secs(60);
const POLL: Duration = Duration::from_millis(50);

// ---------------------------------------------------------------------------------------
// Finding Chromium
// ---------------------------------------------------------------------------------------

fn chromium() -> Option<PathBuf> {
    let fixed = Path::new("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed.to_path_buf());
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("chromium"))
        .find(|p| p.is_file())
}

/// Chromium, or none after printing a skip line; with `CAREERSITE_REQUIRE_BROWSER=1` a
/// missing Chromium fails the test instead.
fn chromium_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        if std::env::var("CAREERSITE_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
            panic!(
                "CAREERSITE_REQUIRE_BROWSER=1 but chromium was not found at /usr/bin/chromium or on PATH (install the Debian package chromium)"
            );
        }
        println!("SKIP browser tests: chromium not found (install the Debian package chromium)");
    }
    found
}

// ---------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------

/// Headless Chromium in its own process group, with a throw-away profile; the whole group
/// is killed when dropped.
struct Browser {
    child: Child,
    profile: tempfile::TempDir,
    devtools_port: u16,
}

impl Browser {
    fn launch(exe: &Path) -> Browser {
        use std::os::unix::process::CommandExt;
        let profile = tempfile::tempdir().expect("profile dir");
        let log = std::fs::File::create(profile.path().join("chromium.log")).unwrap();
        let child = Command::new(exe)
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(["--remote-debugging-port=0", "about:blank"])
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", exe.display()));
        let mut browser = Browser {
            child,
            profile,
            devtools_port: 0,
        };
        let file = browser.profile.path().join("DevToolsActivePort");
        let start = Instant::now();
        loop {
            let port = std::fs::read_to_string(&file)
                .ok()
                .and_then(|t| t.lines().next().and_then(|l| l.trim().parse().ok()));
            if let Some(port) = port {
                browser.devtools_port = port;
                return browser;
            }
            if let Ok(Some(status)) = browser.child.try_wait() {
                panic!("chromium exited ({status}) at start\n{}", browser.log());
            }
            assert!(
                start.elapsed() < START,
                "chromium wrote no {} within {START:?}\n{}",
                file.display(),
                browser.log()
            );
            std::thread::sleep(POLL);
        }
    }

    fn log(&self) -> String {
        let text =
            std::fs::read_to_string(self.profile.path().join("chromium.log")).unwrap_or_default();
        // Without D-Bus in a container, Chromium logs many harmless dbus errors.
        let lines: Vec<&str> = text.lines().filter(|l| !l.contains("dbus")).collect();
        format!(
            "--- chromium log (last lines)\n{}",
            lines[lines.len().saturating_sub(30)..].join("\n")
        )
    }

    /// The DevTools WebSocket of the first page target.
    fn page_socket(&self) -> Cdp {
        let start = Instant::now();
        let url = loop {
            let common::server::Response { status, body, .. } =
                common::server::get(self.devtools_port, "/json/list");
            let targets: Vec<Value> = if status == 200 {
                serde_json::from_str(&body).unwrap_or_default()
            } else {
                Vec::new()
            };
            if let Some(url) = targets
                .iter()
                .find(|t| t["type"] == "page")
                .and_then(|t| t["webSocketDebuggerUrl"].as_str())
            {
                break url.to_string();
            }
            assert!(
                start.elapsed() < START,
                "no page target in /json/list ({status}):\n{body}\n{}",
                self.log()
            );
            std::thread::sleep(POLL);
        };
        let (mut ws, _) = tungstenite::connect(url.as_str())
            .unwrap_or_else(|e| panic!("cannot connect to {url}: {e}\n{}", self.log()));
        if let MaybeTlsStream::Plain(s) = ws.get_mut() {
            s.set_read_timeout(Some(Duration::from_millis(200)))
                .unwrap();
        }
        Cdp { ws, next_id: 0 }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // The browser's own process group (we made it its leader): renderers and helpers too.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------
// The DevTools protocol
// ---------------------------------------------------------------------------------------

struct Cdp {
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
}

impl Cdp {
    /// Sends a command and reads messages (skipping events) until its answer.
    fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let msg = json!({ "id": id, "method": method, "params": params });
        self.ws
            .send(Message::text(msg.to_string()))
            .map_err(|e| format!("send {method}: {e}"))?;
        let start = Instant::now();
        loop {
            match self.ws.read() {
                Ok(Message::Text(text)) => {
                    let v: Value = serde_json::from_str(text.as_str())
                        .map_err(|e| format!("bad DevTools message {text}: {e}"))?;
                    if v["id"] == id {
                        return match v.get("error") {
                            Some(e) => Err(format!("{method}: {e}")),
                            None => Ok(v["result"].clone()),
                        };
                    }
                }
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => return Err(format!("{method}: {e}")),
            }
            if start.elapsed() > Duration::from_secs(10) {
                return Err(format!("no answer to {method} within 10 s"));
            }
        }
    }

    /// Evaluates `expression` in the page and returns its value (an exception is an error,
    /// as is a page in the middle of reloading).
    fn eval(&mut self, expression: &str) -> Result<Value, String> {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        )?;
        if let Some(ex) = r.get("exceptionDetails") {
            return Err(format!("{expression}: {ex}"));
        }
        Ok(r["result"]["value"].clone())
    }

    /// Asserts that `expression` is `true` now.
    #[track_caller]
    fn assert_true(&mut self, expression: &str, what: &str) {
        assert_eq!(self.eval(expression).unwrap(), Value::Bool(true), "{what}");
    }

    /// Polls `expression` until it is `true`, or panics with `what` and the last state.
    fn wait_true(&mut self, what: &str, expression: &str, context: &dyn Fn() -> String) {
        let start = Instant::now();
        loop {
            let last = match self.eval(expression) {
                Ok(Value::Bool(true)) => return,
                Ok(v) => v.to_string(),
                Err(e) => e,
            };
            if start.elapsed() > STEP {
                let page = self
                    .eval("document.body ? document.body.innerText : '(no body)'")
                    .map(|v| v.to_string())
                    .unwrap_or_else(|e| e);
                panic!(
                    "timed out after {STEP:?} waiting for {what}\n`{expression}` last gave: {last}\npage text: {page}\n{}",
                    context()
                );
            }
            std::thread::sleep(POLL);
        }
    }
}

// ---------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------

fn guide(front_extra: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"Browser Guide\"\ndate: 2026-01-02\n{front_extra}skills: [git]\n---\n{body}\n"
    )
}

/// Records, for the test only, when the page's live-reload connection is open: changes
/// saved before that would be missed by a page that is still loading.
const SSE_HOOK: &str = r#"(function () {
  var Original = window.EventSource;
  if (!Original) return;
  window.__testEventsOpen = false;
  window.EventSource = function (url, options) {
    var es = new Original(url, options);
    es.addEventListener("open", function () { window.__testEventsOpen = true; });
    return es;
  };
  window.EventSource.prototype = Original.prototype;
})();"#;

const OVERLAY_TEXT: &str = "(function () { var o = document.getElementById('careersite-error-overlay'); return o ? o.textContent : null; })()";

#[test]
fn live_reload_and_the_error_overlay_in_chromium() {
    let Some(exe) = chromium_or_skip() else {
        return;
    };

    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let staging = tmp.path().join("staging");
    std::fs::create_dir_all(root.join("content/guides")).unwrap();
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Browser Test\"\nbase_url = \"https://browser.example.com\"\n",
    )
    .unwrap();
    let file = root.join("content/guides/browser-guide.md");
    let roles = "roles: [software-engineer]\n";
    std::fs::write(&file, guide(roles, "The first version of the body.")).unwrap();

    let server = Server::start(&root, &tmp.path().join("tmpdir"), &[]);
    let browser = Browser::launch(&exe);
    let mut cdp = browser.page_socket();
    let context = || format!("{}\n{}", server.logs(), browser.log());

    cdp.call("Page.enable", json!({})).unwrap();
    cdp.call(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": SSE_HOOK }),
    )
    .unwrap();
    let url = format!("http://127.0.0.1:{}/guides/browser-guide/", server.port);
    cdp.call("Page.navigate", json!({ "url": url }))
        .unwrap_or_else(|e| panic!("{e}\n{}", context()));
    let page_ready = format!(
        "location.href === {} && document.readyState === 'complete' && window.__testEventsOpen === true",
        serde_json::to_string(&url).unwrap()
    );
    cdp.wait_true("the guide page to load", &page_ready, &context);
    let h1 = cdp
        .eval("document.querySelector('h1').textContent.trim()")
        .unwrap();
    assert_eq!(h1, "Browser Guide", "{}", context());

    // 1. An edit: the page reloads itself.
    cdp.eval("window.__testNotReloaded = true").unwrap();
    save_atomic(
        &staging,
        &file,
        &guide(roles, "The first version of the body.\n\nBROWSER-EDIT-1"),
    );
    cdp.wait_true(
        "the page to show BROWSER-EDIT-1",
        "document.body.innerText.includes('BROWSER-EDIT-1')",
        &context,
    );
    cdp.assert_true(
        "window.__testNotReloaded === undefined",
        "the new text appeared without a reload",
    );
    cdp.wait_true("the reloaded page to listen again", &page_ready, &context);

    // 2. A broken save: the overlay shows the error over the last good page, no reload.
    cdp.eval("window.__testNotReloaded = true").unwrap();
    save_atomic(
        &staging,
        &file,
        &guide("rolse: [software-engineer]\n", "BROKEN-TEXT-NEVER-SHOWN"),
    );
    cdp.wait_true(
        "the error overlay naming browser-guide.md",
        &format!("({OVERLAY_TEXT} || '').includes('browser-guide.md')"),
        &context,
    );
    let overlay = cdp.eval(OVERLAY_TEXT).unwrap();
    let overlay = overlay.as_str().unwrap_or_default();
    assert!(
        overlay.contains("content/guides/browser-guide.md:4:1")
            && overlay.contains("did you mean `roles`?"),
        "overlay text: {overlay}"
    );
    let body = cdp.eval("document.body.innerText").unwrap();
    let body = body.as_str().unwrap_or_default();
    assert!(
        body.contains("BROWSER-EDIT-1"),
        "the last good page is gone: {body}"
    );
    assert!(!body.contains("BROKEN-TEXT-NEVER-SHOWN"));
    cdp.assert_true(
        "window.__testNotReloaded === true",
        "the page reloaded on an error instead of showing the overlay",
    );

    // 3. The fix: the page reloads, the overlay is gone and the new text shows.
    save_atomic(
        &staging,
        &file,
        &guide(roles, "The first version of the body.\n\nBROWSER-EDIT-2"),
    );
    cdp.wait_true(
        "the overlay to go and BROWSER-EDIT-2 to show",
        "document.getElementById('careersite-error-overlay') === null && document.body.innerText.includes('BROWSER-EDIT-2')",
        &context,
    );
    cdp.assert_true(
        "window.__careersiteError === undefined",
        "the fixed page still carries the error",
    );
    assert_eq!(
        cdp.eval("document.querySelector('h1').textContent.trim()")
            .unwrap(),
        "Browser Guide"
    );
}

/// Every page of the bundled sample site, at a phone's width (390 CSS pixels), fits the
/// screen: wide tables and drawings scroll inside their own boxes, never the whole page.
#[test]
fn every_sample_page_fits_a_phone_screen() {
    let Some(exe) = chromium_or_skip() else {
        return;
    };
    // `serve` builds into a temporary folder: the repository is only read.
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(Path::new(env!("CARGO_MANIFEST_DIR")), tmp.path(), &[]);
    let browser = Browser::launch(&exe);
    let mut cdp = browser.page_socket();
    let context = || format!("{}\n{}", server.logs(), browser.log());
    cdp.call(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true }),
    )
    .unwrap();
    let common::server::Response {
        status,
        body: sitemap,
        ..
    } = server.get("/sitemap.xml");
    assert_eq!(status, 200, "{}", context());
    let paths: Vec<String> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split("</loc>").next())
        .filter_map(|loc| loc.find("://").map(|i| &loc[i + 3..]))
        .filter_map(|rest| rest.find('/').map(|i| rest[i..].to_string()))
        .collect();
    assert!(
        paths.len() > 50,
        "the sitemap lists the sample site: {paths:?}"
    );
    let mut too_wide = Vec::new();
    for path in &paths {
        let url = format!("http://127.0.0.1:{}{path}", server.port);
        cdp.call("Page.navigate", json!({ "url": url })).unwrap();
        let ready = format!(
            "location.href === {} && document.readyState === 'complete'",
            serde_json::to_string(&url).unwrap()
        );
        cdp.wait_true(&format!("{path} to load"), &ready, &context);
        let width = cdp
            .eval("document.documentElement.scrollWidth")
            .unwrap()
            .as_u64()
            .unwrap();
        if width > 390 {
            too_wide.push(format!("{path}: {width}px"));
        }
    }
    assert!(
        too_wide.is_empty(),
        "pages wider than a 390px phone screen (they scroll sideways):\n{}",
        too_wide.join("\n")
    );
}

#[path = "browser/career_map.rs"]
mod career_map;
#[path = "browser/theme.rs"]
mod theme;
