//! A running `careersite serve` for the tests that need one (serve, chaos, load, hardening,
//! browser): started on an ephemeral loopback port with its own TMPDIR so its output folder
//! can be found, spoken to over raw HTTP/1.1 so request paths reach it exactly as written,
//! killed when dropped. Every wait is a poll with a deadline, never a fixed sleep.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use scraper::Html;

use super::{poll, sel, text_of};

/// How long a rebuild may take to show over HTTP.
pub const DEADLINE: Duration = Duration::from_secs(10);
/// How long the first build may take before the server says where it listens: the machine
/// is shared, and a cold start under load is slow.
const START_DEADLINE: Duration = Duration::from_secs(60);

pub struct Server {
    child: Child,
    pub port: u16,
    tmpdir: PathBuf,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

/// Reads a pipe or a socket on a thread into a shared string, line by line (so a child
/// process never blocks on a full pipe).
pub fn drain(pipe: impl Read + Send + 'static, into: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        let mut reader = BufReader::new(pipe);
        let mut line = String::new();
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => into.lock().unwrap().push_str(&line),
            }
        }
    });
}

/// The port in `serving ... at http://HOST:PORT/ ...`.
fn served_port(stdout: &str) -> Option<u16> {
    let line = stdout.lines().find(|l| l.starts_with("serving "))?;
    let url = &line[line.find("http://")? + "http://".len()..];
    let host_port = &url[..url.find('/')?];
    host_port.rsplit_once(':')?.1.parse().ok()
}

impl Server {
    /// `careersite serve --root <root> --port 0 <extra>`, with TMPDIR set to `tmpdir`.
    pub fn start(root: &Path, tmpdir: &Path, extra: &[&str]) -> Server {
        Self::start_on(root, tmpdir, "0", extra)
    }

    /// Like [`Server::start`], on the port given.
    pub fn start_on(root: &Path, tmpdir: &Path, port: &str, extra: &[&str]) -> Server {
        std::fs::create_dir_all(tmpdir).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_careersite"))
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--port", port])
            .args(extra)
            .env("TMPDIR", tmpdir)
            .env_remove("RUST_BACKTRACE")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start careersite serve");
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        drain(child.stdout.take().unwrap(), stdout.clone());
        drain(child.stderr.take().unwrap(), stderr.clone());
        let mut server = Server {
            child,
            port: 0,
            tmpdir: tmpdir.to_path_buf(),
            stdout,
            stderr,
        };
        let start = Instant::now();
        loop {
            if let Some(port) = served_port(&server.stdout()) {
                server.port = port;
                break;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!(
                    "careersite serve exited ({status}) before serving\n{}",
                    server.logs()
                );
            }
            assert!(
                start.elapsed() < START_DEADLINE,
                "careersite serve did not start within {START_DEADLINE:?}\n{}",
                server.logs()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    pub fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn logs(&self) -> String {
        format!(
            "--- server stdout\n{}--- server stderr\n{}",
            self.stdout(),
            self.stderr()
        )
    }

    /// The folder the server builds into: `<TMPDIR>/careersite-serve-*/site`.
    pub fn output(&self) -> PathBuf {
        std::fs::read_dir(&self.tmpdir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("careersite-serve-"))
            })
            .expect("the server's temporary folder under TMPDIR")
            .join("site")
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// `GET <path>`, sent byte for byte as written.
    pub fn get(&self, path: &str) -> Response {
        get(self.port, path)
    }

    /// Polls `check` until it gives a value, or panics after [`DEADLINE`] with the last
    /// state it described and the server's output.
    pub fn wait_for<T>(&self, what: &str, mut check: impl FnMut() -> Result<T, String>) -> T {
        poll(what, DEADLINE, &mut check, || self.logs())
    }

    /// Waits until the server's stdout (`stdout: true`) or stderr contains `needle`.
    pub fn wait_for_output(&self, stdout: bool, needle: &str) {
        self.wait_for(&format!("the server to print {needle:?}"), || {
            let text = if stdout { self.stdout() } else { self.stderr() };
            if text.contains(needle) {
                Ok(())
            } else {
                Err(text)
            }
        })
    }

    /// Waits until `path` answers with `status` and a body containing `needle`.
    pub fn wait_for_page(&self, path: &str, status: u16, needle: &str) -> Response {
        self.wait_for(&format!("{path} to be {status} with {needle:?}"), || {
            let r = self.get(path);
            if r.status == status && r.body.contains(needle) {
                Ok(r)
            } else {
                Err(format!("status {}, body:\n{}", r.status, r.body))
            }
        })
    }

    pub fn wait_for_status(&self, path: &str, status: u16) -> Response {
        self.wait_for(&format!("{path} to be {status}"), || {
            let r = self.get(path);
            if r.status == status {
                Ok(r)
            } else {
                Err(format!("status {}", r.status))
            }
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if !std::thread::panicking() {
            let logs = self.logs();
            assert!(
                !logs.contains("panicked"),
                "careersite serve panicked\n{logs}"
            );
        }
    }
}

/// One HTTP response, its body decoded from chunks and read as text.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    pub fn h1(&self) -> String {
        self.html()
            .select(&sel("h1"))
            .next()
            .map(text_of)
            .unwrap_or_default()
    }

    /// Every `href` on the page.
    pub fn hrefs(&self) -> Vec<String> {
        self.html()
            .select(&sel("a[href]"))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect()
    }

    pub fn links_to(&self, path: &str) -> bool {
        self.hrefs().iter().any(|h| h.ends_with(path))
    }
}

/// `GET <path>` on a new connection, with `Host: 127.0.0.1:<port>` (Chromium's DevTools
/// server builds the WebSocket URLs it lists from it); panics when there is no answer.
pub fn get(port: u16, path: &str) -> Response {
    let raw = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    request(port, raw).unwrap_or_else(|e| panic!("GET {path} from port {port}: {e}"))
}

/// Sends `raw` as is on a new connection and reads the answer: to its `Content-Length`
/// (some servers keep the connection open whatever the request says) or else to the end.
pub fn request(port: u16, raw: impl AsRef<[u8]>) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.write_all(raw.as_ref())?;
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 16384];
    while !complete(&bytes) {
        match stream.read(&mut chunk)? {
            0 => break,
            n => bytes.extend_from_slice(&chunk[..n]),
        }
    }
    parse(&bytes).ok_or_else(|| {
        std::io::Error::other(format!(
            "not an HTTP response: {:?}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(200)])
        ))
    })
}

/// Whether `bytes` hold a whole response with a `Content-Length` that has all arrived.
fn complete(bytes: &[u8]) -> bool {
    let Some(split) = bytes.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&bytes[..split]).to_ascii_lowercase();
    head.lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .is_some_and(|n| bytes.len() >= split + 4 + n)
}

fn parse(bytes: &[u8]) -> Option<Response> {
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = bytes[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Some(Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..eol]);
        let size =
            usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        let end = (start + size).min(data.len());
        out.extend_from_slice(&data[start..end]);
        data = &data[(end + 2).min(data.len())..];
    }
    out
}
