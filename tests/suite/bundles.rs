//! Guides and pages written as folders (`guides/<slug>/index.md`) with their files beside
//! them, and plain relative Markdown links, as Zola and Hugo users write them.

use crate::common;

use careersite::watch::Outcome;
use common::Site;

#[test]
fn folder_guides_publish_their_files_next_to_the_page() {
    let site = Site::built("bundles");
    let pay = site.page_titled("guides/pay/", "Pay in tech");
    let img = pay.find("img").expect("the chart is an image");
    assert_eq!(
        img.value().attr("src"),
        Some("/careers/guides/pay/chart.png")
    );
    assert_eq!(
        std::fs::read(site.out().join("guides/pay/chart.png")).unwrap(),
        std::fs::read(site.path("content/guides/pay/chart.png")).unwrap()
    );
    // A folder guide with its own slug takes its files to the URL the slug gives.
    let moved = site.page_titled("guides/moved/", "Moved guide");
    moved.assert_link("the notes", "/careers/guides/moved/files/notes.pdf");
    assert!(site.output_exists("guides/moved/files/notes.pdf"));
    assert!(!site.output_exists("guides/renamed"));
    // A file beside a flat guide is published at its path under content/.
    let flat = site.page_titled("guides/flat/", "Flat guide");
    let img = flat.find("img").expect("the diagram is an image");
    assert_eq!(img.value().attr("src"), Some("/careers/guides/diagram.svg"));
    assert!(site.output_exists("guides/diagram.svg"));
}

#[test]
fn relative_markdown_links_resolve_to_their_pages() {
    let site = Site::built("bundles");
    let pay = site.page("guides/pay/");
    pay.assert_link(
        "the flat guide’s first steps",
        "/careers/guides/flat/#first-steps",
    );
    pay.assert_link("the moved guide", "/careers/guides/moved/");
    let flat = site.page("guides/flat/");
    flat.assert_link("pay", "/careers/guides/pay/");
    flat.assert_link("about us", "/careers/about/");
    site.page("about/")
        .assert_link("the flat guide", "/careers/guides/flat/#first-steps");
}

#[test]
fn broken_relative_links_name_file_line_and_column() {
    let site = Site::new("bundles");
    site.write(
        "content/guides/broken.md",
        "---\ntitle: Broken\ndate: 2026-01-01\n---\nSee [a](nope.md) and\n[b](flat.md#nowhere), [c](../../x.md).\n",
    );
    let run = site.build_fails();
    let errors = run.error_lines();
    assert!(
        errors.contains(
            &"error: content/guides/broken.md:5:5: `nope.md` links to content/guides/nope.md, which does not exist\n  hint: a relative link starts from the file's own folder, content/guides/"
        ),
        "{errors:#?}"
    );
    assert!(
        errors.contains(&"error: content/guides/broken.md:6:1: no heading `#nowhere` in content/guides/flat.md\n  hint: headings there have ids: `first-steps`"),
        "{errors:#?}"
    );
    assert!(
        errors.contains(&"error: content/guides/broken.md:6:23: `../../x.md` points outside content/\n  hint: link to a file under content/, or to a full URL"),
        "{errors:#?}"
    );
    assert!(!site.out().exists(), "a failed build writes nothing");
}

#[test]
fn a_draft_folder_guide_keeps_its_files_unpublished() {
    let site = Site::new("bundles");
    site.write(
        "content/guides/secret/index.md",
        "---\ntitle: Secret\ndate: 2026-01-01\ndraft: true\n---\n![x](plan.png)\n",
    );
    site.write("content/guides/secret/plan.png", "png");
    site.build();
    assert!(!site.output_exists("guides/secret/plan.png"));
    site.build_with(&["--drafts"]);
    assert!(site.output_exists("guides/secret/plan.png"));
}

