//! A guide with thousands of roles: `check` prints a readable summary instead of one line
//! per tag and one per pair of similar tags, and numbered tags are not called typos of each
//! other.

mod common;

use common::Site;

#[test]
fn thousands_of_tags_give_a_summary_not_thousands_of_lines() {
    let site = Site::new("minimal");
    let roles: Vec<String> = (0..2000).map(|i| format!("role-{i}")).collect();
    site.write(
        "content/guides/many-roles.md",
        format!(
            "---\ntitle: Many roles\ndate: 2024-01-02\nroles: [{}]\n---\n\nA guide for everyone.\n",
            roles.join(", ")
        ),
    );
    let run = site.cmd("check", &[]);
    run.assert_code(0);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(
        lines.len() < 40,
        "{} lines of warnings:\n{}",
        lines.len(),
        lines[..lines.len().min(40)].join("\n")
    );
    assert!(
        run.stderr
            .contains(" more like \"role `…` has no profile\""),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("look like one role"),
        "numbered tags are not typos of each other:\n{}",
        run.stderr
    );
    // The first few are shown in full, each with its file and line.
    assert!(
        run.stderr
            .contains("warning: content/guides/many-roles.md:4: role `role-0` has no profile"),
        "{}",
        run.stderr
    );
}
