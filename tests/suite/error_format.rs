//! Every error prints as one clickable `path:line:col: what` line, then an indented
//! `  hint: how` line: never a parser's multi-line report, never without its file.

use crate::common;

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

#[test]
fn a_block_left_open_is_named_where_it_opens_not_at_the_next_end_tag() {
    let site = Site::new("errors/base");
    site.write(
        "templates/guide.html",
        "<main>\n{% for r in guide.roles %}\n  {% if r.title %}\n  <p>{{ r.title }}</p>\n{% endfor %}\n</main>\n",
    );
    let run = site.build_fails();
    assert_eq!(
        run.error_lines(),
        [
            "error: templates/guide.html:3:3: `{% if %}` is never closed\n  hint: add `{% endif %}` where its part ends, before the `{% endfor %}` on line 5"
        ],
        "{}",
        run.stderr
    );
    // A shortcode template is told the same way.
    site.write("templates/guide.html", "{% extends \"theme:guide.html\" %}");
    site.write(
        "templates/shortcodes/note.html",
        "<aside>{{ body }}</aside>\n{% endif %}\n",
    );
    let run = site.build_fails();
    assert_eq!(
        run.error_lines(),
        [
            "error: templates/shortcodes/note.html:2:1: `{% endif %}` closes nothing\n  hint: remove it, or add the `{% if %}` it should close above it"
        ],
        "{}",
        run.stderr
    );
}

/// A standalone page's URL comes from its file and folder names; one too long for a file
/// system used to fail half-way through writing with "File name too long (os error 36)".
#[test]
fn an_over_long_page_name_is_an_error_naming_the_file_before_anything_is_written() {
    let site = Site::new("errors/base");
    site.build();
    let before = common::tree(&site.out());
    // 70 characters, 280 bytes once transliterated (`shu-` each).
    let stem = "数".repeat(70);
    for rel in [
        format!("content/{stem}.md"),
        format!("content/help/{stem}.md"),
    ] {
        site.write(&rel, "---\ntitle: Help\n---\nText.\n");
        let run = site.build_fails();
        let errors = run.error_lines();
        assert_eq!(errors.len(), 1, "{}", run.stderr);
        assert!(
            errors[0].starts_with(&format!("error: {rel}:2:8: the URL name `shu-shu-")),
            "{}",
            errors[0]
        );
        assert!(
            errors[0].ends_with(
                "\n  hint: shorten the slug or title: rename the file or its folder, or set a shorter `slug`"
            ),
            "{}",
            errors[0]
        );
        assert!(!run.stderr.contains("os error"), "{}", run.stderr);
        assert_eq!(
            common::tree(&site.out()),
            before,
            "the last good output is kept"
        );
        site.remove(&rel);
    }
}

#[test]
fn an_over_long_alias_says_to_shorten_the_alias() {
    let site = Site::new("errors/base");
    let alias = "old-".repeat(70);
    site.write(
        "content/guides/a.md",
        format!("---\ntitle: A\ndate: 2026-01-01\naliases: [\"/{alias}/\"]\n---\nx\n"),
    );
    let run = site.build_fails();
    let errors = run.error_lines();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].starts_with("error: content/guides/a.md:4: `aliases` entry `old-old-"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].ends_with("\n  hint: shorten the alias"),
        "{}",
        errors[0]
    );
}
