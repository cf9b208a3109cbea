//! The memory limit of a run: a script that allocates without end gets a `MemoryError`
//! it can catch, never the machine's last byte or an abort.
//!
//! Two parts. [`CountingAllocator`], installed as the process's global allocator (the
//! `runner` binary does; an embedder may), counts the bytes each thread has allocated and
//! not freed. A run charges what its thread's count grew by while the run was being
//! polled, and while it is polled a ceiling is set: every place a script's value can grow
//! by much at once (a string or list built, repeated, joined, formatted, a container that
//! reallocates) asks [`check_grow`] before it allocates, and the loop's periodic check
//! ([`over_limit`]) catches the rest, the many small allocations, within about a thousand
//! steps. Without the allocator installed the count stays zero, and only single
//! allocations larger than the limit are refused.
//!
//! **Invariant:** the allocator never fails an allocation the system allocator grants:
//! refusing one there would abort the process. Limits are enforced where a `MemoryError`
//! can be raised.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::vm::{Exc, ExcKind, exc};

/// The system allocator, counting what each thread allocates. Install it with
/// `#[global_allocator] static ALLOC: runner::CountingAllocator = runner::CountingAllocator;`
/// for [`Engine::with_max_memory`](crate::Engine::with_max_memory) to count every byte a
/// script allocates.
pub struct CountingAllocator;

thread_local! {
    /// Bytes allocated minus bytes freed on this thread.
    static IN_USE: Cell<isize> = const { Cell::new(0) };
    /// The value of `IN_USE` past which the run being polled on this thread is over its
    /// limit; `isize::MAX` when no run is.
    static CEILING: Cell<isize> = const { Cell::new(isize::MAX) };
    /// Room past the ceiling, open from a `MemoryError` until the run is back under its
    /// limit: the handler of the error can still print, format and clean up.
    static SLACK: Cell<isize> = const { Cell::new(0) };
    /// The room a `MemoryError` opens for the run being polled: an eighth of its limit.
    static GRACE: Cell<isize> = const { Cell::new(0) };
}

static INSTALLED: AtomicBool = AtomicBool::new(false);

#[inline]
fn count(delta: isize) {
    // `try_with`: a thread being torn down may still free memory.
    let _ = IN_USE.try_with(|n| n.set(n.get().wrapping_add(delta)));
}

#[inline]
fn note_installed() {
    if !INSTALLED.load(Ordering::Relaxed) {
        INSTALLED.store(true, Ordering::Relaxed);
    }
}

// SAFETY: every method forwards to `System` with the caller's own arguments and only
// adds bookkeeping in a thread-local counter (a `Cell` with a const initializer and no
// destructor, which allocates nothing).
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is passed on unchanged.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            note_installed();
            count(layout.size() as isize);
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            note_installed();
            count(layout.size() as isize);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract for `dealloc` is passed on unchanged.
        unsafe { System.dealloc(ptr, layout) };
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract for `realloc` is passed on unchanged.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        new
    }
}

impl CountingAllocator {
    /// Whether it is the process's allocator (it has allocated): without it a memory
    /// limit refuses only single allocations larger than the limit.
    pub fn is_installed() -> bool {
        INSTALLED.load(Ordering::Relaxed)
    }
}

/// A string with room for `bytes`, or `MemoryError` if the system refuses it.
pub fn try_string(bytes: usize) -> Result<String, Exc> {
    let mut s = String::new();
    s.try_reserve_exact(bytes)
        .map_err(|_| allocation_failed(bytes))?;
    Ok(s)
}

/// A vector with room for `n` items, or `MemoryError` if the system refuses it.
pub fn try_vec<T>(n: usize) -> Result<Vec<T>, Exc> {
    let mut v = Vec::new();
    v.try_reserve_exact(n)
        .map_err(|_| allocation_failed(n.saturating_mul(std::mem::size_of::<T>())))?;
    Ok(v)
}

/// What one run has used and may use.
#[derive(Debug, Default)]
pub struct Account {
    /// The most the run may use, in bytes; `None` for no limit.
    pub limit: Option<usize>,
    /// What the run's thread allocated and did not free while the run was polled.
    pub charged: isize,
    /// The room past the limit its last `MemoryError` opened (see `SLACK`).
    pub slack: isize,
}

/// A run being polled: its thread's count when the poll began, and the ceiling that was
/// set before (a run polled from inside another's host function puts it back).
#[must_use = "pass it to Account::end when the poll ends"]
pub struct Charging {
    start: isize,
    outer: (isize, isize, isize),
}

impl Account {
    /// A poll of the run begins: its ceiling is set for this thread.
    pub fn begin(&self) -> Charging {
        let start = IN_USE.with(Cell::get);
        let ceiling = match self.limit {
            Some(limit) => start.saturating_add((limit as isize).saturating_sub(self.charged)),
            None => isize::MAX,
        };
        let grace = self.limit.map_or(0, |l| (l / 8) as isize);
        let outer = (
            CEILING.with(|c| c.replace(ceiling)),
            SLACK.with(|c| c.replace(self.slack)),
            GRACE.with(|c| c.replace(grace)),
        );
        Charging { start, outer }
    }

