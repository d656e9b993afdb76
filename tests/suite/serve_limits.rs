//! Server hygiene: a client that sends half a request line and stalls is disconnected once
//! idle, and a few hundred such clients do not stall the preview for everyone else.

use crate::common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::Site;
use common::server::Server;

fn stalled_client(port: u16) -> TcpStream {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(b"GET /guides/ HT").unwrap();
    s
}

#[test]
fn a_stalled_half_request_is_disconnected() {
    let site = Site::new("minimal");
    let server = Server::start(&site.root, &site.tmp().join("tmp"), &[]);
    let mut client = stalled_client(server.port);
    client
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let start = Instant::now();
    let mut buf = [0u8; 256];
    // Closed (0 bytes or a reset), never timed out on our side.
    match client.read(&mut buf) {
        Ok(_) => {}
        Err(e) => assert!(
            e.kind() == std::io::ErrorKind::ConnectionReset,
            "the server kept a stalled connection open: {e}"
        ),
    }
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?} to close",
        start.elapsed()
    );
}

#[test]
fn hundreds_of_slow_clients_do_not_stall_the_preview() {
    let site = Site::new("minimal");
    let server = Server::start(&site.root, &site.tmp().join("tmp"), &[]);
    let built = Instant::now() + Duration::from_secs(60);
    let home = || {
        let raw = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        common::server::request(server.port, raw)
    };
    while home().map(|r| r.status).ok() != Some(200) {
        assert!(Instant::now() < built, "the first build never finished");
        std::thread::sleep(Duration::from_millis(100));
    }
    let slow: Vec<TcpStream> = (0..300).map(|_| stalled_client(server.port)).collect();
    let start = Instant::now();
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "took {:?}",
        start.elapsed()
    );
    drop(slow);
}
