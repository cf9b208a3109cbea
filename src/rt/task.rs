//! Tasks and futures: a result slot with done-callbacks, as asyncio's `Future`, and a task:
//! a future that runs a coroutine's frames.
//!
//! **Invariant:** a future's callbacks are never called directly when it completes; they are
//! queued on the loop (asyncio's `call_soon`), so every completion costs the hops asyncio's
//! does.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use smallvec::SmallVec;

use super::combinators::{AsCompleted, Gather, WaitAll, WaitFor};
use super::event_loop::Ready;
use super::{Event, Events};
use crate::vm::release::release;
use crate::vm::{Code, Exc, ExcKind, Exception, Exec, Site, Value};

/// Where a future is in its life.
#[derive(Clone)]
pub enum FutState {
    Pending,
    Done(Value),
    Failed(Exc),
    Cancelled(Option<Rc<str>>),
}

/// A function queued when a future completes, with the future as its argument.
#[derive(Clone)]
pub enum Callback {
    /// A task waiting on the future resumes.
    Wakeup(Rc<Task>),
    Gather(Rc<Gather>),
    /// `_release_waiter`: completes a waiter future (wait_for, _cancel_and_wait).
    ReleaseWaiter(Rc<Future>),
    WaitAll(Rc<WaitAll>),
    AsCompleted(Rc<AsCompleted>),
    /// A primitive's own callback (a task group's `_on_task_done`, `shield`'s). Boxed so
    /// that a callback stays two words: every task holds one inline.
    #[allow(clippy::redundant_allocation)]
    Hook(Box<Rc<dyn Hook>>),
}

/// Code of a primitive that the loop calls: a done-callback (with the future that
/// completed), a timer, or a `call_soon` (with none).
pub trait Hook {
    fn run(&self, rt: &mut super::Rt, fut: Option<&Fut>);
    /// As a timer: whether firing it can still do anything (a cancelled one cannot, and
    /// the loop drops it unseen rather than wait for it).
    fn is_live(&self) -> bool {
        true
    }
}

impl Callback {
    /// A primitive's callback.
    pub fn hook(hook: Rc<dyn Hook>) -> Callback {
        Callback::Hook(Box::new(hook))
    }

    fn same(&self, other: &Callback) -> bool {
        match (self, other) {
            (Callback::Wakeup(a), Callback::Wakeup(b)) => Rc::ptr_eq(a, b),
            (Callback::Gather(a), Callback::Gather(b)) => Rc::ptr_eq(a, b),
            (Callback::ReleaseWaiter(a), Callback::ReleaseWaiter(b)) => Rc::ptr_eq(a, b),
            (Callback::WaitAll(a), Callback::WaitAll(b)) => Rc::ptr_eq(a, b),
            (Callback::AsCompleted(a), Callback::AsCompleted(b)) => Rc::ptr_eq(a, b),
            (Callback::Hook(a), Callback::Hook(b)) => {
                std::ptr::addr_eq(Rc::as_ptr(&**a), Rc::as_ptr(&**b))
            }
            _ => false,
        }
    }
}

/// The part every future-like shares.
pub struct FutCore {
    pub state: FutState,
    pub callbacks: SmallVec<[Callback; 1]>,
    /// An exception is stored and nobody has looked at it yet.
    pub log_traceback: bool,
}

impl Default for FutCore {
    fn default() -> FutCore {
        FutCore {
            state: FutState::Pending,
            callbacks: SmallVec::new(),
            log_traceback: false,
        }
    }
}

/// A task or a plain future: anything a callback can be attached to.
#[derive(Clone)]
pub enum Fut {
    Task(Rc<Task>),
    Future(Rc<Future>),
}

impl Fut {
    pub fn core(&self) -> &RefCell<FutCore> {
        match self {
            Fut::Task(t) => &t.core,
            Fut::Future(f) => &f.core,
        }
    }

    pub fn done(&self) -> bool {
        !matches!(self.core().borrow().state, FutState::Pending)
    }

    pub fn cancelled(&self) -> bool {
        matches!(self.core().borrow().state, FutState::Cancelled(_))
    }

    pub fn to_value(&self) -> Value {
        match self {
            Fut::Task(t) => Value::Task(t.clone()),
            Fut::Future(f) => Value::Future(f.clone()),
        }
    }