    /// The poll ends: what the thread allocated meanwhile is charged to the run.
    pub fn end(&mut self, charging: Charging) {
        let now = IN_USE.with(Cell::get);
        self.charged = self.charged.saturating_add(now - charging.start);
        let (ceiling, slack, grace) = charging.outer;
        CEILING.with(|c| c.set(ceiling));
        self.slack = SLACK.with(|c| c.replace(slack));
        GRACE.with(|c| c.set(grace));
    }
}

/// Whether the run being polled is over its limit (and the room a `MemoryError` opened).
/// Back under the limit, that room closes again.
#[inline]
pub fn over_limit() -> bool {
    let in_use = IN_USE.with(Cell::get);
    let ceiling = CEILING.with(Cell::get);
    let slack = SLACK.with(Cell::get);
    if slack > 0 && in_use <= ceiling {
        SLACK.with(|s| s.set(0));
    }
    in_use > ceiling.saturating_add(slack)
}

/// Checks that the run being polled may allocate `bytes` more; `MemoryError` if not.
#[inline]
pub fn check_grow(bytes: usize) -> Result<(), Exc> {
    let ceiling = CEILING.with(Cell::get);
    if ceiling == isize::MAX {
        return Ok(());
    }
    let in_use = IN_USE.with(Cell::get);
    let wanted = in_use.saturating_add(bytes.min(isize::MAX as usize) as isize);
    if wanted > ceiling.saturating_add(SLACK.with(Cell::get)) {
        return Err(out_of_memory());
    }
    Ok(())
}

/// The `MemoryError` of a run over its limit. Raising it opens a little room past the
/// limit (an eighth of it) until the run is back under: the script's handler can print
/// and clean up, while allocating on without end still fails.
#[cold]
pub fn out_of_memory() -> Exc {
    let grace = GRACE.with(Cell::get);
    SLACK.with(|s| s.set(s.get().max(grace)));
    exc(
        ExcKind::MemoryError,
        "out of memory: the run's memory limit is reached (--max-memory)",
    )
}

/// The `MemoryError` of an allocation the system refused.
#[cold]
pub fn allocation_failed(bytes: usize) -> Exc {
    exc(
        ExcKind::MemoryError,
        format!("out of memory: {bytes} bytes could not be allocated"),
    )
}

/// The limit a run gets unless told otherwise: three quarters of the memory this process
/// can have (the machine's, or its control group's if that is less), and no more than
/// half of its address-space limit (`ulimit -v`) if it has one, since the address space
/// also holds the program, its stacks and the allocator's reserves.
pub fn default_limit() -> usize {
    static DEFAULT: OnceLock<usize> = OnceLock::new();
    *DEFAULT.get_or_init(|| {
        let mut limit = physical_memory().map_or(usize::MAX, |m| m / 4 * 3);
        if let Some(cgroup) = cgroup_limit() {
            limit = limit.min(cgroup / 4 * 3);
        }
        if let Some(address_space) = address_space_limit() {
            limit = limit.min(address_space / 2);
        }
        limit.max(16 << 20)
    })
}

fn physical_memory() -> Option<usize> {
    // SAFETY: `sysconf` only reads system configuration.
    let (pages, size) = unsafe {
        (
            libc::sysconf(libc::_SC_PHYS_PAGES),
            libc::sysconf(libc::_SC_PAGESIZE),
        )
    };
    (pages > 0 && size > 0).then(|| (pages as usize).saturating_mul(size as usize))
}

fn address_space_limit() -> Option<usize> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `getrlimit` writes into the struct it is given.
    let ok = unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut limit) } == 0;
    (ok && limit.rlim_cur != libc::RLIM_INFINITY).then_some(limit.rlim_cur as usize)
}

fn cgroup_limit() -> Option<usize> {
    [
        "/sys/fs/cgroup/memory.max",
        "/sys/fs/cgroup/memory/memory.limit_in_bytes",
    ]
    .iter()
    .filter_map(|path| std::fs::read_to_string(path).ok())
    .filter_map(|text| text.trim().parse::<usize>().ok())
    .find(|&n| n < 1 << 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_is_refused_what_would_pass_its_limit() {
        let mut account = Account {
            limit: Some(1 << 20),
            charged: 0,
            slack: 0,
        };
        let charging = account.begin();
        assert!(check_grow(1000).is_ok());
        assert!(check_grow(2 << 20).is_err());
        assert!(!over_limit());
        account.end(charging);
        assert!(check_grow(usize::MAX).is_ok(), "no limit outside a run");
        let mut spent = Account {
            limit: Some(1 << 20),
            charged: 1 << 20,
            slack: 0,
        };
        let charging = spent.begin();
        assert!(check_grow(1).is_err());
        spent.end(charging);
    }

    #[test]
    fn the_default_is_sane() {
        let limit = default_limit();
        assert!(limit >= 16 << 20);
        if let Some(ram) = physical_memory() {
            assert!(limit <= ram);
        }
    }
}
