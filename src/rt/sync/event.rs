//! `Event()`: asyncio's `Event`. `set()` completes every waiter; each waiting task wakes
//! one iteration later and removes its waiter itself (CPython's `finally`).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use super::{coroutine, done, remove, set_result, waiter};
use crate::builtins::Args;
use crate::rt::awaitable::{Awaitable, Continuation, Next, Started, wait_on};
use crate::rt::event_loop::Rt;
use crate::rt::task::Future;
use crate::vm::{Exc, NativeObject, Site, Value};

/// The state of an event.
#[derive(Default)]
pub struct Event {
    value: Cell<bool>,
    waiters: RefCell<VecDeque<Rc<Future>>>,
}

/// `Event()` as a script sees it.
pub struct EventObj(pub Rc<Event>);

impl Event {
    pub fn is_set(&self) -> bool {
        self.value.get()
    }

    pub fn set(&self, rt: &mut Rt) {
        if !self.value.get() {
            self.value.set(true);
            let waiters: Vec<Rc<Future>> = self.waiters.borrow().iter().cloned().collect();
            for fut in waiters {
                if !done(&fut) {
                    set_result(rt, &fut, Value::Bool(true));
                }
            }
        }
    }

    pub fn clear(&self) {
        self.value.set(false);
    }
}

/// `await e.wait()`.
pub struct EventWait(pub Rc<Event>);

impl Awaitable for EventWait {
    fn start(self: Box<Self>, _rt: &mut Rt, _site: &Site) -> Result<Started, Exc> {
        if self.0.value.get() {
            return Ok(Started::Ready(Value::Bool(true)));
        }
        let fut = waiter();
        self.0.waiters.borrow_mut().push_back(fut.clone());
        Ok(Started::Block(wait_on(
            &fut,
            Woken {
                event: self.0,
                fut: fut.clone(),
            },
        )))
    }
}

struct Woken {
    event: Rc<Event>,
    fut: Rc<Future>,
}

impl Continuation for Woken {
    fn resume(self: Box<Self>, _rt: &mut Rt, outcome: Result<Value, Exc>) -> Next {
        remove(&mut self.event.waiters.borrow_mut(), &self.fut);
        Next::Resume(outcome.map(|_| Value::Bool(true)))
    }
}

impl NativeObject for EventObj {
    fn type_name(&self) -> &'static str {
        "Event"
    }
    fn repr(&self) -> String {
        let state = if self.0.is_set() { "set" } else { "unset" };
        let waiting = self.0.waiters.borrow().len();
        if waiting > 0 {
            format!("<Event [{state}, waiters:{waiting}]>")
        } else {
            format!("<Event [{state}]>")
        }
    }
    fn call(
        &self,
        rt: &mut Rt,
        name: &str,
        args: &Args<'_>,
        site: &Site,
    ) -> Option<Result<Value, Exc>> {
        let result = match name {
            "set" => args.accept(0, 0, &[]).map(|()| {
                self.0.set(rt);
                Value::None
            }),
            "clear" => args.accept(0, 0, &[]).map(|()| {
                self.0.clear();
                Value::None
            }),
            "is_set" => args
                .accept(0, 0, &[])
                .map(|()| Value::Bool(self.0.is_set())),
            "wait" => args
                .accept(0, 0, &[])
                .map(|()| coroutine(rt, EventWait(self.0.clone()), "wait", site)),
            _ => return None,
        };
        Some(result)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
