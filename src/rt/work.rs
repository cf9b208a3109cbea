//! Work done inside builtins (items sorted, bytes copied), counted so that the instruction
//! budget and the host's time slice see it: a script cannot hide a long computation in one
//! call. The dispatch loop's periodic check takes what was counted since the last one.

use std::cell::Cell;

thread_local! {
    static WORK: Cell<u64> = const { Cell::new(0) };
}

/// Counts `units` of work (roughly one per item or per 16 bytes) done by a builtin.
#[inline]
pub fn spend(units: usize) {
    WORK.with(|w| w.set(w.get().saturating_add(units as u64)));
}

/// Work past which the dispatch loop checks its limits at once (`interp::note_work`).
const HEAVY: u64 = 1 << 14;

/// Whether builtins did much work since the last check.
#[inline]
pub fn heavy() -> bool {
    WORK.with(|w| w.get() >= HEAVY)
}

/// The work counted since the last call.
#[inline]
pub fn take() -> u64 {
    WORK.with(|w| w.replace(0))
}
