//! The writer's files are safe: `build`, `build --watch` and `check` write nothing outside
//! the output folder (nor in HOME or TMPDIR), `new` writes its one file and never through a
//! link, and a build killed with SIGKILL part-way leaves the previous output whole.
//! (`init` refusing a non-empty folder and `new` refusing to overwrite are in
//! `tests/cli.rs`; a failed build leaving the output as it was is in `tests/errors.rs`.)

mod common;

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Site, assert_same_tree, run_with_env, tree};

/// The temporary folder's tree minus everything under `site/output/`.
fn outside_output(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let mut t = tree(site.tmp());
    t.retain(|k, _| !k.starts_with("site/output/"));
    t
}

fn env_dirs(site: &Site) -> [(&'static str, String); 2] {
    let home = site.tmp().join("home");
    let tmp = site.tmp().join("tmpdir");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&tmp).unwrap();
    [
        ("HOME", home.to_string_lossy().into_owned()),
        ("TMPDIR", tmp.to_string_lossy().into_owned()),
    ]
}

#[test]
fn build_and_check_write_nothing_outside_the_output() {
    let site = Site::new("errors/base");
    let env = env_dirs(&site);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let before = outside_output(&site);
    let root = site.root.to_str().unwrap();
    run_with_env(site.tmp(), &["build", "--root", root], &env).assert_code(0);
    run_with_env(site.tmp(), &["build", "--root", root], &env).assert_code(0);
    assert!(site.out().join("index.html").is_file());
    assert_same_tree(
        "outside the output after build",
        &before,
        &outside_output(&site),
    );

    let built = tree(site.tmp());
    run_with_env(site.tmp(), &["check", "--root", root], &env).assert_code(0);
    assert_same_tree("after check", &built, &tree(site.tmp()));

    // A failed build writes nothing either.
    site.write("content/guides/broken.md", "---\ntitle: [\n---\n");
    let broken = tree(site.tmp());
    run_with_env(site.tmp(), &["build", "--root", root], &env).assert_code(1);
    assert_same_tree("after a failed build", &broken, &tree(site.tmp()));
}

