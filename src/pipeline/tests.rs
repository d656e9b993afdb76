//! Tests of the parent module: a build that keeps its bodies in a scratch file writes the
//! same bytes as one that keeps them in memory, and refuses to publish once a body could
//! not be read back.

use std::collections::BTreeMap;
use std::path::Path;

use super::*;

fn sample() -> BuildOptions {
    BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        ..Default::default()
    }
}

/// Renders and writes `loaded` into `out`, returning every file's bytes by path. The
/// search index keeps its documents' words for a later build, as in watch mode, when
/// the bodies are in memory, and keeps nothing when they are in a scratch file.
fn written(loaded: &Loaded, out: &Path) -> Result<BTreeMap<String, Vec<u8>>, SiteError> {
    let staging = Staging::begin(out)?;
    let mut search = match loaded.scratch {
        Some(_) => render::search::SearchCache::once(),
        None => render::search::SearchCache::default(),
    };
    loaded.unless_bodies_lost(write_all(
        &sample().root,
        &loaded.site,
        &loaded.theme,
        (&loaded.statics, &loaded.stylesheets),
        &staging,
        &mut search,
    ))?;
    staging.commit()?;
    Ok(walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect())
}

#[test]
fn bodies_kept_in_a_scratch_file_give_the_same_site() {
    let dir = tempfile::tempdir().unwrap();
    let scratch = Scratch::new_in(dir.path()).unwrap();
    let kept = load_kept(&sample(), &Silent, Some(scratch)).unwrap();
    let held = load(&sample()).unwrap();
    let guides = &kept.site.guides;
    assert!(guides.len() > 10);
    assert!(guides.iter().all(|g| g.body.html.held().is_none()));
    assert!(
        held.site
            .guides
            .iter()
            .all(|g| g.body.html.held().is_some())
    );

    let a = written(&kept, &dir.path().join("kept")).unwrap();
    let b = written(&held, &dir.path().join("held")).unwrap();
    assert!(a.len() > 100, "{} files", a.len());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs");
    }
    // The words are there: a guide's page holds its body's text.
    let g = &held.site.guides[0];
    let page = String::from_utf8_lossy(&a[&format!("{}index.html", g.path())]).into_owned();
    assert!(page.contains(&*g.body.html.read()), "{}", g.path());
}

#[test]
fn a_body_that_cannot_be_read_back_fails_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let scratch = Scratch::new_in(dir.path()).unwrap();
    let kept = load_kept(&sample(), &Silent, Some(Arc::clone(&scratch))).unwrap();
    scratch.cut();
    let out = dir.path().join("out");
    let err = written(&kept, &out).unwrap_err().to_string();
    assert!(err.contains("cannot read the rendered pages back"), "{err}");
    assert!(!out.exists(), "nothing is published");
}
