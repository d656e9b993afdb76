//! A static file at a path careersite makes a page at is not published, and `check` says
//! so, naming the file.

use crate::common;

use common::Site;

#[test]
fn a_static_file_shadowed_by_a_made_page_is_a_warning_naming_it() {
    let site = Site::new("minimal");
    site.write("static/index.html", "<p>my own home page</p>");
    site.write("static/sitemap.xml", "<urlset/>");
    site.write("static/robots-extra.txt", "kept");
    let check = site.cmd("check", &[]);
    check.assert_code(0);
    for file in ["static/index.html", "static/sitemap.xml"] {
        check.assert_stderr_contains(file);
    }
    assert!(!check.stderr.contains("robots-extra"), "{}", check.stderr);
    check.assert_stderr_contains("is not published");
    site.cmd("check", &["--strict"]).assert_code(1);
    site.build();
    assert!(!site.read("output/index.html").contains("my own home page"));
    assert_eq!(site.read("output/robots-extra.txt"), "kept");
}
