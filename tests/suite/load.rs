//! A bounded load test of the preview server: 20,000 requests over 100 concurrent
//! keep-alive connections on loopback, a mix of pages, assets, redirects and 404s. Every
//! answer must be a complete HTTP response with the expected status; p50 and p99 latency
//! are printed. `CAREERSITE_LOAD_REQUESTS` and `CAREERSITE_LOAD_CONNECTIONS` change the
//! size.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::{Site, env_or};

/// Reads one response off a keep-alive connection: status line, headers, and exactly
/// `Content-Length` bytes of body.
fn read_response(reader: &mut BufReader<TcpStream>) -> Result<(u16, usize), String> {
    let mut line = String::new();
    reader.read_line(&mut line).map_err(|e| e.to_string())?;
    let status: u16 = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line {line:?}"))?;
    let mut length = None;
    loop {
        line.clear();
        reader.read_line(&mut line).map_err(|e| e.to_string())?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let length = length.ok_or("no Content-Length")?;
    let mut body = vec![0; length];
    reader.read_exact(&mut body).map_err(|e| e.to_string())?;
    Ok((status, length))
}

#[test]
fn twenty_thousand_requests_over_a_hundred_connections() {
    let total: usize = env_or("CAREERSITE_LOAD_REQUESTS", 20_000);
    let connections: usize = env_or("CAREERSITE_LOAD_CONNECTIONS", 100);
    let site = Site::new("errors/base");
    let server = site.serve();
    let targets: &[(&str, u16)] = &[
        ("/", 200),
        ("/guides/", 200),
        ("/guides/b/", 200),
        ("/roles/software-engineer/", 200),
        ("/style.css", 200),
        ("/sitemap.xml", 200),
        ("/guides", 301),
        ("/missing/", 404),
        ("/%2e%2e/site.toml", 404),
    ];
    let per_connection = total.div_ceil(connections);
    let port = server.port;
    let start = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|c| {
            std::thread::spawn(move || -> (Vec<Duration>, Vec<String>) {
                let mut latencies = Vec::with_capacity(per_connection);
                let mut errors = Vec::new();
                let stream = match TcpStream::connect(("127.0.0.1", port)) {
                    Ok(s) => s,
                    Err(e) => return (latencies, vec![format!("connect: {e}")]),
                };
                stream
                    .set_read_timeout(Some(Duration::from_secs(10)))
                    .unwrap();
                stream.set_nodelay(true).unwrap();
                let mut writer = stream.try_clone().unwrap();
                let mut reader = BufReader::new(stream);
                for i in 0..per_connection {
                    let (path, want) = targets[(c + i) % targets.len()];
                    let sent = Instant::now();
                    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
                    if let Err(e) = writer.write_all(request.as_bytes()) {
                        errors.push(format!("{path}: write: {e}"));
                        break;
                    }
                    match read_response(&mut reader) {
                        Ok((status, _)) if status == want => latencies.push(sent.elapsed()),
                        Ok((status, _)) => errors.push(format!("{path}: {status}, not {want}")),
                        Err(e) => {
                            errors.push(format!("{path}: {e}"));
                            break;
                        }
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(total);
    let mut errors = Vec::new();
    for w in workers {
        let (l, e) = w.join().unwrap();
        latencies.extend(l);
        errors.extend(e);
    }
    let elapsed = start.elapsed();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    println!(
        "load: {} requests over {connections} connections in {:.2} s ({:.0}/s), {} errors, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        latencies.len() + errors.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        errors.len(),
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3,
    );
    assert!(
        errors.is_empty(),
        "{} errors:\n{}",
        errors.len(),
        errors[..errors.len().min(20)].join("\n")
    );
    assert_eq!(latencies.len(), per_connection * connections);
    drop(server);
}
