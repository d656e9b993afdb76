//! Watch mode renders again exactly the pages whose template context changed, whatever
//! the template reads and however it reads it; and a rebuild that writes the edited page
//! first undoes that write when another page then fails.

use std::path::{Path, PathBuf};

use careersite::watch::{Outcome, Session};

use crate::common;

fn guide(slug: &str, title: &str, skills: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: 2024-03-0{}\nroles: [developer]\nskills: [{skills}]\n---\nThe {slug} guide's text.\n",
        slug.len() % 9 + 1
    )
}

/// A site of guides, each given by its slug (its title in capitals) and its skills.
fn guides_site(guides: &[(&str, &str)]) -> common::Site {
    let site = common::Site::empty();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org\"\n",
    );
    for (slug, skills) in guides {
        site.write(
            &format!("content/guides/{slug}.md"),
            guide(slug, &slug.to_uppercase(), skills),
        );
    }
    site
}

/// A watch session over `site`, writing into `<tmp>/out`, after its first build.
fn session(site: &common::Site) -> Session {
    common::watch::Watched::start(&site.root, &site.tmp().join("out")).session
}

fn clean_build(site: &common::Site) -> PathBuf {
    let out = site.tmp().join("clean");
    site.cmd("build", &["--output", out.to_str().unwrap()])
        .assert_code(0);
    out
}

/// A rebuild, then what the watch loop does once the writer pauses: an error there is the
/// rebuild's outcome.
fn rebuild(session: &mut Session, site: &common::Site, rel: &str) -> Outcome {
    let outcome = session.rebuild(&[site.path(rel)]);
    match session.finish() {
        Ok(_) => outcome,
        Err(e) => Outcome::Failed(vec![careersite::Diagnostic::error(None, e.to_string())]),
    }
}

/// Output files, leaving out careersite's own bookkeeping (marker, manifest).
fn files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut t = common::tree(dir);
    t.retain(|k, _| !k.split('/').any(|part| part.starts_with('.')));
    t
}

fn same_tree(watched: &Path, clean: &Path) {
    common::assert_same_tree("watched output", &files(clean), &files(watched));
}

#[test]
fn totals_read_through_a_variable_follow_a_new_guide() {
    let site = common::Site::empty();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org\"\n",
    );
    site.write("content/guides/a.md", guide("a", "A", "sql"));
    // Read through `set`, an include and a loop: nothing names `site.guide_count`.
    site.write(
        "templates/count.html",
        "{% set t = site %}{{ t.guide_count }}",
    );
    site.write(
        "templates/page.html",
        "{% set s = site %}<main><p id=\"n\">{{ s.guide_count }}</p>\
         <p id=\"m\">{% include \"count.html\" %}</p>\
         {% for k, v in site %}{% if k == \"skill_count\" %}<p id=\"k\">{{ v }}</p>{% endif %}{% endfor %}\
         </main>",
    );
    site.write("content/about.md", "---\ntitle: About\n---\nAbout us.\n");
    let mut session = session(&site);
    let about = || std::fs::read_to_string(site.tmp().join("out/about/index.html")).unwrap();
    assert!(about().contains("<p id=\"n\">1</p>"), "{}", about());
    site.write("content/guides/b.md", guide("b", "B", "go"));
    let outcome = rebuild(&mut session, &site, "content/guides/b.md");
    assert!(matches!(outcome, Outcome::Built { .. }), "{outcome:?}");
    assert!(about().contains("<p id=\"n\">2</p>"), "{}", about());
    assert!(about().contains("<p id=\"m\">2</p>"), "{}", about());
    assert!(about().contains("<p id=\"k\">2</p>"), "{}", about());
    same_tree(&site.tmp().join("out"), &clean_build(&site));
}

