//! `shield(aw)`: CPython 3.11's `asyncio.shield`. The caller awaits an outer future that
//! follows the inner task; cancelling the caller cancels only the outer one.

use std::rc::Rc;

use super::ensure_future;
use crate::rt::event_loop::Rt;
use crate::rt::task::{Callback, Fut, FutState, Future, Hook, add_callback, complete};
use crate::vm::{Exc, Site, Value};

/// `shield(aw)`: the inner task itself when it is done, else the outer future.
pub fn shield(rt: &mut Rt, aw: &Value, site: &Site) -> Result<Value, Exc> {
    let inner = ensure_future(rt, aw, site, "shield()")?;
    if inner.done() {
        return Ok(inner.to_value());
    }
    let outer = Future::new_reported(rt.host.events.clone());
    let inner_done: Rc<dyn Hook> = Rc::new(InnerDone {
        outer: outer.clone(),
        inner: inner.clone(),
    });
    add_callback(
        &inner,
        Callback::hook(inner_done.clone()),
        &mut rt.sched.ready,
    );
    add_callback(
        &Fut::Future(outer.clone()),
        Callback::hook(Rc::new(OuterDone { inner, inner_done })),
        &mut rt.sched.ready,
    );
    Ok(Value::Future(outer))
}

/// `_inner_done_callback`: the outer future takes the inner one's result.
struct InnerDone {
    outer: Rc<Future>,
    inner: Fut,
}

impl Hook for InnerDone {
    fn run(&self, rt: &mut Rt, _: Option<&Fut>) {
        let outer = Fut::Future(self.outer.clone());
        if outer.cancelled() {
            if !self.inner.cancelled() {
                // Looked at, so a failure of the shielded work is not reported as lost.
                let _ = self.inner.exception();
            }
            return;
        }
        let state = if self.inner.cancelled() {
            FutState::Cancelled(None)
        } else {
            match self.inner.exception() {
                Ok(Some(exc)) => FutState::Failed(exc),
                _ => match self.inner.result() {
                    Ok(value) => FutState::Done(value),
                    Err(exc) => FutState::Failed(exc),
                },
            }
        };
        complete(&outer, state, &mut rt.sched.ready);
    }
}

/// `_outer_done_callback`: the outer future was cancelled: stop following the inner one.
struct OuterDone {
    inner: Fut,
    inner_done: Rc<dyn Hook>,
}

impl Hook for OuterDone {
    fn run(&self, _rt: &mut Rt, _: Option<&Fut>) {
        if !self.inner.done() {
            self.inner
                .remove_callback(&Callback::hook(self.inner_done.clone()));
        }
    }
}