    /// `future.result()`: the value, or the stored exception raised; marks it retrieved.
    pub fn result(&self) -> Result<Value, Exc> {
        let mut core = self.core().borrow_mut();
        core.log_traceback = false;
        match &core.state {
            FutState::Done(v) => Ok(v.clone()),
            FutState::Failed(e) => Err(e.clone()),
            FutState::Cancelled(msg) => Err(cancelled_error(msg.clone())),
            FutState::Pending => Err(Exception::new(
                ExcKind::RuntimeError,
                "result is not ready yet",
            )),
        }
    }

    /// `future.exception()`: the stored exception or `none`; marks it retrieved.
    pub fn exception(&self) -> Result<Option<Exc>, Exc> {
        let mut core = self.core().borrow_mut();
        core.log_traceback = false;
        match &core.state {
            FutState::Done(_) => Ok(None),
            FutState::Failed(e) => Ok(Some(e.clone())),
            FutState::Cancelled(msg) => Err(cancelled_error(msg.clone())),
            FutState::Pending => Err(Exception::new(
                ExcKind::RuntimeError,
                "exception is not set yet",
            )),
        }
    }

    pub fn remove_callback(&self, cb: &Callback) {
        self.core().borrow_mut().callbacks.retain(|c| !c.same(cb));
    }
}

pub fn cancelled_error(msg: Option<Rc<str>>) -> Exc {
    Exception::new(ExcKind::CancelledError, msg.unwrap_or_else(|| Rc::from("")))
}

/// A future that is not a task: what `gather` returns, and the private waiters of `wait`,
/// `wait_for` and `as_completed`.
pub struct Future {
    pub core: RefCell<FutCore>,
    /// Set for `gather`'s future, whose cancellation cancels its children.
    pub gather: RefCell<Option<Rc<Gather>>>,
    /// Set for a host operation's future (a `fetch` in flight), whose cancellation aborts it.
    pub host_op: Cell<Option<u64>>,
    /// Where to report an exception nobody retrieves (for futures scripts can see).
    events: Option<Events>,
}

impl Future {
    /// A private waiter future.
    pub fn new() -> Rc<Future> {
        Rc::new(Future {
            core: RefCell::new(FutCore::default()),
            gather: RefCell::new(None),
            host_op: Cell::new(None),
            events: None,
        })
    }

    /// A future a script can see (`gather`'s): an exception nobody retrieves is reported.
    pub fn new_reported(events: Events) -> Rc<Future> {
        Rc::new(Future {
            core: RefCell::new(FutCore::default()),
            gather: RefCell::new(None),
            host_op: Cell::new(None),
            events: Some(events),
        })
    }

    pub fn describe(&self) -> String {
        let state = match self.core.borrow().state {
            FutState::Pending => "pending",
            FutState::Done(_) | FutState::Failed(_) => "finished",
            FutState::Cancelled(_) => "cancelled",
        };
        format!("<future {state}>")
    }
}

impl Drop for Future {
    fn drop(&mut self) {
        // A gather of a gather of ... must not free itself recursively.
        if let Some(gather) = self.gather.get_mut().take() {
            release(gather);
        }
        let core = self.core.get_mut();
        if let (true, FutState::Failed(exc), Some(events)) =
            (core.log_traceback, &core.state, &self.events)
        {
            events.borrow_mut().push(Event::NeverRetrieved {
                task: Rc::from("gather"),
                exc: exc.clone(),
                spawned_at: None,
            });
        }
    }
}

