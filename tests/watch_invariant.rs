//! The watch-mode invariant: after any sequence of edits, the incrementally rebuilt output
//! equals a clean full build of the same sources, byte for byte. Drives a `Session`
//! directly (no file watcher, no timing), over a copy of the bundled sample site, with a
//! seeded sequence of the edits writers make: body text, tags, titles and dates, new,
//! deleted and renamed guides, profiles, templates, stylesheets, config, and broken files
//! that are then fixed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use careersite::pipeline::{self, BuildOptions};
use careersite::watch::{Outcome, Session};

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn sample_site(dir: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &dir.join("content"));
    copy_dir(&repo.join("themes"), &dir.join("themes"));
    std::fs::copy(repo.join("site.toml"), dir.join("site.toml")).unwrap();
}

/// A tiny deterministic generator, so a failure replays exactly.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

fn guides(site: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(site.join("content/guides"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    v.sort();
    v
}

/// One edit; returns the paths it touched, as the watcher would report them.
fn edit(site: &Path, rng: &mut Rng, step: usize) -> Vec<PathBuf> {
    let all = guides(site);
    let g = rng.pick(&all).clone();
    let text = std::fs::read_to_string(&g).unwrap_or_default();
    match rng.next() % 12 {
        0 | 1 => {
            std::fs::write(
                &g,
                format!("{text}\nA new paragraph written at step {step}.\n"),
            )
            .unwrap();
            vec![g]
        }
        2 if step % 2 == 1 && text.contains("invariant-skill-") => {
            // Take the invented skill off again: its page goes once no guide uses it.
            let t: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("- invariant-skill-"))
                .map(|l| {
                    format!(
                        "{}\n",
                        l.replace("invariant-skill-0, ", "")
                            .replace("invariant-skill-1, ", "")
                            .replace("invariant-skill-2, ", "")
                    )
                })
                .collect();
            std::fs::write(&g, t).unwrap();
            vec![g]
        }
        2 => {
            let t = text.replacen(
                "skills:\n",
                &format!("skills:\n  - invariant-skill-{}\n", step % 3),
                1,
            );
            let t = if t == text {
                text.replacen(
                    "skills: [",
                    &format!("skills: [invariant-skill-{}, ", step % 3),
                    1,
                )
            } else {
                t
            };
            std::fs::write(&g, t).unwrap();
            vec![g]
        }
        3 => {
            let t = text.replacen("roles:\n", "roles:\n  - Software Engineer\n", 1);
            let t = if t == text {
                text.replacen("roles: [", "roles: [qa-engineer, ", 1)
            } else {
                t
            };
            std::fs::write(&g, t).unwrap();
            vec![g]
        }
        4 => {
            let t = if text.contains("title: \"") {
                text.replacen("title: \"", &format!("title: \"Step {step} "), 1)
            } else {
                text.replacen("title: ", &format!("title: Step {step} "), 1)
            };
            std::fs::write(&g, t).unwrap();
            vec![g]
        }
        5 => {
            let t = text.replacen("date: 20", "date: 2019-0", 1).replacen(
                "date: 2019-0",
                "date: 2019-01-0",
                1,
            );
            let fixed = t
                .lines()
                .map(|l| {
                    if l.starts_with("date: 2019-01-0") {
                        format!("date: 2019-01-0{}", 1 + step % 9)
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            std::fs::write(&g, fixed + "\n").unwrap();
            vec![g]
        }
        6 => {
            // Link only to a guide of the sample site: new guides may be deleted later.
            let g = all
                .iter()
                .find(|p| {
                    !p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with("new-guide-")
                })
                .unwrap_or(&g);
            let new = site.join(format!("content/guides/new-guide-{step}.md"));
            std::fs::write(&new, format!("---\ntitle: New guide {step}\ndate: 2026-0{}-0{}\nroles: [data-analyst]\nskills: [sql, python]\n---\n\n## Heading\n\nBody of a new guide, for a numbers person, with a [link](@/guides/{}).\n", 1 + step % 9, 1 + step % 7, g.file_name().unwrap().to_string_lossy())).unwrap();
            vec![new]
        }
        7 if all.len() > 15 => {
            // Delete a guide nothing links to (only our own new ones are safe to delete).
            match all.iter().find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("new-guide-")
            }) {
                Some(victim) => {
                    std::fs::remove_file(victim).unwrap();
                    vec![victim.clone()]
                }
                None => Vec::new(),
            }
        }
        8 => {
            // A broken save, then the fix: the first rebuild fails, the second recovers.
            std::fs::write(&g, text.replacen("---\n", "---\nrolse: [x]\n", 1)).unwrap();
            vec![g]
        }
        9 => {
            let css = site.join("themes/default/static/style.css");
            let mut s = std::fs::read_to_string(&css).unwrap();
            s.push_str(&format!("\n.step-{step} {{ color: red; }}\n"));
            std::fs::write(&css, s).unwrap();
            vec![css]
        }
        10 => {
            // A profile's summary, its core skills (other roles' skill gaps and comparison
            // tables show them) or its aliases (auto-links in every guide can change).
            let role = site.join("content/roles/data-analyst.md");
            let s = std::fs::read_to_string(&role).unwrap();
            let edited = match step % 3 {
                0 => s.replacen("summary: ", &format!("summary: (rev {step}) "), 1),
                1 => s.replacen("skills: [sql, ", "skills: [sql, machine-learning, ", 1),
                _ => s.replacen("aliases: [", "aliases: [numbers-person, ", 1),
            };
            std::fs::write(&role, edited).unwrap();
            vec![role]
        }
        _ => {
            let tpl = site.join("themes/default/templates/page.html");
            let s = std::fs::read_to_string(&tpl).unwrap();
            std::fs::write(&tpl, format!("{s}\n{{# step {step} #}}\n")).unwrap();
            vec![tpl]
        }
    }
}

/// Undo a broken front matter key left by an edit of kind 8.
fn repair(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut fixed = Vec::new();
    for p in paths {
        if let Ok(text) = std::fs::read_to_string(p)
            && text.contains("rolse: [x]\n")
        {
            std::fs::write(p, text.replacen("rolse: [x]\n", "", 1)).unwrap();
            fixed.push(p.clone());
        }
    }
    fixed
}

#[test]
fn incremental_output_equals_a_clean_build_after_random_edits() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    sample_site(&site);
    let out = tmp.path().join("watch-out");
    let opts = BuildOptions {
        root: site.clone(),
        output: Some(out.clone()),
        base_url: None,
        drafts: false,
    };
    let (mut session, first) = Session::start(opts.clone()).unwrap();
    assert!(matches!(first, Outcome::Built { .. }), "{first:?}");
    let seed = std::env::var("CAREERSITE_INVARIANT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_1234_abcd_0001);
    let mut rng = Rng(seed);
    for step in 0..40 {
        let touched = edit(&site, &mut rng, step);
        if touched.is_empty() {
            continue;
        }
        let outcome = session.rebuild(&touched);
        let repaired = repair(&touched);
        if !repaired.is_empty() {
            assert!(
                matches!(outcome, Outcome::Failed(_)),
                "a broken file must fail the rebuild: {outcome:?}"
            );
            let before = tree(&out);
            let again = session.rebuild(&repaired);
            assert!(
                matches!(again, Outcome::Built { .. }),
                "fixing the file must recover: {again:?}"
            );
            assert!(!before.is_empty());
        } else {
            assert!(
                !matches!(outcome, Outcome::Failed(_)),
                "step {step}: {outcome:?}"
            );
        }
        // The watch loop finishes a rebuild's leftovers (the search index) when the writer
        // pauses; here some rebuilds follow each other with leftovers still pending.
        if step % 3 == 0 {
            session.finish().unwrap();
        }
        if step % 8 == 7 {
            session.finish().unwrap();
            let clean = tmp.path().join(format!("clean-{step}"));
            pipeline::build(&BuildOptions {
                output: Some(clean.clone()),
                ..opts.clone()
            })
            .unwrap();
            assert_trees_equal(&tree(&out), &tree(&clean), step);
        }
    }
    session.finish().unwrap();
    let clean = tmp.path().join("clean-final");
    pipeline::build(&BuildOptions {
        output: Some(clean.clone()),
        ..opts
    })
    .unwrap();
    assert_trees_equal(&tree(&out), &tree(&clean), usize::MAX);
}

fn assert_trees_equal(
    got: &BTreeMap<PathBuf, Vec<u8>>,
    want: &BTreeMap<PathBuf, Vec<u8>>,
    step: usize,
) {
    let got_keys: Vec<_> = got.keys().collect();
    let want_keys: Vec<_> = want.keys().collect();
    let missing: Vec<_> = want_keys
        .iter()
        .filter(|k| !got.contains_key(**k))
        .collect();
    let extra: Vec<_> = got_keys
        .iter()
        .filter(|k| !want.contains_key(**k))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "after step {step}: missing {missing:?}, extra {extra:?}"
    );
    for (path, bytes) in want {
        assert!(
            got[path] == *bytes,
            "after step {step}: {} differs from a clean build",
            path.display()
        );
    }
}

#[test]
fn a_failed_rebuild_leaves_the_output_untouched_and_a_fix_recovers() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    sample_site(&site);
    let out = tmp.path().join("out");
    let opts = BuildOptions {
        root: site.clone(),
        output: Some(out.clone()),
        base_url: None,
        drafts: false,
    };
    let (mut session, _) = Session::start(opts).unwrap();
    let before = tree(&out);
    let g = guides(&site)[0].clone();
    let text = std::fs::read_to_string(&g).unwrap();
    std::fs::write(&g, text.replacen("title:", "title: [unclosed", 1)).unwrap();
    match session.rebuild(std::slice::from_ref(&g)) {
        Outcome::Failed(errors) => {
            let shown = errors[0].to_string();
            assert!(
                shown.contains(&format!(
                    "content/guides/{}",
                    g.file_name().unwrap().to_string_lossy()
                )),
                "{shown}"
            );
        }
        other => panic!("expected a failure, got {other:?}"),
    }
    assert!(tree(&out) == before, "a failed rebuild changed the output");
    std::fs::write(&g, text.replacen("\n\n", "\n\nFixed and extended.\n\n", 1)).unwrap();
    match session.rebuild(std::slice::from_ref(&g)) {
        Outcome::Built { written, .. } => {
            let slug = g.file_stem().unwrap().to_string_lossy().to_string();
            assert!(
                written.contains(&format!("guides/{slug}/index.html")),
                "{written:?}"
            );
            let page =
                std::fs::read_to_string(out.join(format!("guides/{slug}/index.html"))).unwrap();
            assert!(page.contains("Fixed and extended."));
        }
        other => panic!("expected a rebuild, got {other:?}"),
    }
}