#[test]
fn watch_writes_nothing_outside_the_output() {
    let site = Site::new("errors/base");
    let [(_, home), (_, tmpdir)] = env_dirs(&site);
    let before = outside_output(&site);
    let mut child = Command::new(env!("CARGO_BIN_EXE_careersite"))
        .args(["build", "--watch", "--root"])
        .arg(&site.root)
        .env("HOME", &home)
        .env("TMPDIR", &tmpdir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let page = site.out().join("guides/b/index.html");
    let wait_for = |what: &str, check: &dyn Fn() -> bool| {
        let start = Instant::now();
        while !check() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out: {what}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_for("first build", &|| page.is_file());
    let edited = site
        .read("content/guides/b.md")
        .replace("Intro.", "Intro, edited.");
    site.write("content/guides/b.md", &edited);
    wait_for("rebuild", &|| {
        std::fs::read_to_string(&page).is_ok_and(|t| t.contains("Intro, edited."))
    });
    let _ = child.kill();
    let _ = child.wait();
    let now = outside_output(&site);
    let mut was = before;
    was.insert("site/content/guides/b.md".into(), edited.into_bytes());
    assert_same_tree("outside the output after watch", &was, &now);
}

#[test]
fn new_writes_one_file_and_never_through_a_link() {
    let site = Site::new("errors/base");
    let root = site.root.to_str().unwrap().to_string();
    let before = tree(site.tmp());
    site.run(&["new", "guide", "../../../Escape Attempt", "--root", &root])
        .assert_code(0);
    let mut after = tree(site.tmp());
    let made = after
        .remove("site/content/guides/escape-attempt.md")
        .expect("the guide lands under content/guides with a clean slug");
    assert!(String::from_utf8_lossy(&made).contains("../../../Escape Attempt"));
    assert_same_tree("besides the new guide", &before, &after);

    // A link in the guide's place, even one pointing nowhere, is not written through.
    let target = site.tmp().join("victim.txt");
    std::os::unix::fs::symlink(&target, site.path("content/guides/linked.md")).unwrap();
    let run = site.run(&["new", "guide", "Linked", "--root", &root]);
    run.assert_code(1).assert_stderr_contains("already exists");
    assert!(!target.exists(), "new wrote through a symbolic link");
}

/// A site big enough that a build takes a while: `n` guides over a few roles and skills.
fn large_site(site: &Site, n: usize) {
    for i in 0..n {
        let body = format!(
            "## Part {i}\n\n{}\n",
            "Some words about careers. ".repeat(40)
        );
        site.write(
            &format!("content/guides/g{i:05}.md"),
            format!(
                "---\ntitle: \"Guide {i}\"\ndate: 2026-0{}-1{}\nroles: [software-engineer, r{}]\nskills: [sql, s{}]\n---\n{body}",
                1 + i % 9,
                i % 10,
                i % 7,
                i % 11
            ),
        );
    }
}

#[test]
fn a_build_killed_part_way_leaves_the_previous_output_whole() {
    let site = Site::new("errors/base");
    large_site(&site, 1500);
    site.build();
    let before = tree(&site.out());
    // Every page changes on the next build, so a kill always lands while pages are written.
    site.write(
        "site.toml",
        "title = \"Errors, retitled\"\nbase_url = \"https://example.com\"\n",
    );
    let staging = site.tmp().join("site/.output.staging");
    let mut kills_during_writing = 0;
    let mut swapped_in = Vec::new();
    for (attempt, delay_ms) in [0u64, 30, 120, 400].into_iter().enumerate() {
        let mut child = Command::new(env!("CARGO_BIN_EXE_careersite"))
            .args(["build", "--quiet", "--root"])
            .arg(&site.root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait for the staging folder (pages are being written), then a little more.
        let start = Instant::now();
        while !staging.exists() && start.elapsed() < Duration::from_secs(20) {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        // SIGKILL: no destructor, no cleanup.
        let _ = child.kill();
        let _ = child.wait();
        if finished {
            println!("attempt {attempt}: the build finished before the kill");
            break;
        }
        kills_during_writing += 1;
        // The kill may land just after the new output was swapped in: then the output must
        // be that whole new build (checked below), never a mix.
        let now = tree(&site.out());
        if now != before {
            swapped_in.push((delay_ms, now));
        }
    }
    assert!(
        kills_during_writing > 0,
        "no kill landed while the build was writing"
    );
    // The next build cleans up what the killed ones left and succeeds.
    site.build();
    assert!(!staging.exists(), "staging folder left behind");
    assert!(!site.tmp().join("site/.output.old").exists());
    let page = std::fs::read_to_string(site.out().join("guides/index.html")).unwrap();
    assert!(page.contains("Errors, retitled"));
    let complete = tree(&site.out());
    for (delay_ms, got) in &swapped_in {
        assert_same_tree(
            &format!("output after a kill {delay_ms} ms into writing"),
            &complete,
            got,
        );
    }
}

#[test]
fn nothing_is_written_through_a_link_out_of_the_output() {
    // An output folder careersite made, with a link to a file of the writer's inside it:
    // the next build replaces the folder and never writes through the link.
    let site = Site::new("errors/base");
    site.build();
    let precious = site.tmp().join("precious.txt");
    std::fs::write(&precious, "mine").unwrap();
    std::os::unix::fs::symlink(&precious, site.out().join("index.html.lnk")).unwrap();
    std::fs::remove_file(site.out().join("robots.txt")).unwrap();
    std::os::unix::fs::symlink(&precious, site.out().join("robots.txt")).unwrap();
    site.build();
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "mine");
    assert!(!site.out().join("robots.txt").is_symlink());
}
