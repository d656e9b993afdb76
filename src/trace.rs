//! Stage timings for profiling, printed to stderr when `CAREERSITE_TRACE` is set: each
//! `mark` prints the time since the previous one on this thread.

use std::cell::Cell;
use std::sync::OnceLock;
use std::time::Instant;

pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("CAREERSITE_TRACE").is_some())
}

thread_local! {
    static LAST: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Prints how long the step that ends here took (`label`), when tracing is on.
pub fn mark(label: &str) {
    if !enabled() {
        return;
    }
    let now = Instant::now();
    LAST.with(|last| {
        if let Some(prev) = last.get() {
            crate::tell!(
                "trace: {label:<12} {:>8.2} ms{}",
                (now - prev).as_secs_f64() * 1000.0,
                memory()
            );
        }
        last.set(Some(now));
    });
}

/// The process's resident memory now and at its peak, where the system tells it (Linux):
/// what each stage holds is what bounded memory is measured by. A profiling aid only, so
/// it reads the kernel's own status page directly rather than through `source`.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    format!(
        "  rss {} MB, peak {} MB{}",
        field("VmRSS:"),
        field("VmHWM:"),
        heap()
    )
}

/// What the allocator holds for live values, against the resident memory above: the
/// difference is memory freed but not given back to the system. Only with
/// `CAREERSITE_TRACE=heap`: glibc counts it by walking every free chunk, which takes tens
/// of milliseconds in a watch session's large heap and would swamp the timings.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn heap() -> String {
    static ON: OnceLock<bool> = OnceLock::new();
    if !*ON.get_or_init(|| std::env::var_os("CAREERSITE_TRACE").is_some_and(|v| v == "heap")) {
        return String::new();
    }
    // SAFETY: mallinfo2 only reads the allocator's counters.
    let info = unsafe { libc::mallinfo2() };
    format!(", heap {} MB", (info.uordblks + info.hblkhd) >> 20)
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn heap() -> String {
    String::new()
}