/// What a waiting task waits on (asyncio's `_fut_waiter`).
#[derive(Default)]
pub enum WaitOn {
    /// Running, ready, or not started.
    #[default]
    Nothing,
    /// `sleep(d)`: a private future completed by a timer, kept inline here.
    Sleep {
        token: u64,
        state: SleepState,
    },
    Fut(Fut),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SleepState {
    Pending,
    Done,
    Cancelled,
}

/// What a task does when what it waits on completes.
#[derive(Default)]
pub enum Then {
    /// Resume with the result.
    #[default]
    Resume,
    /// `wait(...)`: build `[done, pending]`.
    WaitAll(Rc<WaitAll>),
    /// `wait_for(...)`: decide between the result, another wait, and `TimeoutError`.
    WaitFor(Rc<WaitFor>),
    /// `for await t in as_completed(...)`: take the next completed task.
    AsCompleted(Rc<AsCompleted>),
    /// Inside a primitive (`q.get()`, `lock.acquire()`...): it decides (`rt::awaitable`).
    /// Boxed twice so that the waiter, inside every task, stays one word here.
    #[allow(clippy::box_collection, clippy::redundant_allocation)]
    Continue(Box<Box<dyn crate::rt::awaitable::Continuation>>),
}

pub struct Waiter {
    pub on: WaitOn,
    pub then: Then,
}

impl Waiter {
    pub fn on(on: WaitOn) -> Waiter {
        Waiter {
            on,
            then: Then::Resume,
        }
    }
}

/// How a task starts: the coroutine's code, and its arguments already on the stack the
/// task will run on.
pub struct Start {
    code: Rc<Code>,
    stack: Vec<Value>,
}

impl Start {
    /// Puts `args` on a new stack sized for the code's locals and the most its body
    /// pushes above them, so a task costs no more memory than it will use. (Capped: an
    /// estimate gone wild in a huge body costs a reallocation, not a huge stack.) The
    /// arguments go there directly: `spawn f(x)` moves them from the spawner's stack.
    pub fn new(code: Rc<Code>, args: impl IntoIterator<Item = Value>) -> Start {
        let room = code.n_locals as usize + (code.max_stack as usize).min(256);
        let mut stack = Vec::with_capacity(room);
        stack.extend(args);
        Start { code, stack }
    }
}

/// The rarely set parts of a task.
#[derive(Default)]
struct Extras {
    name: Option<Rc<str>>,
    cancel_msg: Option<Rc<str>>,
    /// `cancelling()`: how many cancellations were asked for and not `uncancel`ed.
    cancel_requests: u32,
}

/// A task: a future running one coroutine, with its own frames.
pub struct Task {
    pub id: u64,
    /// A name given by `spawn` or `set_name`, and a cancellation's message: rare, so
    /// boxed together (100,000 live tasks are common, and each word is 800 KB of them).
    /// `Cell`s rather than `RefCell`s here and below for the same reason.
    extras: Cell<Option<Box<Extras>>>,
    pub core: RefCell<FutCore>,
    /// Frames and values; borrowed only while the task runs.
    pub exec: RefCell<Exec>,
    /// The coroutine's code until the first step; its arguments wait on `exec`'s stack.
    pub start: Cell<Option<Rc<Code>>>,
    pub waiter: RefCell<Waiter>,
    pub must_cancel: Cell<bool>,
    /// Where `spawn` created it, for reports.
    pub spawned_at: Option<Site>,
    /// Its slot in the loop's registry of pending tasks (`u32::MAX`: none).
    pub slot: Cell<u32>,
    events: Events,
}

impl Task {
    pub fn new(
        id: u64,
        name: Option<Rc<str>>,
        start: Start,
        spawned_at: Option<Site>,
        events: Events,
    ) -> Task {
        let Start { code, stack } = start;
        // No frame yet: the first step pushes it (a task waiting for its first turn, as
        // every task of a big `spawn` loop does, holds no frame vector).
        let exec = Exec {
            frames: Vec::new(),
            stack,
            handlers: thin_vec::ThinVec::new(),
        };
        Task {
            id,
            extras: Cell::new(name.map(|name| {
                Box::new(Extras {
                    name: Some(name),
                    cancel_msg: None,
                    cancel_requests: 0,
                })
            })),
            core: RefCell::new(FutCore::default()),
            exec: RefCell::new(exec),
            start: Cell::new(Some(code)),
            waiter: RefCell::new(Waiter::on(WaitOn::Nothing)),
            must_cancel: Cell::new(false),
            spawned_at,
            slot: Cell::new(u32::MAX),
            events,
        }
    }

    /// The task's name: given to `spawn`, or `Task-N` as asyncio numbers them.
    pub fn name(&self) -> Rc<str> {
        self.read_extras(|x| x.and_then(|x| x.name.clone()))
            .unwrap_or_else(|| default_name(self.id))
    }

    pub fn set_name(&self, name: Rc<str>) {
        self.with_extras(|x| x.name = Some(name));
    }

    /// The message of the pending or last cancellation.
    pub fn cancel_msg(&self) -> Option<Rc<str>> {
        self.read_extras(|x| x.and_then(|x| x.cancel_msg.clone()))
    }

    /// Whether the task has not run its first step yet.
    pub fn is_unstarted(&self) -> bool {
        let start = self.start.take();
        let unstarted = start.is_some();
        self.start.set(start);
        unstarted
    }

    /// `cancelling()`: the cancellations asked for and not taken back with `uncancel()`.
    pub fn cancelling(&self) -> u32 {
        self.read_extras(|x| x.map_or(0, |x| x.cancel_requests))
    }

