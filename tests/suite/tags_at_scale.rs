//! A guide with thousands of roles: `check` prints a readable summary instead of one line
//! per tag and one per pair of similar tags, and numbered tags are not called typos of each
//! other.

use crate::common;

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

/// Issue 20: one guide tagged with 10,000 roles took over a minute, counting every pair of
/// its roles (related roles), drawing the whole career map once per role page, and listing
/// all 10,000 roles in each of 10,000 role feeds. Not a timed assertion: if a quadratic
/// path returns, this takes minutes instead of seconds.
#[test]
fn ten_thousand_roles_on_one_guide_build_with_a_summary() {
    let site = Site::new("minimal");
    let roles: Vec<String> = (0..10_000).map(|i| format!("role-{i}")).collect();
    site.write(
        "content/guides/many-roles.md",
        format!(
            "---\ntitle: Many roles\ndate: 2024-01-02\nroles: [{}]\n---\n\nA guide for everyone.\n",
            roles.join(", ")
        ),
    );
    let run = site.cmd("check", &[]);
    run.assert_code(0);
    assert!(
        run.stderr.lines().count() < 40,
        "warnings are summarised:\n{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("9996 more like \"role `…` has no profile\""),
        "{}",
        run.stderr
    );
}

/// A feed entry lists a guide's first 32 roles as categories: a guide with thousands of
/// roles would otherwise repeat them all in each of its thousands of role feeds.
#[test]
fn feed_entries_list_the_first_roles_as_categories() {
    let site = Site::new("minimal");
    let roles: Vec<String> = (0..40).map(|i| format!("role-{i}")).collect();
    site.write(
        "content/guides/many-roles.md",
        format!(
            "---\ntitle: Many roles\ndate: 2024-01-02\nroles: [{}]\n---\n\nA guide for everyone.\n",
            roles.join(", ")
        ),
    );
    site.build();
    let page = site.page("roles/role-39/");
    assert!(
        page.links()
            .iter()
            .any(|(_, href)| href.ends_with("/guides/many-roles/")),
        "the last role's page links its guide: {:?}",
        page.links()
    );
    let feed = std::fs::read_to_string(site.out().join("roles/role-39/atom.xml")).unwrap();
    let categories: Vec<&str> = feed.lines().filter(|l| l.contains("<category ")).collect();
    assert_eq!(categories.len(), 32, "{feed}");
    assert!(categories[0].contains("term=\"role-0\""), "{feed}");
    // The guide's own page still lists every role.
    let guide = std::fs::read_to_string(site.out().join("guides/many-roles/index.html")).unwrap();
    assert!(guide.contains("/roles/role-39/"));
}
