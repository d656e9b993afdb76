//! Publish dates: content with a `publish_date` to come or an `expiry_date` gone is left
//! out of every page, listing, feed, sitemap, search entry and term, unless asked for.

use crate::common;

use common::Site;

/// Whether any file of the output mentions `needle`.
fn output_mentions(site: &Site, needle: &str) -> Vec<String> {
    walkdir::WalkDir::new(site.out())
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .filter(|e| String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).contains(needle))
        .map(|e| e.path().display().to_string())
        .collect()
}

#[test]
fn future_and_expired_content_is_left_out_everywhere() {
    let site = Site::new("publish");
    let run = site.build();
    assert!(
        run.stdout.contains(
            "left out 2 pages not yet published (--future includes them) and 1 page expired (--expired includes them)"
        ),
        "{}",
        run.stdout
    );
    assert!(site.output_exists("guides/now/index.html"));
    for gone in [
        "guides/launch",
        "guides/old",
        "event",
        "roles/launch-lead",
        "roles/archivist",
    ] {
        assert!(!site.output_exists(gone), "{gone} was published");
    }
    for title in ["Launch day", "Old news", "Next year"] {
        assert_eq!(
            output_mentions(&site, title),
            Vec::<String>::new(),
            "{title}"
        );
    }
    // The analyst role counts the one guide it shows.
    let analyst = site.page("roles/analyst/");
    assert_eq!(
        analyst.links_in("main a[href^='/guides/']").len(),
        1,
        "{}",
        analyst.main_html()
    );
    // Both spellings are read: Hugo's `expiryDate` and `publishDate` too.
    let all = site.build_with(&["--future", "--expired"]);
    assert!(!all.stdout.contains("left out"), "{}", all.stdout);
    for made in [
        "guides/launch/index.html",
        "guides/old/index.html",
        "event/index.html",
        "roles/launch-lead/index.html",
    ] {
        assert!(site.output_exists(made), "{made}");
    }
    site.build_with(&["--future"]);
    assert!(site.output_exists("guides/launch/index.html"));
    assert!(!site.output_exists("guides/old"));
}

#[test]
fn check_warns_about_links_to_content_not_yet_published() {
    let site = Site::new("publish");
    let run = site.cmd("check", &[]);
    run.assert_code(0);
    run.assert_stderr_contains(
        "warning: content/guides/now.md:6:14: `/guides/launch/` links to content/guides/launch.md, which is not published until 2999-01-01",
    );
    // With the future content built, the link leads somewhere.
    let run = site.cmd("check", &["--future"]);
    run.assert_code(0);
    assert!(!run.stderr.contains("links to"), "{}", run.stderr);
}

#[test]
fn an_expiry_before_the_publish_date_is_an_error() {
    let site = Site::new("publish");
    site.write(
        "content/guides/never.md",
        "---\ntitle: Never\ndate: 2026-01-01\npublish_date: 2026-05-01\nexpiry_date: 2026-04-01\n---\nNo.\n",
    );
    site.build_fails().assert_stderr_contains(
        "error: content/guides/never.md:5:14: `expiry_date` 2026-04-01 is not after `publish_date` 2026-05-01",
    );
}
