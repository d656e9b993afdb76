//! The writer's files are safe: `build`, `build --watch` and `check` write nothing outside
//! the output folder (nor in HOME or TMPDIR), `new` writes its one file and never through a
//! link, and a build killed with SIGKILL part-way leaves the previous output whole.
//! (`init` refusing a non-empty folder and `new` refusing to overwrite are in
//! `tests/cli.rs`; a failed build leaving the output as it was is in `tests/errors.rs`.)

use crate::common;

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Site, assert_same_tree, run_with_env, tree};

/// The temporary folder's tree minus the output and the previous output kept beside it.
fn outside_output(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let mut t = tree(site.tmp());
    t.retain(|k, _| !k.starts_with("site/output/") && !k.starts_with("site/.output.staging/"));
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
    let first = tree(&site.out());
    run_with_env(site.tmp(), &["build", "--root", root], &env).assert_code(0);
    assert!(site.out().join("index.html").is_file());
    // The first build stays beside the second, for the third to update in place, with
    // manifests of both (what each file holds) and a `.gitignore` so that git ignores it.
    let mut previous = tree(&site.tmp().join("site/.output.staging"));
    for manifest in [".careersite-manifest", ".careersite-output-manifest"] {
        let text = previous.remove(manifest).expect("a manifest");
        let json: serde_json::Value = serde_json::from_slice(&text).unwrap();
        assert!(json["files"]["index.html"]["len"].as_u64().unwrap() > 100);
    }
    assert_eq!(
        previous.remove(".gitignore").as_deref(),
        Some(&b"# careersite's previous output\n*\n"[..])
    );
    assert_same_tree("the previous output", &first, &previous);
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

/// The titles of `output`'s pages, from "Errors" or "Errors, retitled N" in each page's
/// header: a whole build has one.
fn site_titles(output: &BTreeMap<String, Vec<u8>>) -> std::collections::BTreeSet<String> {
    let re = |page: &str| {
        let at = page.find("Errors")?;
        let rest = &page[at..];
        let end = rest.find(['<', '"']).unwrap_or(rest.len());
        Some(rest[..end].to_string())
    };
    output
        .iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .filter_map(|(_, v)| re(&String::from_utf8_lossy(v)))
        .collect()
}

#[test]
fn a_build_killed_part_way_leaves_the_previous_output_whole() {
    let site = Site::new("errors/base");
    large_site(&site, 1500);
    // Twice, so that the staging folder holds a previous output that builds update in place.
    site.build();
    site.build();
    let staging = site.tmp().join("site/.output.staging");
    assert!(staging.join(".careersite-output").is_file());
    let files: Vec<String> = tree(&site.out()).into_keys().collect();
    let mut kills_during_writing = 0;
    for (attempt, delay_ms) in [0u64, 30, 120, 400].into_iter().enumerate() {
        // Every page changes on each attempt, so a kill lands while pages are rewritten.
        let title = format!("Errors, retitled {attempt}");
        site.write(
            "site.toml",
            format!("title = \"{title}\"\nbase_url = \"https://example.com\"\n"),
        );
        let mut child = Command::new(env!("CARGO_BIN_EXE_careersite"))
            .args(["build", "--quiet", "--root"])
            .arg(&site.root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait for the first page of this attempt in the staging folder, then a little more.
        let start = Instant::now();
        let first_page = staging.join("index.html");
        while !std::fs::read_to_string(&first_page).is_ok_and(|p| p.contains(&title))
            && start.elapsed() < Duration::from_secs(20)
        {
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
        if !finished {
            kills_during_writing += 1;
        }
        // Whenever the kill lands, the output is one whole build, never a mix: every file
        // of the site is there and every page has the same title.
        let now = tree(&site.out());
        assert_eq!(
            now.keys().cloned().collect::<Vec<_>>(),
            files,
            "files after a kill {delay_ms} ms into writing"
        );
        let titles = site_titles(&now);
        assert_eq!(titles.len(), 1, "a mix of builds after a kill: {titles:?}");
        if finished {
            println!("attempt {attempt}: the build finished before the kill");
            break;
        }
    }
    assert!(
        kills_during_writing > 0,
        "no kill landed while the build was writing"
    );
    // The next build finishes what the killed ones left and succeeds.
    site.build();
    assert!(!site.tmp().join("site/.output.old").exists());
    let page = std::fs::read_to_string(site.out().join("guides/index.html")).unwrap();
    assert!(page.contains("Errors, retitled"));
    assert_eq!(site_titles(&tree(&site.out())).len(), 1);
}

#[test]
fn nothing_is_written_through_a_link_out_of_the_output() {
    // An output folder careersite made, with a link to a file of the writer's inside it:
    // the next build replaces the folder and never writes through the link.
    let site = Site::built("errors/base");
    let precious = site.tmp().join("precious.txt");
    std::fs::write(&precious, "mine").unwrap();
    std::os::unix::fs::symlink(&precious, site.out().join("index.html.lnk")).unwrap();
    std::fs::remove_file(site.out().join("robots.txt")).unwrap();
    std::os::unix::fs::symlink(&precious, site.out().join("robots.txt")).unwrap();
    site.build();
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "mine");
    assert!(!site.out().join("robots.txt").is_symlink());
    // The linked output is now the previous output beside the new one, which the next
    // build updates in place: it drops the links rather than write through them, also
    // when the link stands in for a folder.
    let staging = site.tmp().join("site/.output.staging");
    assert!(staging.join("robots.txt").is_symlink());
    let elsewhere = site.tmp().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::rename(staging.join("guides"), site.tmp().join("guides-moved")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, staging.join("guides")).unwrap();
    site.build();
    site.build();
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "mine");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    for out in [site.out(), staging] {
        assert!(!out.join("robots.txt").is_symlink());
        assert!(!out.join("guides").is_symlink());
        assert!(out.join("guides/index.html").is_file());
    }
}
