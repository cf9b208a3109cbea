//! `as_completed(ts, timeout=none)`, iterated with `for await`: yields each task as it
//! completes. It follows CPython 3.11's queue-based `as_completed` (two hops per item) and
//! yields the tasks themselves, as 3.13's async iteration does.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use indexmap::IndexMap;

use super::{Next, distinct, ensure_future};
use crate::rt::event_loop::Rt;
use crate::rt::task::{
    Callback, Fut, FutState, Future, Then, WaitOn, Waiter, add_callback, complete,
};
use crate::rt::timer::TimerAction;
use crate::vm::{Exc, ExcKind, Exception, NativeObject, Site, Value, iter};

pub struct AsCompleted {
    /// The awaitables as given, until iteration starts.
    input: RefCell<Option<(Value, Site)>>,
    timeout: Option<f64>,
    /// Not yet completed, by identity.
    todo: RefCell<IndexMap<usize, Fut, super::ByIdentity>>,
    /// Completed, in order; `None` marks a timeout.
    done: RefCell<VecDeque<Option<Fut>>>,
    /// The consumer's waiter while the queue is empty.
    getter: RefCell<Option<Rc<Future>>>,
    /// How many items the consumer has still to take.
    remaining: Cell<usize>,
}

/// The value `as_completed(...)` returns.
pub struct AsCompletedIter(pub Rc<AsCompleted>);

impl NativeObject for AsCompletedIter {
    fn type_name(&self) -> &'static str {
        "as_completed"
    }
    fn repr(&self) -> String {
        "<as_completed>".to_owned()
    }
    fn anext(&self, rt: &mut Rt) -> Option<Anext> {
        Some(self.0.clone().anext(rt))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

pub use crate::rt::awaitable::Anext;

impl AsCompleted {
    pub fn new(fs: Value, timeout: Option<f64>, site: Site) -> AsCompleted {
        AsCompleted {
            input: RefCell::new(Some((fs, site))),
            timeout,
            todo: RefCell::new(IndexMap::default()),
            done: RefCell::new(VecDeque::new()),
            getter: RefCell::new(None),
            remaining: Cell::new(0),
        }
    }

    /// The next completed task, or why there is none yet.
    pub fn anext(self: &Rc<Self>, rt: &mut Rt) -> Anext {
        let input = self.input.borrow_mut().take();
        if let Some((fs, site)) = input
            && let Err(e) = self.begin(rt, &fs, &site)
        {
            return Anext::Fail(e);
        }
        if self.remaining.get() == 0 {
            return Anext::Exhausted;
        }
        self.remaining.set(self.remaining.get() - 1);
        match self.done.borrow_mut().pop_front() {
            Some(item) => match item {
                Some(f) => Anext::Item(f.to_value()),
                None => Anext::Fail(Exception::new(ExcKind::TimeoutError, "")),
            },
            None => Anext::Block(self.wait(rt)),
        }
    }

    fn begin(self: &Rc<Self>, rt: &mut Rt, fs: &Value, site: &Site) -> Result<(), Exc> {
        let items = iter::collect(fs)?;
        let mut futs = Vec::with_capacity(items.len());
        for item in &items {
            futs.push(ensure_future(rt, item, site, "as_completed()")?);
        }
        let futs = distinct(futs);
        self.remaining.set(futs.len());
        for f in &futs {
            add_callback(f, Callback::AsCompleted(self.clone()), &mut rt.sched.ready);
        }
        let any = !futs.is_empty();
        *self.todo.borrow_mut() = futs
            .into_iter()
            .map(|f| (f.to_value().identity(), f))
            .collect();
        if let (true, Some(t)) = (any, self.timeout) {
            let when = crate::vm::ops::deadline_after(t);
            rt.sched
                .timers
                .push(when, TimerAction::AsCompletedTimeout(Rc::downgrade(self)));
        }
        Ok(())
    }

    fn wait(self: &Rc<Self>, _rt: &mut Rt) -> Waiter {
        let getter = Future::new();
        *self.getter.borrow_mut() = Some(getter.clone());
        Waiter {
            on: WaitOn::Fut(Fut::Future(getter)),
            then: Then::AsCompleted(self.clone()),
        }
    }

    fn wake_getter(&self, rt: &mut Rt) {
        if let Some(getter) = self.getter.borrow_mut().take() {
            complete(
                &Fut::Future(getter),
                FutState::Done(Value::None),
                &mut rt.sched.ready,
            );
        }
    }
}

/// `_on_completion`: a task is done; queue it and wake the consumer.
pub fn as_completed_child_done(rt: &mut Rt, state: &Rc<AsCompleted>, fut: &Fut) {
    {
        let mut todo = state.todo.borrow_mut();
        if todo.is_empty() {
            return;
        }
        todo.swap_remove(&fut.to_value().identity());
    }
    state.done.borrow_mut().push_back(Some(fut.clone()));
    state.wake_getter(rt);
}

/// `_on_timeout`: every task not done yet becomes a `TimeoutError` for the consumer.
pub fn as_completed_timeout(rt: &mut Rt, state: &Rc<AsCompleted>) {
    let todo = std::mem::take(&mut *state.todo.borrow_mut());
    let cb = Callback::AsCompleted(state.clone());
    for f in todo.values() {
        f.remove_callback(&cb);
        state.done.borrow_mut().push_back(None);
    }
    if !todo.is_empty() {
        state.wake_getter(rt);
    }
}

/// The consumer's waiter completed: take the next item (`Queue.get`).
pub fn as_completed_resume(
    rt: &mut Rt,
    state: &Rc<AsCompleted>,
    outcome: Result<Value, Exc>,
) -> Next {
    if let Err(e) = outcome {
        return Next::Resume(Err(e));
    }
    match state.done.borrow_mut().pop_front() {
        Some(Some(f)) => Next::Resume(Ok(f.to_value())),
        Some(None) => Next::Resume(Err(Exception::new(ExcKind::TimeoutError, ""))),
        None => Next::Block(state.wait(rt)),
    }
}
