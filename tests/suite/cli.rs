//! The commands around `build`: `init`, `new guide`, `check`, and bad command-line use.

use crate::common;

use common::server::Server;
use common::{Site, assert_same_tree, run_in, tree};

// ---------------------------------------------------------------------------------------
// 11. init and new

#[test]
fn init_makes_a_site_that_builds_with_the_built_in_theme() {
    let site = Site::empty();
    let run = site.run(&["init", "site"]); // a relative path, as a user types it
    run.assert_code(0);
    assert!(site.path("site.toml").is_file());
    assert!(
        !site.path("themes").exists(),
        "init writes no theme: the built-in one is used"
    );

    site.build();
    let home = site.page("");
    assert!(!home.main_text().is_empty());
    let guide = site.page_titled("guides/your-first-guide/", "Your first guide");
    guide.assert_link("Software Engineer", "/roles/software-engineer/");
    assert!(
        site.out().join("style.css").is_file(),
        "the built-in theme's assets are written"
    );
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let site = Site::empty();
    std::fs::create_dir_all(&site.root).unwrap();
    std::fs::write(site.path("notes.txt"), "mine").unwrap();
    let before = tree(site.tmp());
    let run = site.run(&["init", site.root.to_str().unwrap()]);
    run.assert_code(1).assert_stderr_contains("is not empty");
    assert_same_tree("after refused init", &before, &tree(site.tmp()));

    // Nor over a site that init made before.
    let again = Site::empty();
    again.run(&["init", "site"]).assert_code(0);
    let made = tree(again.tmp());
    again
        .run(&["init", "site"])
        .assert_code(1)
        .assert_stderr_contains("is not empty");
    assert_same_tree("after second init", &made, &tree(again.tmp()));
}

#[test]
fn new_guide_creates_a_guide_that_builds_and_never_overwrites() {
    let site = Site::new("minimal");
    let root = site.root.to_str().unwrap().to_string();
    let args = [
        "new", "guide", "My Title", "--roles", "a,b", "--skills", "x", "--root", &root,
    ];
    site.run(&args).assert_code(0);
    let text = site.read("content/guides/my-title.md");
    assert!(text.starts_with("---\n"), "{text}");
    assert!(text.contains("My Title"), "{text}");

    // A draft: its skeleton is not published until the writer says so.
    site.build();
    assert!(!site.output_exists("guides/my-title/index.html"));
    site.build_with(&["--drafts"]);
    let guide = site.page_titled("guides/my-title/", "My Title");
    guide.assert_link("A", "/roles/a/");
    guide.assert_link("B", "/roles/b/");
    guide.assert_link("X", "/skills/x/");
    assert_eq!(site.page("roles/a/").h1(), "A");

    // A second run with the same title refuses and leaves the file as it was.
    site.write(
        "content/guides/my-title.md",
        format!("{text}\nMy own words.\n"),
    );
    let edited = site.read("content/guides/my-title.md");
    let again = site.run(&["new", "guide", "My Title", "--roles", "c", "--root", &root]);
    again
        .assert_code(1)
        .assert_stderr_contains("already exists");
    assert_eq!(site.read("content/guides/my-title.md"), edited);
}

#[test]
fn new_guide_outside_a_site_is_an_error() {
    let site = Site::empty();
    std::fs::create_dir_all(&site.root).unwrap();
    let run = site.run(&["new", "guide", "X", "--root", site.root.to_str().unwrap()]);
    run.assert_code(1).assert_stderr_contains("no site.toml");
    assert!(!site.path("content").exists());
}

// ---------------------------------------------------------------------------------------
// 12. check

#[test]
fn check_warns_about_near_typos_and_exits_zero() {
    let site = Site::new("check");
    let before = tree(site.tmp());
    let run = site.cmd("check", &[]);
    run.assert_code(0).assert_stderr_contains(
        "warning: content/guides/typo.md:6: unknown role `sofware-engineer`\n  hint: did you mean `software-engineer`?",
    );
    assert!(run.error_lines().is_empty(), "{}", run.stderr);
    assert_same_tree("check writes nothing", &before, &tree(site.tmp()));
    assert!(!site.out().exists());
}