#[test]
fn a_body_edit_rewrites_only_the_pages_that_show_it() {
    let site = guides_site(&[("a", "sql"), ("b", "sql"), ("c", "go")]);
    let mut session = session(&site);
    site.write(
        "content/guides/c.md",
        guide("c", "C", "go") + "\nMore words.\n",
    );
    let Outcome::Built { written, .. } = rebuild(&mut session, &site, "content/guides/c.md") else {
        panic!("rebuild failed");
    };
    assert!(
        written.contains(&"guides/c/index.html".to_string()),
        "{written:?}"
    );
    assert!(
        !written.iter().any(|w| w.starts_with("guides/a/")),
        "{written:?}"
    );
    same_tree(&site.tmp().join("out"), &clean_build(&site));
}

#[test]
fn leftovers_give_way_to_the_next_save_and_are_finished_later() {
    let site = guides_site(&[("a", "sql"), ("b", "sql")]);
    let mut session = session(&site);
    let out = site.tmp().join("out");
    let before = files(&out);
    site.write(
        "content/guides/a.md",
        guide("a", "A", "sql") + "\nQuokkas appear here.\n",
    );
    let outcome = session.rebuild(&[site.path("content/guides/a.md")]);
    assert!(matches!(outcome, Outcome::Built { .. }), "{outcome:?}");
    let page = std::fs::read_to_string(out.join("guides/a/index.html")).unwrap();
    assert!(page.contains("Quokkas"), "{page}");
    assert!(session.has_pending());
    // Another save is waiting: the leftovers stop at once and write nothing.
    let (written, removed) = session.finish_unless(&|| true).unwrap();
    assert!(
        written.is_empty() && removed.is_empty(),
        "{written:?} {removed:?}"
    );
    assert!(session.has_pending());
    let now = files(&out);
    let changed: Vec<&String> = now
        .keys()
        .filter(|k| before.get(*k) != now.get(*k))
        .collect();
    assert_eq!(
        changed,
        ["guides/a/index.html"],
        "only the edited page is new"
    );
    // Once the writer pauses, they run to the end: the output is a clean build's.
    session.finish().unwrap();
    assert!(!session.has_pending());
    let clean = clean_build(&site);
    assert_ne!(
        files(&clean),
        now,
        "the search index and listings were left behind"
    );
    same_tree(&out, &clean);
}

#[test]
fn a_page_written_first_is_undone_when_another_page_fails() {
    let site = common::Site::empty();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org\"\n",
    );
    site.write("content/guides/a.md", guide("a", "A", "sql"));
    site.write("content/guides/b.md", guide("b", "B", "sql"));
    // The listing fails once a guide is called Boom; the guide's own page does not.
    site.write(
        "templates/guides.html",
        "<main>{% for g in guides %}{% if g.title == \"Boom\" %}{{ missing.x }}{% endif %}{{ g.title }}{% endfor %}</main>",
    );
    let mut session = session(&site);
    let out = site.tmp().join("out");
    let before = files(&out);
    site.write("content/guides/a.md", guide("a", "Boom", "sql"));
    let outcome = rebuild(&mut session, &site, "content/guides/a.md");
    assert!(matches!(outcome, Outcome::Failed(_)), "{outcome:?}");
    common::assert_same_tree("output after a failed rebuild", &before, &files(&out));
    // Fixed again, the site builds and equals a clean build.
    site.write("content/guides/a.md", guide("a", "Fine", "sql"));
    let outcome = rebuild(&mut session, &site, "content/guides/a.md");
    assert!(matches!(outcome, Outcome::Built { .. }), "{outcome:?}");
    same_tree(&out, &clean_build(&site));
}

