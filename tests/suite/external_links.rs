//! `check --external` against a small HTTP server on loopback, started inside each test:
//! never the internet. The server answers by path (200, 301 to 200, 404, 500 once then
//! 200, 405 to HEAD, too slow, busy) and counts what it was asked and how many requests
//! it held at once, so the tests see what the checker did, not only what it printed.

use crate::common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{Run, Site, diagnostics};

/// What the server saw.
#[derive(Default)]
struct Seen {
    /// Requests by `METHOD /path`.
    requests: Mutex<HashMap<String, usize>>,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
}

struct Server {
    port: u16,
    seen: Arc<Seen>,
    stop: Arc<AtomicBool>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Seen::default());
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (seen.clone(), stop.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if st.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let s = s.clone();
                std::thread::spawn(move || answer(stream, &s));
            }
        });
        Server { port, seen, stop }
    }

    fn asked(&self, request: &str) -> usize {
        let requests = self.seen.requests.lock().unwrap();
        requests.get(request).copied().unwrap_or(0)
    }

    fn total(&self) -> usize {
        self.seen.requests.lock().unwrap().values().sum()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag and ends.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// Reads one request and answers it by its path.
fn answer(stream: TcpStream, seen: &Seen) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(&stream);
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() || first.is_empty() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(n) if n > 0 && line != "\r\n" => {}
            _ => break,
        }
    }
    let mut words = first.split_whitespace();
    let (method, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let key = format!("{method} {path}");
    let times = {
        let mut requests = seen.requests.lock().unwrap();
        let n = requests.entry(key).or_default();
        *n += 1;
        *n
    };
    // Counted from the request to just before the answer: a client's next request can
    // only follow the answer, so this never counts one request of the client's twice.
    let now = seen.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    seen.most_in_flight.fetch_max(now, Ordering::SeqCst);
    let (status, extra) = match path {
        "/ok" => ("200 OK", ""),
        "/moved" => ("301 Moved Permanently", "Location: /ok\r\n"),
        "/flaky" if times == 1 => ("500 Internal Server Error", ""),
        "/flaky" => ("200 OK", ""),
        "/no-head" if method == "HEAD" => ("405 Method Not Allowed", ""),
        "/no-head" => ("200 OK", ""),
        "/slow" => {
            std::thread::sleep(Duration::from_millis(1500));
            ("200 OK", "")
        }
        p if p.starts_with("/busy/") => {
            std::thread::sleep(Duration::from_millis(150));
            ("200 OK", "")
        }
        _ => ("404 Not Found", ""),
    };
    seen.in_flight.fetch_sub(1, Ordering::SeqCst);
    let body = if method == "HEAD" { "" } else { "hello" };
    let _ = write!(
        &stream,
        "HTTP/1.1 {status}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

/// The fixture with the server's port written into its links and settings.
fn site_for(server: &Server) -> Site {
    let site = Site::new("external");
    for rel in [
        "site.toml",
        "content/guides/reading.md",
        "content/guides/again.md",
    ] {
        let text = site.read(rel).replace("PORT", &server.port.to_string());
        site.write(rel, text);
    }
    site
}

/// `careersite check --root <site> <args>`, with any proxy settings of the machine left
/// out: the server is on loopback.
fn check(site: &Site, args: &[&str]) -> Run {
    let root = site.root.to_str().unwrap();
    let mut all = vec!["check", "--root", root];
    all.extend_from_slice(args);
    common::run_with_env(
        site.tmp(),
        &all,
        &[
            ("NO_PROXY", "*"),
            ("no_proxy", "*"),
            ("ALL_PROXY", ""),
            ("HTTP_PROXY", ""),
        ],
    )
}

#[test]
fn broken_links_are_errors_where_written_and_the_rest_pass() {
    let server = Server::start();
    let site = site_for(&server);
    let run = check(&site, &["--external"]);
    run.assert_code(1);
    let port = server.port;
    assert_eq!(
        run.error_lines(),
        [format!(
            "error: content/guides/again.md:6:26: `http://127.0.0.1:{port}/missing` is broken: the server answers 404 Not Found\n  \
             hint: also linked from content/guides/reading.md:10:3; fix or remove the link; if it works in a browser, \
             the server may refuse checkers: add its start to `[link_checker] skip_prefixes`"
        )],
        "{}",
        run.stderr
    );
    let warnings = diagnostics(&run.stderr, "warning: ");
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(
        warnings[0].starts_with(&format!(
            "warning: content/guides/reading.md:13:3: `http://127.0.0.1:{port}/slow` did not answer within 0.4 s\n"
        )),
        "{}",
        warnings[0]
    );
    run.assert_stderr_contains("check failed: 1 broken external link");
    assert!(
        run.stdout
            .contains("checked 6 external links on 1 host (0 from the cache) in ")
            && run.stdout.contains(": 1 broken, 1 warning, 1 skipped"),
        "{}",
        run.stdout
    );
    // The redirect was followed; the 500 was tried again and passed; HEAD refused, GET asked.
    assert_eq!(server.asked("HEAD /moved"), 1);
    assert_eq!(server.asked("HEAD /ok"), 2);
    assert_eq!(server.asked("HEAD /flaky"), 2);
    assert_eq!(server.asked("GET /no-head"), 1);
    // Tried once more after the first timeout (`retries = 1`).
    assert_eq!(server.asked("HEAD /slow"), 2);
    // Skipped by `skip_prefixes`; the fragment never reaches the server.
    assert_eq!(server.asked("HEAD /skipped/page"), 0);
    assert_eq!(server.asked("HEAD /missing"), 1);
}

#[test]
fn a_second_run_takes_what_worked_from_the_cache_and_asks_again_about_the_rest() {
    let server = Server::start();
    let site = site_for(&server);
    check(&site, &["--external"]).assert_code(1);
    let first = server.total();
    let cache = site.read(".careersite-cache/external-links.json");
    assert!(cache.contains(&format!("http://127.0.0.1:{}/ok", server.port)));
    assert_eq!(
        site.read(".careersite-cache/.gitignore").lines().last(),
        Some("*")
    );

    let run = check(&site, &["--external"]);
    run.assert_code(1);
    assert!(run.stdout.contains("(4 from the cache)"), "{}", run.stdout);
    // Only the broken and the slow link are asked about again (`/ok` was asked twice:
    // once itself, once at the end of `/moved`'s redirect).
    assert_eq!(server.asked("HEAD /ok"), 2);
    assert_eq!(server.asked("HEAD /moved"), 1);
    assert_eq!(server.asked("HEAD /missing"), 2);
    assert_eq!(server.asked("HEAD /slow"), 4);
    assert_eq!(server.total(), first + 3);

    // `cache_max_age = "0"` turns the cache off: everything is asked again.
    let settings = site.read("site.toml") + "cache_max_age = \"0\"\n";
    site.write("site.toml", settings);
    let run = check(&site, &["--external"]);
    assert!(run.stdout.contains("(0 from the cache)"), "{}", run.stdout);
    assert_eq!(server.asked("HEAD /ok"), 4);
}

#[test]
fn a_link_that_does_not_answer_in_time_is_a_warning_and_fails_only_strict() {
    let server = Server::start();
    let site = site_for(&server);
    let port = server.port;
    site.write(
        "content/guides/reading.md",
        format!(
            "---\ntitle: Slow\ndate: 2026-01-02\nroles: [software-engineer]\n---\n\
             Read [this](http://127.0.0.1:{port}/slow).\n"
        ),
    );
    site.write(
        "content/guides/again.md",
        format!(
            "---\ntitle: Fine\ndate: 2026-01-01\nroles: [software-engineer]\n---\n\
             Read [this](http://127.0.0.1:{port}/ok).\n"
        ),
    );
    let run = check(&site, &["--external"]);
    run.assert_code(0);
    run.assert_stderr_contains(&format!(
        "warning: content/guides/reading.md:6:6: `http://127.0.0.1:{port}/slow` did not answer within 0.4 s\n  \
         hint: it is asked again next time; for a slow host raise `[link_checker] timeout`"
    ));
    check(&site, &["--external", "--strict"]).assert_code(1);
}

#[test]
fn no_host_is_sent_more_than_per_host_requests_at_once() {
    let server = Server::start();
    let site = site_for(&server);
    let port = server.port;
    let links: String = (0..12)
        .map(|i| format!("- [busy {i}](http://127.0.0.1:{port}/busy/{i})\n"))
        .collect();
    site.write(
        "content/guides/reading.md",
        format!("---\ntitle: Busy\ndate: 2026-01-02\nroles: [software-engineer]\n---\n{links}"),
    );
    site.write(
        "content/guides/again.md",
        "---\ntitle: Plain\ndate: 2026-01-01\nroles: [software-engineer]\n---\nNo links.\n",
    );
    let settings = site.read("site.toml") + "per_host = 3\n";
    site.write("site.toml", settings);
    check(&site, &["--external"]).assert_code(0);
    assert_eq!(server.total(), 12);
    // Three at a time, not twelve: the limit held, and the requests did overlap.
    assert_eq!(server.seen.most_in_flight.load(Ordering::SeqCst), 3);
}

#[test]
fn build_and_a_plain_check_never_go_to_the_network() {
    let server = Server::start();
    let site = site_for(&server);
    check(&site, &[]).assert_code(0);
    check(&site, &["--strict"]).assert_code(0);
    site.build();
    assert_eq!(server.total(), 0);
    assert!(!site.path(".careersite-cache").exists());
}

#[test]
fn link_checker_settings_are_checked_where_written() {
    let site = Site::new("external");
    site.write(
        "site.toml",
        "title = \"T\"\n[link_checker]\nskip_prefixes = [\"\"]\ntimeout = 0\nretries = 11\nper_host = 0\ncache_max_age = \"1 week\"\n",
    );
    let run = site.cmd("check", &["--external"]);
    run.assert_code(1);
    assert_eq!(
        run.error_lines(),
        [
            "error: site.toml:3:18: `skip_prefixes` holds an empty prefix, which would skip every link\n  \
             hint: remove it, or write the start of the URLs to skip, such as `https://www.linkedin.com/`",
            "error: site.toml:4:11: `timeout` must be more than 0 seconds, not 0\n  \
             hint: the default is 10 (seconds); fractions such as 0.5 work too",
            "error: site.toml:5:11: `retries` is 11, more than 10\n  \
             hint: the default is 2 further tries; 0 tries each link once",
            "error: site.toml:6:12: `per_host` must be 1 to 16, not 0\n  \
             hint: the default is 2 requests at a time to one host",
            "error: site.toml:7:17: `cache_max_age` `1 week` is not an age\n  \
             hint: write a number and a unit: \"30m\", \"12h\", \"1d\" or \"2w\"; \"0\" turns the cache off",
        ],
        "{}",
        run.stderr
    );
    site.write("site.toml", "[link_checker]\nskip_prefix = []\n");
    site.cmd("check", &[])
        .assert_code(1)
        .assert_stderr_contains("error: site.toml:2:1: unknown key `skip_prefix`");
}
