//! Bad input: every mistake fails the build with exit status 1 and an error that names the
//! file, line and column and says what to do; a failed build leaves the previous output as
//! it was; dangerous output folders are refused.
//!
//! Each error case is a folder under `tests/fixtures/errors/<case>/` laid over the valid
//! site in `tests/fixtures/errors/base/`, with the exact stderr beside it in
//! `expected-stderr.txt`. Run with `CAREERSITE_BLESS=1` to rewrite those files after an
//! intended change of wording; the located message and hint asserted below must still hold.

use crate::common;

use common::{Run, Site, assert_same_tree, assert_starts, blessing, fixtures, tree};

/// One bad-input case: where the error must point and what it must say.
struct Case {
    name: &'static str,
    /// `file:line` or `file:line:col`; the error line starts with `error: <at>:`.
    at: &'static str,
    message: &'static str,
    /// What to do, on the `  hint: ` line below the message; none where no fix is known.
    hint: Option<&'static str>,
    /// Compare stderr with `expected-stderr.txt` (not for messages that list template fields).
    snapshot: bool,
}

fn check(case: Case) {
    let site = Site::new("errors/base");
    site.build(); // the base is valid: the case's files alone break it
    site.overlay(&format!("errors/{}", case.name));
    let run = site.build_fails();

    let errors = run.error_lines();
    assert_eq!(errors.len(), 1, "one mistake, one error:\n{}", run.stderr);
    let line = errors[0];
    assert!(
        line.starts_with(&format!("error: {}:", case.at)),
        "error should point at {}:\n{line}",
        case.at
    );
    assert!(
        line.contains(case.message),
        "error should say {:?}:\n{line}",
        case.message
    );
    if let Some(hint) = case.hint {
        let (_, after) = line
            .split_once(case.message)
            .expect("message is in the line");
        let hint_line = after.split_once("\n  hint: ").map(|(_, h)| h);
        assert!(
            hint_line.is_some_and(|h| h.contains(hint)),
            "error should end with a hint containing {hint:?}:\n{line}"
        );
    }
    assert!(
        run.stderr.trim_end().ends_with("build failed: 1 error"),
        "{}",
        run.stderr
    );
    assert!(!site.out().join("guides/a").exists());

    if case.snapshot {
        let expected = fixtures()
            .join("errors")
            .join(case.name)
            .join("expected-stderr.txt");
        if blessing() {
            std::fs::write(&expected, &run.stderr).unwrap();
        } else {
            let want = std::fs::read_to_string(&expected).unwrap_or_else(|_| {
                panic!(
                    "missing {}; run with CAREERSITE_BLESS=1",
                    expected.display()
                )
            });
            assert_eq!(
                run.stderr,
                want,
                "stderr differs from {}",
                expected.display()
            );
        }
    }
}

macro_rules! cases {
    ($($test:ident: $name:literal at $at:literal says $msg:literal $(hint $hint:literal)? $(, $nosnap:ident)?;)*) => {$(
        #[test]
        fn $test() {
            let hint: Option<&'static str> = None $(.or(Some($hint)))?;
            let snapshot = true $(&& stringify!($nosnap) != "no_snapshot")?;
            check(Case { name: $name, at: $at, message: $msg, hint, snapshot });
        }
    )*};
}

