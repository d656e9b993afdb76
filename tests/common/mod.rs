//! Shared harness for the integration tests: copies a fixture site from `tests/fixtures/`
//! into a temporary folder, runs the real `careersite` binary on it as a user would, and
//! reads what it wrote (HTML parsed with `scraper`, whole trees for byte comparisons).
//!
//! Fixtures are never built in place: every test works on its own copy.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use scraper::{ElementRef, Html, Selector};

pub mod server;
pub mod watch;

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

    /// The lines of stderr that are error diagnostics (`error: ...`).
    pub fn error_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .collect()
    }
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

/// Reads and parses `<out>/<url_path>index.html` (or the file itself when it ends in `.html`).
pub fn page_in(out: &Path, url_path: &str) -> Page {
    let rel = url_path.trim_start_matches('/');
    let file = if rel.ends_with(".html") {
        out.join(rel)
    } else {
        out.join(rel).join("index.html")
    };
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("no page at {}: {e}", file.display()));
    Page {
        html: Html::parse_document(&text),
        source: text,
    }
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e:?}"))
}

/// Text of an element as a reader sees it on screen: whitespace collapsed, and without the
/// `visually-hidden` text meant only for screen readers.
pub fn text_of(e: ElementRef<'_>) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for node in e.descendants() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let hidden = node
            .ancestors()
            .take_while(|a| a.id() != e.id())
            .chain(std::iter::once(*e))
            .filter_map(|a| a.value().as_element())
            .any(|el| el.classes().any(|c| c == "visually-hidden"));
        if !hidden {
            parts.push(text);
        }
    }
    parts
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The links inside `e` matching `css`, as (text, href), in document order.
pub fn links_in(e: ElementRef<'_>, css: &str) -> Vec<(String, String)> {
    e.select(&sel(css))
        .map(|a| (text_of(a), a.value().attr("href").unwrap_or("").to_string()))
        .collect()
}

/// The text of the first element inside `e` matching `css`.
pub fn first_text(e: ElementRef<'_>, css: &str) -> Option<String> {
    e.select(&sel(css)).next().map(text_of)
}

/// A parsed HTML page.
pub struct Page {
    pub html: Html,
    pub source: String,
}

