//! Sub-path deploys: a site built for `https://example.org/careers/` and served from
//! `/careers/` by a plain static server, as GitHub Pages serves a project site, has every
//! link and image working, whether written root-relative, relative or already prefixed.

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

use common::{Site, sel};

/// Serves `out` under `/careers/` on a free loopback port: `GET /careers/a/` answers
/// `out/a/index.html`, anything else 404. Returns the port.
fn serve_under_careers(out: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut line = String::new();
            if BufReader::new(&stream).read_line(&mut line).is_err() {
                continue;
            }
            let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
            let file = file_for(&out, &path);
            let response = match file.and_then(|f| std::fs::read(f).ok()) {
                Some(body) => {
                    let mut r = format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .into_bytes();
                    r.extend(body);
                    r
                }
                None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
            };
            let _ = stream.write_all(&response);
        }
    });
    port
}

fn file_for(out: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next()?;
    let rel = path.strip_prefix("/careers/")?;
    if rel.split('/').any(|s| s == "..") {
        return None;
    }
    let file = out.join(rel);
    let file = if path.ends_with('/') {
        file.join("index.html")
    } else {
        file
    };
    file.is_file().then_some(file)
}

/// `url` on the page at `page` (a URL path), as a URL path; none for other hosts.
fn resolve(page: &str, url: &str) -> Option<String> {
    let url = url.split('#').next().unwrap_or("");
    if url.is_empty() || url.starts_with("//") || url.contains(':') {
        return None;
    }
    if url.starts_with('/') {
        return Some(url.to_string());
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in url.split('/') {
        match seg {
            "." => {}
            ".." => drop(parts.pop()),
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[test]
fn a_site_served_from_its_sub_path_has_no_broken_link_or_image() {
    let site = Site::built("subpath");
    let port = serve_under_careers(site.out());
    let mut fetched = 0;
    let mut missing = Vec::new();
    for entry in walkdir::WalkDir::new(site.out()) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(site.out()).unwrap();
        if !rel.to_string_lossy().ends_with(".html") {
            continue;
        }
        let page = format!("/careers/{}", rel.to_string_lossy());
        let html = scraper::Html::parse_document(&std::fs::read_to_string(entry.path()).unwrap());
        let mut urls: Vec<String> = Vec::new();
        for (css, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("img[src]", "src"),
            ("script[src]", "src"),
        ] {
            urls.extend(
                html.select(&sel(css))
                    .filter_map(|e| e.value().attr(attr))
                    .map(str::to_string),
            );
        }
        for img in html.select(&sel("img[srcset]")) {
            let srcset = img.value().attr("srcset").unwrap();
            urls.extend(
                srcset
                    .split(',')
                    .filter_map(|c| c.split_whitespace().next())
                    .map(str::to_string),
            );
        }
        for url in urls {
            let Some(path) = resolve(&page, &url) else {
                continue;
            };
            fetched += 1;
            let response = common::server::get(port, &path);
            if response.status != 200 {
                missing.push(format!("{page}: {url} -> {path} ({})", response.status));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
    assert!(fetched > 50, "only {fetched} URLs fetched");
    // Each kind of URL was prefixed once, in Markdown and raw HTML alike.
    let pay = site.read("output/guides/pay/index.html");
    for want in [
        "src=\"/careers/img/logo.png\" alt=\"Logo\"",
        "href=\"/careers/guides/start/\"",
        "href=\"/careers/about/#who\"",
        // Raw HTML (the default `sanitize` drops its srcset; the unit test covers one).
        "<a href=\"/careers/guides/start/\">Raw HTML link</a>",
        "<img loading=\"lazy\" decoding=\"async\" src=\"/careers/img/logo.png\" alt=\"Raw logo\">",
    ] {
        assert!(pay.contains(want), "{want}\n{pay}");
    }
    assert!(!pay.contains("/careers/careers/"), "{pay}");
    // The feed carries the same body: raw HTML's URLs are under the sub-path there too.
    let feed = site.read("output/atom.xml");
    assert!(
        feed.contains("&lt;a href=&quot;/careers/guides/start/&quot;&gt;Raw HTML link"),
        "{feed}"
    );
    assert!(!feed.contains("&quot;/guides/start/&quot;"), "{feed}");
}
