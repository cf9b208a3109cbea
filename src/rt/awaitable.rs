//! The one entry point through which the VM hands an awaited native object to the runtime.
//!
//! Every awaitable a builtin makes (`sleep(1)`, `wait(ts)`, `q.get()`, `lock.acquire()`,
//! `run("make")`...) is an [`Awaitable`] inside a native coroutine. Awaiting it calls
//! [`Awaitable::start`], which finishes at once or says what the task suspends on; a task
//! suspended inside a primitive goes on through a [`Continuation`] when what it waits on
//! completes, as CPython's coroutines of `asyncio.Queue.get` or `Lock.acquire` do after
//! their `await fut`. So a new primitive is one file under `src/rt/` implementing these
//! two traits, following CPython's future-plus-waiters pattern, and the VM imports none.

use std::rc::Rc;

use super::event_loop::Rt;
use super::task::{Fut, Future, Then, WaitOn, Waiter};
use crate::vm::{Exc, Site, Value};

/// What awaiting a native coroutine does.
pub trait Awaitable {
    /// Starts it in the task that awaits it.
    fn start(self: Box<Self>, rt: &mut Rt, site: &Site) -> Result<Started, Exc>;
}

/// How an awaitable started.
pub enum Started {
    /// It is done: the `await` gives this.
    Ready(Value),
    /// The task suspends on this waiter until what it waits on completes.
    Block(Waiter),
    /// `sleep(d)`: a yield when `d <= 0`, else a timer.
    Sleep(f64),
    /// Await this value instead, as if the awaitable were not there (`wait_for(aw, none)`).
    AwaitInstead(Value),
}

/// How a task suspended inside a primitive goes on when what it waits on completes (or
/// raises into it, a cancellation say): done, or suspended again.
pub trait Continuation {
    /// Goes on with the outcome of what the task waited on.
    fn resume(self: Box<Self>, rt: &mut Rt, outcome: Result<Value, Exc>) -> Next;
}

/// What a task does after what it waited on completes.
pub enum Next {
    /// It goes on with this result (a value, or an exception raised at the `await`).
    Resume(Result<Value, Exc>),
    /// It waits again.
    Block(Waiter),
}

/// A waiter on a private future, going on through `then` when the future completes.
pub fn wait_on(fut: &Rc<Future>, then: impl Continuation + 'static) -> Waiter {
    Waiter {
        on: WaitOn::Fut(Fut::Future(fut.clone())),
        then: Then::Continue(Box::new(Box::new(then))),
    }
}

impl Rt {
    /// Awaits a native awaitable: the VM's only way into the runtime's primitives.
    pub fn start_awaitable(
        &mut self,
        awaitable: Box<dyn Awaitable>,
        site: &Site,
    ) -> Result<Started, Exc> {
        awaitable.start(self, site)
    }
}

/// What `for await` gets from a native async iterator's next step.
pub enum Anext {
    /// The next item.
    Item(Value),
    /// There are no more: the loop ends.
    Exhausted,
    /// The step raised.
    Fail(Exc),
    /// The task suspends; what it waits on resumes it with the item.
    Block(Waiter),
    /// The task suspends; when what it waits on completes, `for await` asks again (the
    /// iterator may then be exhausted, which an item cannot say). The waiter resumes the
    /// task with [`again`]'s marker.
    Again(Waiter),
}

/// The marker a waiter of [`Anext::Again`] resumes its task with.
pub struct AskAgain;

impl crate::vm::NativeObject for AskAgain {
    fn type_name(&self) -> &'static str {
        "ask_again"
    }
    fn repr(&self) -> String {
        "<ask again>".to_owned()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A waiter on `fut` that resumes its task with the [`AskAgain`] marker, whatever `fut`
/// completes with (an exception, a cancellation say, is still raised).
pub fn again(fut: &Rc<Future>) -> Anext {
    struct Again;
    impl Continuation for Again {
        fn resume(self: Box<Self>, _: &mut Rt, outcome: Result<Value, Exc>) -> Next {
            Next::Resume(outcome.map(|_| Value::Native(Rc::new(AskAgain))))
        }
    }
    Anext::Again(wait_on(fut, Again))
}
