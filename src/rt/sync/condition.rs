//! `Condition(lock = none)`: asyncio's `Condition`. `wait()` releases the lock, waits to
//! be notified, then takes the lock back, however often it is cancelled meanwhile (and
//! raises `CancelledError` after, if it was).

use std::any::Any;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use super::lock::{Acquire, Lock};
use super::{coroutine, done, is_cancelled, remove, runtime_error, set_result, waiter};
use crate::builtins::Args;
use crate::rt::awaitable::{Awaitable, Continuation, Next, Started, wait_on};
use crate::rt::event_loop::Rt;
use crate::rt::task::{Future, cancelled_error};
use crate::vm::{Exc, NativeObject, Site, Value};

/// The state of a condition: its lock (perhaps shared with a `Lock` object) and waiters.
pub struct Condition {
    pub lock: Rc<Lock>,
    waiters: RefCell<VecDeque<Rc<Future>>>,
}

/// `Condition()` as a script sees it.
pub struct ConditionObj(pub Rc<Condition>);

impl Condition {
    pub fn new(lock: Rc<Lock>) -> Condition {
        Condition {
            lock,
            waiters: RefCell::new(VecDeque::new()),
        }
    }

    /// `notify(n)`: wakes the first `n` waiters not woken yet.
    pub fn notify(&self, rt: &mut Rt, n: i64) -> Result<(), Exc> {
        if !self.lock.locked() {
            return Err(runtime_error("cannot notify on un-acquired lock"));
        }
        let waiters: Vec<Rc<Future>> = self.waiters.borrow().iter().cloned().collect();
        let mut woken = 0;
        for fut in waiters {
            if woken >= n {
                break;
            }
            if !done(&fut) {
                woken += 1;
                set_result(rt, &fut, Value::Bool(false));
            }
        }
        Ok(())
    }
}

/// `await c.wait()`.
pub struct Wait(pub Rc<Condition>);

impl Awaitable for Wait {
    fn start(self: Box<Self>, rt: &mut Rt, _site: &Site) -> Result<Started, Exc> {
        if !self.0.lock.locked() {
            return Err(runtime_error("cannot wait on un-acquired lock"));
        }
        self.0.lock.release(rt)?;
        let fut = waiter();
        self.0.waiters.borrow_mut().push_back(fut.clone());
        Ok(Started::Block(wait_on(
            &fut,
            Notified {
                cond: self.0,
                fut: fut.clone(),
            },
        )))
    }
}

/// Notified (or cancelled while waiting): take the lock back.
struct Notified {
    cond: Rc<Condition>,
    fut: Rc<Future>,
}

impl Continuation for Notified {
    fn resume(self: Box<Self>, rt: &mut Rt, outcome: Result<Value, Exc>) -> Next {
        remove(&mut self.cond.waiters.borrow_mut(), &self.fut);
        let outcome = outcome.map(|_| Value::Bool(true));
        reacquire(rt, self.cond, outcome, false)
    }
}

/// The `finally` of CPython's `wait()`: acquire the lock, again after each cancellation.
fn reacquire(
    rt: &mut Rt,
    cond: Rc<Condition>,
    outcome: Result<Value, Exc>,
    cancelled: bool,
) -> Next {
    if cond.lock.try_take() {
        return finish(outcome, cancelled);
    }
    let fut = waiter();
    cond.lock.waiters.borrow_mut().push_back(fut.clone());
    let _ = rt;
    Next::Block(wait_on(
        &fut,
        Reacquiring {
            cond,
            fut: fut.clone(),
            outcome,
            cancelled,
        },
    ))
}

fn finish(outcome: Result<Value, Exc>, cancelled: bool) -> Next {
    if cancelled {
        return Next::Resume(Err(cancelled_error(None)));
    }
    Next::Resume(outcome)
}

struct Reacquiring {
    cond: Rc<Condition>,
    fut: Rc<Future>,
    outcome: Result<Value, Exc>,
    cancelled: bool,
}

impl Continuation for Reacquiring {
    fn resume(self: Box<Self>, rt: &mut Rt, acquired: Result<Value, Exc>) -> Next {
        let lock = &self.cond.lock;
        remove(&mut lock.waiters.borrow_mut(), &self.fut);
        if is_cancelled(&acquired) {
            if !lock.locked() {
                lock.wake_up_first(rt);
            }
            return reacquire(rt, self.cond, self.outcome, true);
        }
        if let Err(e) = acquired {
            return Next::Resume(Err(e));
        }
        lock.locked.set(true);
        finish(self.outcome, self.cancelled)
    }
}

impl NativeObject for ConditionObj {
    fn type_name(&self) -> &'static str {
        "Condition"
    }
    fn repr(&self) -> String {
        let state = if self.0.lock.locked() {
            "locked"
        } else {
            "unlocked"
        };
        format!("<Condition [{state}]>")
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
                    lock: self.0.lock.clone(),
                    gives: Value::Bool(true),
                };
                coroutine(rt, acquire, "acquire", site)
            }),
            "release" => args
                .accept(0, 0, &[])
                .and_then(|()| self.0.lock.release(rt).map(|()| Value::None)),
            "locked" => args
                .accept(0, 0, &[])
                .map(|()| Value::Bool(self.0.lock.locked())),
            "wait" => args
                .accept(0, 0, &[])
                .map(|()| coroutine(rt, Wait(self.0.clone()), "wait", site)),
            "notify" => args.accept(0, 1, &["n"]).and_then(|()| {
                let n = super::int_arg(args.get(0, "n"), 1, "n")?;
                self.0.notify(rt, n).map(|()| Value::None)
            }),
            "notify_all" => args.accept(0, 0, &[]).and_then(|()| {
                let n = self.0.waiters.borrow().len() as i64;
                self.0.notify(rt, n).map(|()| Value::None)
            }),
            _ => return None,
        };
        Some(result)
    }
    fn enter(&self, rt: &mut Rt, site: &Site) -> Option<Result<Value, Exc>> {
        let acquire = Acquire {
            lock: self.0.lock.clone(),
            gives: Value::None,
        };
        Some(Ok(coroutine(rt, acquire, "__aenter__", site)))
    }
    fn exit(&self, rt: &mut Rt, _exc: Option<Exc>, _site: &Site) -> Option<Result<Value, Exc>> {
        Some(self.0.lock.release(rt).map(|()| Value::None))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
