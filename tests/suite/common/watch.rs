//! A watch session driven directly, without a file watcher or timing: the tests tell it
//! which paths changed, as the watcher would, and compare what it wrote with a clean
//! in-process build of the same sources.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use careersite::pipeline::{self, BuildOptions};
use careersite::watch::{Outcome, Session};

use super::tree;

/// A session over the site at `root`, writing into `out`, after its first build.
pub struct Watched {
    pub session: Session,
    pub opts: BuildOptions,
    pub out: PathBuf,
}

impl Watched {
    /// Starts the session and asserts that its first build worked.
    pub fn start(root: &Path, out: &Path) -> Watched {
        let opts = BuildOptions {
            root: root.to_path_buf(),
            output: Some(out.to_path_buf()),
            base_url: None,
            drafts: false,
            publish: Default::default(),
            ..Default::default()
        };
        let (session, first) = Session::start(opts.clone()).unwrap();
        assert!(matches!(first, Outcome::Built { .. }), "{first:?}");
        Watched {
            session,
            opts,
            out: out.to_path_buf(),
        }
    }

    /// A new temporary folder with a site made by `make_site` at `<tmp>/site`, watched
    /// into `<tmp>/out`. Keep the folder for as long as the session is used.
    pub fn in_tmp(make_site: impl FnOnce(&Path)) -> (tempfile::TempDir, Watched) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        make_site(&root);
        let watched = Watched::start(&root, &tmp.path().join("out"));
        (tmp, watched)
    }

    /// The site's root folder.
    pub fn root(&self) -> &Path {
        &self.opts.root
    }

    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Outcome {
        self.session.rebuild(changed)
    }

    /// What the watch loop does once saves pause (brings the search index up to date),
    /// then the output as it stands.
    pub fn settled_output(&mut self) -> BTreeMap<String, Vec<u8>> {
        self.session.finish().unwrap();
        tree(&self.out)
    }

    /// A clean in-process build of the same sources into `into`, with the same options.
    pub fn clean_build(&self, into: &Path) -> BTreeMap<String, Vec<u8>> {
        pipeline::build(&BuildOptions {
            output: Some(into.to_path_buf()),
            ..self.opts.clone()
        })
        .unwrap_or_else(|e| panic!("the clean build failed: {e:?}"));
        tree(into)
    }
}
