//! asyncio's synchronisation primitives, each a port of CPython 3.11's: `Queue` (and
//! `PriorityQueue`, `LifoQueue`), `Event`, `Lock`, `Semaphore` (and `BoundedSemaphore`),
//! `Condition`. Each is a native object whose waiting methods return native coroutines
//! (`rt::awaitable`); a waiter is a private future in the primitive's deque, completed by
//! whoever wakes it, and the waiting task goes on through a continuation that runs the
//! code CPython runs after its `await fut` (cleanup, retries), so the hops and the order
//! of wake-ups are asyncio's.

pub mod condition;
pub mod event;
pub mod lock;
pub mod queue;
pub mod semaphore;

use std::collections::VecDeque;
use std::rc::Rc;

use super::event_loop::Rt;
use super::task::{Fut, FutState, Future, complete};
use crate::vm::{Exc, ExcKind, Site, Value, exc, type_error};

/// A waiter: a private future someone completes to wake the task waiting on it.
pub(crate) fn waiter() -> Rc<Future> {
    Future::new()
}

/// `fut.set_result(value)`, queueing whoever waits on it; false if it was done.
pub(crate) fn set_result(rt: &mut Rt, fut: &Rc<Future>, value: Value) -> bool {
    complete(
        &Fut::Future(fut.clone()),
        FutState::Done(value),
        &mut rt.sched.ready,
    )
}

/// `fut.cancel()`.
pub(crate) fn cancel(rt: &mut Rt, fut: &Rc<Future>) -> bool {
    complete(
        &Fut::Future(fut.clone()),
        FutState::Cancelled(None),
        &mut rt.sched.ready,
    )
}

pub(crate) fn done(fut: &Rc<Future>) -> bool {
    Fut::Future(fut.clone()).done()
}

pub(crate) fn cancelled(fut: &Rc<Future>) -> bool {
    Fut::Future(fut.clone()).cancelled()
}

/// `deque.remove(fut)`: the first entry that is `fut`, if there is one.
pub(crate) fn remove(waiters: &mut VecDeque<Rc<Future>>, fut: &Rc<Future>) -> bool {
    match waiters.iter().position(|w| Rc::ptr_eq(w, fut)) {
        Some(i) => {
            waiters.remove(i);
            true
        }
        None => false,
    }
}

/// Whether an outcome is a cancellation (asyncio's `except CancelledError`).
pub(crate) fn is_cancelled(outcome: &Result<Value, Exc>) -> bool {
    matches!(outcome, Err(e) if e.kind == ExcKind::CancelledError)
}

/// A coroutine of a primitive's method, which must be awaited.
pub(crate) fn coroutine(
    rt: &Rt,
    awaitable: impl super::awaitable::Awaitable + 'static,
    name: &'static str,
    site: &Site,
) -> Value {
    crate::builtins::tasks::native(
        rt,
        super::native_coro::NativeKind::op(awaitable),
        name,
        site,
    )
}

/// The int a constructor takes (`Queue(maxsize)`, `Semaphore(value)`).
pub(crate) fn int_arg(value: Option<&Value>, default: i64, what: &str) -> Result<i64, Exc> {
    match value {
        None => Ok(default),
        Some(v) => v.as_int().ok_or_else(|| {
            type_error(format!(
                "{what} must be an integer, not '{}'",
                v.type_name()
            ))
        }),
    }
}

/// `RuntimeError` with `message`.
pub(crate) fn runtime_error(message: &str) -> Exc {
    exc(ExcKind::RuntimeError, message)
}
