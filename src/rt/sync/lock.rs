//! `Lock()`: asyncio's `Lock`, FIFO and without barging: a released lock goes to the first
//! waiter, which takes it when it runs; a newcomer meanwhile waits behind it.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use super::{cancelled, coroutine, done, is_cancelled, remove, runtime_error, set_result, waiter};
use crate::builtins::Args;
use crate::rt::awaitable::{Awaitable, Continuation, Next, Started, wait_on};
use crate::rt::event_loop::Rt;
use crate::rt::task::Future;
use crate::vm::{Exc, NativeObject, Site, Value};

/// The state of a lock.
#[derive(Default)]
pub struct Lock {
    pub(super) locked: Cell<bool>,
    pub(super) waiters: RefCell<VecDeque<Rc<Future>>>,
}

/// `Lock()` as a script sees it.
pub struct LockObj(pub Rc<Lock>);

impl Lock {
    pub fn locked(&self) -> bool {
        self.locked.get()
    }

    /// `release()`: wakes the first waiter, which takes the lock when it runs.
    pub fn release(&self, rt: &mut Rt) -> Result<(), Exc> {
        if !self.locked.get() {
            return Err(runtime_error("Lock is not acquired."));
        }
        self.locked.set(false);
        self.wake_up_first(rt);
        Ok(())
    }

    pub(super) fn wake_up_first(&self, rt: &mut Rt) {
        let first = self.waiters.borrow().front().cloned();
        if let Some(fut) = first
            && !done(&fut)
        {
            set_result(rt, &fut, Value::Bool(true));
        }
    }

    /// Takes the lock if it is free and nobody (not cancelled) waits for it.
    pub(super) fn try_take(&self) -> bool {
        if !self.locked.get() && self.waiters.borrow().iter().all(cancelled) {
            self.locked.set(true);
            return true;
        }
        false
    }
}

/// `await lock.acquire()` (or the entry of `async with lock`, which gives `none`).
pub struct Acquire {
    pub lock: Rc<Lock>,
    pub gives: Value,
}

impl Awaitable for Acquire {
    fn start(self: Box<Self>, _rt: &mut Rt, _site: &Site) -> Result<Started, Exc> {
        if self.lock.try_take() {
            return Ok(Started::Ready(self.gives));
        }
        let fut = waiter();
        self.lock.waiters.borrow_mut().push_back(fut.clone());
        Ok(Started::Block(wait_on(
            &fut,
            Woken {
                lock: self.lock,
                fut: fut.clone(),
                gives: self.gives,
            },
        )))
    }
}

struct Woken {
    lock: Rc<Lock>,
    fut: Rc<Future>,
    gives: Value,
}

impl Continuation for Woken {
    fn resume(self: Box<Self>, rt: &mut Rt, outcome: Result<Value, Exc>) -> Next {
        remove(&mut self.lock.waiters.borrow_mut(), &self.fut);
        if is_cancelled(&outcome) {
            // Passed over while cancelled: the next waiter gets its turn.
            if !self.lock.locked.get() {
                self.lock.wake_up_first(rt);
            }
            return Next::Resume(outcome);
        }
        if outcome.is_err() {
            return Next::Resume(outcome);
        }
        self.lock.locked.set(true);
        Next::Resume(Ok(self.gives))
    }
}

impl NativeObject for LockObj {
    fn type_name(&self) -> &'static str {
        "Lock"
    }
    fn repr(&self) -> String {
        let state = if self.0.locked() {
            "locked"
        } else {
            "unlocked"
        };
        let waiting = self.0.waiters.borrow().len();
        if waiting > 0 {
            format!("<Lock [{state}, waiters:{waiting}]>")
        } else {
            format!("<Lock [{state}]>")
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
            "acquire" => args.accept(0, 0, &[]).map(|()| {
                let acquire = Acquire {
                    lock: self.0.clone(),
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
            lock: self.0.clone(),
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
