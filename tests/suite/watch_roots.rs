//! Watch mode follows the site's root folders and files: deleting, moving away, moving back
//! or replacing `content/`, `templates/`, `static/`, `data/` or `site.toml` is seen by a
//! running `build --watch`, and the output ends equal to a clean build of what is on disk.
//! Real file-system operations against the real binary in a subprocess.

use crate::common;

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Site, assert_same_tree, copy_dir, tree, try_tree};

/// Kills the watcher when a test ends, passed or failed.
struct Watcher(Child);

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_watch(site: &Site) -> Watcher {
    let child = Command::new(env!("CARGO_BIN_EXE_careersite"))
        .args(["build", "--watch", "--root"])
        .arg(&site.root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start build --watch");
    let watcher = Watcher(child);
    let deadline = Instant::now() + Duration::from_secs(60);
    while !site.out().join("index.html").exists() {
        assert!(Instant::now() < deadline, "the first build never finished");
        std::thread::sleep(Duration::from_millis(50));
    }
    watcher
}

/// A clean build of the site's sources as they are now, into a folder outside the site.
fn clean_build(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let clean = site.tmp().join("clean");
    let _ = std::fs::remove_dir_all(&clean);
    site.cmd("build", &["--output", clean.to_str().unwrap()])
        .assert_code(0);
    tree(&clean)
}

/// Waits until the watched output equals a clean build, failing with the difference after
/// the timeout.
fn assert_catches_up(site: &Site, what: &str) {
    let expected = clean_build(site);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        // The watcher may be writing while the output is read: a file that vanishes
        // mid-read means "not settled yet", like a difference.
        let actual = try_tree(&site.out());
        if actual.as_ref() == Some(&expected) {
            return;
        }
        if Instant::now() > deadline {
            assert_same_tree(what, &expected, &tree(&site.out()));
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn mv(site: &Site, from: &str, to: &str) {
    std::fs::rename(site.path(from), site.path(to))
        .unwrap_or_else(|e| panic!("mv {from} {to}: {e}"));
}

fn guide(title: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2024-01-02\nroles: [data-analyst]\n---\n\nAbout {title}.\n")
}

/// Waits long enough for the watcher to have seen and acted on the last operation.
fn settle() {
    std::thread::sleep(Duration::from_millis(600));
}

#[test]
fn content_moved_away_edited_and_moved_back_is_rebuilt() {
    let site = Site::new("minimal");
    let _w = start_watch(&site);
    mv(&site, "content", "content.bak");
    settle();
    std::fs::write(
        site.path("content.bak/guides/hello.md"),
        guide("Hello again"),
    )
    .unwrap();
    std::fs::write(
        site.path("content.bak/guides/added.md"),
        guide("Added away"),
    )
    .unwrap();
    settle();
    mv(&site, "content.bak", "content");
    assert_catches_up(&site, "content moved back");
    // Still watched after coming back: a later edit is seen too.
    site.write("content/guides/later.md", guide("Later"));
    assert_catches_up(&site, "an edit after the move back");
}

#[test]
fn content_deleted_and_recreated_is_rebuilt() {
    let site = Site::new("minimal");
    let _w = start_watch(&site);
    let spare = site.tmp().join("spare");
    copy_dir(&site.path("content"), &spare);
    std::fs::remove_dir_all(site.path("content")).unwrap();
    settle();
    std::fs::write(spare.join("guides/hello.md"), guide("Recreated")).unwrap();
    copy_dir(&spare, &site.path("content"));
    assert_catches_up(&site, "content recreated");
}

#[test]
fn content_replaced_by_another_folder_is_rebuilt() {
    let site = Site::new("minimal");
    let _w = start_watch(&site);
    let other = site.path("content.new");
    std::fs::create_dir_all(other.join("guides")).unwrap();
    std::fs::write(other.join("guides/only.md"), guide("The only guide")).unwrap();
    mv(&site, "content", "content.old");
    mv(&site, "content.new", "content");
    assert_catches_up(&site, "content replaced");
}

#[test]
fn templates_and_static_moved_in_are_seen() {
    let site = Site::new("minimal");
    let _w = start_watch(&site);
    let templates = site.path("templates.new");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("404.html"),
        "<!doctype html><title>gone</title><main>Nothing here, from the site's own template.</main>",
    )
    .unwrap();
    mv(&site, "templates.new", "templates");
    assert_catches_up(&site, "templates moved in");

    let statics = site.path("static.new");
    std::fs::create_dir_all(statics.join("img")).unwrap();
    std::fs::write(statics.join("img/logo.svg"), "<svg/>").unwrap();
    std::fs::write(statics.join("notes.txt"), "hello").unwrap();
    mv(&site, "static.new", "static");
    assert_catches_up(&site, "static moved in");

    mv(&site, "templates", "templates.away");
    mv(&site, "static", "static.away");
    assert_catches_up(&site, "templates and static moved away");
}

#[test]
fn site_toml_replaced_by_rename_or_deleted_and_restored_is_seen() {
    let site = Site::new("minimal");
    let _w = start_watch(&site);
    let original = site.read("site.toml");
    site.write(
        "site.toml.new",
        original.replace("title = \"Minimal\"", "title = \"Renamed\""),
    );
    mv(&site, "site.toml.new", "site.toml");
    assert_catches_up(&site, "site.toml replaced");
    assert!(site.read("output/index.html").contains("Renamed"));

    std::fs::remove_file(site.path("site.toml")).unwrap();
    settle();
    site.write("site.toml", &original);
    assert_catches_up(&site, "site.toml restored");
}

#[test]
fn a_data_folder_appearing_is_seen() {
    let site = Site::new("minimal");
    let _w = start_watch(&site);
    let data = site.path("data.new");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("numbers.toml"), "a = 1\n").unwrap();
    mv(&site, "data.new", "data");
    // Whatever data the site reads, the output must still be a clean build's; and the
    // watcher keeps going afterwards.
    site.write("content/guides/after-data.md", guide("After data"));
    assert_catches_up(&site, "data folder added");
}