// 5. Every bad input: file, line and column, what is wrong, and what to do.
cases! {
    invalid_yaml: "invalid-yaml"
        at "content/guides/a.md:4:8" says "unclosed bracket";
    invalid_toml: "invalid-toml"
        at "content/guides/a.md:4" says "unclosed array" hint "end the list with `]`";
    unterminated_front_matter: "unterminated-front-matter"
        at "content/guides/a.md:1:1" says "the front matter is never closed"
        hint "add a line with `---`";
    no_front_matter: "no-front-matter"
        at "content/guides/a.md:1:1" says "the file has no front matter"
        hint "start it with a `---` line";
    empty_file: "empty-file"
        at "content/guides/a.md:1:1" says "the file is empty"
        hint "start it with front matter";
    missing_title: "missing-title"
        at "content/guides/a.md" says "missing key `title`"
        hint "add `title`";
    missing_date: "missing-date"
        at "content/guides/a.md:1" says "missing key `date`"
        hint "add `date: ";
    wrong_type: "wrong-type"
        at "content/guides/a.md:4:8" says "`draft` must be true or false, not `maybe`"
        hint "`draft: true`";
    unknown_key_did_you_mean: "unknown-key"
        at "content/guides/a.md:4:1" says "unknown key `rolse`"
        hint "did you mean `roles`?";
    impossible_date: "impossible-date"
        at "content/guides/a.md:3" says "`2026-02-30` is not a valid date"
        hint "YYYY-MM-DD";
    bad_slug: "bad-slug"
        at "content/guides/a.md:4" says "slug `Bad/Slug` is not allowed"
        hint "`bad-slug`";
    broken_content_link: "broken-link"
        at "content/guides/a.md:7:5" says "`@/guides/c.md` does not exist"
        hint "@/guides/";
    broken_anchor: "broken-anchor"
        at "content/guides/a.md:7:5" says "no heading `#geting-started` in content/guides/b.md"
        hint "did you mean `#getting-started`?";
    unknown_role_link: "unknown-role-link"
        at "content/guides/a.md:7:3" says "unknown role `sofware-engineer`"
        hint "did you mean `software-engineer`?";
    compare_role_without_profile: "compare-without-profile"
        at "content/guides/a.md:4" says "`compare` names role `data-wrangler`, which has no profile"
        hint "add content/roles/data-wrangler.md";
    template_syntax_error: "template-syntax"
        at "templates/guide.html:3" says "}}";
    template_unknown_variable: "template-unknown-variable"
        at "templates/guide.html:4" says "`salary_band` is not defined", no_snapshot;
    site_toml_unknown_key: "site-toml-unknown-key"
        at "site.toml:5:1" says "unknown key `limt`"
        hint "did you mean `limit`?";
    site_toml_invalid: "site-toml-invalid"
        at "site.toml:1" says "string" hint "close the quotes on the same line";
}

#[test]
fn duplicate_slug_names_both_files() {
    check(Case {
        name: "duplicate-slug",
        at: "content/guides/b.md",
        message: "`/guides/b/` is also the URL of content/guides/a.md",
        hint: Some("give one of them another `slug`"),
        snapshot: true,
    });
}

/// The base site with a fixture overlaid and a second broken guide `c.md`: both files'
/// errors are reported, sorted, starting with `expected`; returns the run.
fn two_mistakes(overlay: &str, c_text: &str, expected: [&str; 2]) -> Run {
    let site = Site::new("errors/base");
    site.overlay(overlay);
    site.write("content/guides/c.md", c_text);
    let run = site.build_fails();
    let mut errors = run.error_lines();
    errors.sort();
    assert_eq!(errors.len(), 2, "{}", run.stderr);
    for (error, prefix) in errors.iter().zip(expected) {
        assert_starts(error, prefix);
    }
    run
}

#[test]
fn several_mistakes_are_all_reported_in_one_run() {
    // Front matter mistakes in two files.
    let run = two_mistakes(
        "errors/impossible-date",
        "---\ntitle: C\ndate: 2026-01-02\nrolse: []\n---\nBody\n",
        [
            "error: content/guides/a.md:3:",
            "error: content/guides/c.md:4:1: unknown key `rolse`",
        ],
    );
    assert!(run.stderr.trim_end().ends_with("build failed: 2 errors"));

    // Broken links in two files.
    two_mistakes(
        "errors/broken-anchor",
        "---\ntitle: C\ndate: 2026-01-02\n---\nSee [nothing](@/guides/nope.md).\n",
        [
            "error: content/guides/a.md:7:5: no heading",
            "error: content/guides/c.md:5:5: `@/guides/nope.md` does not exist",
        ],
    );
}

