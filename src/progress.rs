//! The progress bar the binary draws while a long build runs: the stage, and for the
//! render-and-write stage a bar of files written out of the total. It stays hidden for the
//! first second, so a quick build prints only its summary, and it never draws when stderr
//! is not a terminal (pipes, CI logs, the tests), so captured output stays clean.
//!
//! The pipeline knows nothing of this: it reports to the `Progress` trait, which this
//! module implements with `indicatif`.

use std::io::IsTerminal;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::pipeline::{Progress, Stage};

/// How long a build runs before its progress shows, unless `CAREERSITE_PROGRESS_DELAY_MS`
/// says otherwise (the tests set it to 0 to see the bar on a pseudo-terminal at once).
pub fn delay_from_env() -> Duration {
    std::env::var("CAREERSITE_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .map_or(Duration::from_secs(1), Duration::from_millis)
}

/// A progress bar on stderr that shows itself after a delay, and clears itself when dropped.
pub struct TerminalProgress {
    bar: ProgressBar,
    stop: Option<mpsc::Sender<()>>,
    reveal: Option<JoinHandle<()>>,
}

impl TerminalProgress {
    /// Starts the clock. Without a terminal on stderr the bar is created hidden and stays so.
    pub fn start(delay: Duration) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(spinner_style());
        if !std::io::stderr().is_terminal() {
            return Self {
                bar,
                stop: None,
                reveal: None,
            };
        }
        if delay.is_zero() {
            reveal(&bar);
            return Self {
                bar,
                stop: None,
                reveal: None,
            };
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let shown = bar.clone();
        // A thread rather than a check in `file_done`: the read, parse and link stages
        // report no steps, and a slow one should still show that the build is alive.
        let reveal = std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(delay) {
                reveal(&shown);
            }
        });
        Self {
            bar,
            stop: Some(stop),
            reveal: Some(reveal),
        }
    }
}

impl Drop for TerminalProgress {
    fn drop(&mut self) {
        // Wake the reveal thread and wait for it, so the bar cannot appear after the clear.
        drop(self.stop.take());
        if let Some(reveal) = self.reveal.take() {
            let _ = reveal.join();
        }
        self.bar.finish_and_clear();
    }
}

impl Progress for TerminalProgress {
    fn stage(&self, stage: Stage, total: usize) {
        self.bar.set_message(label(stage));
        if total > 0 {
            self.bar.set_style(bar_style());
            self.bar.set_length(total as u64);
            self.bar.set_position(0);
        } else {
            self.bar.set_style(spinner_style());
            self.bar.unset_length();
        }
    }

    fn more(&self, more: usize) {
        self.bar.inc_length(more as u64);
    }

    fn file_done(&self) {
        self.bar.inc(1);
    }
}

fn reveal(bar: &ProgressBar) {
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar.enable_steady_tick(Duration::from_millis(100));
}

fn label(stage: Stage) -> &'static str {
    match stage {
        Stage::Read => "reading files",
        Stage::Parse => "parsing",
        Stage::Link => "linking",
        Stage::RenderAndWrite => "rendering and writing",
    }
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} files ({eta} left)")
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}
