//! `gather(*aws, return_exceptions=false)`: CPython 3.11's `gather` and `_GatheringFuture`.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use super::ensure_future;
use crate::rt::event_loop::Rt;
use crate::rt::task::{Callback, Fut, FutState, Future, add_callback, cancelled_error, complete};
use crate::vm::{Exc, Site, Value};

/// The shared state of one `gather`: its children and its outer future.
pub struct Gather {
    /// Cleared once every child is done, which breaks the outer <-> state cycle.
    outer: RefCell<Option<Rc<Future>>>,
    children: Vec<Fut>,
    n_futs: usize,
    n_finished: Cell<usize>,
    return_exceptions: bool,
    cancel_requested: Cell<bool>,
}

/// Starts gathering: wraps coroutines in tasks at once (they run even if the result is
/// never awaited) and returns the outer future.
pub fn gather(
    rt: &mut Rt,
    args: &[Value],
    return_exceptions: bool,
    site: &Site,
) -> Result<Value, Exc> {
    let outer = Future::new_reported(rt.host.events.clone());
    if args.is_empty() {
        complete(
            &Fut::Future(outer.clone()),
            FutState::Done(Value::list(Vec::new())),
            &mut rt.sched.ready,
        );
        return Ok(Value::Future(outer));
    }
    let mut children: Vec<Fut> = Vec::with_capacity(args.len());
    // Which children are the first of their awaitable (a byte each, not another vector of
    // futures: gathering 100,000 tasks is common and this is its peak of memory).
    let mut first: Vec<bool> = Vec::with_capacity(args.len());
    // Awaitables already seen, by identity: the same one twice is gathered once and
    // reported twice.
    let mut seen: HashMap<usize, usize, super::ByIdentity> =
        HashMap::with_capacity_and_hasher(args.len(), super::ByIdentity::default());
    for arg in args {
        let id = arg.identity();
        let fut = match seen.get(&id).filter(|_| id != 0) {
            Some(&i) => {
                first.push(false);
                children[i].clone()
            }
            None => {
                let f = ensure_future(rt, arg, site, "gather()")?;
                first.push(true);
                seen.insert(id, children.len());
                f
            }
        };
        children.push(fut);
    }
    drop(seen);
    let n_futs = first.iter().filter(|f| **f).count();
    let state = Rc::new(Gather {
        outer: RefCell::new(Some(outer.clone())),
        n_futs,
        children,
        n_finished: Cell::new(0),
        return_exceptions,
        cancel_requested: Cell::new(false),
    });
    *outer.gather.borrow_mut() = Some(state.clone());
    for (fut, _) in state.children.iter().zip(first).filter(|(_, first)| *first) {
        add_callback(fut, Callback::Gather(state.clone()), &mut rt.sched.ready);
    }
    Ok(Value::Future(outer))
}

/// `_done_callback`: one child is done.
pub fn gather_child_done(rt: &mut Rt, state: &Rc<Gather>, fut: &Fut) {
    state.n_finished.set(state.n_finished.get() + 1);
    let all_done = state.n_finished.get() >= state.n_futs;
    let Some(outer) = state.outer.borrow().clone() else {
        return;
    };
    let outer_fut = Fut::Future(outer.clone());
    if outer_fut.done() {
        if !fut.cancelled() {
            // Marks the child's exception retrieved.
            let _ = fut.exception();
        }
        if all_done {
            release(state);
        }
        return;
    }
    if !state.return_exceptions {
        if fut.cancelled() {
            let msg = cancel_message(fut);
            complete(
                &outer_fut,
                FutState::Failed(cancelled_error(msg)),
                &mut rt.sched.ready,
            );
            if all_done {
                release(state);
            }
            return;
        }
        if let Ok(Some(exc)) = fut.exception() {
            complete(&outer_fut, FutState::Failed(exc), &mut rt.sched.ready);
            if all_done {
                release(state);
            }
            return;
        }
    }
    if all_done {
        let results: Vec<Value> = state
            .children
            .iter()
            .map(|child| {
                if child.cancelled() {
                    Value::Exc(cancelled_error(cancel_message(child)))
                } else {
                    match child.exception() {
                        Ok(Some(exc)) => Value::Exc(exc),
                        _ => child.result().unwrap_or(Value::None),
                    }
                }
            })
            .collect();
        let result = if state.cancel_requested.get() {
            FutState::Failed(cancelled_error(cancel_message(fut)))
        } else {
            FutState::Done(Value::list(results))
        };
        complete(&outer_fut, result, &mut rt.sched.ready);
        release(state);
    }
}

fn release(state: &Gather) {
    *state.outer.borrow_mut() = None;
}

fn cancel_message(fut: &Fut) -> Option<Rc<str>> {
    match &fut.core().borrow().state {
        FutState::Cancelled(msg) => msg.clone(),
        _ => None,
    }
}

/// `_GatheringFuture.cancel`: cancels the children; the outer future follows them.
pub fn gather_cancel(
    rt: &mut Rt,
    outer: &Rc<Future>,
    state: &Rc<Gather>,
    msg: Option<Rc<str>>,
) -> bool {
    if Fut::Future(outer.clone()).done() {
        return false;
    }
    let mut cancelled_any = false;
    for child in state.children.clone() {
        if rt.cancel_fut(&child, msg.clone()) {
            cancelled_any = true;
        }
    }
    if cancelled_any {
        state.cancel_requested.set(true);
    }
    cancelled_any
}
