//! Smaller copies of images: `[images] widths` gives every PNG and JPEG written in Markdown
//! a `srcset` of copies, and `resize_image()` gives a template any copy. Each copy is in
//! the output at the size its name and `srcset` say, under a sub-path too; copies are kept
//! in `.careersite-cache/images/` and never made again for an unchanged image; an image
//! that cannot be decoded is an error naming it; in watch mode, replacing an image remakes
//! its copies and the output equals a clean build.
//! Fixture: `bundles/` (base URL under `/careers/`) plus files each test writes.

use std::io::Cursor;

use careersite::watch::Outcome;

use crate::common;

use common::*;

/// A real image file of `width` × `height`, in the format `ext` names, its pixels a
/// gradient tinted with `tint` so that two images differ.
fn image(width: u32, height: u32, ext: &str, tint: u8) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, tint])
    });
    let format = match ext {
        "png" => image::ImageFormat::Png,
        _ => image::ImageFormat::Jpeg,
    };
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(pixels)
        .write_to(&mut Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

fn size_of(bytes: &[u8]) -> (u32, u32) {
    let s = imagesize::blob_size(bytes).unwrap();
    (s.width as u32, s.height as u32)
}

fn images_site() -> Site {
    let site = Site::new("bundles");
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        format!("{config}\n[images]\nwidths = [100, 200]\n"),
    );
    site.write("content/guides/pics/index.md",
        "---\ntitle: Pictures\ndate: 2026-01-01\n---\n![Chart](chart.png)\n\n![Photo](/img/photo.jpg)\n\n![Small](small.png)\n\n![Spaced](<my chart.png>)\n");
    site.write("content/guides/pics/chart.png", image(300, 150, "png", 1));
    site.write("content/guides/pics/small.png", image(80, 40, "png", 2));
    site.write(
        "content/guides/pics/my chart.png",
        image(150, 150, "png", 4),
    );
    site.write("static/img/photo.jpg", image(400, 300, "jpg", 3));
    site
}

