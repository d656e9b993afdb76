//! Hostile and unusual inputs on the way in and out (issue 20): a `content/` folder that is
//! missing, a file or a link to itself; a build that would swap an empty site over a good
//! one; named pipes, sockets and devices where files should be; a staging folder the user
//! made. Every case runs the real binary and checks the message a writer sees, the exit
//! status and what is left on disk.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Run, Site, tree};

/// `careersite build --root <site>` that must finish within a few seconds: a read that
/// blocks on a named pipe would otherwise hang the test run.
fn build_within(site: &Site, extra: &[&str], limit: Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_careersite"))
        .arg("build")
        .arg("--root")
        .arg(&site.root)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run careersite");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("careersite build {extra:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

fn quick_build(site: &Site) -> Run {
    build_within(site, &[], Duration::from_secs(20))
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

fn socket_at(path: &Path) -> std::os::unix::net::UnixListener {
    std::os::unix::net::UnixListener::bind(path).expect("bind a socket")
}

/// A failed build must leave the previous output exactly as it was.
fn assert_output_kept(site: &Site, before: &std::collections::BTreeMap<String, Vec<u8>>) {
    assert!(
        tree(&site.out()) == *before,
        "the previous output changed after a failed build"
    );
}

#[test]
fn a_missing_content_folder_is_an_error_and_keeps_the_output() {
    let site = Site::new("minimal");
    site.build();
    let before = tree(&site.out());
    std::fs::rename(site.path("content"), site.tmp().join("content.bak")).unwrap();
    let run = quick_build(&site);
    run.assert_code(1).assert_stderr_contains(
        "error: content: the site has no content/ folder; create content/guides/",
    );
    assert_output_kept(&site, &before);
}

#[test]
fn a_content_folder_that_is_a_file_or_a_link_to_itself_is_an_error() {
    let site = Site::new("minimal");
    site.build();
    let before = tree(&site.out());
    std::fs::rename(site.path("content"), site.tmp().join("content.bak")).unwrap();
    site.write("content", "not a folder");
    quick_build(&site)
        .assert_code(1)
        .assert_stderr_contains("error: content: content/ must be a folder, but it is a file");
    assert_output_kept(&site, &before);
    std::fs::remove_file(site.path("content")).unwrap();
    std::os::unix::fs::symlink("content", site.path("content")).unwrap();
    quick_build(&site)
        .assert_code(1)
        .assert_stderr_contains("error: content: a symbolic link here loops back to itself");
    assert_output_kept(&site, &before);
    std::fs::remove_file(site.path("content")).unwrap();
    std::os::unix::fs::symlink("nowhere", site.path("content")).unwrap();
    quick_build(&site)
        .assert_code(1)
        .assert_stderr_contains("error: content: a symbolic link here points at nothing");
    assert_output_kept(&site, &before);
}

#[test]
fn templates_or_static_that_are_files_are_errors() {
    let site = Site::new("minimal");
    site.write("templates", "x");
    site.write("static", "x");
    let run = quick_build(&site);
    run.assert_code(1)
        .assert_stderr_contains("error: templates: templates/ must be a folder, but it is a file")
        .assert_stderr_contains("error: static: static/ must be a folder, but it is a file");
}

#[test]
fn a_site_of_no_guides_does_not_replace_one_of_some_unless_allowed() {
    let site = Site::new("minimal");
    site.build();
    let before = tree(&site.out());
    std::fs::rename(site.path("content/guides"), site.tmp().join("guides.bak")).unwrap();
    let run = quick_build(&site);
    run.assert_code(1).assert_stderr_contains(
        "error: content/guides: the site has no guides, but output/ holds 2 from the last build",
    );
    assert!(run.stderr.contains("--allow-empty"), "{}", run.stderr);
    assert_output_kept(&site, &before);
    // Every guide a draft is the same accident.
    std::fs::rename(site.tmp().join("guides.bak"), site.path("content/guides")).unwrap();
    for name in ["hello.md", "toml-front-matter.md"] {
        let text = site.read(&format!("content/guides/{name}"));
        let drafted = text.replacen("title:", "draft: true\ntitle:", 1).replacen(
            "title =",
            "draft = true\ntitle =",
            1,
        );
        site.write(&format!("content/guides/{name}"), drafted);
    }
    quick_build(&site)
        .assert_code(1)
        .assert_stderr_contains("the site has no guides");
    assert_output_kept(&site, &before);
    // Told, it does.
    let run = build_within(&site, &["--allow-empty"], Duration::from_secs(20));
    run.assert_code(0);
    assert!(!site.output_exists("guides/hello/index.html"));
}

#[test]
fn a_first_build_of_no_guides_is_fine() {
    let site = Site::new("minimal");
    std::fs::remove_dir_all(site.path("content/guides")).unwrap();
    quick_build(&site).assert_code(0);
    assert!(site.output_exists("index.html"));
}

#[test]
fn a_site_toml_that_is_a_named_pipe_is_refused_without_blocking() {
    let site = Site::new("minimal");
    std::fs::remove_file(site.path("site.toml")).unwrap();
    mkfifo(&site.path("site.toml"));
    build_within(&site, &[], Duration::from_secs(10))
        .assert_code(1)
        .assert_stderr_contains(
            "error: site.toml: not a regular file: it is a named pipe (FIFO); careersite reads only ordinary files",
        );
}

#[test]
fn guides_that_are_pipes_sockets_or_devices_are_refused_by_name() {
    let site = Site::new("minimal");
    site.build();
    let before = tree(&site.out());
    mkfifo(&site.path("content/guides/pipe.md"));
    let _socket = socket_at(&site.path("content/guides/socket.md"));
    std::os::unix::fs::symlink("/dev/zero", site.path("content/guides/zero.md")).unwrap();
    let run = build_within(&site, &[], Duration::from_secs(10));
    run.assert_code(1)
        .assert_stderr_contains(
            "error: content/guides/pipe.md: not a regular file: it is a named pipe (FIFO)",
        )
        .assert_stderr_contains(
            "error: content/guides/socket.md: not a regular file: it is a socket",
        )
        .assert_stderr_contains(
            "error: content/guides/zero.md: not a regular file: it is a device",
        );
    assert_output_kept(&site, &before);
}

#[test]
fn templates_and_static_files_that_are_pipes_are_refused_by_name() {
    let site = Site::new("minimal");
    std::fs::create_dir_all(site.path("templates")).unwrap();
    std::fs::create_dir_all(site.path("static")).unwrap();
    mkfifo(&site.path("templates/guide.html"));
    mkfifo(&site.path("static/feed.css"));
    let run = build_within(&site, &[], Duration::from_secs(10));
    run.assert_code(1)
        .assert_stderr_contains(
            "error: templates/guide.html: not a regular file: it is a named pipe",
        )
        .assert_stderr_contains("error: static/feed.css: not a regular file: it is a named pipe");
}

#[test]
fn a_user_made_staging_folder_is_never_emptied() {
    let site = Site::new("minimal");
    let staging = site.path(".output.staging");
    std::fs::create_dir_all(staging.join("notes")).unwrap();
    std::fs::write(staging.join("notes/thesis.txt"), "years of work").unwrap();
    let run = quick_build(&site);
    run.assert_code(1)
        .assert_stderr_contains(".output.staging: refusing to empty or remove it: it holds files that careersite did not write (no .careersite-output file)")
        .assert_stderr_contains("move or rename yours");
    assert_eq!(
        std::fs::read_to_string(staging.join("notes/thesis.txt")).unwrap(),
        "years of work"
    );
    // A link there is the user's too, and so is whatever it points at.
    std::fs::rename(&staging, site.tmp().join("mine")).unwrap();
    std::os::unix::fs::symlink(site.tmp().join("mine"), &staging).unwrap();
    quick_build(&site)
        .assert_code(1)
        .assert_stderr_contains("it is a symbolic link that careersite did not make");
    assert!(staging.is_symlink());
    assert!(site.tmp().join("mine/notes/thesis.txt").is_file());
    // An empty folder holds nothing to lose.
    std::fs::remove_file(&staging).unwrap();
    std::fs::create_dir(&staging).unwrap();
    quick_build(&site).assert_code(0);
    site.build();
    assert!(staging.join(".careersite-output").is_file());
}
