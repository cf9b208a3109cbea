//! Dropping deep structures without deep recursion.
//!
//! A list nested a million deep, a chain of coroutines each holding the one before as an
//! argument, a gather of a gather of ...: Rust's drop glue frees each level from inside the
//! level above, one stack frame per level, and overflows the stack. Every container whose
//! contents can hold more containers hands its contents to [`release`] in its `Drop`
//! instead. Up to [`MAX_DEPTH`] nested releases drop at once; deeper ones are parked on a
//! thread-local list that the outermost release drains in a loop, so the stack stays
//! bounded however deep the structure is, and shallow values (nearly all of them) pay two
//! thread-local reads.

use std::any::Any;
use std::cell::{Cell, RefCell};

/// How many releases may nest on the stack before the rest are parked.
const MAX_DEPTH: usize = 64;

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
    static PARKED: RefCell<Vec<Box<dyn Any>>> = const { RefCell::new(Vec::new()) };
}

/// Drops `contents` now, or later on the outermost release's loop if releases already nest
/// [`MAX_DEPTH`] deep.
pub fn release<T: 'static>(contents: T) {
    let Ok(depth) = DEPTH.try_with(Cell::get) else {
        // The thread is being torn down: nothing is left to park things on.
        return drop(contents);
    };
    if depth >= MAX_DEPTH {
        let mut contents = Some(contents);
        let parked = PARKED.try_with(|p| {
            if let (Ok(mut p), Some(c)) = (p.try_borrow_mut(), contents.take()) {
                p.push(Box::new(c));
            }
        });
        // Parking fails only while the thread exits; dropping here is then the best left.
        let _ = parked;
        drop(contents);
        return;
    }
    DEPTH.set(depth + 1);
    drop(contents);
    if depth == 0 {
        while let Some(next) = PARKED
            .try_with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.pop()))
            .ok()
            .flatten()
        {
            drop(next);
        }
    }
    DEPTH.set(depth);
}