/// A guide meets others through a term only near itself in the term's list, so a tag edit
/// ranks again only the guides near the edited one. Here the term's list is longer than
/// that reach: guides after the edited one move up a place, and their related guides with
/// them, as a clean build ranks them.
#[test]
fn a_tag_edit_in_a_long_term_list_ranks_related_guides_as_a_clean_build() {
    let site = common::Site::empty();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org\"\n",
    );
    let text = |i: usize, skills: &str| {
        format!(
            "---\ntitle: Guide {i:04}\ndate: 2024-03-01\nroles: [developer]\nskills: [{skills}]\n---\nGuide {i}.\n"
        )
    };
    for i in 0..1400 {
        site.write(&format!("content/guides/g{i:04}.md"), text(i, "sql"));
    }
    let mut session = session(&site);
    // Near the start, the middle and the end of the list.
    for (i, skills) in [(2, "go"), (700, "go, rust"), (1397, "rust")] {
        let rel = format!("content/guides/g{i:04}.md");
        site.write(&rel, text(i, skills));
        let outcome = rebuild(&mut session, &site, &rel);
        assert!(matches!(outcome, Outcome::Built { .. }), "{outcome:?}");
    }
    same_tree(&site.tmp().join("out"), &clean_build(&site));
}

/// An editor's half-written save fails; the whole file, saved next, is patched into the last
/// good model like any edit, and the output then equals a clean build.
#[test]
fn a_half_written_save_then_the_whole_file_equals_a_clean_build() {
    let site = guides_site(&[("a", "sql"), ("b", "sql"), ("c", "go")]);
    let mut session = session(&site);
    for (whole, cut) in [
        (guide("a", "A", "sql") + "\nA new line.\n", 20),
        (guide("a", "A", "sql, go") + "\nAnother line.\n", 41),
    ] {
        site.write("content/guides/a.md", &whole[..cut]);
        let half = rebuild(&mut session, &site, "content/guides/a.md");
        assert!(matches!(half, Outcome::Failed(_)), "{half:?}");
        site.write("content/guides/a.md", &whole);
        let outcome = rebuild(&mut session, &site, "content/guides/a.md");
        assert!(matches!(outcome, Outcome::Built { .. }), "{outcome:?}");
        let page = std::fs::read_to_string(site.tmp().join("out/guides/a/index.html")).unwrap();
        assert!(page.contains("line."), "{page}");
    }
    same_tree(&site.tmp().join("out"), &clean_build(&site));
}

/// A body edit checks the heading links it can break: the edited guide's own, and other
/// guides' links into it once its headings change.
#[test]
fn a_body_edit_that_breaks_a_heading_link_fails_and_names_the_link() {
    let site = guides_site(&[("a", "sql"), ("b", "sql")]);
    let with_body = |slug: &str, body: &str| guide(slug, &slug.to_uppercase(), "sql") + body;
    site.write(
        "content/guides/a.md",
        with_body("a", "\nSee [setting up](@/guides/b.md#setting-up).\n"),
    );
    site.write(
        "content/guides/b.md",
        with_body("b", "\n## Setting up\n\nSteps.\n"),
    );
    let mut session = session(&site);
    // Another guide's heading goes: the link into it, in a.md, is broken.
    site.write(
        "content/guides/b.md",
        with_body("b", "\n## Installing\n\nSteps.\n"),
    );
    let outcome = rebuild(&mut session, &site, "content/guides/b.md");
    let Outcome::Failed(errors) = &outcome else {
        panic!("a link into a heading that went must fail: {outcome:?}");
    };
    assert!(
        errors.iter().any(
            |e| e.file.as_deref() == Some(Path::new("content/guides/a.md"))
                && e.message.contains("no heading `#setting-up`")
        ),
        "{errors:?}"
    );
    site.write(
        "content/guides/b.md",
        with_body("b", "\n## Setting up\n\nSteps.\n"),
    );
    let outcome = rebuild(&mut session, &site, "content/guides/b.md");
    assert!(matches!(outcome, Outcome::Built { .. }), "{outcome:?}");
    // The edited guide's own link to a heading that is not there.
    site.write(
        "content/guides/a.md",
        with_body("a", "\nSee [it](@/guides/b.md#nowhere).\n"),
    );
    let outcome = rebuild(&mut session, &site, "content/guides/a.md");
    let Outcome::Failed(errors) = &outcome else {
        panic!("a link to a missing heading must fail: {outcome:?}");
    };
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("no heading `#nowhere`")),
        "{errors:?}"
    );
}
