//! The build's progress hook, and the bar the binary draws with it: the hook hears of
//! every file written exactly once, with totals that add up to the summary's file count;
//! the bar shows on a terminal and never in captured output or with `--quiet`.

use crate::common;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use careersite::pipeline::{self, BuildOptions, Progress, Stage};
use common::{Site, run_with_env};

#[derive(Default)]
struct Recorder {
    stages: Mutex<Vec<(Stage, usize)>>,
    more: AtomicUsize,
    done: AtomicUsize,
    /// Files reported before any stage that counts files began.
    early: AtomicUsize,
}

impl Progress for Recorder {
    fn stage(&self, stage: Stage, total: usize) {
        self.stages.lock().unwrap().push((stage, total));
    }

    fn more(&self, more: usize) {
        self.more.fetch_add(more, Ordering::SeqCst);
    }

    fn file_done(&self) {
        let counting =
            self.stages.lock().unwrap().last().map(|s| s.0) == Some(Stage::RenderAndWrite);
        if !counting {
            self.early.fetch_add(1, Ordering::SeqCst);
        }
        self.done.fetch_add(1, Ordering::SeqCst);
    }
}

fn files_in(dir: &std::path::Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
        .count()
}

#[test]
fn progress_hook_hears_every_stage_and_every_file_once() {
    let site = Site::new("career");
    let recorder = Recorder::default();
    let opts = BuildOptions {
        root: site.root.clone(),
        ..Default::default()
    };
    let report = pipeline::build_with_progress(&opts, &recorder).expect("build");

    let stages = recorder.stages.lock().unwrap().clone();
    let order: Vec<Stage> = stages.iter().map(|s| s.0).collect();
    assert_eq!(
        order,
        [
            Stage::Read,
            Stage::Parse,
            Stage::Link,
            Stage::RenderAndWrite
        ]
    );
    let total = stages[3].1 + recorder.more.load(Ordering::SeqCst);
    let done = recorder.done.load(Ordering::SeqCst);
    assert!(stages[3].1 > 0, "the render stage announces its pages");
    assert_eq!(done, total, "files reported against the announced total");
    assert_eq!(done, report.files, "files reported against the summary");
    assert_eq!(
        done,
        files_in(&site.out()),
        "files reported against the output"
    );
    assert_eq!(recorder.early.load(Ordering::SeqCst), 0);
}

#[test]
fn build_with_stderr_captured_shows_no_progress() {
    let site = Site::new("career");
    let root = site.root.to_str().unwrap();
    // No delay, so a bar would show at once if the terminal check were missing.
    let run = run_with_env(
        site.tmp(),
        &["build", "--root", root],
        &[("CAREERSITE_PROGRESS_DELAY_MS", "0")],
    );
    run.assert_code(0);
    assert!(run.stdout.starts_with("built "), "{}", run.stdout);
    for mark in ['\r', '\u{1b}', '[', '⠁'] {
        assert!(
            !run.stderr.contains(mark),
            "{mark:?} in stderr:\n{}",
            run.stderr
        );
    }
    assert!(!run.stderr.contains("rendering"), "{}", run.stderr);
}

#[cfg(target_os = "linux")]
mod on_a_terminal {
    use std::io::Read;
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::process::{Command, Stdio};

    use super::Site;

    /// Runs `careersite build` with stderr on a fresh pseudo-terminal and stdout piped;
    /// returns (stdout, what the terminal received).
    fn build_on_pty(site: &Site, extra: &[&str]) -> (String, String) {
        let (mut master, mut slave) = (-1, -1);
        // SAFETY: the out-pointers are live locals; null name, termios and winsize are allowed.
        let r = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(r, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: openpty returned two new descriptors that nothing else owns.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_careersite"));
        cmd.arg("build")
            .arg("--root")
            .arg(&site.root)
            .args(extra)
            .env("CAREERSITE_PROGRESS_DELAY_MS", "0")
            .env("TERM", "xterm-256color")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(slave));
        let child = cmd.spawn().expect("run careersite");
        // The parent's copy of the terminal's other end must go, or reading never ends.
        drop(cmd);
        let reader = std::thread::spawn(move || {
            let mut file = std::fs::File::from(master);
            let mut seen = Vec::new();
            let mut buf = [0u8; 4096];
            // Linux reports EIO once the last writer has closed the terminal.
            while let Ok(n) = file.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.extend_from_slice(&buf[..n]);
            }
            String::from_utf8_lossy(&seen).into_owned()
        });
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "build failed");
        let terminal = reader.join().expect("reader");
        (String::from_utf8_lossy(&out.stdout).into_owned(), terminal)
    }

    #[test]
    fn bar_shows_the_render_stage_on_a_terminal_and_the_summary_still_prints() {
        let site = Site::new("career");
        let (stdout, terminal) = build_on_pty(&site, &[]);
        assert!(stdout.starts_with("built "), "{stdout}");
        assert!(terminal.contains("rendering and writing"), "{terminal:?}");
        assert!(terminal.contains(" files"), "{terminal:?}");
    }

    #[test]
    fn quiet_build_shows_no_bar_on_a_terminal() {
        let site = Site::new("career");
        let (stdout, terminal) = build_on_pty(&site, &["--quiet"]);
        assert!(stdout.starts_with("built "), "{stdout}");
        assert!(terminal.is_empty(), "{terminal:?}");
    }
}
