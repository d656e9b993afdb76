//! The `url()`s and `@import`s of the stylesheets copied to the output as they are (the
//! site's `static/`, a theme's, the `.css` beside a guide) lead to files the build makes:
//! resolved from the stylesheet's own URL, as a browser does, and reported at the
//! stylesheet's line and column, with the pages' broken links, by `check`, `build` and
//! watch rebuilds alike.

use crate::common;

use std::path::PathBuf;

use careersite::error::SiteError;
use careersite::watch::Outcome;
use common::Site;

const FILE_HINT: &str =
    "check the spelling, or add the file (under static/, or beside the Markdown)";

#[test]
fn the_fixture_stylesheets_pass_and_are_published() {
    let site = Site::new("stylesheets");
    site.cmd("check", &[]).assert_code(0);
    site.build();
    assert!(site.output_exists("css/site.css"));
    assert!(site.output_exists("guides/pay/chart.css"));
    assert!(site.output_exists("guides/pay/img/bar.png"));
}

#[test]
fn check_names_each_broken_stylesheet_url_with_the_pages_broken_links() {
    let site = Site::new("stylesheets");
    let good = site.read("static/css/site.css");
    site.write(
        "static/css/site.css",
        format!(
            "{good}.missing {{ background: url(../img/missing.png) }}\n.gone {{ background: url(/img/gone.png) }}\n"
        ),
    );
    site.write(
        "content/guides/links.md",
        "---\ntitle: Links\ndate: 2026-01-01\n---\n[nowhere](/nowhere/)\n",
    );
    let check = site.cmd("check", &[]);
    check.assert_code(1);
    let errors = check.error_lines();
    let missing = format!(
        "error: static/css/site.css:16:24: `url(../img/missing.png)` leads to no file the build makes\n  hint: the build made nothing at /img/missing.png (a URL in a stylesheet starts from the stylesheet's folder, /css/, not the page's); {FILE_HINT}"
    );
    let gone = format!(
        "error: static/css/site.css:17:21: `url(/img/gone.png)` leads to no file the build makes\n  hint: the build made nothing at /img/gone.png; {FILE_HINT}"
    );
    assert!(errors.contains(&missing.as_str()), "{errors:#?}");
    assert!(errors.contains(&gone.as_str()), "{errors:#?}");
    assert!(
        errors.iter().any(|e| e.starts_with(
            "error: content/guides/links.md:5:1: `/nowhere/` leads to no page or file of the site"
        )),
        "{errors:#?}"
    );
    assert_eq!(errors.len(), 3, "{errors:#?}");
    let build = site.build_fails();
    assert_eq!(build.error_lines(), errors);
    assert!(!site.out().exists(), "a failed build writes nothing");

    site.write("static/css/site.css", &good);
    site.remove("content/guides/links.md");
    site.cmd("check", &[]).assert_code(0);
}

#[test]
fn a_sub_path_site_reports_root_relative_stylesheet_urls() {
    let site = Site::new("stylesheets");
    site.write(
        "site.toml",
        "title = \"Stylesheets\"\nbase_url = \"https://example.com/careers/\"\n",
    );
    let check = site.cmd("check", &[]);
    check.assert_code(1);
    assert_eq!(
        check.error_lines(),
        [
            "error: static/css/site.css:5:27: `url(\"/img/logo.png\")` starts at the server's root, outside the site's base URL /careers/\n  hint: a stylesheet is copied as it is, so its URLs do not get the base path the way a page's links do; write it relative to the stylesheet, as `../img/logo.png`"
        ]
    );
    let css = site.read("static/css/site.css");
    for fixed in ["../img/logo.png", "/careers/img/logo.png"] {
        site.write(
            "static/css/site.css",
            css.replace("\"/img/logo.png\"", &format!("\"{fixed}\"")),
        );
        site.cmd("check", &[]).assert_code(0);
    }
}

#[test]
fn a_stylesheet_beside_a_guide_resolves_from_its_own_folder() {
    let site = Site::new("stylesheets");
    site.write(
        "content/guides/pay/chart.css",
        ".bar { background: url(bar.png) }\n.ok { background: url(img/bar.png) }\n",
    );
    let check = site.cmd("check", &[]);
    check.assert_code(1);
    assert_eq!(
        check.error_lines(),
        [format!(
            "error: content/guides/pay/chart.css:1:20: `url(bar.png)` leads to no file the build makes\n  hint: the build made nothing at /guides/pay/bar.png (a URL in a stylesheet starts from the stylesheet's folder, /guides/pay/, not the page's); {FILE_HINT}"
        )]
    );
}