/// Each `srcset` entry's file, read from the output, at the width its descriptor says.
fn assert_srcset_files(site: &Site, srcset: &str) {
    for entry in srcset.split(", ") {
        let (url, descriptor) = entry.rsplit_once(' ').unwrap();
        let rel = url.strip_prefix("/careers/").expect("under the sub-path");
        let rel = rel.replace("%20", " ");
        let bytes = std::fs::read(site.out().join(&rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let width: u32 = descriptor.trim_end_matches('w').parse().unwrap();
        assert_eq!(size_of(&bytes).0, width, "{rel}");
    }
}

#[test]
fn markdown_images_get_a_srcset_of_copies_that_are_in_the_output() {
    let site = images_site();
    site.build();
    let page = site.page("guides/pics/");
    let imgs: Vec<_> = page.main().select(&sel("img")).collect();
    assert_eq!(imgs.len(), 4);
    let attr = |i: usize, name: &str| imgs[i].value().attr(name).map(str::to_string);
    assert_eq!(
        attr(0, "srcset").as_deref(),
        Some(
            "/careers/guides/pics/chart.100w.png 100w, /careers/guides/pics/chart.200w.png 200w, /careers/guides/pics/chart.png 300w"
        )
    );
    assert_eq!(
        attr(0, "sizes").as_deref(),
        Some("(max-width: 300px) 100vw, 300px")
    );
    assert_eq!(attr(0, "width").as_deref(), Some("300"));
    assert_eq!(
        attr(1, "srcset").as_deref(),
        Some(
            "/careers/img/photo.100w.jpg 100w, /careers/img/photo.200w.jpg 200w, /careers/img/photo.jpg 400w"
        )
    );
    assert_eq!(
        attr(2, "srcset"),
        None,
        "no copy is narrower than 100 pixels"
    );
    assert_srcset_files(&site, &attr(0, "srcset").unwrap());
    assert_srcset_files(&site, &attr(1, "srcset").unwrap());
    // A space would split a srcset candidate in two: it is written %20.
    let spaced = attr(3, "srcset").unwrap();
    assert!(
        spaced.starts_with("/careers/guides/pics/my%20chart.100w.png 100w, "),
        "{spaced}"
    );
    assert_srcset_files(&site, &spaced);
    let copy = std::fs::read(site.out().join("img/photo.100w.jpg")).unwrap();
    assert_eq!(size_of(&copy), (100, 75), "proportions kept");
    assert!(copy.starts_with(&[0xFF, 0xD8]), "a JPEG stays a JPEG");
    site.cmd("check", &[]).assert_code(0);
}

#[test]
fn copies_are_kept_and_never_made_again_for_an_unchanged_image() {
    let site = images_site();
    site.build();
    let cache = site.path(".careersite-cache/images");
    let mut kept: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png" || e == "jpg"))
        .collect();
    kept.sort();
    assert_eq!(
        kept.len(),
        5,
        "two copies of each of two images, one of a third: {kept:?}"
    );
    // Replace every kept copy with a marker image of its own size: a build that makes the
    // copies again would write other bytes than these.
    let mut markers = Vec::new();
    for path in &kept {
        let bytes = std::fs::read(path).unwrap();
        let (w, h) = size_of(&bytes);
        let ext = path.extension().unwrap().to_str().unwrap();
        let marker = image(w, h, ext, 200);
        std::fs::write(path, &marker).unwrap();
        markers.push(marker);
    }
    site.build();
    let out = |rel: &str| std::fs::read(site.out().join(rel)).unwrap();
    let copies = [
        out("guides/pics/chart.100w.png"),
        out("guides/pics/chart.200w.png"),
        out("img/photo.100w.jpg"),
        out("img/photo.200w.jpg"),
    ];
    for copy in &copies {
        assert!(
            markers.contains(copy),
            "a copy was made again, not taken from the cache"
        );
    }
    // A changed image is a new key: its copies are made from it, not taken from the cache.
    site.write("content/guides/pics/chart.png", image(300, 150, "png", 9));
    site.build();
    assert!(!markers.contains(&out("guides/pics/chart.100w.png")));
}

#[test]
fn resize_image_gives_a_template_any_copy_and_explains_mistakes() {
    let site = images_site();
    site.write(
        "templates/card.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ guide.title }}</h1>\
         {% set t = resize_image(path=\"img/photo.jpg\", width=120, height=120) %}\
         <img class=\"thumb\" src=\"{{ t.url }}\" width=\"{{ t.width }}\" height=\"{{ t.height }}\" alt=\"\">\
         {% set c = resize_image(path=\"guides/pics/chart.png\", height=50) %}\
         <img class=\"chart\" src=\"{{ c.url }}\" width=\"{{ c.width }}\" height=\"{{ c.height }}\" alt=\"\">\
         {% set big = resize_image(path=\"/img/photo.jpg\", width=4000) %}\
         <img class=\"big\" src=\"{{ big.url }}\" width=\"{{ big.width }}\" alt=\"\">\
         {{ guide.content | safe }}{% endblock content %}",
    );
    site.write(
        "content/guides/card.md",
        "---\ntitle: Card\ndate: 2026-01-02\ntemplate: card.html\n---\nText.\n",
    );
    site.build();
    let page = site.page("guides/card/");
    let img = |class: &str| {
        let i = page.find(&format!("img.{class}")).unwrap();
        let a = |n: &str| i.value().attr(n).unwrap_or("").to_string();
        (a("src"), a("width"), a("height"))
    };
    assert_eq!(
        img("thumb"),
        (
            "/careers/img/photo.120x120.jpg".into(),
            "120".into(),
            "120".into()
        )
    );
    assert_eq!(
        img("chart"),
        (
            "/careers/guides/pics/chart.50h.png".into(),
            "100".into(),
            "50".into()
        )
    );
    assert_eq!(img("big").0, "/careers/img/photo.jpg", "never enlarged");
    let out = |rel: &str| size_of(&std::fs::read(site.out().join(rel)).unwrap());
    assert_eq!(out("img/photo.120x120.jpg"), (120, 120));
    assert_eq!(out("guides/pics/chart.50h.png"), (100, 50));

    site.write(
        "templates/card.html",
        "{% extends \"base.html\" %}{% block content %}\
         {% set t = resize_image(path=\"img/nope.jpg\", width=120) %}{{ t.url }}\
         {% endblock content %}",
    );
    let failed = site.build_fails();
    failed.assert_stderr_contains("templates/card.html");
    failed.assert_stderr_contains("resize_image(path=\"img/nope.jpg\"): no image of that path");
}

#[test]
fn an_image_that_cannot_be_decoded_is_an_error_naming_it() {
    let site = images_site();
    site.build();
    let before = std::fs::read(site.out().join("guides/pics/index.html")).unwrap();
    // A file whose header says 300 × 150 but holds no pixels: its size is known, so its
    // copies are asked for, and making them fails.
    site.write("content/guides/pics/chart.png", png(300, 150));
    let failed = site.build_fails();
    failed.assert_stderr_contains(
        "error: content/guides/pics/chart.png: cannot make `guides/pics/chart.100w.png`: it is not a readable PNG file",
    );
    failed.assert_stderr_contains("hint: open the image and save it again as a PNG or JPEG file");
    assert_eq!(
        std::fs::read(site.out().join("guides/pics/index.html")).unwrap(),
        before,
        "a failed build leaves the output as it was"
    );
}

#[test]
fn in_watch_mode_replacing_or_removing_an_image_remakes_its_copies_as_a_clean_build_would() {
    let tmp = tempfile::tempdir().unwrap();
    let site = images_site();
    let out = tmp.path().join("out");
    let mut watched = watch::Watched::start(&site.root, &out);
    let copy = |rel: &str| std::fs::read(out.join(rel)).unwrap();
    let first = copy("guides/pics/chart.100w.png");
    assert_eq!(size_of(&first), (100, 50));

    // The same name, other pixels and another shape.
    site.write("content/guides/pics/chart.png", image(400, 400, "png", 7));
    let built = watched.rebuild(&[site.path("content/guides/pics/chart.png")]);
    assert!(matches!(built, Outcome::Built { .. }), "{built:?}");
    let settled = watched.settled_output();
    assert_eq!(size_of(&copy("guides/pics/chart.100w.png")), (100, 100));
    assert_eq!(settled, watched.clean_build(&tmp.path().join("clean1")));

    // The guide stops showing the image: its copies go from the output.
    site.write(
        "content/guides/pics/index.md",
        "---\ntitle: Pictures\ndate: 2026-01-01\n---\n![Photo](/img/photo.jpg)\n",
    );
    let built = watched.rebuild(&[site.path("content/guides/pics/index.md")]);
    assert!(matches!(built, Outcome::Built { .. }), "{built:?}");
    let settled = watched.settled_output();
    assert!(!settled.contains_key("guides/pics/chart.100w.png"));
    assert!(settled.contains_key("img/photo.100w.jpg"));
    assert_eq!(settled, watched.clean_build(&tmp.path().join("clean2")));
}
