//! The watch-mode invariant: after any sequence of edits, the incrementally rebuilt output
//! equals a clean full build of the same sources, byte for byte. Drives a `Session`
//! directly (no file watcher, no timing), over a copy of the bundled sample site plus site
//! templates that read data indirectly, with seeded sequences of the edits in
//! `watch_invariant/edits.rs`: every front matter field, whole files, templates, static
//! files, config, and broken saves that are then fixed.
//!
//! Several seeds run side by side. To replay or explore:
//! `CAREERSITE_INVARIANT_SEEDS=7,8` (the seeds), `CAREERSITE_INVARIANT_STEPS=200` (edits per
//! seed), `CAREERSITE_INVARIANT_CHECK_EVERY=1` (compare with a clean build after every
//! edit, to find the first one that diverges), `CAREERSITE_INVARIANT_SKIP="skill title"`
//! (edit kinds to leave out, by name, comma-separated).

use crate::common;
#[path = "watch_invariant/data.rs"]
mod data;
#[path = "watch_invariant/edits.rs"]
mod edits;
#[path = "watch_invariant/files.rs"]
mod files;
#[path = "watch_invariant/text.rs"]
mod text;
#[path = "watch_invariant/translations.rs"]
mod translations;
#[path = "watch_invariant/values.rs"]
mod values;

use std::path::Path;

use careersite::watch::Outcome;
use common::watch::Watched;
use common::{Rng, env_or, first_difference, sample_site};

/// The seeds CI runs; each is a different sequence of edits.
const SEEDS: [u64; 4] = [0x5eed_1234_abcd_0001, 2, 3, 0xdead_beef];

#[test]
fn incremental_output_equals_a_clean_build_after_random_edits() {
    let seeds: Vec<u64> = std::env::var("CAREERSITE_INVARIANT_SEEDS")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| SEEDS.to_vec());
    let steps = env_or("CAREERSITE_INVARIANT_STEPS", 40);
    let every = env_or("CAREERSITE_INVARIANT_CHECK_EVERY", 8);
    std::thread::scope(|scope| {
        for seed in seeds {
            scope.spawn(move || run_seed(seed, steps, every));
        }
    });
}

/// One seeded sequence of `steps` edits, compared with a clean build every `every` edits
/// and at the end. A failure names the seed and lists the edits made so far.
fn run_seed(seed: u64, steps: usize, every: usize) {
    let (tmp, mut watched) = Watched::in_tmp(|site| {
        sample_site(site);
        files::setup(site);
        data::setup(site);
        translations::setup(site);
    });
    let site = watched.root().to_path_buf();
    // The folder guide's photo has its smaller copies from the first build on, so image
    // edits change files that exist.
    let copy = watched.out.join("guides/inv-bundle/photo.300w.png");
    assert!(copy.is_file(), "{} missing", copy.display());
    let mut rng = Rng::new(seed);
    let mut log: Vec<String> = Vec::new();
    let skip: Vec<String> = std::env::var("CAREERSITE_INVARIANT_SKIP")
        .map(|s| s.split(',').map(|k| k.trim().to_string()).collect())
        .unwrap_or_default();
    for step in 0..steps {
        let kind = edits::pick(&mut rng, &skip);
        let mut ctx = edits::Ctx {
            site: &site,
            rng: &mut rng,
            step,
        };
        let Some(edit) = edits::apply(kind, &mut ctx) else {
            continue;
        };
        log.push(format!("{step:3} {}: {}", kind.name, edit.what));
        let replay = || format!("seed {seed}, edits so far:\n{}", log.join("\n"));
        let outcome = watched.rebuild(&edit.touched);
        if edit.restore.is_empty() {
            assert!(
                !matches!(outcome, Outcome::Failed(_)),
                "a valid edit failed the rebuild: {outcome:?}\n{}",
                replay()
            );
        } else {
            assert!(
                matches!(outcome, Outcome::Failed(_)),
                "a broken save must fail the rebuild: {outcome:?}\n{}",
                replay()
            );
            let again = watched.rebuild(&restore(&edit.restore));
            assert!(
                matches!(again, Outcome::Built { .. }),
                "restoring the file must recover: {again:?}\n{}",
                replay()
            );
        }
        // The watch loop finishes a rebuild's leftovers (the search index) when the writer
        // pauses; here some rebuilds follow each other with leftovers still pending, and
        // some leftovers give way part-done to the next save, as when one arrives.
        match step % 3 {
            0 => {
                let swept = watched.session.finish();
                swept.unwrap_or_else(|e| panic!("the sweep failed: {e:?}\n{}", replay()));
            }
            1 => {
                let calls = std::cell::Cell::new(0);
                let after = stop_after(&mut rng);
                let stop = || {
                    calls.set(calls.get() + 1);
                    calls.get() > after
                };
                let swept = watched.session.finish_unless(&stop);
                swept.unwrap_or_else(|e| panic!("the sweep failed: {e:?}\n{}", replay()));
            }
            _ => {}
        }
        if (step + 1) % every == 0 {
            compare(&mut watched, tmp.path(), &replay());
        }
    }
    compare(
        &mut watched,
        tmp.path(),
        &format!("seed {seed}, edits:\n{}", log.join("\n")),
    );
}

