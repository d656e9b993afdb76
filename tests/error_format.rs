//! Every error prints as one clickable `path:line:col: what` line, then an indented
//! `  hint: how` line: never a parser's multi-line report, never without its file.

mod common;

use common::Site;

/// The lines of a failed build's stderr that are neither a diagnostic, its hint, nor the
/// closing count: what a writer would see that is not in the one format.
fn stray_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| {
            !(l.starts_with("error: ")
                || l.starts_with("warning: ")
                || l.starts_with("  hint: ")
                || l.starts_with("build failed: "))
        })
        .collect()
}

#[test]
fn template_load_errors_are_one_located_line_each_with_a_hint() {
    let site = Site::new("errors/base");
    site.write(
        "templates/guide.html",
        "<main>\n<h1>{{ guide.title | shout }}</h1>\n{{ nosuch_fn() }}\n{% include \"missing.html\" %}\n</main>\n",
    );
    let run = site.build_fails();
    assert_eq!(
        stray_lines(&run.stderr),
        Vec::<&str>::new(),
        "{}",
        run.stderr
    );
    let errors = run.error_lines();
    assert_eq!(
        errors,
        [
            "error: templates/guide.html:2:22: Unknown filter `shout`\n  hint: check the spelling: the README's \"Functions and filters\" lists what careersite adds to Tera's own",
            "error: templates/guide.html:3:4: Unknown function `nosuch_fn`\n  hint: check the spelling: the README's \"Functions and filters\" lists what careersite adds to Tera's own",
            "error: templates/guide.html:4:12: Unknown template `missing.html`\n  hint: add the template under templates/, or fix its name",
        ],
        "{}",
        run.stderr
    );
    assert!(run.stderr.trim_end().ends_with("build failed: 3 errors"));
}
