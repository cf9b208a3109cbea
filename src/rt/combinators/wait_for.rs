//! `wait_for(aw, timeout)`: CPython 3.11's `wait_for` and `_cancel_and_wait`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::{Next, ensure_future};
use crate::rt::event_loop::Rt;
use crate::rt::task::{Callback, Fut, Future, Then, WaitOn, Waiter, add_callback};
use crate::rt::timer::TimerAction;
use crate::vm::{Exc, ExcKind, Exception, Site, Value};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for the work or the timeout, whichever is first.
    Main,
    /// The caller was cancelled: cancel the work, wait for it, then raise that.
    CancelThenRaise,
    /// The timeout came first: cancel the work, wait for it, then raise `TimeoutError`
    /// (unless the work finished after all).
    CancelThenTimeout,
}

pub struct WaitFor {
    fut: Fut,
    /// The `_release_waiter` callback attached to `fut` now.
    release: RefCell<Callback>,
    phase: Cell<Phase>,
    /// The cancellation that interrupted the wait, raised once the work is cancelled.
    pending_cancel: RefCell<Option<Exc>>,
}

/// What starting `wait_for` leads to.
pub enum Started {
    /// No timeout: await the awaitable itself, as if `wait_for` were not there.
    AwaitItself(Value),
    Ready(Result<Value, Exc>),
    Block(Waiter),
}

/// `wait_for(aw, timeout)` as a coroutine, waiting to be awaited.
pub struct WaitForCall {
    pub aw: Value,
    pub timeout: Option<f64>,
}

impl crate::rt::awaitable::Awaitable for WaitForCall {
    fn start(
        self: Box<Self>,
        rt: &mut Rt,
        site: &Site,
    ) -> Result<crate::rt::awaitable::Started, Exc> {
        use crate::rt::awaitable::Started as S;
        Ok(match start_wait_for(rt, &self.aw, self.timeout, site)? {
            Started::AwaitItself(v) => S::AwaitInstead(v),
            Started::Ready(r) => S::Ready(r?),
            Started::Block(waiter) => S::Block(waiter),
        })
    }
}

pub fn start_wait_for(
    rt: &mut Rt,
    aw: &Value,
    timeout: Option<f64>,
    site: &Site,
) -> Result<Started, Exc> {
    let Some(timeout) = timeout else {
        return Ok(Started::AwaitItself(aw.clone()));
    };
    let fut = ensure_future(rt, aw, site, "wait_for()")?;
    if timeout <= 0.0 {
        if fut.done() {
            return Ok(Started::Ready(fut.result()));
        }
        let state = Rc::new(WaitFor {
            fut: fut.clone(),
            release: RefCell::new(Callback::ReleaseWaiter(Future::new())),
            phase: Cell::new(Phase::CancelThenTimeout),
            pending_cancel: RefCell::new(None),
        });
        let waiter = cancel_and_wait(rt, &state);
        return Ok(Started::Block(waiter));
    }
    let waiter = Future::new();
    let when = crate::vm::ops::deadline_after(timeout);
    rt.sched
        .timers
        .push(when, TimerAction::ReleaseWaiter(Rc::downgrade(&waiter)));
    let release = Callback::ReleaseWaiter(waiter.clone());
    add_callback(&fut, release.clone(), &mut rt.sched.ready);
    let state = Rc::new(WaitFor {
        fut,
        release: RefCell::new(release),
        phase: Cell::new(Phase::Main),
        pending_cancel: RefCell::new(None),
    });
    Ok(Started::Block(Waiter {
        on: WaitOn::Fut(Fut::Future(waiter)),
        then: Then::WaitFor(state),
    }))
}

/// `_cancel_and_wait(fut)`: cancel the work and wait on a fresh waiter for it to finish.
fn cancel_and_wait(rt: &mut Rt, state: &Rc<WaitFor>) -> Waiter {
    let waiter = Future::new();
    let release = Callback::ReleaseWaiter(waiter.clone());
    add_callback(&state.fut, release.clone(), &mut rt.sched.ready);
    *state.release.borrow_mut() = release;
    rt.cancel_fut(&state.fut, None);
    Waiter {
        on: WaitOn::Fut(Fut::Future(waiter)),
        then: Then::WaitFor(state.clone()),
    }
}

pub fn wait_for_resume(rt: &mut Rt, state: &Rc<WaitFor>, outcome: Result<Value, Exc>) -> Next {
    let release = state.release.borrow().clone();
    match state.phase.get() {
        Phase::Main => match outcome {
            Err(cancel) => {
                if state.fut.done() {
                    return Next::Resume(state.fut.result());
                }
                state.fut.remove_callback(&release);
                *state.pending_cancel.borrow_mut() = Some(cancel);
                state.phase.set(Phase::CancelThenRaise);
                Next::Block(cancel_and_wait(rt, state))
            }
            Ok(_) => {
                if state.fut.done() {
                    return Next::Resume(state.fut.result());
                }
                state.fut.remove_callback(&release);
                state.phase.set(Phase::CancelThenTimeout);
                Next::Block(cancel_and_wait(rt, state))
            }
        },
        Phase::CancelThenRaise => {
            state.fut.remove_callback(&release);
            let cancel = match outcome {
                Err(e) => e,
                Ok(_) => state
                    .pending_cancel
                    .borrow_mut()
                    .take()
                    .unwrap_or_else(|| crate::rt::task::cancelled_error(None)),
            };
            Next::Resume(Err(cancel))
        }
        Phase::CancelThenTimeout => {
            state.fut.remove_callback(&release);
            if let Err(e) = outcome {
                return Next::Resume(Err(e));
            }
            match state.fut.result() {
                Err(e) if e.kind == ExcKind::CancelledError => {
                    Next::Resume(Err(Exception::new(ExcKind::TimeoutError, "")))
                }
                other => Next::Resume(other),
            }
        }
    }
}
