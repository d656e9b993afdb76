//! Images from Markdown: each has the width and height of its file; every one after a
//! body's first loads lazily and decodes off the main thread; one with no alt text is a
//! `check` warning at its file, line and column.

use crate::common;

use common::{Site, png};

#[test]
fn images_after_the_first_load_lazily_and_missing_alt_text_is_a_warning() {
    let site = Site::new("bundles");
    site.write("static/img/a.png", "png");
    site.write("static/img/b.png", "png");
    site.write(
        "content/guides/pics.md",
        "---\ntitle: Pictures\ndate: 2026-01-01\n---\n![First](/img/a.png)\n\nThen ![](/img/b.png) and ![Third](/img/a.png).\n",
    );
    site.build();
    let page = site.page("guides/pics/");
    let imgs: Vec<_> = page.main().select(&common::sel("img")).collect();
    assert_eq!(imgs.len(), 3);
    assert_eq!(
        imgs[0].value().attr("loading"),
        None,
        "the first image loads at once"
    );
    for img in &imgs[1..] {
        assert_eq!(img.value().attr("loading"), Some("lazy"));
        assert_eq!(img.value().attr("decoding"), Some("async"));
    }
    let check = site.cmd("check", &[]);
    check.assert_code(0);
    check.assert_stderr_contains(
        "warning: content/guides/pics.md:7:6: image `/img/b.png` has no alt text\n  hint: say what it shows for readers who cannot see it",
    );
    assert!(
        !check.stderr.contains("`/img/a.png` has no alt"),
        "{}",
        check.stderr
    );
}

fn sizes(site: &Site, url: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let page = site.page(url);
    page.main()
        .select(&common::sel("img"))
        .map(|i| {
            let attr = |n: &str| i.value().attr(n).map(str::to_string);
            (
                attr("alt").unwrap_or_default(),
                attr("width"),
                attr("height"),
            )
        })
        .collect()
}

#[test]
fn images_get_the_width_and_height_of_their_files_under_a_sub_path_too() {
    let site = Site::new("bundles");
    site.write("static/img/logo.png", png(120, 40));
    site.write("content/guides/shots/index.md", "---\ntitle: Shots\ndate: 2026-01-01\n---\n![Beside](photo.png) ![Static](/img/logo.png)\n\n<img src=\"photo.png\" alt=\"Raw\">\n\n![Vector](/img/none.svg)\n");
    site.write("content/guides/shots/photo.png", png(640, 480));
    site.write("static/img/none.svg", "<svg/>");
    let run = site.cmd("build", &["--base-url", "https://example.org/careers/"]);
    run.assert_code(0);
    let want = |alt: &str, w: Option<&str>, h: Option<&str>| {
        (
            alt.to_string(),
            w.map(str::to_string),
            h.map(str::to_string),
        )
    };
    let got = sizes(&site, "guides/shots/");
    assert_eq!(got[0], want("Beside", Some("640"), Some("480")), "{got:?}");
    assert_eq!(got[1], want("Static", Some("120"), Some("40")), "{got:?}");
    // An SVG has no size to read: the browser sizes it.
    assert!(got.contains(&want("Vector", None, None)), "{got:?}");
    // The file changes size: so does its `<img>`.
    site.write("content/guides/shots/photo.png", png(800, 200));
    site.cmd("build", &["--base-url", "https://example.org/careers/"])
        .assert_code(0);
    assert_eq!(
        sizes(&site, "guides/shots/")[0],
        want("Beside", Some("800"), Some("200"))
    );
}
