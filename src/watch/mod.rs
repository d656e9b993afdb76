//! Watch mode: file events from notify, debounced into one rebuild per burst, handed to
//! the session. Used by `build --watch` and by `serve`.

pub mod classify;
pub mod session;

use std::cell::RefCell;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::error::SiteError;
use crate::pipeline::BuildOptions;
use crate::text::count;
pub use session::{Outcome, Session};

/// How long a burst of events must be quiet before a rebuild: editors' atomic saves (write a
/// temporary file, rename it over the original) finish well within this.
const DEBOUNCE: Duration = Duration::from_millis(10);

/// Whether an event can change a source: reads and metadata changes cannot.
fn is_change(kind: &EventKind) -> bool {
    use notify::event::ModifyKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        _ => false,
    }
}

/// From here on, glibc merges each freed small value into the free heap at once instead of
/// keeping it in a fast bin. A watch session frees a sweep's worth of small values at a
/// time, and with fast bins the next save's first large allocation paid for merging them
/// all: 90 ms of a 100,000-guide body edit. A build keeps fast bins, which make it about a
/// fifth faster; so does the watch session's first build, made before this.
fn free_small_values_at_once() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter (after merging the fast bins); it
    // is safe to call at any time, from any thread.
    unsafe {
        libc::mallopt(libc::M_MXFAST, 0);
    }
}

/// Whether a batch of events changes a file the site is built from.
fn touches_source(events: &DebounceEventResult, sources: &classify::Sources) -> bool {
    events.as_ref().is_ok_and(|events| {
        (events.iter())
            .filter(|e| is_change(&e.event.kind))
            .any(|e| e.event.paths.iter().any(|p| sources.matters(p)))
    })
}

/// How long to wait for events when there is nothing else to do (then `stop` is checked).
const IDLE_WAIT: Duration = Duration::from_millis(200);
/// How long a pause in events must be before a rebuild's leftovers (the search index) run.
const PENDING_WAIT: Duration = Duration::from_millis(40);

/// Builds, then rebuilds on every change until `stop` says so; each outcome goes to
/// `report` (the terminal, or the server's browsers).
pub fn run(
    opts: BuildOptions,
    mut report: impl FnMut(&Session, &Outcome),
    stop: impl Fn() -> bool,
) -> Result<(), SiteError> {
    // Watch before the first build: setting up watches on a large tree takes seconds, and a
    // save made meanwhile would otherwise be lost. Events from during the build queue up.
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx)
        .map_err(|e| SiteError::fatal(format!("cannot watch files: {e}")))?;
    debouncer
        .watch(&opts.root, RecursiveMode::Recursive)
        .map_err(|e| SiteError::fatal(format!("cannot watch {}: {e}", opts.root.display())))?;
    // A settings file outside the site's folder (`--config ../staging.toml`) is watched too.
    if let Ok(file) = crate::source::config_file(&opts.root, opts.config.as_deref()) {
        let config = crate::output::absolute(&file.path);
        if !config.starts_with(crate::output::absolute(&opts.root))
            && let Some(folder) = config.parent()
        {
            debouncer
                .watch(folder, RecursiveMode::NonRecursive)
                .map_err(|e| SiteError::fatal(format!("cannot watch {}: {e}", folder.display())))?;
        }
    }
    let (mut session, first) = Session::start(opts)?;
    report(&session, &first);
    free_small_values_at_once();
    // Events taken from the channel while leftovers ran, to rebuild before anything else.
    let held = RefCell::new(VecDeque::<DebounceEventResult>::new());
    while !stop() {
        // With work left over from a rebuild, wait only briefly: a save that follows at once
        // is rebuilt first, and the leftovers are done once the writer pauses.
        let wait = if session.has_pending() {
            PENDING_WAIT
        } else {
            IDLE_WAIT
        };
        let next = match held.borrow_mut().pop_front() {
            Some(events) => Ok(events),
            None => rx.recv_timeout(wait),
        };
        let events = match next {
            Ok(Ok(events)) => events,
            Ok(Err(errors)) => {
                for e in errors {
                    crate::tell!("warning: file watcher: {e}");
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // The leftovers give way to the next save that touches a source: on a large
                // site they take seconds, and that save's page must not wait for them.
                let sources = session.sources();
                let waiting = || {
                    let mut held = held.borrow_mut();
                    held.extend(rx.try_iter());
                    held.iter().any(|r| touches_source(r, &sources))
                };
                if session.has_pending()
                    && let Err(e) = session.finish_unless(&waiting)
                {
                    report(&session, &session::failed(e));
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        crate::trace::mark("events");
        let mut paths: Vec<PathBuf> = events
            .iter()
            .filter(|e| is_change(&e.event.kind))
            .flat_map(|e| e.event.paths.iter().cloned())
            .collect();
        // Events that arrived while we were building join this batch.
        let more = held.borrow_mut().drain(..).collect::<Vec<_>>();
        for more in more.into_iter().chain(rx.try_iter()).filter_map(Result::ok) {
            paths.extend(
                more.iter()
                    .filter(|e| is_change(&e.event.kind))
                    .flat_map(|e| e.event.paths.iter().cloned()),
            );
        }
        if paths.is_empty() {
            continue;
        }
        paths.sort();
        paths.dedup();
        let outcome = session.rebuild(&paths);
        if !matches!(outcome, Outcome::Unchanged) {
            report(&session, &outcome);
        }
    }
    Ok(())
}

/// Prints an outcome on the terminal, as `build --watch` and `serve` do.
pub fn print_outcome(outcome: &Outcome) {
    match outcome {
        Outcome::Built {
            written,
            removed,
            changed,
            millis,
            summary,
            ..
        } => {
            if changed.is_empty() {
                crate::say!(
                    "built {summary} ({}) in {millis} ms",
                    count(written.len(), "file")
                );
            } else {
                crate::say!(
                    "rebuilt after {} changed: {} written, {} removed in {millis} ms",
                    changed.join(", "),
                    count(written.len(), "file"),
                    removed.len()
                );
            }
        }
        Outcome::Failed(errors) => {
            for e in errors {
                crate::tell!("{e}");
            }
            crate::tell!(
                "build failed: {}; still watching, fix and save to rebuild",
                count(errors.len(), "error")
            );
        }
        Outcome::Unchanged => {}
    }
}
