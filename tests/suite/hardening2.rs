//! Hostile and unusual inputs on the way in and out (issue 20): a `content/` folder that is
//! missing, a file or a link to itself; a build that would swap an empty site over a good
//! one; named pipes, sockets and devices where files should be; a staging folder the user
//! made. Every case runs the real binary and checks the message a writer sees, the exit
//! status and what is left on disk.

use crate::common;

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
        "error: content: the site has no content/ folder\n  hint: create content/guides/",
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
            "error: site.toml: not a regular file: it is a named pipe (FIFO)\n  hint: careersite reads only ordinary files",
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

/// The first `error: ` line of a failed build of `site`.
fn first_error(site: &Site) -> String {
    let run = quick_build(site);
    run.assert_code(1);
    run.error_lines()
        .first()
        .unwrap_or_else(|| panic!("no error line:\n{}", run.stderr))
        .to_string()
}

#[test]
fn characters_that_feeds_cannot_hold_are_refused_where_they_are() {
    let site = Site::new("minimal");
    site.build();
    let before = tree(&site.out());
    let guide = "content/guides/c.md";
    let cases: &[(&str, &str)] = &[
        // Raw in the title, the body, a tag, extra.
        (
            "---\ntitle: \"A\u{0}B\"\ndate: 2026-01-01\n---\nx\n",
            "error: content/guides/c.md:2:10: the file contains a NUL character (U+0000)\n  hint: delete it",
        ),
        (
            "---\ntitle: A\ndate: 2026-01-01\n---\nfine\nbell \u{7} here\n",
            "error: content/guides/c.md:6:6: the file contains the invisible control character U+0007",
        ),
        (
            "---\ntitle: A\ndate: 2026-01-01\nroles: [\"x\u{FFFE}\"]\n---\nx\n",
            "error: content/guides/c.md:4:11: the file contains the Unicode noncharacter U+FFFE",
        ),
        (
            "---\ntitle: A\ndate: 2026-01-01\n---\nescape \u{1b}[31m red\n",
            "error: content/guides/c.md:5:8: the file contains the invisible control character U+001B",
        ),
        // Made by an escape or a tag in front matter.
        (
            "---\ntitle: \"A\\u0001\"\ndate: 2026-01-01\n---\nx\n",
            "error: content/guides/c.md:2:10: `title` holds the invisible control character U+0001 once its escapes are read",
        ),
        (
            "---\ntitle: A\ndate: 2026-01-01\ndescription: !!binary AAE=\n---\nx\n",
            "error: content/guides/c.md:4:14: `description` holds a NUL character (U+0000) once its escapes are read",
        ),
        (
            "---\ntitle: A\ndate: 2026-01-01\nextra:\n  blob: !!binary AAE=\n---\nx\n",
            "error: content/guides/c.md:5:9: `blob` holds a NUL character (U+0000)",
        ),
        (
            "+++\ntitle = \"A\"\ndate = 2026-01-01\ntakeaways = [\"ok\", \"bad \\b\"]\n+++\nx\n",
            "error: content/guides/c.md:4:25: `takeaways` holds the invisible control character U+0008",
        ),
        // Made by a character reference in Markdown: the body or an FAQ answer.
        (
            "---\ntitle: A\ndate: 2026-01-01\n---\nx\n\nsee &#1; here\n",
            "error: content/guides/c.md:7:5: `&#1;` stands for the invisible control character U+0001\n  hint: delete it",
        ),
        (
            "---\ntitle: A\ndate: 2026-01-01\nfaq:\n  - q: Why?\n    a: \"Because &#x1F;\"\n---\nx\n",
            "error: content/guides/c.md:6:17: `&#x1F;` stands for the invisible control character U+001F",
        ),
    ];
    for (text, expected) in cases {
        site.write(guide, text);
        let error = first_error(&site);
        assert!(
            error.starts_with(expected),
            "for {text:?}\nexpected: {expected}\n     got: {error}"
        );
        assert!(error.contains("\n  hint: "), "no hint: {error}");
        assert_output_kept(&site, &before);
    }
    site.remove(guide);
    // And in site.toml, raw or escaped.
    let config = site.read("site.toml");
    site.write("site.toml", format!("{config}description = \"a\u{2}\"\n"));
    assert!(
        first_error(&site).starts_with(
            "error: site.toml:3:17: the file contains the invisible control character U+0002"
        ),
        "{}",
        first_error(&site)
    );
    site.write("site.toml", format!("{config}description = \"a\\u0002\"\n"));
    assert!(
        first_error(&site).starts_with(
            "error: site.toml:3:17: `description` holds the invisible control character U+0002"
        ),
        "{}",
        first_error(&site)
    );
    assert_output_kept(&site, &before);
}

