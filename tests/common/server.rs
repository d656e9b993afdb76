//! A running `careersite serve` for the tests that need one beside other work (the chaos,
//! load and hardening tests): started on an ephemeral loopback port with its own TMPDIR so
//! its output folder can be found, spoken to over raw HTTP/1.1, killed when dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Server {
    child: Child,
    pub port: u16,
    tmpdir: PathBuf,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

fn drain(pipe: impl Read + Send + 'static, into: Arc<Mutex<String>>) {
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
        std::fs::create_dir_all(tmpdir).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_careersite"))
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--port", "0"])
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
                return server;
            }
            assert!(
                server.alive(),
                "careersite serve exited before serving\n{}",
                server.logs()
            );
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "careersite serve did not start within 60 s\n{}",
                server.logs()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
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

    pub fn get(&self, path: &str) -> std::io::Result<Response> {
        request(
            self.port,
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
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

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `raw` as is on a new connection and reads the answer until the server closes it.
pub fn request(port: u16, raw: &[u8]) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.write_all(raw)?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes)?;
    parse(&bytes).ok_or_else(|| {
        std::io::Error::other(format!(
            "not an HTTP response: {:?}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(200)])
        ))
    })
}

fn parse(bytes: &[u8]) -> Option<Response> {
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let status = head.split(' ').nth(1)?.parse().ok()?;
    Some(Response {
        status,
        head,
        body: bytes[split + 4..].to_vec(),
    })
}