#[test]
fn check_strict_fails_on_warnings() {
    let site = Site::new("check");
    let before = tree(site.tmp());
    let run = site.cmd("check", &["--strict"]);
    run.assert_code(1).assert_stderr_contains(
        "unknown role `sofware-engineer`\n  hint: did you mean `software-engineer`?",
    );
    assert_same_tree("check --strict writes nothing", &before, &tree(site.tmp()));
}

#[test]
fn check_warns_about_tags_without_profiles() {
    let site = Site::new("minimal");
    let run = site.cmd("check", &[]);
    run.assert_code(0).assert_stderr_contains(
        "warning: content/guides/hello.md:5: skill `git` has no profile\n  hint: add content/skills/git.md",
    );
    // A clean site passes even --strict.
    let clean = Site::new("errors/base");
    clean.cmd("check", &["--strict"]).assert_code(0);
}

// ---------------------------------------------------------------------------------------
// 14. Bad command-line use

#[test]
fn bad_usage_exits_2() {
    let site = Site::new("minimal");
    let before = tree(site.tmp());
    let root = site.root.to_str().unwrap();
    for args in [
        vec!["build", "--root", root, "--no-such-flag"],
        vec!["build", "--root"],
        vec!["frobnicate"],
        vec![],
        vec!["new", "guide"],
        vec!["check", "--root", root, "--strict=maybe"],
    ] {
        let run = run_in(site.tmp(), &args);
        run.assert_code(2);
        assert!(
            !run.stderr.trim().is_empty(),
            "{args:?}: says what is wrong"
        );
    }
    run_in(site.tmp(), &["build", "--root", root, "--no-such-flag"])
        .assert_stderr_contains("--no-such-flag");
    assert_same_tree("bad usage writes nothing", &before, &tree(site.tmp()));
}

// ---------------------------------------------------------------------------------------
// 15. Flags as Zola and Hugo users type them

#[test]
fn root_goes_before_or_after_the_command_and_output_has_short_names() {
    let site = Site::new("minimal");
    let root = site.root.to_str().unwrap();
    let out = |name: &str| site.tmp().join(name).to_str().unwrap().to_string();
    let (a, b, c) = (out("a"), out("b"), out("c"));
    run_in(site.tmp(), &["--root", root, "build", "-o", &a, "-q"]).assert_code(0);
    run_in(site.tmp(), &["-r", root, "build", "--output-dir", &b, "-q"]).assert_code(0);
    run_in(site.tmp(), &["build", "-r", root, "--output", &c, "-q"]).assert_code(0);
    let first = tree(std::path::Path::new(&a));
    assert!(first.contains_key("guides/hello/index.html"), "{first:?}");
    assert_same_tree("-r before build", &first, &tree(std::path::Path::new(&b)));
    assert_same_tree("-r after build", &first, &tree(std::path::Path::new(&c)));
    assert!(!site.out().exists(), "-o wrote elsewhere than output/");
    // `check` and `new guide` take it in front too.
    run_in(site.tmp(), &["--root", root, "check"]).assert_code(0);
    run_in(site.tmp(), &["-r", root, "new", "guide", "Front Root"]).assert_code(0);
    assert!(site.path("content/guides/front-root.md").is_file());
}

