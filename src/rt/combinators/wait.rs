//! `wait(ts, timeout=none, return_when="ALL_COMPLETED")`: CPython 3.11's `_wait`.

use std::cell::Cell;
use std::rc::Rc;

use super::{Next, distinct, ensure_future, list_of};
use crate::rt::event_loop::Rt;
use crate::rt::task::{
    Callback, Fut, FutState, Future, Then, WaitOn, Waiter, add_callback, complete,
};
use crate::rt::timer::TimerAction;
use crate::vm::{Exc, Site, Value, iter, value_error};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ReturnWhen {
    AllCompleted,
    FirstCompleted,
    FirstException,
}

impl ReturnWhen {
    pub fn parse(text: &str) -> Option<ReturnWhen> {
        match text {
            "ALL_COMPLETED" => Some(ReturnWhen::AllCompleted),
            "FIRST_COMPLETED" => Some(ReturnWhen::FirstCompleted),
            "FIRST_EXCEPTION" => Some(ReturnWhen::FirstException),
            _ => None,
        }
    }
}

pub struct WaitAll {
    fs: Vec<Fut>,
    waiter: Rc<Future>,
    counter: Cell<usize>,
    return_when: ReturnWhen,
}

/// Starts waiting: attaches `_on_completion` to each awaitable, arms the timeout.
/// `wait(fs, timeout=, return_when=)` as a coroutine, waiting to be awaited.
pub struct Wait {
    pub fs: Value,
    pub timeout: Option<f64>,
    pub return_when: ReturnWhen,
}

impl crate::rt::awaitable::Awaitable for Wait {
    fn start(
        self: Box<Self>,
        rt: &mut Rt,
        site: &Site,
    ) -> Result<crate::rt::awaitable::Started, Exc> {
        let waiter = start_wait(rt, &self.fs, self.timeout, self.return_when, site)?;
        Ok(crate::rt::awaitable::Started::Block(waiter))
    }
}

pub fn start_wait(
    rt: &mut Rt,
    fs: &Value,
    timeout: Option<f64>,
    return_when: ReturnWhen,
    site: &Site,
) -> Result<Waiter, Exc> {
    use crate::vm::exception::WithHelp;
    if matches!(fs, Value::Coro(_) | Value::Task(_) | Value::Future(_)) {
        return Err(crate::vm::type_error(format!(
            "expect a list of futures, not {}",
            fs.type_name()
        ))
        .with_help("write wait([t])"));
    }
    let items = iter::collect(fs)?;
    if items.is_empty() {
        return Err(value_error("Set of Tasks/Futures is empty.")
            .with_help("wait() needs at least one task"));
    }
    let is_coroutine = |v: &Value| {
        matches!(v, Value::Coro(_))
            || matches!(v, Value::Native(obj) if obj.type_name() == "coroutine")
    };
    if items.iter().any(is_coroutine) {
        return Err(crate::vm::type_error(
            "Passing coroutines is forbidden, use tasks explicitly.",
        )
        .with_help("spawn each coroutine first: `wait([spawn work()])`"));
    }
    let mut futs = Vec::with_capacity(items.len());
    for item in &items {
        futs.push(ensure_future(rt, item, site, "wait()")?);
    }
    let fs = distinct(futs);
    let waiter = Future::new();
    if let Some(t) = timeout {
        let when = crate::vm::ops::deadline_after(t);
        rt.sched
            .timers
            .push(when, TimerAction::ReleaseWaiter(Rc::downgrade(&waiter)));
    }
    let state = Rc::new(WaitAll {
        counter: Cell::new(fs.len()),
        fs,
        waiter: waiter.clone(),
        return_when,
    });
    for f in &state.fs {
        add_callback(f, Callback::WaitAll(state.clone()), &mut rt.sched.ready);
    }
    Ok(Waiter {
        on: WaitOn::Fut(Fut::Future(waiter)),
        then: Then::WaitAll(state),
    })
}

/// `_on_completion`.
pub fn wait_child_done(rt: &mut Rt, state: &Rc<WaitAll>, fut: &Fut) {
    let left = state.counter.get().saturating_sub(1);
    state.counter.set(left);
    let release = left == 0
        || state.return_when == ReturnWhen::FirstCompleted
        || (state.return_when == ReturnWhen::FirstException
            && !fut.cancelled()
            && matches!(fut.exception(), Ok(Some(_))));
    if release {
        complete(
            &Fut::Future(state.waiter.clone()),
            FutState::Done(Value::None),
            &mut rt.sched.ready,
        );
    }
}

/// After the waiter: detach the callbacks and split the awaitables into done and pending.
pub fn wait_finish(_rt: &mut Rt, state: &Rc<WaitAll>, outcome: Result<Value, Exc>) -> Next {
    let cb = Callback::WaitAll(state.clone());
    for f in &state.fs {
        f.remove_callback(&cb);
    }
    if let Err(e) = outcome {
        return Next::Resume(Err(e));
    }
    let (done, pending): (Vec<Fut>, Vec<Fut>) = state.fs.iter().cloned().partition(Fut::done);
    Next::Resume(Ok(Value::list(vec![list_of(&done), list_of(&pending)])))
}
