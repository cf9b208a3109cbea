//! `Semaphore(value)` and `BoundedSemaphore(value)`: asyncio's, as in CPython 3.11.7, where
//! `release()` hands the slot straight to the first waiter.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use super::{cancelled, coroutine, done, is_cancelled, remove, set_result, waiter};
use crate::builtins::Args;
use crate::rt::awaitable::{Awaitable, Continuation, Next, Started, wait_on};
use crate::rt::event_loop::Rt;
use crate::rt::task::Future;
use crate::vm::{Exc, NativeObject, Site, Value, value_error};

/// The state of a semaphore.
pub struct Semaphore {
    value: Cell<i64>,
    waiters: RefCell<VecDeque<Rc<Future>>>,
    /// A `BoundedSemaphore`'s initial value, which a release may not pass.
    bound: Option<i64>,
}

/// `Semaphore()` or `BoundedSemaphore()` as a script sees it.
pub struct SemaphoreObj(pub Rc<Semaphore>);

impl Semaphore {
    /// A semaphore starting at `value` (`ValueError` below zero), bounded or not.
    pub fn new(value: i64, bounded: bool) -> Result<Semaphore, Exc> {
        if value < 0 {
            return Err(value_error("Semaphore initial value must be >= 0"));
        }
        Ok(Semaphore {
            value: Cell::new(value),
            waiters: RefCell::new(VecDeque::new()),
            bound: bounded.then_some(value),
        })
    }

    /// `locked()`: no slot free, or someone (not cancelled) waits for one.
    pub fn locked(&self) -> bool {
        self.value.get() == 0 || self.waiters.borrow().iter().any(|w| !cancelled(w))
    }

    pub fn release(&self, rt: &mut Rt) -> Result<(), Exc> {
        if let Some(bound) = self.bound
            && self.value.get() >= bound
        {
            return Err(value_error("BoundedSemaphore released too many times"));
        }
        self.value.set(self.value.get() + 1);
        self.wake_up_next(rt);
        Ok(())
    }

    fn wake_up_next(&self, rt: &mut Rt) {
        let next = self.waiters.borrow().iter().find(|f| !done(f)).cloned();
        if let Some(fut) = next {
            self.value.set(self.value.get() - 1);
            set_result(rt, &fut, Value::Bool(true));
        }
    }
}

/// `await s.acquire()` (or the entry of `async with s`, which gives `none`).
pub struct Acquire {
    pub sem: Rc<Semaphore>,
    pub gives: Value,
}

impl Awaitable for Acquire {
    fn start(self: Box<Self>, _rt: &mut Rt, _site: &Site) -> Result<Started, Exc> {
        if !self.sem.locked() {
            self.sem.value.set(self.sem.value.get() - 1);
            return Ok(Started::Ready(self.gives));
        }
        let fut = waiter();
        self.sem.waiters.borrow_mut().push_back(fut.clone());
        Ok(Started::Block(wait_on(
            &fut,
            Woken {
                sem: self.sem,
                fut: fut.clone(),
                gives: self.gives,
            },
        )))
    }
}

struct Woken {
    sem: Rc<Semaphore>,
    fut: Rc<Future>,
    gives: Value,
}

impl Continuation for Woken {
    fn resume(self: Box<Self>, rt: &mut Rt, outcome: Result<Value, Exc>) -> Next {
        remove(&mut self.sem.waiters.borrow_mut(), &self.fut);
        if is_cancelled(&outcome) {
            // Woken, then cancelled before it ran: the slot it was given goes on.
            if !cancelled(&self.fut) {
                self.sem.value.set(self.sem.value.get() + 1);
                self.sem.wake_up_next(rt);
            }
            return Next::Resume(outcome);
        }
        if outcome.is_err() {
            return Next::Resume(outcome);
        }
        if self.sem.value.get() > 0 {
            self.sem.wake_up_next(rt);
        }
        Next::Resume(Ok(self.gives))
    }
}

impl NativeObject for SemaphoreObj {
    fn type_name(&self) -> &'static str {
        if self.0.bound.is_some() {
            "BoundedSemaphore"
        } else {
            "Semaphore"
        }
    }
    fn repr(&self) -> String {
        let state = if self.0.locked() {
            "locked".to_owned()
        } else {
            format!("unlocked, value:{}", self.0.value.get())
        };
        format!("<{} [{state}]>", self.type_name())
    }
    fn call(
        &self,
        rt: &mut Rt,
        name: &str,
        args: &Args<'_>,
        site: &Site,
    ) -> Option<Result<Value, Exc>> {
        let result = match name {
            "acquire" => args.accept(0, 0, &[]).map(|()| {
                let acquire = Acquire {
                    sem: self.0.clone(),
                    gives: Value::Bool(true),
                };
                coroutine(rt, acquire, "acquire", site)
            }),
            "release" => args
                .accept(0, 0, &[])
                .and_then(|()| self.0.release(rt).map(|()| Value::None)),
            "locked" => args
                .accept(0, 0, &[])
                .map(|()| Value::Bool(self.0.locked())),
            _ => return None,
        };
        Some(result)
    }
    fn enter(&self, rt: &mut Rt, site: &Site) -> Option<Result<Value, Exc>> {
        let acquire = Acquire {
            sem: self.0.clone(),
            gives: Value::None,
        };
        Some(Ok(coroutine(rt, acquire, "__aenter__", site)))
    }
    fn exit(&self, rt: &mut Rt, _exc: Option<Exc>, _site: &Site) -> Option<Result<Value, Exc>> {
        Some(self.0.release(rt).map(|()| Value::None))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