/// After how many looks at `stop` an interrupted sweep gives way: at once, in the middle
/// of its fingerprints, after rendering, or in the search index.
fn stop_after(rng: &mut Rng) -> usize {
    rng.below(5)
}

/// Puts broken files back as they were; returns the paths, as the watcher would.
fn restore(files: &[(std::path::PathBuf, Option<Vec<u8>>)]) -> Vec<std::path::PathBuf> {
    for (path, before) in files {
        match before {
            Some(bytes) => std::fs::write(path, bytes).unwrap(),
            None => std::fs::remove_file(path).unwrap(),
        }
    }
    files.iter().map(|(p, _)| p.clone()).collect()
}

/// Asserts that the session's output, settled, equals a clean build; `context` says how
/// it got there.
fn compare(watched: &mut Watched, tmp: &Path, context: &str) {
    let got = watched.settled_output();
    let clean = tmp.join("clean");
    let _ = std::fs::remove_dir_all(&clean);
    let want = watched.clean_build(&clean);
    if let Some(difference) = first_difference(&want, &got) {
        panic!("the incremental output differs from a clean build: {difference}\n{context}");
    }
}

/// The sample site with `templates/<name>` added, watched, with `content/<rel>` edited by
/// `edit` and rebuilt: the output must equal a clean build. Returns the watched session.
fn edit_and_compare(
    template: Option<(&str, &str)>,
    rel: &str,
    edit: impl FnOnce(String) -> String,
) -> (tempfile::TempDir, Watched) {
    let (tmp, mut watched) = Watched::in_tmp(|site| {
        sample_site(site);
        if let Some((name, text)) = template {
            let path = site.join("templates").join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    });
    let path = watched.root().join("content").join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit of {rel} changed nothing");
    std::fs::write(&path, edited).unwrap();
    let outcome = watched.rebuild(std::slice::from_ref(&path));
    assert!(matches!(outcome, Outcome::Built { .. }), "{outcome:?}");
    compare(&mut watched, tmp.path(), &format!("after editing {rel}"));
    (tmp, watched)
}

/// Issue 14: an image beside a guide written as a folder is published next to its page;
/// adding, replacing and deleting one in watch mode updates the output as a clean build
/// would.
#[test]
fn images_beside_a_folder_guide_follow_each_edit() {
    let (tmp, mut watched) = Watched::in_tmp(|site| {
        sample_site(site);
        let dir = site.join("content/guides/folder-guide");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("index.md"),
            "---\ntitle: Folder guide\ndate: 2026-01-03\n---\n![Chart](chart.svg)\n",
        )
        .unwrap();
        std::fs::write(dir.join("chart.svg"), "<svg/>").unwrap();
    });
    let dir = watched.root().join("content/guides/folder-guide");
    let published = watched.out.join("guides/folder-guide");
    assert_eq!(
        std::fs::read(published.join("chart.svg")).unwrap(),
        b"<svg/>"
    );
    let steps: [(&str, Option<&str>); 4] = [
        ("extra.svg", Some("<svg id=\"added\"/>")),
        ("chart.svg", Some("<svg id=\"replaced\"/>")),
        ("extra.svg", None),
        ("img/deep.svg", Some("<svg id=\"deep\"/>")),
    ];
    for (name, bytes) in steps {
        let path = dir.join(name);
        match bytes {
            Some(b) => {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, b).unwrap();
            }
            None => std::fs::remove_file(&path).unwrap(),
        }
        let outcome = watched.rebuild(std::slice::from_ref(&path));
        assert!(matches!(outcome, Outcome::Built { .. }), "{outcome:?}");
        let got = std::fs::read(published.join(name)).ok();
        assert_eq!(got.as_deref(), bytes.map(str::as_bytes), "{name}");
        compare(&mut watched, tmp.path(), &format!("after writing {name}"));
    }
}