    /// One more cancellation was asked for (`cancel()` of a task not done).
    pub fn note_cancel_request(&self) {
        self.with_extras(|x| x.cancel_requests += 1);
    }

    /// `uncancel()`: takes one back; returns how many are left.
    pub fn uncancel(&self) -> u32 {
        if self.cancelling() == 0 {
            return 0;
        }
        let mut left = 0;
        self.with_extras(|x| {
            x.cancel_requests -= 1;
            left = x.cancel_requests;
        });
        left
    }

    pub fn set_cancel_msg(&self, msg: Option<Rc<str>>) {
        if msg.is_some() || self.cancel_msg().is_some() {
            self.with_extras(|x| x.cancel_msg = msg);
        }
    }

    fn read_extras<R>(&self, f: impl FnOnce(Option<&Extras>) -> R) -> R {
        let extras = self.extras.take();
        let result = f(extras.as_deref());
        self.extras.set(extras);
        result
    }

    fn with_extras(&self, f: impl FnOnce(&mut Extras)) {
        let mut extras = self.extras.take().unwrap_or_default();
        f(&mut extras);
        self.extras.set(Some(extras));
    }

    pub fn done(&self) -> bool {
        !matches!(self.core.borrow().state, FutState::Pending)
    }

    /// Where the task is suspended: the `await` its innermost frame is at.
    pub fn waiting_at(&self) -> Option<Site> {
        let exec = self.exec.try_borrow().ok()?;
        let frame = exec.frames.last()?;
        Some(Site {
            code: frame.code.clone(),
            pc: frame.pc.saturating_sub(1),
        })
    }

    pub fn describe(&self) -> String {
        let state = match &self.core.borrow().state {
            FutState::Pending => "pending".to_owned(),
            FutState::Done(_) => "done".to_owned(),
            FutState::Failed(e) => format!("failed with {}", e.kind),
            FutState::Cancelled(_) => "cancelled".to_owned(),
        };
        format!("<task '{}' {state}>", self.name())
    }
}

impl Drop for Task {
    fn drop(&mut self) {
        // Tasks holding tasks (each awaiting the one before) must not free recursively.
        release(std::mem::take(self.exec.get_mut()));
        let core = self.core.get_mut();
        if core.log_traceback
            && let FutState::Failed(exc) = &core.state
        {
            let name = (self.extras.get_mut().as_ref())
                .and_then(|x| x.name.clone())
                .unwrap_or_else(|| default_name(self.id));
            self.events.borrow_mut().push(Event::NeverRetrieved {
                task: name,
                exc: exc.clone(),
                spawned_at: self.spawned_at.clone(),
            });
        }
    }
}

/// The name of a task given none, numbered as asyncio numbers them.
fn default_name(id: u64) -> Rc<str> {
    Rc::from(format!("Task-{id}"))
}

/// Completes a future and queues its callbacks: `set_result`, `set_exception`, `cancel`.
/// Returns false if it was already done.
pub fn complete(fut: &Fut, state: FutState, ready: &mut std::collections::VecDeque<Ready>) -> bool {
    let callbacks = {
        let mut core = fut.core().borrow_mut();
        if !matches!(core.state, FutState::Pending) {
            return false;
        }
        core.log_traceback = matches!(state, FutState::Failed(_));
        if core.log_traceback {
            super::note_reportable();
        }
        core.state = state;
        std::mem::take(&mut core.callbacks)
    };
    for cb in callbacks {
        ready.push_back(Ready::call(cb, fut.clone()));
    }
    true
}

/// `add_done_callback`: attaches `cb`, or queues it at once if the future is done.
pub fn add_callback(fut: &Fut, cb: Callback, ready: &mut std::collections::VecDeque<Ready>) {
    let mut core = fut.core().borrow_mut();
    if matches!(core.state, FutState::Pending) {
        core.callbacks.push(cb);
    } else {
        drop(core);
        ready.push_back(Ready::call(cb, fut.clone()));
    }
}

#[cfg(test)]
mod tests {
    /// Programs keep 100,000 tasks alive at once (benches/spawn.tasks), so every word of a
    /// task is 800 KB of them; this fails when a change makes one bigger.
    #[test]
    fn a_task_stays_small() {
        assert!(std::mem::size_of::<super::Task>() <= 232);
        assert!(std::mem::size_of::<crate::vm::frame::Exec>() <= 56);
    }
}