#[test]
fn non_utf8_bytes_are_located() {
    let site = Site::new("errors/base");
    site.write(
        "content/guides/a.md",
        b"---\ntitle: Bad bytes\ndate: 2026-01-02\n---\nGood line\nab\xffcd\n".as_slice(),
    );
    let run = site.build_fails();
    assert_eq!(
        run.error_lines(),
        [
            "error: content/guides/a.md:6:3: the file is not valid UTF-8 text\n  hint: save it as UTF-8 in your editor"
        ]
    );
}

#[test]
fn missing_site_toml_says_how_to_start() {
    let site = Site::new("errors/base");
    site.remove("site.toml");
    let run = site.build_fails();
    run.assert_stderr_contains("no site.toml")
        .assert_stderr_contains("careersite init");
}

#[test]
fn check_fails_on_errors_too() {
    let site = Site::new("errors/base");
    site.overlay("errors/broken-anchor");
    let run = site.cmd("check", &[]);
    run.assert_code(1)
        .assert_stderr_contains("error: content/guides/a.md:7:5: no heading `#geting-started`");
}

// ---------------------------------------------------------------------------------------
// Bugs: each asserts what SPEC.md promises and fails today.

/// The first error of a build of the base site with `content/guides/a.md` replaced.
fn guide_error(text: &str) -> String {
    let site = Site::new("errors/base");
    site.write("content/guides/a.md", text);
    first_error(&site)
}

fn first_error(site: &Site) -> String {
    let run = site.build_fails();
    run.error_lines()
        .first()
        .map(|s| s.to_string())
        .unwrap_or_default()
}

#[test]
fn bug_wrong_type_names_key_and_fix() {
    let site = Site::new("errors/base");
    site.overlay("errors/wrong-type");
    let error = first_error(&site);
    assert!(error.contains("`draft`"), "the key is named:\n{error}");
    assert!(
        error.contains("\n  hint: ") && error.contains("true") && error.contains("false"),
        "the hint says to write true or false:\n{error}"
    );
}

#[test]
fn bug_unknown_template_variable_points_to_theme_reference() {
    let site = Site::new("errors/base");
    site.overlay("errors/template-unknown-variable");
    let error = first_error(&site);
    assert!(
        error.contains("\n  hint: see the README's theme reference"),
        "the hint for unknown variables is shown:\n{error}"
    );
}

#[test]
fn bug_blank_value_is_explained_to_writers() {
    let error = guide_error("---\ntitle:\ndate: 2026-01-02\n---\nBody\n");
    assert_starts(&error, "error: content/guides/a.md:2:");
    assert!(
        !error.contains("Option<"),
        "no Rust types in a writer's error:\n{error}"
    );
    assert!(error.contains("`title`"), "the key is named:\n{error}");
}

#[test]
fn bug_duplicate_key_is_named_plainly() {
    let error = guide_error("---\ntitle: A\ndate: 2026-01-02\ndate: 2026-01-03\n---\nBody\n");
    assert_starts(
        &error,
        "error: content/guides/a.md:4:1: key `date` is given twice\n  hint: keep one of them",
    );
}

#[test]
fn bug_link_error_column_counts_characters() {
    let error = guide_error("---\ntitle: A\ndate: 2026-01-02\n---\nCafé [x](@/guides/nope.md)\n");
    // `[` is the 6th character of the line (the 7th byte: `é` is two bytes).
    assert_starts(&error, "error: content/guides/a.md:5:6: ");
}

#[test]
fn bug_faq_link_error_points_at_the_answer() {
    let error = guide_error(
        "---\ntitle: A\ndate: 2026-01-02\nfaq:\n  - q: Why?\n    a: \"See [nothing](@/guides/nope.md).\"\n---\nBody\n",
    );
    assert_starts(&error, "error: content/guides/a.md:6:");
}

#[test]
fn bug_value_errors_have_a_column() {
    let site = Site::new("errors/base");
    site.overlay("errors/impossible-date");
    let error = first_error(&site);
    assert_starts(&error, "error: content/guides/a.md:3:7: ");
    let site = Site::new("errors/base");
    site.overlay("errors/bad-slug");
    let error = first_error(&site);
    assert_starts(&error, "error: content/guides/a.md:4:7: ");
}