impl Page {
    pub fn main(&self) -> ElementRef<'_> {
        self.html
            .select(&sel("main"))
            .next()
            .expect("the page has a <main>")
    }

    /// The readable text of `<main>`.
    pub fn main_text(&self) -> String {
        text_of(self.main())
    }

    /// The inner HTML of `<main>`.
    pub fn main_html(&self) -> String {
        self.main().inner_html()
    }

    /// Texts of the elements matching `css` inside `<main>`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.main().select(&sel(css)).map(text_of).collect()
    }

    /// Every link in `<main>` as (text, href), in document order.
    pub fn links(&self) -> Vec<(String, String)> {
        self.links_in("a[href]")
    }

    pub fn links_in(&self, css: &str) -> Vec<(String, String)> {
        links_in(self.main(), css)
    }

    /// The first element in `<main>` matching `css`.
    pub fn find(&self, css: &str) -> Option<ElementRef<'_>> {
        self.main().select(&sel(css)).next()
    }

    /// The page's canonical URL (`<link rel=canonical>`).
    pub fn canonical(&self) -> Option<String> {
        self.html
            .select(&sel("link[rel=canonical]"))
            .next()
            .and_then(|l| l.value().attr("href"))
            .map(str::to_string)
    }

    /// Asserts that `<main>` has a link with exactly this text and href.
    pub fn assert_link(&self, text: &str, href: &str) {
        let links = self.links();
        assert!(
            links.iter().any(|(t, h)| t == text && h == href),
            "no link {text:?} -> {href:?} in <main>; links are:\n{links:#?}"
        );
    }

    /// The `<title>` text.
    pub fn title(&self) -> String {
        self.html
            .select(&sel("title"))
            .next()
            .map(text_of)
            .unwrap_or_default()
    }

    /// Text of the first `<h1>` in `<main>`.
    pub fn h1(&self) -> String {
        self.texts("h1").into_iter().next().unwrap_or_default()
    }

    /// Every attribute value of every element in the whole document, as (element, name, value).
    pub fn all_attributes(&self) -> Vec<(String, String, String)> {
        self.html
            .select(&sel("*"))
            .flat_map(|e| {
                let name = e.value().name().to_string();
                e.value()
                    .attrs()
                    .map(move |(k, v)| (name.clone(), k.to_string(), v.to_string()))
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

/// Every file under `dir` (hidden ones included) with its bytes, by `/`-separated path;
/// folders are listed too, as `path/`. A missing folder gives an empty tree.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    try_tree(dir).unwrap_or_else(|| panic!("{} changed while it was read", dir.display()))
}

/// Like [`tree`], for a folder something else may still be writing: a file that vanishes
/// between listing and reading gives `None` instead of a panic.
pub fn try_tree(dir: &Path) -> Option<BTreeMap<String, Vec<u8>>> {
    let mut out = BTreeMap::new();
    if dir.exists() {
        collect(dir, dir, &mut out)?;
    }
    Some(out)
}

fn collect(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) -> Option<()> {
    for entry in std::fs::read_dir(dir).ok()? {
        let path = entry.ok()?.path();
        let rel = path
            .strip_prefix(base)
            .unwrap()
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if path.is_dir() {
            out.insert(format!("{rel}/"), Vec::new());
            collect(base, &path, out)?;
        } else {
            out.insert(rel, std::fs::read(&path).ok()?);
        }
    }
    Some(())
}

/// Asserts two trees are byte-for-byte the same, naming the files that differ.
pub fn assert_same_tree(
    what: &str,
    expected: &BTreeMap<String, Vec<u8>>,
    actual: &BTreeMap<String, Vec<u8>>,
) {
    let missing: Vec<_> = expected
        .keys()
        .filter(|k| !actual.contains_key(*k))
        .collect();
    let extra: Vec<_> = actual
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    let changed: Vec<_> = expected
        .iter()
        .filter(|(k, v)| actual.get(*k).is_some_and(|a| a != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && changed.is_empty(),
        "{what}: trees differ\nmissing: {missing:?}\nextra: {extra:?}\nchanged: {changed:?}"
    );
    assert!(!expected.is_empty(), "{what}: compared an empty tree");
}

/// Where two trees first differ, for a failure message: the first file missing, extra or
/// changed, and for a changed text file its first differing line on each side.
pub fn first_difference(
    expected: &BTreeMap<String, Vec<u8>>,
    actual: &BTreeMap<String, Vec<u8>>,
) -> Option<String> {
    if let Some(extra) = actual.keys().find(|k| !expected.contains_key(*k)) {
        return Some(format!("{extra} is there but should not be"));
    }
    let (file, want) = expected.iter().find(|(k, v)| actual.get(*k) != Some(*v))?;
    let Some(got) = actual.get(file) else {
        return Some(format!("{file} is missing"));
    };
    let (want, got) = (String::from_utf8_lossy(want), String::from_utf8_lossy(got));
    let line = want
        .lines()
        .zip(got.lines())
        .find(|(w, g)| w != g)
        .map(|(w, g)| format!("\n  clean build: {w}\n  incremental: {g}"))
        .unwrap_or_default();
    Some(format!("{file} differs{line}"))
}

/// Asserts that `text` starts with `prefix`, showing the whole text when it does not.
#[track_caller]
pub fn assert_starts(text: &str, prefix: &str) {
    assert!(
        text.starts_with(prefix),
        "expected to start with {prefix:?}:\n{text}"
    );
}

/// Asserts that `text` contains `needle`, showing the whole text when it does not.
#[track_caller]
pub fn assert_contains(text: &str, needle: &str) {
    assert!(
        text.contains(needle),
        "expected to contain {needle:?}:\n{text}"
    );
}

/// Asserts that `text` ends with `suffix`, showing the whole text when it does not.
#[track_caller]
pub fn assert_ends(text: &str, suffix: &str) {
    assert!(
        text.ends_with(suffix),
        "expected to end with {suffix:?}:\n{text}"
    );
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The HTML files of an output folder, by `/`-separated path.
pub fn html_files(out: &Path) -> Vec<String> {
    tree(out)
        .into_keys()
        .filter(|k| k.ends_with(".html"))
        .collect()
}

/// A copy of the bundled sample site (the repository's own `content/`, `themes/` and
/// `site.toml`) at `dir`: the richest real site there is, for tests that edit one.
pub fn sample_site(dir: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &dir.join("content"));
    copy_dir(&repo.join("themes"), &dir.join("themes"));
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

/// Writes a whole new file beside, in `staging` (outside the site, so no watcher sees it),
/// and renames it over `path`, as careful editors save.
pub fn save_atomic(staging: &Path, path: &Path, text: &str) {
    std::fs::create_dir_all(staging).unwrap();
    let tmp = staging.join("saving.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// Polls `check` until it gives a value, or panics after `deadline` with `what`, the last
/// state `check` described, and `context()` (a server's logs, say).
pub fn poll<T>(
    what: &str,
    deadline: Duration,
    mut check: impl FnMut() -> Result<T, String>,
    context: impl Fn() -> String,
) -> T {
    let start = Instant::now();
    loop {
        match check() {
            Ok(v) => return v,
            Err(state) if start.elapsed() > deadline => panic!(
                "timed out after {deadline:?} waiting for {what}\nlast seen: {state}\n{}",
                context()
            ),
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// An environment variable parsed, or `default` when it is unset or does not parse.
pub fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small seeded generator (xorshift64*), so a failing sequence replays exactly from its
/// seed.
pub struct Rng(u64);

impl Rng {
    /// Any seed works; zero, which xorshift would never leave, is moved off.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True once in `n` times.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}
