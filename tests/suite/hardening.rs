//! The preview server against hostile requests, beyond what `tests/serve.rs` covers:
//! double-encoded traversal, over-long request lines and headers, malformed request lines,
//! symbolic links in the output that lead outside it, and where the server listens.

use crate::common;

use common::Site;
use common::server::{Server, request};

const SECRET: &str = "SECRET-OUTSIDE-3b7e";

fn raw(server: &Server, line: &str) -> u16 {
    let r = request(
        server.port,
        format!("{line}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
    )
    .unwrap_or_else(|e| panic!("{line:?}: {e}"));
    assert!(
        !r.body.contains(SECRET) && !r.body.contains("base_url"),
        "{line:?} served a file from outside the output"
    );
    r.status
}

#[test]
fn encoded_and_double_encoded_traversal_is_refused() {
    let site = Site::new("errors/base");
    let server = site.serve();
    std::fs::write(site.tmp().join("tmp/secret.txt"), SECRET).unwrap();
    for path in [
        "/%252e%252e/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/..%252f..%252fsecret.txt",
        "/%25252e%25252e/secret.txt",
        "/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/%2e%2e%5c%2e%2e%5csecret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/%e0%80%ae%e0%80%ae/secret.txt",
        "/.%2e/.%2e/secret.txt",
        "/guides/..;/..;/secret.txt",
        "/%2f%2e%2e%2f%2e%2e%2fsecret.txt",
        "//..//..//secret.txt",
    ] {
        let status = raw(&server, &format!("GET {path} HTTP/1.1"));
        assert!((400..500).contains(&status), "{path}: {status}");
    }
    assert_eq!(raw(&server, "GET /guides/b/ HTTP/1.1"), 200);
}

#[test]
fn absolute_uris_odd_targets_and_over_long_requests_are_refused() {
    let site = Site::new("errors/base");
    let server = site.serve();
    for line in [
        "GET http://127.0.0.1/guides/b/ HTTP/1.1",
        "GET https://example.com/ HTTP/1.1",
        "GET file:///etc/passwd HTTP/1.1",
        "GET * HTTP/1.1",
        "GET guides/b/ HTTP/1.1",
        "CONNECT 127.0.0.1:22 HTTP/1.1",
    ] {
        let status = raw(&server, line);
        assert!((400..500).contains(&status), "{line:?}: {status}");
    }
    for method in ["POST", "PUT", "DELETE"] {
        assert_eq!(raw(&server, &format!("{method} /guides/b/ HTTP/1.1")), 405);
    }
    // Long paths, a request line longer than any sane one, and headers past the limit.
    assert_eq!(
        raw(&server, &format!("GET /{} HTTP/1.1", "a".repeat(2100))),
        414
    );
    let huge = format!("GET /{} HTTP/1.1", "a/".repeat(100_000));
    let status = raw(&server, &huge);
    assert!(
        (400..500).contains(&status),
        "200 KB request line: {status}"
    );
    let headers = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "x".repeat(1_000_000)
    );
    match request(server.port, headers.as_bytes()) {
        Ok(r) => assert!((400..500).contains(&r.status), "1 MB header: {}", r.status),
        // Closing the connection on a request this large is an acceptable refusal too.
        Err(e) => println!("1 MB header: connection closed ({e})"),
    }
    // Garbage instead of a request line.
    let r = request(
        server.port,
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
    );
    if let Ok(r) = r {
        assert!((400..500).contains(&r.status), "garbage: {}", r.status);
    }
    assert_eq!(
        raw(&server, "GET /guides/b/ HTTP/1.1"),
        200,
        "still serving"
    );
}

#[test]
fn symlinks_in_the_output_that_lead_outside_are_not_followed() {
    let site = Site::new("errors/base");
    let server = site.serve();
    std::fs::write(site.tmp().join("secret.txt"), SECRET).unwrap();
    std::fs::create_dir_all(site.tmp().join("secret-dir")).unwrap();
    std::fs::write(site.tmp().join("secret-dir/index.html"), SECRET).unwrap();
    let out = server.output();
    std::os::unix::fs::symlink(site.tmp().join("secret.txt"), out.join("leak.txt")).unwrap();
    std::os::unix::fs::symlink(site.tmp().join("secret-dir"), out.join("leakdir")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", out.join("passwd")).unwrap();
    // A link that stays inside the output is fine.
    std::os::unix::fs::symlink(out.join("guides/b/index.html"), out.join("inside.html")).unwrap();
    for path in ["/leak.txt", "/leakdir/", "/leakdir/index.html", "/passwd"] {
        let status = raw(&server, &format!("GET {path} HTTP/1.1"));
        assert_eq!(status, 404, "{path}");
    }
    let r = server.get("/inside.html");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Guide B"));
}

#[test]
fn serves_on_loopback_by_default_and_warns_on_other_interfaces() {
    let site = Site::new("errors/base");
    // Any 127.0.0.0/8 address is loopback: no warning.
    let loopback: [(&[&str], &str); 2] = [
        (&[], "127.0.0.1"),
        (&["--interface", "127.0.0.2"], "127.0.0.2"),
    ];
    for (n, (extra, address)) in loopback.into_iter().enumerate() {
        let server = Server::start(&site.root, &site.tmp().join(format!("tmp-{n}")), extra);
        let (stdout, stderr) = (server.stdout(), server.stderr());
        assert!(
            stdout.contains(&format!("at http://{address}:"))
                && !stderr.contains("warning: serving on"),
            "{address}: {}",
            server.logs()
        );
    }

    // The unspecified address listens on every interface; the test sends it nothing and
    // stops it as soon as it has said where it listens.
    let server = Server::start(
        &site.root,
        &site.tmp().join("tmp3"),
        &["--interface", "0.0.0.0"],
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !server.stderr().contains("warning: serving on") && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let err = server.stderr();
    drop(server);
    assert!(
        err.contains(
            "warning: serving on 0.0.0.0: anyone who can reach this machine can read the preview"
        ),
        "{err}"
    );
}