#[test]
fn every_internal_url_in_the_output_is_checked_and_all_are_reported_at_once() {
    let site = Site::new("bundles");
    site.write("static/img/logo.png", "png");
    site.write(
        "content/guides/urls.md",
        "---\ntitle: Urls\ndate: 2026-01-01\n---\n![ok](/careers/img/logo.png) ![gone](/careers/img/missing.png)\n\n[nope](/careers/guides/nope/) and [bad anchor](/careers/guides/flat/#nowhere)\n\n<img src=\"raw.png\">\n",
    );
    let check = site.cmd("check", &[]);
    check.assert_code(1);
    let errors = check.error_lines();
    let want = [
        "error: content/guides/urls.md:5:30: `/careers/img/missing.png` leads to no page or file of the site",
        "error: content/guides/urls.md:7:1: `/careers/guides/nope/` leads to no page or file of the site",
        "error: content/guides/urls.md:7:35: `/careers/guides/flat/#nowhere` names a heading or id the page does not have",
        "error: content/guides/urls.md: the page made from this file links to `raw.png`, which leads to no page or file of the site",
    ];
    for w in want {
        assert!(errors.iter().any(|e| e.starts_with(w)), "{w}\n{errors:#?}");
    }
    assert_eq!(errors.len(), want.len(), "{errors:#?}");
    let build = site.build_fails();
    assert_eq!(build.error_lines(), errors);
    assert!(!site.out().exists(), "a failed build writes nothing");
    // A root-relative URL written without the base path gets it (a sub-path deploy).
    site.write(
        "content/guides/urls.md",
        "---\ntitle: Urls\ndate: 2026-01-01\n---\n![logo](/img/logo.png)\n",
    );
    site.build();
    let urls = site.page("guides/urls/");
    let img = urls.find("img").unwrap();
    assert_eq!(img.value().attr("src"), Some("/careers/img/logo.png"));
    site.write(
        "content/guides/urls.md",
        "---\ntitle: Urls\ndate: 2026-01-01\n---\n![logo](/careers/img/logo.png)\n",
    );
    site.build();
}

/// Watch mode checks the links of every page a rebuild rewrites, and links to a page that
/// went, as a clean build would; a failed check leaves the output as it was.
#[test]
fn watch_rebuilds_check_the_links_of_rewritten_pages_and_to_removed_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let site = Site::new("bundles");
    site.write(
        "content/guides/extra.md",
        "---\ntitle: Extra\ndate: 2026-01-01\n---\nMore.\n",
    );
    site.write(
        "content/about.md",
        "---\ntitle: About\n---\nSee [extra](/careers/guides/extra/).\n",
    );
    let out = tmp.path().join("out");
    let mut watched = common::watch::Watched::start(&site.root, &out);
    let shown = |o: &Outcome| match o {
        Outcome::Failed(d) => d
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        other => panic!("expected a failed rebuild, got {other:?}"),
    };
    // A guide that a page links to goes: the page that stayed is what breaks.
    let extra_before = std::fs::read(out.join("guides/extra/index.html")).unwrap();
    site.remove("content/guides/extra.md");
    let failed = watched.rebuild(&[site.path("content/guides/extra.md")]);
    let text = shown(&failed);
    assert!(
        text.contains(
            "content/about.md:4:5: `/careers/guides/extra/` leads to no page or file of the site"
        ),
        "{text}"
    );
    assert_eq!(
        std::fs::read(out.join("guides/extra/index.html")).unwrap(),
        extra_before,
        "a failed rebuild leaves the output as it was"
    );
    site.write(
        "content/about.md",
        "---\ntitle: About\n---\nSee [flat](/careers/guides/flat/).\n",
    );
    let built = watched.rebuild(&[site.path("content/about.md")]);
    assert!(matches!(built, Outcome::Built { .. }), "{built:?}");
    watched.session.finish().unwrap();
    assert!(!out.join("guides/extra/index.html").exists());
    // An edited page with a broken link: written first, put back when the sweep checks it.
    let about_before = std::fs::read(out.join("about/index.html")).unwrap();
    site.write(
        "content/about.md",
        "---\ntitle: About\n---\nSee [flat](/careers/guides/flat/#nowhere).\n",
    );
    let outcome = watched.rebuild(&[site.path("content/about.md")]);
    let swept = match outcome {
        Outcome::Built { .. } => watched.session.finish().map(|_| ()),
        Outcome::Failed(d) => Err(careersite::error::SiteError::Invalid(d)),
        Outcome::Unchanged => panic!("the edit was seen"),
    };
    let Err(careersite::error::SiteError::Invalid(d)) = swept else {
        panic!("a broken anchor passed the watch rebuild: {swept:?}");
    };
    let text = shown(&Outcome::Failed(d));
    assert!(
        text.contains("content/about.md:4:5: `/careers/guides/flat/#nowhere` names a heading or id the page does not have"),
        "{text}"
    );
    assert_eq!(
        std::fs::read(out.join("about/index.html")).unwrap(),
        about_before
    );
    // Fixed, the watched output equals a clean build.
    site.write(
        "content/about.md",
        "---\ntitle: About\n---\nSee [flat](/careers/guides/flat/#first-steps).\n",
    );
    let built = watched.rebuild(&[site.path("content/about.md")]);
    assert!(matches!(built, Outcome::Built { .. }), "{built:?}");
    let settled = watched.settled_output();
    assert_eq!(settled, watched.clean_build(&tmp.path().join("clean")));
}
