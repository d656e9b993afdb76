//! Shared harness for the integration tests: copies a fixture site from `tests/fixtures/`
//! into a temporary folder, runs the real `careersite` binary on it as a user would, and
//! reads what it wrote (HTML parsed with `scraper`, whole trees for byte comparisons).
//!
//! Fixtures are never built in place: every test works on its own copy.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

mod html;
pub mod server;
mod support;
mod trees;
pub mod watch;

pub use html::*;
pub use support::*;
pub use trees::*;

/// The folder holding every fixture site.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Set `CAREERSITE_BLESS=1` to rewrite expected-output files instead of comparing them.
pub fn blessing() -> bool {
    std::env::var_os("CAREERSITE_BLESS").is_some_and(|v| v != "0")
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit status {code}, got {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    pub fn assert_stderr_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr does not contain {needle:?}\n--- stderr\n{}",
            self.stderr
        );
        self
    }

    /// The error diagnostics on stderr: each `error: ...` line with the `  hint: ...` line
    /// that follows it, when there is one.
    pub fn error_lines(&self) -> Vec<&str> {
        diagnostics(&self.stderr, "error: ")
    }
}

/// The diagnostics in `stderr` that start with `label`, each a slice of `stderr` running
/// from its first line through its indented `  hint:` line, if it has one.
pub fn diagnostics<'a>(stderr: &'a str, label: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut start = 0;
    while start < stderr.len() {
        let end = stderr[start..]
            .find('\n')
            .map_or(stderr.len(), |i| start + i);
        if stderr[start..end].starts_with(label) {
            let mut stop = end;
            if stderr[end..].starts_with("\n  hint: ") {
                stop = stderr[end + 1..]
                    .find('\n')
                    .map_or(stderr.len(), |i| end + 1 + i);
            }
            found.push(&stderr[start..stop]);
            start = stop + 1;
        } else {
            start = end + 1;
        }
    }
    found
}

/// Runs the binary with `args` in `cwd`. Every run, whatever the test, must be free of panics.
pub fn run_in(cwd: &Path, args: &[&str]) -> Run {
    run_with_env(cwd, args, &[])
}

pub fn run_with_env(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_careersite"));
    cmd.args(args).current_dir(cwd).env_remove("RUST_BACKTRACE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run careersite");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stdout.contains("panicked"),
        "careersite panicked on {args:?}:\n{}",
        run.stderr
    );
    run
}

/// A fixture site copied into its own temporary folder, at `<tmp>/site`.
pub struct Site {
    tmp: tempfile::TempDir,
    pub root: PathBuf,
}

impl Site {
    /// Copies `tests/fixtures/<name>` to a fresh temporary folder.
    pub fn new(name: &str) -> Site {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path().join("site");
        copy_dir(&fixtures().join(name), &root);
        Site { tmp, root }
    }

    /// Copies `tests/fixtures/<name>` and builds it into `output/`, asserting that it worked.
    pub fn built(name: &str) -> Site {
        let site = Site::new(name);
        site.build();
        site
    }

    /// An empty temporary folder with no site in it yet (for `init`).
    pub fn empty() -> Site {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path().join("site");
        Site { tmp, root }
    }

    /// Copies the files of another fixture folder over this site, except the
    /// `expected-*` files that hold what the test expects.
    pub fn overlay(&self, name: &str) {
        let from = fixtures().join(name);
        for entry in std::fs::read_dir(&from).unwrap_or_else(|e| panic!("{name}: {e}")) {
            let entry = entry.unwrap();
            let file_name = entry.file_name();
            if file_name.to_string_lossy().starts_with("expected-") {
                continue;
            }
            let target = self.root.join(&file_name);
            if entry.file_type().unwrap().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    /// The temporary folder that holds the site (`<tmp>`), for output folders beside it.
    pub fn tmp(&self) -> &Path {
        self.tmp.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// Saves as careful editors do: a whole new file renamed over the old, so a watcher
    /// never sees it half written.
    pub fn save_atomic(&self, rel: &str, text: &str) {
        save_atomic(&self.tmp().join("staging"), &self.path(rel), text);
    }

    /// `careersite serve` on this site, with `<tmp>/tmp` as its TMPDIR.
    pub fn serve(&self) -> server::Server {
        server::Server::start(&self.root, &self.tmp().join("tmp"), &[])
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap();
    }

    /// The default output folder.
    pub fn out(&self) -> PathBuf {
        self.root.join("output")
    }

    /// Runs `careersite <args>` from the temporary folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.tmp.path(), args)
    }

    /// `careersite <command> --root <site> <extra>`.
    pub fn cmd(&self, command: &str, extra: &[&str]) -> Run {
        let root = self.root.to_str().unwrap();
        let mut args = vec![command, "--root", root];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// Builds into `output/` and asserts that it worked.
    pub fn build(&self) -> Run {
        self.build_with(&[])
    }

    pub fn build_with(&self, extra: &[&str]) -> Run {
        let run = self.cmd("build", extra);
        run.assert_code(0);
        run
    }

    /// Builds and asserts that the build failed with exit status 1.
    pub fn build_fails(&self) -> Run {
        let run = self.cmd("build", &[]);
        run.assert_code(1);
        run
    }

    /// The page at a URL path of the default output (`guides/a/` -> `guides/a/index.html`).
    pub fn page(&self, url_path: &str) -> Page {
        page_in(&self.out(), url_path)
    }

    /// The page at a URL path, asserting that its `<h1>` is `h1`.
    #[track_caller]
    pub fn page_titled(&self, url_path: &str, h1: &str) -> Page {
        let page = self.page(url_path);
        assert_eq!(page.h1(), h1, "the <h1> of {url_path}");
        page
    }

    pub fn output_exists(&self, rel: &str) -> bool {
        self.out().join(rel).exists()
    }
}

/// A copy of the bundled sample site (the repository's own `content/`, `themes/`, `data/`
/// and `site.toml`) at `dir`: the richest real site there is, for tests that edit one.
pub fn sample_site(dir: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &dir.join("content"));
    copy_dir(&repo.join("themes"), &dir.join("themes"));
    // The sample's data file and the site shortcode that shows it.
    copy_dir(&repo.join("data"), &dir.join("data"));
    copy_dir(&repo.join("templates"), &dir.join("templates"));
    std::fs::copy(repo.join("site.toml"), dir.join("site.toml")).unwrap();
}

/// Runs `careersite build --root <root> --output <out> --quiet <extra>` and asserts that it
/// worked: the clean build that watch-mode output is compared with.
pub fn clean_build(root: &Path, out: &Path, extra: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--quiet",
    ];
    args.extend_from_slice(extra);
    run_in(out.parent().unwrap(), &args).assert_code(0);
    tree(out)
}
