//! Redirects from old URLs: `aliases` on guides and pages, and role and skill aliases,
//! each a page that sends readers on, listed in `_redirects`.

use crate::common;

use common::Site;

/// A redirect page's target, canonical link and robots rule.
fn assert_redirect(site: &Site, old: &str, to: &str) {
    let page = site.page(old);
    let html = std::fs::read_to_string(site.out().join(old).join("index.html"))
        .or_else(|_| std::fs::read_to_string(site.out().join(old)))
        .unwrap();
    assert!(
        html.contains(&format!(
            "<meta http-equiv=\"refresh\" content=\"0; url={to}\">"
        )),
        "{old}: {html}"
    );
    assert_eq!(
        page.canonical().as_deref(),
        Some(format!("https://example.org{to}").as_str())
    );
    assert!(
        html.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{html}"
    );
    let link = page
        .html
        .select(&common::sel("body a"))
        .next()
        .expect("a visible link");
    assert_eq!(link.value().attr("href"), Some(to));
}

#[test]
fn aliases_make_redirect_pages_and_a_redirects_file() {
    let site = Site::built("redirects");
    assert_redirect(&site, "old/data-jobs/", "/careers/guides/data-careers/");
    // Written with the base path, the alias means the same old URL without it.
    let file = site.read("output/2019/data.html");
    assert!(file.contains("url=/careers/guides/data-careers/"), "{file}");
    assert_redirect(&site, "about-us/", "/careers/about/");
    // A role's other names: their tag pages lead to the profile's page.
    assert_redirect(&site, "roles/dataeng/", "/careers/roles/data-engineer/");
    assert_redirect(
        &site,
        "roles/data-platform-engineer/",
        "/careers/roles/data-engineer/",
    );
    assert_eq!(
        site.read("output/_redirects")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>(),
        [
            "/careers/2019/data.html /careers/guides/data-careers/ 301",
            "/careers/about-us/ /careers/about/ 301",
            "/careers/old/data-jobs/ /careers/guides/data-careers/ 301",
            "/careers/roles/data-platform-engineer/ /careers/roles/data-engineer/ 301",
            "/careers/roles/dataeng/ /careers/roles/data-engineer/ 301",
        ]
    );
    // Not pages of the site: neither in the sitemap nor in search.
    let sitemap = site.read("output/sitemap.xml");
    assert!(
        !sitemap.contains("data-jobs") && !sitemap.contains("about-us"),
        "{sitemap}"
    );
    for entry in walkdir::WalkDir::new(site.out().join("search")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
            assert!(
                !text.contains("data-jobs") && !text.contains("Moved to"),
                "{text}"
            );
        }
    }
}

#[test]
fn an_alias_that_collides_with_a_page_names_both_files() {
    let site = Site::new("redirects");
    site.write(
        "content/old/data-jobs.md",
        "---\ntitle: Old data jobs\n---\nStill here.\n",
    );
    let run = site.build_fails();
    assert_eq!(
        run.error_lines(),
        [
            "error: content/guides/data-careers.md:5: alias `/old/data-jobs/` is already taken by the page made from content/old/data-jobs.md\n  hint: an old URL can lead to one page only: remove or change one of them"
        ]
    );
    assert!(!site.out().exists());
    // Two files claiming one old URL: the second is named with the first.
    site.remove("content/old/data-jobs.md");
    site.write(
        "content/guides/other.md",
        "---\ntitle: Other\ndate: 2026-01-01\naliases: [/about-us/]\n---\nBody.\n",
    );
    let run = site.build_fails();
    let errors = run.error_lines();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains("alias `/about-us/` is already taken by an alias in content/"),
        "{errors:#?}"
    );
    // An alias that is not a path from the root says how to write one.
    site.write(
        "content/guides/other.md",
        "---\ntitle: Other\ndate: 2026-01-01\naliases: [old-other]\n---\nBody.\n",
    );
    site.build_fails().assert_stderr_contains(
        "error: content/guides/other.md:4: alias `old-other` is not a path from the site's root\n  hint: write the old URL's path, such as `/old-other/`",
    );
}
