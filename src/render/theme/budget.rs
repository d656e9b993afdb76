//! What one page's templates may spend: steps of `range` and bytes of output. Tera has
//! no limits of its own beyond one `range` call, so a loop inside a loop, or a loop that
//! writes a large value, would run for hours or take the machine's memory.

use tera::{Kwargs, State};

/// How many numbers `range` may hand out while one page renders. Tera 2.4 caps one
/// `range` at 100,000 numbers but has no limit on loops inside loops, so
/// `range(end=100000)` inside another runs 10^10 times; counting through our own `range`
/// stops that with Tera's usual error, which names the template and line of the call.
pub const LOOP_BUDGET: u64 = 2_000_000;

/// The most one page may grow to. The site's largest pages (a sitemap or a listing of
/// tens of thousands of guides) stay far below; a template that writes more is caught
/// before it takes the machine's memory, as loops within the `range` budget can write a
/// large value millions of times.
pub const PAGE_BUDGET: usize = 64 << 20;

/// Collects a page as Tera writes it, refusing to grow past `PAGE_BUDGET`.
#[derive(Default)]
pub(super) struct CappedPage {
    pub bytes: Vec<u8>,
    pub over: bool,
}

impl std::io::Write for CappedPage {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > PAGE_BUDGET {
            self.over = true;
            return Err(std::io::Error::other("the page is over its size budget"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

thread_local! {
    /// What is left of the budget of the page this thread is rendering: one page renders on
    /// one thread, and `Theme::render` refills it.
    static LOOP_STEPS_LEFT: std::cell::Cell<u64> = const { std::cell::Cell::new(LOOP_BUDGET) };
}

/// `range(start=0, end, step_by=1)`, as Tera's, counted against the page's loop budget.
pub(super) fn budgeted_range(kwargs: Kwargs, _: &State) -> tera::TeraResult<Vec<i128>> {
    let start: i128 = kwargs.get("start")?.unwrap_or(0);
    let end: i128 = kwargs.must_get("end")?;
    let step: i128 = kwargs.get("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message("`range` was called with `step_by=0`"));
    }
    if step > 0 && start > end {
        return Err(tera::Error::message(
            "`range` was called with a `start` greater than its `end`",
        ));
    }
    // i128 arithmetic on i64-sized template numbers cannot overflow.
    let span = if step > 0 { end - start } else { start - end };
    let count = if span <= 0 {
        0
    } else {
        (span + step.abs() - 1) / step.abs()
    };
    let left = LOOP_STEPS_LEFT.get();
    if count > i128::from(left) {
        LOOP_STEPS_LEFT.set(0);
        return Err(tera::Error::message(format!(
            "the loops on this page go over {LOOP_BUDGET} steps of `range`, which looks like a loop that never ends; make the range smaller or loop over the site's data instead"
        )));
    }
    LOOP_STEPS_LEFT.set(left - count as u64);
    Ok((0..count).map(|i| start + i * step).collect())
}

/// Refills the loop budget: `Theme::render` calls it before each page.
pub(super) fn refill() {
    LOOP_STEPS_LEFT.set(LOOP_BUDGET);
}