/// Characters that are unusual but allowed, everywhere text can go: every feed and the
/// sitemap must still parse as XML, and no file may hold a forbidden character.
#[test]
fn feeds_sitemap_and_pages_stay_well_formed_with_unusual_text() {
    let site = Site::new("minimal");
    let odd = "Tab\there, ]]> & <b> \u{2028}\u{2029} \u{202E}rtl\u{202C} \u{FEFF}\u{200B} \u{A0} 😀 \u{FFFD} &amp; &#65; &#0; &#xD800;";
    site.write(
        "content/guides/odd.md",
        format!(
            "---\ntitle: \"Odd ]]> & <title> \u{2028} 😀 &#66;\"\ndescription: \"{}\"\ndate: 2026-01-03\nroles: [\"Ünïcode ]]> role\"]\nskills: [\"C&C <x>\"]\ntakeaways: [\"\u{202E}x\"]\nfaq:\n  - q: \"Q ]]>\"\n    a: \"A &#65; `&#1;` \u{2028}\"\nextra:\n  k: \"\\t\\u00e9\"\n---\n{odd}\n\n`&#2;` in code\n\n```\n&#3;\n```\n",
            odd.replace('\t', "\\t").replace('\u{2028}', "\\u2028")
        ),
    );
    site.build();
    let mut xml = 0;
    for (rel, bytes) in tree(&site.out()) {
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        if let Some(c) = text.chars().find(|&c| {
            matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
        }) {
            panic!("{rel} holds {c:?}");
        }
        if rel.ends_with(".xml") {
            roxmltree::Document::parse(&text)
                .unwrap_or_else(|e| panic!("{rel} is not well-formed XML: {e}"));
            xml += 1;
        }
    }
    assert!(xml >= 4, "feeds and sitemap checked: {xml}");
    let page = site.page("guides/odd/");
    assert!(page.h1().contains("Odd ]]> & <title>"), "{}", page.h1());
    assert!(page.main_text().contains("&#2;"), "code keeps its text");
}

#[test]
fn parser_and_type_errors_are_in_plain_words_with_a_fix() {
    let site = Site::new("minimal");
    let guide = "content/guides/c.md";
    let front = |extra: &str| format!("---\ntitle: A\ndate: 2026-01-01\n{extra}\n---\nx\n");
    let cases: &[(&str, &str)] = &[
        (
            "draft: []",
            "error: content/guides/c.md:4:8: `draft` must be true or false, not `[]`\n  hint: write `draft: true` or `draft: false`",
        ),
        (
            "description: !!binary /w==",
            "error: content/guides/c.md:4:23: this `!!binary` value does not decode to text\n  hint: write the value as plain text",
        ),
        (
            "description: !!int 5",
            "error: content/guides/c.md:4:20: a YAML tag (`!…` or `!!…`) is not allowed on this value\n  hint: remove the tag",
        ),
        (
            "description: Step one: plan",
            "error: content/guides/c.md:4:22: a colon inside an unquoted value\n  hint: quote the value",
        ),
        (
            "description: @handle",
            "error: content/guides/c.md:4:14: `@` cannot start an unquoted value\n  hint: put the value in quotes",
        ),
    ];
    for (extra, expected) in cases {
        site.write(guide, front(extra));
        let error = first_error(&site);
        assert!(
            error.starts_with(expected),
            "for {extra:?}\nexpected: {expected}\n     got: {error}"
        );
        for internal in ["Options", "scalar", "budget", "deserialize"] {
            assert!(!error.contains(internal), "{error}");
        }
    }
    // Hundreds of thousands of values: the parser's budget, in plain words.
    let many = format!("extra:\n  x: [{}]", vec!["1"; 300_000].join(","));
    site.write(guide, front(&many));
    let error = first_error(&site);
    assert!(
        error.contains("the front matter is too large or too deeply nested to read"),
        "{error}"
    );
}

#[test]
fn over_long_names_and_misplaced_profiles_name_the_file() {
    let site = Site::new("minimal");
    let stem = "数".repeat(70);
    site.write(
        &format!("content/guides/{stem}.md"),
        "---\ntitle: A\ndate: 2026-01-01\n---\nx\n",
    );
    let error = first_error(&site);
    assert!(
        error.starts_with(&format!(
            "error: content/guides/{stem}.md:2:8: the URL name `shu-shu-"
        )),
        "{error}"
    );
    assert!(error.contains("shorten the slug or title"), "{error}");
    site.remove(&format!("content/guides/{stem}.md"));
    let tag = "long-".repeat(60);
    site.write(
        "content/guides/c.md",
        format!("---\ntitle: A\ndate: 2026-01-01\nroles: [{tag}]\n---\nx\n"),
    );
    let error = first_error(&site);
    assert!(
        error.starts_with("error: content/guides/c.md:4: `roles` entry `long-long-"),
        "{error}"
    );
    assert!(error.contains("shorten the tag"), "{error}");
    site.remove("content/guides/c.md");
    site.write(
        "content/skills/databases/sql.md",
        "---\ntitle: SQL\n---\nx\n",
    );
    assert_eq!(
        first_error(&site),
        "error: content/skills/databases/sql.md:1:1: a skill profile must sit directly in content/skills/, not in a sub-folder\n  hint: move it to content/skills/sql.md"
    );
}

/// HTML opening thousands of elements it never closes took the sanitizer time growing with
/// the square of its length (40,000 `<pre>` lines: 9 s). Past the depth a browser nests,
/// the body's raw HTML is shown as text, with a warning, and every word stays.
#[test]
fn html_left_open_thousands_deep_is_shown_as_text_quickly() {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"Deep\"\nbase_url = \"https://x.org\"\n",
    );
    let body: String = (0..40_000)
        .map(|i| format!("<pre>\n\nword{i}\n\n"))
        .collect();
    site.write(
        "content/guides/deep.md",
        format!("---\ntitle: Deep\ndate: 2026-01-01\n---\n{body}"),
    );
    let run = build_within(&site, &[], Duration::from_secs(60));
    run.assert_code(0);
    let check = site.cmd("check", &[]);
    assert!(
        check
            .stderr
            .contains("content/guides/deep.md:5:1: raw HTML shown as text"),
        "{}",
        check.stderr
    );
    let page = site.read("output/guides/deep/index.html");
    for i in [0, 20_000, 39_999] {
        assert!(page.contains(&format!("word{i}")), "word{i} is missing");
    }
    assert!(page.contains("&lt;pre&gt;"), "the HTML is shown as text");
}