#[test]
fn a_themes_stylesheet_is_checked_where_it_is_written() {
    let site = Site::new("stylesheets");
    site.write(
        "site.toml",
        "title = \"Stylesheets\"\nbase_url = \"https://example.com\"\ntheme = \"plain\"\n",
    );
    site.write(
        "themes/plain/static/plain.css",
        "@import 'site.css';\n@import \"css/nope.css\";\n",
    );
    let check = site.cmd("check", &[]);
    check.assert_code(1);
    assert_eq!(
        check.error_lines(),
        [
            format!(
                "error: themes/plain/static/plain.css:1:1: `@import 'site.css'` leads to no file the build makes\n  hint: the build made nothing at /site.css (a URL in a stylesheet starts from the stylesheet's folder, /, not the page's); {FILE_HINT}"
            ),
            format!(
                "error: themes/plain/static/plain.css:2:1: `@import \"css/nope.css\"` leads to no file the build makes\n  hint: the build made nothing at /css/nope.css (a URL in a stylesheet starts from the stylesheet's folder, /, not the page's); {FILE_HINT}"
            )
        ]
    );
}

/// A watch rebuild after `changed`, then what the watch loop does once saves pause: the
/// errors of either, as printed.
fn rebuild(watched: &mut common::watch::Watched, changed: &[PathBuf]) -> Result<(), String> {
    let shown = |d: Vec<careersite::Diagnostic>| {
        d.iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    match watched.rebuild(changed) {
        Outcome::Failed(d) => Err(shown(d)),
        Outcome::Unchanged => panic!("the change to {changed:?} was not seen"),
        Outcome::Built { .. } => match watched.session.finish() {
            Ok(_) => Ok(()),
            Err(SiteError::Invalid(d)) => Err(shown(d)),
            Err(e) => Err(e.to_string()),
        },
    }
}

#[test]
fn watch_rebuilds_check_stylesheets_when_they_or_the_files_they_use_change() {
    let site = Site::new("stylesheets");
    let out = site.tmp().join("out");
    let mut watched = common::watch::Watched::start(&site.root, &out);
    let good = site.read("static/css/site.css");
    let sheet = site.path("static/css/site.css");

    // A stylesheet edited to break a URL: reported, and the output keeps the last good one.
    site.write(
        "static/css/site.css",
        format!("{good}.missing {{ background: url(../img/missing.png) }}\n"),
    );
    let text = rebuild(&mut watched, std::slice::from_ref(&sheet)).unwrap_err();
    assert!(
        text.contains(
            "static/css/site.css:16:24: `url(../img/missing.png)` leads to no file the build makes"
        ),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("css/site.css")).unwrap(),
        good
    );
    site.write("static/css/site.css", &good);
    rebuild(&mut watched, std::slice::from_ref(&sheet)).unwrap();

    // An image two stylesheets use is deleted: both are named.
    site.remove("static/img/bg.png");
    let text = rebuild(&mut watched, &[site.path("static/img/bg.png")]).unwrap_err();
    assert!(
        text.contains(
            "static/css/site.css:4:20: `url(../img/bg.png)` leads to no file the build makes"
        ),
        "{text}"
    );
    assert!(
        text.contains("content/guides/pay/chart.css:3:21: `url(../../img/bg.png)` leads to no file the build makes"),
        "{text}"
    );
    site.write("static/img/bg.png", "png");
    rebuild(&mut watched, &[site.path("static/img/bg.png")]).unwrap();

    // The stylesheet beside a guide, edited to break and then fixed.
    let chart = site.read("content/guides/pay/chart.css");
    site.write(
        "content/guides/pay/chart.css",
        chart.replace("img/bar.png", "img/gone.png"),
    );
    let text = rebuild(&mut watched, &[site.path("content/guides/pay/chart.css")]).unwrap_err();
    assert!(
        text.contains("content/guides/pay/chart.css:2:20: `url(img/gone.png)` leads to no file the build makes"),
        "{text}"
    );
    site.write("content/guides/pay/chart.css", &chart);
    rebuild(&mut watched, &[site.path("content/guides/pay/chart.css")]).unwrap();
    let settled = watched.settled_output();
    assert_eq!(settled, watched.clean_build(&site.tmp().join("clean")));
}
