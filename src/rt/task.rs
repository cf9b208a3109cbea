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
use crate::vm::{ArgVec, Code, Exc, ExcKind, Exception, Exec, Site, Value};

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
}

impl Callback {
    fn same(&self, other: &Callback) -> bool {
        match (self, other) {
            (Callback::Wakeup(a), Callback::Wakeup(b)) => Rc::ptr_eq(a, b),
            (Callback::Gather(a), Callback::Gather(b)) => Rc::ptr_eq(a, b),
            (Callback::ReleaseWaiter(a), Callback::ReleaseWaiter(b)) => Rc::ptr_eq(a, b),
            (Callback::WaitAll(a), Callback::WaitAll(b)) => Rc::ptr_eq(a, b),
            (Callback::AsCompleted(a), Callback::AsCompleted(b)) => Rc::ptr_eq(a, b),
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

/// How a task starts: the coroutine's code and arguments.
pub struct Start {
    pub code: Rc<Code>,
    pub args: ArgVec,
}

/// A task: a future running one coroutine, with its own frames.
pub struct Task {
    pub id: u64,
    name: RefCell<Option<Rc<str>>>,
    pub core: RefCell<FutCore>,
    /// Frames and values; borrowed only while the task runs.
    pub exec: RefCell<Exec>,
    /// The coroutine's code until the first step; its arguments wait on `exec`'s stack.
    pub start: RefCell<Option<Rc<Code>>>,
    pub waiter: RefCell<Waiter>,
    pub must_cancel: Cell<bool>,
    pub cancel_msg: RefCell<Option<Rc<str>>>,
    /// Where `spawn` created it, for reports.
    pub spawned_at: Option<Site>,
    /// Its slot in the loop's registry of pending tasks.
    pub slot: Cell<usize>,
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
        // The arguments go straight onto the task's own stack, sized for its locals, so a
        // task costs no more memory than it will use.
        let mut stack = Vec::with_capacity(start.code.n_locals as usize + 2);
        stack.extend(start.args);
        let exec = Exec {
            frames: Vec::with_capacity(1),
            stack,
            handlers: Vec::new(),
        };
        Task {
            id,
            name: RefCell::new(name),
            core: RefCell::new(FutCore::default()),
            exec: RefCell::new(exec),
            start: RefCell::new(Some(start.code)),
            waiter: RefCell::new(Waiter::on(WaitOn::Nothing)),
            must_cancel: Cell::new(false),
            cancel_msg: RefCell::new(None),
            spawned_at,
            slot: Cell::new(usize::MAX),
            events,
        }
    }

    /// The task's name: given to `spawn`, or `Task-N` as asyncio numbers them.
    pub fn name(&self) -> Rc<str> {
        self.name
            .borrow_mut()
            .get_or_insert_with(|| Rc::from(format!("Task-{}", self.id)))
            .clone()
    }

    pub fn set_name(&self, name: Rc<str>) {
        *self.name.borrow_mut() = Some(name);
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
            let name = self
                .name
                .get_mut()
                .clone()
                .unwrap_or_else(|| Rc::from(format!("Task-{}", self.id)));
            self.events.borrow_mut().push(Event::NeverRetrieved {
                task: name,
                exc: exc.clone(),
                spawned_at: self.spawned_at.clone(),
            });
        }
    }
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
