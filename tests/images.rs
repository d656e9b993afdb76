//! Images from Markdown: every one after a body's first loads lazily and decodes off the
//! main thread; one with no alt text is a `check` warning at its file, line and column.

mod common;

use common::Site;

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