#[test]
fn config_names_another_settings_file_and_errors_name_it() {
    let site = Site::new("minimal");
    let root = site.root.to_str().unwrap();
    let staging = site.read("site.toml").replace(
        "base_url = \"https://example.com\"",
        "base_url = \"https://staging.example.com\"",
    );
    assert_ne!(staging, site.read("site.toml"), "the fixture sets base_url");
    site.write("staging.toml", &staging);
    let canonical = |out: &str| {
        let page = common::page_in(&site.tmp().join(out), "guides/hello/");
        page.html
            .select(&common::sel("link[rel=canonical]"))
            .next()
            .and_then(|l| l.value().attr("href").map(str::to_string))
    };
    // Zola's habit: relative to the site's folder, the flag before the command.
    run_in(
        site.tmp(),
        &[
            "--root",
            root,
            "--config",
            "staging.toml",
            "build",
            "-o",
            "a",
            "-q",
        ],
    )
    .assert_code(0);
    assert_eq!(
        canonical("a").as_deref(),
        Some("https://staging.example.com/guides/hello/")
    );
    // As typed from the current folder, after the command, short.
    let typed = site.root.join("staging.toml");
    run_in(
        site.tmp(),
        &[
            "build",
            "-r",
            root,
            "-c",
            typed.to_str().unwrap(),
            "-o",
            "b",
            "-q",
        ],
    )
    .assert_code(0);
    assert_eq!(canonical("b"), canonical("a"));
    // Its errors name it, at their line.
    site.write("staging.toml", format!("{staging}paginate_by = \"ten\"\n"));
    site.cmd("check", &["--config", "staging.toml"])
        .assert_code(1)
        .assert_stderr_contains("error: staging.toml:");
    // A file that is not there, and a command that reads no settings.
    site.cmd("build", &["--config", "nope.toml"])
        .assert_code(1)
        .assert_stderr_contains(
            "error: nope.toml: --config names a settings file that is not there",
        );
    site.cmd("new", &["--config", "staging.toml", "guide", "X"])
        .assert_code(2)
        .assert_stderr_contains("--config is read by build, check and serve only");
    assert!(!site.path("content/guides/x.md").exists());
}

#[test]
fn minify_flag_is_the_minify_setting() {
    let site = Site::new("minimal");
    site.build_with(&["--minify", "-q"]);
    let flagged = tree(&site.out());
    let config = site.read("site.toml");
    site.write("site.toml", format!("minify = true\n{config}"));
    site.build_with(&["-q"]);
    assert_same_tree("--minify and minify = true", &flagged, &tree(&site.out()));
    site.write("site.toml", config);
    site.build_with(&["-q"]);
    let plain = tree(&site.out());
    let size =
        |t: &std::collections::BTreeMap<String, Vec<u8>>| t.values().map(Vec::len).sum::<usize>();
    assert!(
        size(&flagged) < size(&plain),
        "--minify made nothing smaller"
    );
}

#[test]
fn serve_hides_drafts_unless_asked_and_takes_a_base_url() {
    let site = Site::new("drafts");
    let server = Server::start(&site.root, &site.tmp().join("tmp1"), &[]);
    server.wait_for_status("/guides/published/", 200);
    assert_eq!(server.get("/guides/work-in-progress/").status, 404);
    drop(server);

    let server = Server::start(
        &site.root,
        &site.tmp().join("tmp2"),
        &["--drafts", "-u", "https://preview.example.com/"],
    );
    let page = server.wait_for_page("/guides/work-in-progress/", 200, "Not ready yet");
    let html = page.html();
    let canonical = html
        .select(&common::sel("link[rel=canonical]"))
        .next()
        .and_then(|l| l.value().attr("href").map(str::to_string));
    assert_eq!(
        canonical.as_deref(),
        Some("https://preview.example.com/guides/work-in-progress/")
    );
}

#[test]
fn serve_short_flags_are_port_and_interface() {
    let site = Site::new("minimal");
    let root = site.root.to_str().unwrap();
    run_in(site.tmp(), &["serve", "-r", root, "-p", "not-a-port"])
        .assert_code(2)
        .assert_stderr_contains("--port");
    run_in(site.tmp(), &["serve", "-r", root, "-i", "not-an-address"])
        .assert_code(2)
        .assert_stderr_contains("--interface");
}

#[test]
fn new_role_and_skill_give_a_tag_its_profile() {
    let site = Site::new("minimal");
    let root = site.root.to_str().unwrap();
    // hello.md is tagged with the skill `git`, which has no profile yet.
    site.cmd("check", &["--strict"]).assert_code(1);
    run_in(site.tmp(), &["-r", root, "new", "skill", "Git"]).assert_code(0);
    run_in(
        site.tmp(),
        &["-r", root, "new", "role", "Software Engineer"],
    )
    .assert_code(0);
    assert!(
        site.read("content/skills/git.md")
            .contains("title: \"Git\"")
    );
    assert!(site.path("content/roles/software-engineer.md").is_file());
    site.cmd("check", &["--strict"]).assert_code(0);
    run_in(site.tmp(), &["-r", root, "new", "skill", "Git"])
        .assert_code(1)
        .assert_stderr_contains("already exists");
}