/// The regression from issue 13: a site template that reads the totals through a variable
/// kept the old count after a guide was added in watch mode. The about page reads nothing
/// else that a new guide changes.
#[test]
fn a_template_reading_totals_through_a_variable_follows_a_new_guide() {
    let page = "{% extends \"base.html\" %}\n{% block content %}\n{% set s = site %}\
                <p class=\"count\">{{ s.guide_count }} guides</p>\n{{ page.content | safe }}\n\
                {% endblock content %}\n";
    let (_tmp, watched) = edit_and_compare(Some(("page.html", page)), "guides/one-more.md", |_| {
        "---\ntitle: One more\ndate: 2026-01-05\nroles: [data-analyst]\n---\nOne more guide.\n"
            .to_string()
    });
    let about = common::page_in(&watched.out, "about/");
    // Translations (`x.de.md`) are German guides, not counted among the site's own.
    let guides = edits::md_files(&watched.root().join("content/guides"))
        .iter()
        .filter(|p| !edits::stem(p).contains('.'))
        .count();
    assert_eq!(about.texts("p.count"), [format!("{guides} guides")]);
}

/// Found by the invariant test (seed 3): a skill profile's new title reached the skill's
/// page but not the guides list, whose tag links show it.
#[test]
fn a_skill_title_reaches_every_list_that_shows_the_skill() {
    edit_and_compare(None, "skills/data-structures-and-algorithms.md", |text| {
        text.replacen(
            "title: \"Data Structures and Algorithms\"",
            "title: \"DSA, retitled\"",
            1,
        )
    });
}

/// Found by the invariant test (seeds 2 and 0x5eed_1234_abcd_0001), likewise for roles.
#[test]
fn a_role_title_reaches_every_list_that_shows_the_role() {
    edit_and_compare(None, "roles/software-engineer.md", |text| {
        text.replacen(
            "title: \"Software Engineer\"",
            "title: \"Engineer, retitled\"",
            1,
        )
    });
}

#[test]
fn a_failed_rebuild_leaves_the_output_untouched_and_a_fix_recovers() {
    let (_tmp, mut watched) = Watched::in_tmp(sample_site);
    let before = common::tree(&watched.out);
    let g = edits::md_files(&watched.root().join("content/guides"))[0].clone();
    let slug = g.file_stem().unwrap().to_string_lossy().to_string();
    let text = std::fs::read_to_string(&g).unwrap();
    std::fs::write(&g, text.replacen("title:", "title: [unclosed", 1)).unwrap();
    match watched.rebuild(std::slice::from_ref(&g)) {
        Outcome::Failed(errors) => {
            let shown = errors[0].to_string();
            assert!(
                shown.contains(&format!("content/guides/{slug}.md")),
                "{shown}"
            );
        }
        other => panic!("expected a failure, got {other:?}"),
    }
    assert!(
        common::tree(&watched.out) == before,
        "a failed rebuild changed the output"
    );
    std::fs::write(&g, text.replacen("\n\n", "\n\nFixed and extended.\n\n", 1)).unwrap();
    match watched.rebuild(std::slice::from_ref(&g)) {
        Outcome::Built { written, .. } => {
            assert!(
                written.contains(&format!("guides/{slug}/index.html")),
                "{written:?}"
            );
            let page = common::page_in(&watched.out, &format!("guides/{slug}/"));
            assert!(page.main_text().contains("Fixed and extended."));
        }
        other => panic!("expected a rebuild, got {other:?}"),
    }
}

/// Changing a guide's terms of a declared taxonomy takes the re-tag fast path, as roles and
/// skills do: a new term gets its page and feed, a term no longer used loses them, and the
/// related lists follow, as in a clean build.
#[test]
fn a_declared_taxonomys_terms_change_in_place_as_a_clean_build_would() {
    let (tmp, mut watched) = Watched::in_tmp(|site| {
        sample_site(site);
        files::setup(site);
    });
    let guides = edits::md_files(&watched.root().join("content/guides"));
    let path = guides[0].clone();
    let original = std::fs::read_to_string(&path).unwrap();
    for terms in ["[fintech]", "[fintech, inv-new-industry]", "[retail]"] {
        let text = text::set_key(&original, "industries", Some(&format!(" {terms}")));
        std::fs::write(&path, text).unwrap();
        let outcome = watched.rebuild(std::slice::from_ref(&path));
        assert!(matches!(outcome, Outcome::Built { .. }), "{outcome:?}");
        compare(
            &mut watched,
            tmp.path(),
            &format!("after industries: {terms}"),
        );
    }
    assert!(!watched.out.join("industries/inv-new-industry").exists());
    assert!(watched.out.join("industries/retail/atom.xml").exists());
}
