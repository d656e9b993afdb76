//! Template work is bounded: a loop inside a loop that would run 10^10 times stops with an
//! error naming the template and line, instead of running for hours.

use crate::common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Site;

#[test]
fn a_runaway_template_loop_stops_with_its_template_and_line() {
    let site = Site::new("minimal");
    site.write(
        "templates/404.html",
        "<!doctype html>\n<title>gone</title>\n{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}\n<main>Nothing here.</main>\n",
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_careersite"))
        .args(["build", "--quiet", "--root"])
        .arg(&site.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the build was still looping after 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("templates/404.html:3:"), "{stderr}");
    assert!(stderr.contains("steps of `range`"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!site.out().exists(), "a failed build writes nothing");
}

#[test]
fn ordinary_ranges_still_work() {
    let site = Site::new("minimal");
    site.write(
        "templates/404.html",
        "<!doctype html>\n<title>gone</title>\n<main>{% for i in range(start=1, end=4) %}[{{ i }}]{% endfor %}{% for i in range(end=0) %}x{% endfor %}{% for i in range(start=6, end=0, step_by=-2) %}<{{ i }}>{% endfor %}</main>\n",
    );
    site.build();
    let page = std::fs::read_to_string(site.out().join("404.html")).unwrap();
    assert!(page.contains("[1][2][3]<6><4><2></main>"), "{page}");
}

/// Within the `range` budget, a loop can still write a large value millions of times: the
/// page's size is bounded too, and the error names the template.
#[test]
fn a_template_that_writes_without_end_stops_with_its_template() {
    let site = Site::new("minimal");
    site.write(
        "templates/404.html",
        format!(
            "<!doctype html>\n<title>gone</title>\n{{% set s = \"{}\" %}}{{% for a in range(end=100000) %}}{{% for b in range(end=19) %}}{{{{ s }}}}{{% endfor %}}{{% endfor %}}\n",
            "x".repeat(1000)
        ),
    );
    let started = Instant::now();
    let run = site.build_fails();
    let errors = run.error_lines();
    assert_eq!(
        errors,
        [
            "error: templates/404.html: the page made from this template grows past 64 MB, which looks like a loop that never ends\n  hint: make the template's loops smaller, or loop over the site's data instead of `range`"
        ],
        "{}",
        run.stderr
    );
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert!(!site.out().exists(), "a failed build writes nothing");
}