// ---------------------------------------------------------------------------------------
// 6. A failed build leaves the previous output exactly as it was

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = Site::built("errors/base");
    let before = tree(&site.out());
    let beside = tree(site.tmp());
    assert!(before.contains_key("guides/b/index.html"));

    // One breakage per stage: parsing, linking, and rendering (after pages start being written).
    let breakages: [(&str, &str); 3] = [
        ("invalid-yaml", "content/guides/a.md"),
        ("broken-anchor", "content/guides/a.md"),
        ("template-unknown-variable", "templates/guide.html"),
    ];
    for (case, file) in breakages {
        site.overlay(&format!("errors/{case}"));
        site.build_fails();
        assert_same_tree(&format!("output after {case}"), &before, &tree(&site.out()));
        // Nothing changed beside the output either, apart from the broken file. The hidden
        // staging folder is careersite's scratch space: a build that fails part-way may
        // leave pages in it, which the next build reuses.
        let scratch = |t: &mut std::collections::BTreeMap<String, Vec<u8>>| {
            t.retain(|k, _| !k.starts_with("site/.output.staging/"));
        };
        let mut now = tree(site.tmp());
        scratch(&mut now);
        now.remove(&format!("site/{file}"));
        let mut was = beside.clone();
        scratch(&mut was);
        was.remove(&format!("site/{file}"));
        if file.starts_with("templates/") {
            now.remove("site/templates/");
        }
        assert_same_tree(&format!("site folder after {case}"), &was, &now);
        site.remove(file);
    }
    // Fixed again, it builds.
    site.build();
}

// ---------------------------------------------------------------------------------------
// 7. Refused output folders

fn assert_refused(site: &Site, output: &std::path::Path, why: &str) {
    let before = tree(site.tmp());
    let run = site.cmd("build", &["--output", output.to_str().unwrap()]);
    run.assert_code(1)
        .assert_stderr_contains("refusing to write the site into")
        .assert_stderr_contains(why)
        .assert_stderr_contains("--output");
    assert_same_tree(&format!("after refusing {why}"), &before, &tree(site.tmp()));
}

#[test]
fn refuses_the_site_root() {
    let site = Site::new("minimal");
    assert_refused(&site, &site.root, "it is the site's own folder");
    assert_refused(&site, &site.root.join("."), "it is the site's own folder");
}

#[test]
fn refuses_a_parent_of_the_site() {
    let site = Site::new("minimal");
    assert_refused(&site, site.tmp(), "it contains the site's folder");
    assert_refused(
        &site,
        &site.root.join(".."),
        "it contains the site's folder",
    );
}

#[test]
fn refuses_a_folder_holding_content() {
    let site = Site::new("minimal");
    let other = site.tmp().join("other-site");
    std::fs::create_dir_all(other.join("content/guides")).unwrap();
    std::fs::write(other.join("content/guides/keep.md"), "keep me").unwrap();
    assert_refused(&site, &other, "it holds a content/ folder");
    assert_refused(&site, &site.root.join("content"), "");
}

#[test]
fn refuses_a_non_empty_folder_it_did_not_create() {
    let site = Site::new("minimal");
    let docs = site.tmp().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("thesis.txt"), "years of work").unwrap();
    assert_refused(&site, &docs, "careersite did not write");

    // An empty folder, or one careersite wrote, is fine.
    let empty = site.tmp().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    site.build_with(&["--output", empty.to_str().unwrap()]);
    site.build_with(&["--output", empty.to_str().unwrap()]);
    assert!(empty.join("guides/hello/index.html").is_file());
}

#[test]
fn refuses_output_dir_from_site_toml_too() {
    let site = Site::new("minimal");
    let config = site.read("site.toml");
    for (dir, why) in [
        (".", "it is the site's own folder"),
        ("..", "it contains the site's folder"),
    ] {
        site.write("site.toml", format!("{config}output_dir = \"{dir}\"\n"));
        let before = tree(site.tmp());
        site.build_fails().assert_stderr_contains(why);
        assert_same_tree(dir, &before, &tree(site.tmp()));
    }
}
