//! The event loop: asyncio's `BaseEventLoop._run_once`, step for step.
//!
//! One iteration takes the wakes that arrived from other threads, moves every expired timer
//! to the ready queue (earliest first), then runs exactly the callbacks that were ready when
//! the batch began, FIFO. Whatever they make ready runs in the next iteration. A task's
//! steps, wake-ups and every future's done-callbacks are entries of that one queue.
//!
//! **Invariant:** only `run_once` runs task code; everything else only queues.

use std::collections::VecDeque;
use std::io::Write;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

use slab::Slab;

use super::combinators::{self, Next};
use super::task::{
    Callback, Fut, FutState, SleepState, Start, Task, Then, WaitOn, Waiter, add_callback,
    cancelled_error, complete,
};
use super::timer::{TimerAction, Timers};
use super::{Config, Event, Events};
use crate::vm::{self, Exc, ExcKind, FrameKind, Halt, Resume, Site, Value};

/// An entry of the ready queue: asyncio's `Handle`.
pub enum Ready {
    /// `task.__step()`: start, or continue after `sleep(0)`.
    Step(Rc<Task>),
    /// `task.__wakeup(fut)`: what the task waited on is done.
    Wakeup(Rc<Task>),
    /// A done-callback, with the future that completed.
    Call(Callback, Fut),
    /// An expired timer.
    Timer(TimerAction),
    /// Main has failed: once this iteration ends, cancel every task left (asyncio.run's
    /// `run_until_complete` callback, then `_cancel_all_tasks`).
    MainFailed,
    /// An async generator was dropped while suspended: close it in a new task (asyncio's
    /// finalizer hook, `call_soon(create_task, agen.aclose())`).
    CloseGen(Rc<crate::vm::AsyncGen>),
    /// Every task is done: close the generators still open (`shutdown_asyncgens`).
    ShutdownGens(Vec<Rc<crate::vm::AsyncGen>>),
    /// `loop.call_soon(f)` of a primitive (a timeout already due).
    Hook(Rc<dyn super::task::Hook>),
}

impl Ready {
    pub fn call(cb: Callback, fut: Fut) -> Ready {
        match cb {
            Callback::Wakeup(task) => Ready::Wakeup(task),
            cb => Ready::Call(cb, fut),
        }
    }
}

/// Why the loop stopped before every task was done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The instruction budget ran out.
    Budget,
    /// Writing output failed: a closed pipe, a full disk (`Rt::output_error` says which).
    Output,
    /// The host called `InterruptHandle::terminate` (or Ctrl-C came twice).
    Terminated,
    /// The wall-clock limit of a run passed.
    Timeout,
}

/// The state of one session, in three parts: the event loop that orders its tasks, the
/// globals its code reads and writes, and its side that faces the host (output, events,
/// limits, wakes from other threads).
pub struct Rt {
    pub(crate) sched: Scheduler,
    pub(crate) vars: Vars,
    pub(crate) host: HostSide,
}

/// The event loop proper: asyncio's ready queue, its timers and its tasks.
pub struct Scheduler {
    pub(crate) ready: VecDeque<Ready>,
    pub(crate) timers: Timers,
    /// The task running now.
    pub(crate) current: Option<Rc<Task>>,
    /// Every task not yet done, main among them.
    pub(crate) registry: Slab<Rc<Task>>,
    pub(crate) main: Option<Rc<Task>>,
    next_task_id: u64,
    next_token: u64,
    /// Set when the interrupt has been acted on (every task cancelled, once). From then
    /// on the run is shutting down, and a task that is spawned starts cancelled.
    pub(crate) interrupt_handled: bool,
    /// While an `eval` entry runs: the task an interrupt cancels, alone.
    pub(crate) interrupt_scope: Option<Rc<Task>>,
    /// While `cancel_all` runs: the tasks it has cancelled so far (by address), so that a
    /// chain of tasks each awaiting the next is walked once, not once per task.
    cancelled_in_sweep: Option<std::collections::HashSet<usize>>,
    /// A task stopped mid-step to give the host its thread back: it continues, exactly
    /// where it was, before anything else runs.
    pub(crate) preempted: Option<Rc<Task>>,
    /// Entries of the current `_run_once` batch not yet run (a preempted step leaves the
    /// rest of its batch for the next poll).
    batch_left: usize,
    /// Set when main has failed: cancel every task at the end of this iteration.
    cancel_rest: bool,
    /// Async generators dropped while suspended, to be closed by the loop.
    pub(crate) finalizers: crate::vm::coro::Finalizers,
    /// Every async generator iterated so far, closed at shutdown if still open.
    pub(crate) started_gens: Vec<std::rc::Weak<crate::vm::AsyncGen>>,
    gens_closed: bool,
    /// One tiny code object per native coroutine that runs as a task: await the
    /// coroutine passed as its argument, return the result.
    trampolines: std::collections::HashMap<Rc<str>, Rc<crate::vm::Code>>,
    source_for_natives: Arc<crate::vm::Source>,
}

/// The session's globals: the slots its code reads and writes by number, and their names.
pub struct Vars {
    pub(crate) globals: Vec<Value>,
    pub(crate) global_names: Vec<Rc<str>>,
}

/// What faces the host: where output and events go, the settings and limits, the clock,
/// the random generator, the interrupt flag, and the work done off the loop's thread.
pub struct HostSide {
    /// `reportables_made()` when the run began (see `shut_down`).
    reportables_at_start: u64,
    pub(crate) out: Box<dyn Write>,
    pub(crate) events: Events,
    /// Where events go as they happen (the host's report sink, through the engine).
    pub(crate) on_event: Box<dyn FnMut(Event)>,
    /// How many tasks' exceptions were never retrieved: the run then failed.
    pub(crate) lost: u64,
    pub(crate) rng: rand_mt::Mt,
    pub(crate) config: Config,
    pub(crate) epoch: Instant,
    /// `InterruptHandle`'s state: running, interrupted or terminated.
    pub(crate) interrupted: Arc<AtomicU8>,
    /// How many times the loop went idle and waited for a timer or a wake.
    pub(crate) parks: u64,
    /// Counts down to the next check of the interrupt flag and the budget.
    pub(crate) ticks: u32,
    pub(crate) budget_left: Option<u64>,
    pub(crate) stop: Option<Stop>,
    /// Steps left before the running task gives the host its thread back.
    pub(crate) slice_left: i64,
    /// When the drive under way must stop (the wall-clock limit), if it has one.
    pub(crate) deadline: Option<Instant>,
    /// Why writing output failed, when it did (`Stop::Output`).
    pub(crate) output_error: Option<std::io::Error>,
    /// Output written since the last flush, and when the first of it was written.
    pub(crate) unflushed_since: Option<Instant>,
    /// Wakes from other threads; the receiver is pinned because it is `!Unpin`.
    pub(crate) inbox_tx: async_channel::Sender<super::drive::Wake>,
    pub(crate) inbox_rx: std::pin::Pin<Box<async_channel::Receiver<super::drive::Wake>>>,
    /// What the run has allocated, and may.
    pub(crate) memory: super::memory::Account,
    /// Host operations in flight (`fetch` requests, host functions' futures).
    pub(crate) ops: super::host::HostOps,
}

/// The message of the cancellation an interrupt delivers.
pub const INTERRUPTED_MESSAGE: &str = "interrupted";

/// How many back-edges and calls run between checks of the interrupt flag and budget.
pub const TICK_INTERVAL: u32 = 1024;

/// How long printed output may wait in the buffer.
const FLUSH_AFTER: Duration = Duration::from_millis(50);

impl Rt {
    pub fn new(
        program: &crate::compile::Instance,
        config: Config,
        out: Box<dyn Write>,
        events: Events,
    ) -> Rt {
        let rng = match config.seed {
            Some(seed) => super::random::seeded(seed),
            None => super::random::from_entropy(),
        };
        let (inbox_tx, inbox_rx) = async_channel::unbounded();
        let sched = Scheduler {
            ready: VecDeque::new(),
            timers: Timers::default(),
            current: None,
            registry: Slab::new(),
            main: None,
            next_task_id: 1,
            next_token: 0,
            interrupt_handled: false,
            interrupt_scope: None,
            cancelled_in_sweep: None,
            preempted: None,
            batch_left: 0,
            cancel_rest: false,
            finalizers: Rc::new(std::cell::RefCell::new(Vec::new())),
            started_gens: Vec::new(),
            gens_closed: false,
            trampolines: std::collections::HashMap::new(),
            source_for_natives: program.main.source.clone(),
        };
        let vars = Vars {
            globals: program.globals.clone(),
            global_names: program.global_names.clone(),
        };
        let host = HostSide {
            reportables_at_start: super::reportables_made(),
            out,
            events,
            on_event: Box::new(|_| {}),
            lost: 0,
            rng,
            budget_left: config.budget,
            memory: super::memory::Account {
                limit: config.max_memory,
                charged: 0,
                slack: 0,
            },
            config,
            epoch: Instant::now(),
            interrupted: Arc::new(AtomicU8::new(super::drive::RUNNING)),
            parks: 0,
            ticks: TICK_INTERVAL,
            stop: None,
            slice_left: i64::MAX,
            deadline: None,
            output_error: None,
            unflushed_since: None,
            inbox_tx,
            inbox_rx: Box::pin(inbox_rx),
            ops: super::host::HostOps::default(),
        };
        Rt { sched, vars, host }
    }

    /// Takes the globals of a session's next entry (`eval`): the ones it added, and its
    /// declarations, which replace earlier ones of the same name.
    pub(crate) fn adopt_globals(&mut self, globals: Vec<Value>, names: Vec<Rc<str>>) {
        if self.vars.globals.len() < globals.len() {
            self.vars.globals.resize(globals.len(), Value::Undef);
        }
        for (slot, value) in globals.into_iter().enumerate() {
            if matches!(value, Value::Func(_)) {
                self.vars.globals[slot] = value;
            }
        }
        self.vars.global_names = names;
    }

    /// Spawns the program's main body as the first task (asyncio's main is a task too).
    pub fn spawn_main(&mut self, main: &Rc<crate::vm::Code>) -> Rc<Task> {
        let start = Start::new(main.clone(), []);
        let task = self.new_task(start, None, None);
        self.sched.main = Some(task.clone());
        task
    }

    /// Creates a task for a coroutine and schedules its first step.
    pub fn new_task(
        &mut self,
        start: Start,
        name: Option<Rc<str>>,
        site: Option<Site>,
    ) -> Rc<Task> {
        let task = Rc::new(Task::new(
            self.sched.next_task_id,
            name,
            start,
            site,
            self.host.events.clone(),
        ));
        self.sched.next_task_id += 1;
        // Four billion tasks alive at once would need far more memory than exists.
        let slot = self.sched.registry.insert(task.clone());
        task.slot.set(u32::try_from(slot).unwrap_or(u32::MAX));
        self.sched.ready.push_back(Ready::Step(task.clone()));
        task
    }

    /// `spawn`: a new task, which starts cancelled when the run is shutting down after an
    /// interrupt. Cleanup code may still await coroutines, also through `gather` and
    /// `wait_for`, but the independent work it spawns does not keep an interrupted run
    /// alive (a `finally` that spawns a task whose `finally` spawns again would).
    pub fn spawn_task(
        &mut self,
        start: Start,
        name: Option<Rc<str>>,
        site: Option<Site>,
    ) -> Result<Rc<Task>, Exc> {
        self.check_task_limit()?;
        let task = self.new_task(start, name, site);
        self.cancel_if_shutting_down(&task);
        Ok(task)
    }

    /// `RuntimeError` when as many tasks are alive as the host allows (`max_tasks`).
    pub(crate) fn check_task_limit(&self) -> Result<(), Exc> {
        match self.host.config.max_tasks {
            Some(max) if self.sched.registry.len() >= max => Err(crate::vm::exc(
                ExcKind::RuntimeError,
                format!("too many tasks: at most {max} may be alive at once"),
            )),
            _ => Ok(()),
        }
    }

    /// Cancels a task just spawned if the run is shutting down after an interrupt.
    pub fn cancel_if_shutting_down(&mut self, task: &Rc<Task>) {
        if self.sched.interrupt_handled && self.sched.interrupt_scope.is_none() {
            self.cancel_task(task, Some(Rc::from(INTERRUPTED_MESSAGE)));
        }
    }

    /// Acts on Ctrl-C (or the host's `interrupt`), once: cancels every task. A task that
    /// is running now gets `must_cancel`, which the caller raises at once.
    pub(crate) fn handle_interrupt(&mut self) {
        if !self.sched.interrupt_handled {
            self.sched.interrupt_handled = true;
            match self.sched.interrupt_scope.clone() {
                // An entry of an interactive session: Ctrl-C cancels that entry only; the
                // tasks it spawned go on.
                Some(task) => {
                    self.cancel_task(&task, Some(Rc::from(INTERRUPTED_MESSAGE)));
                }
                None => self.cancel_all(Some(Rc::from(INTERRUPTED_MESSAGE))),
            }
        }
    }

    /// Whether the host asked for a hard stop; if so the run is stopped.
    pub(crate) fn check_terminated(&mut self) -> bool {
        if self.host.interrupted.load(Ordering::Relaxed) == super::drive::TERMINATED {
            self.host.stop.get_or_insert(Stop::Terminated);
            return true;
        }
        false
    }

    /// Whether main and every spawned task are done (and nothing is queued), or the run
    /// was stopped.
    pub fn finished(&self) -> bool {
        (self.sched.registry.is_empty() && self.sched.ready.is_empty()) || self.host.stop.is_some()
    }

    /// When every task is done, closes the async generators that are still open, as
    /// `asyncio.run` does with `shutdown_asyncgens`. Returns whether that queued work.
    pub(crate) fn close_open_generators(&mut self) -> bool {
        if self.sched.gens_closed || !self.sched.registry.is_empty() || self.host.stop.is_some() {
            return false;
        }
        self.sched.gens_closed = true;
        let gens: Vec<Rc<crate::vm::AsyncGen>> = std::mem::take(&mut self.sched.started_gens)
            .iter()
            .filter_map(std::rc::Weak::upgrade)
            .collect();
        if gens.is_empty() {
            return false;
        }
        // shutdown_asyncgens runs as a task of its own, which takes a task number.
        self.sched.next_task_id += 1;
        self.sched.ready.push_back(Ready::ShutdownGens(gens));
        true
    }

    /// Queues the closing of generators dropped while suspended. Called after every
    /// step, and almost always with nothing to do: inlined, with the work out of line.
    #[inline]
    fn take_finalizers(&mut self) {
        if !self.sched.finalizers.borrow().is_empty() {
            self.queue_finalizers();
        }
    }

    #[inline(never)]
    fn queue_finalizers(&mut self) {
        let dropped = std::mem::take(&mut *self.sched.finalizers.borrow_mut());
        for gen_obj in dropped {
            self.sched.ready.push_back(Ready::CloseGen(gen_obj));
        }
    }

    /// Starts a task running `gen_obj.aclose()`.
    fn spawn_aclose(&mut self, gen_obj: Rc<crate::vm::AsyncGen>) {
        use crate::rt::native_coro::{NativeCoro, NativeKind};
        let origin = Site {
            code: gen_obj.code.clone(),
            pc: 0,
        };
        let coro = NativeCoro::new(
            NativeKind::AClose(gen_obj),
            "aclose",
            origin,
            self.host.events.clone(),
        );
        coro.mark_started();
        let code = self.trampoline(&Rc::from("aclose"));
        self.new_task(Start::new(code, [Value::Native(Rc::new(coro))]), None, None);
    }

    pub fn has_ready(&self) -> bool {
        !self.sched.ready.is_empty()
    }

    /// The earliest pending timer.
    pub fn next_deadline(&mut self) -> Option<Instant> {
        self.sched.timers.next_deadline()
    }

    /// Seconds on the loop's clock, which starts at zero when the run starts.
    pub fn now(&self) -> f64 {
        self.host.epoch.elapsed().as_secs_f64()
    }

    /// Hands the events queued since the last call to the host, after flushing what was
    /// printed before them: a task freed mid-step reports itself before anything printed
    /// after it, as asyncio's logging does. Called before every write to the output and
    /// after every loop iteration.
    #[inline]
    pub(crate) fn deliver_events(&mut self) {
        if !self.host.events.borrow().is_empty() {
            self.deliver_events_now();
        }
    }

    #[inline(never)]
    fn deliver_events_now(&mut self) {
        self.flush_out();
        loop {
            let events = std::mem::take(&mut *self.host.events.borrow_mut());
            if events.is_empty() {
                return;
            }
            for event in events {
                if matches!(event, Event::NeverRetrieved { .. }) {
                    self.host.lost += 1;
                }
                (self.host.on_event)(event);
            }
        }
    }

    /// Flushes output that has waited longer than `FLUSH_AFTER`, so a long run shows its
    /// progress even when stdout is a pipe, without a write per `print`.
    pub(crate) fn flush_if_stale(&mut self) {
        if self
            .host
            .unflushed_since
            .is_some_and(|t| t.elapsed() >= FLUSH_AFTER)
        {
            self.flush_out();
        }
    }

    /// One iteration of the loop; never blocks.
    /// One iteration of the loop; never blocks. An iteration a preempted step cut short
    /// goes on where it stopped: the step first, then the rest of its batch.
    pub fn run_once(&mut self) {
        self.flush_if_stale();
        if self.host.stop.is_some() {
            return;
        }
        if self.host.interrupted.load(Ordering::Relaxed) != super::drive::RUNNING {
            if self.check_terminated() {
                return;
            }
            self.handle_interrupt();
        }
        if let Some(task) = self.sched.preempted.take() {
            self.resume_preempted(task);
            if self.host.stop.is_some() || self.sched.preempted.is_some() {
                return;
            }
            self.take_finalizers();
        } else if self.sched.batch_left == 0 {
            // CPython moves timers whose deadline is before now + the clock's resolution.
            // With no timers the clock is not read: it can be a tenth of a task switch.
            if !self.sched.timers.is_empty() {
                let end = Instant::now() + Duration::from_nanos(1);
                while let Some(action) = self.sched.timers.pop_expired(end) {
                    self.sched.ready.push_back(Ready::Timer(action));
                }
            }
            self.sched.batch_left = self.sched.ready.len();
        }
        while self.sched.batch_left > 0 {
            let Some(item) = self.sched.ready.pop_front() else {
                self.sched.batch_left = 0;
                break;
            };
            self.sched.batch_left -= 1;
            self.run_ready(item);
            if self.host.stop.is_some() || self.sched.preempted.is_some() {
                return;
            }
            self.take_finalizers();
        }
        if std::mem::take(&mut self.sched.cancel_rest) {
            self.cancel_all(None);
        }
    }

    /// Continues a step that stopped to give the host its thread back. A cancellation
    /// that came meanwhile (an interrupt) is raised where it stopped.
    fn resume_preempted(&mut self, task: Rc<Task>) {
        let resume = if task.must_cancel.replace(false) {
            Resume::Throw(cancelled_error(task.cancel_msg()))
        } else {
            Resume::Continue
        };
        self.sched.current = Some(task.clone());
        let halt = {
            let mut exec = task.exec.borrow_mut();
            vm::run(self, &task, &mut exec, resume)
        };
        self.sched.current = None;
        self.finish(&task, halt);
    }

    fn run_ready(&mut self, item: Ready) {
        match item {
            Ready::Step(task) => self.step(task, Ok(Value::None)),
            Ready::Wakeup(task) => self.wakeup(task),
            Ready::Call(cb, fut) => self.run_callback(cb, fut),
            Ready::Timer(action) => self.fire_timer(action),
            Ready::MainFailed => self.sched.cancel_rest = true,
            Ready::CloseGen(gen_obj) => self.spawn_aclose(gen_obj),
            Ready::Hook(hook) => hook.run(self, None),
            Ready::ShutdownGens(gens) => {
                for gen_obj in gens {
                    self.spawn_aclose(gen_obj);
                }
            }
        }
    }

    fn run_callback(&mut self, cb: Callback, fut: Fut) {
        match cb {
            Callback::Wakeup(task) => self.wakeup(task),
            Callback::ReleaseWaiter(waiter) => {
                complete(
                    &Fut::Future(waiter),
                    FutState::Done(Value::None),
                    &mut self.sched.ready,
                );
            }
            Callback::Gather(g) => combinators::gather_child_done(self, &g, &fut),
            Callback::WaitAll(w) => combinators::wait_child_done(self, &w, &fut),
            Callback::AsCompleted(a) => combinators::as_completed_child_done(self, &a, &fut),
            Callback::Hook(hook) => hook.run(self, Some(&fut)),
        }
    }

    fn fire_timer(&mut self, action: TimerAction) {
        match action {
            TimerAction::Sleep(task, token) => {
                let woke = {
                    let mut waiter = task.waiter.borrow_mut();
                    match &mut waiter.on {
                        WaitOn::Sleep { token: t, state }
                            if *t == token && *state == SleepState::Pending =>
                        {
                            *state = SleepState::Done;
                            true
                        }
                        _ => false,
                    }
                };
                if woke {
                    self.sched.ready.push_back(Ready::Wakeup(task));
                }
            }
            TimerAction::ReleaseWaiter(waiter) => {
                if let Some(waiter) = waiter.upgrade() {
                    complete(
                        &Fut::Future(waiter),
                        FutState::Done(Value::None),
                        &mut self.sched.ready,
                    );
                }
            }
            TimerAction::Hook(hook) => hook.run(self, None),
            TimerAction::AsCompletedTimeout(state) => {
                if let Some(state) = state.upgrade() {
                    combinators::as_completed_timeout(self, &state);
                }
            }
        }
    }

    /// `task.__wakeup`: reads what the task waited on and continues it.
    fn wakeup(&mut self, task: Rc<Task>) {
        let waiter = std::mem::replace(&mut *task.waiter.borrow_mut(), Waiter::on(WaitOn::Nothing));
        let mut outcome = match waiter.on {
            WaitOn::Nothing => Ok(Value::None),
            WaitOn::Sleep {
                state: SleepState::Cancelled,
                ..
            } => Err(cancelled_error(task.cancel_msg())),
            WaitOn::Sleep { .. } => Ok(Value::None),
            WaitOn::Fut(fut) => fut.result(),
        };
        // A cancel requested while the task was queued is thrown at the `await` the task
        // is suspended in. For a combinator that await is inside the combinator (asyncio's
        // `await waiter` in wait_for), which must see it, not the script.
        if task.must_cancel.get() && !matches!(waiter.then, Then::Resume) {
            if !matches!(&outcome, Err(e) if e.kind == ExcKind::CancelledError) {
                outcome = Err(cancelled_error(task.cancel_msg()));
            }
            task.must_cancel.set(false);
        }
        let next = match waiter.then {
            Then::Resume => Next::Resume(outcome),
            Then::WaitAll(w) => combinators::wait_finish(self, &w, outcome),
            Then::WaitFor(w) => combinators::wait_for_resume(self, &w, outcome),
            Then::AsCompleted(a) => combinators::as_completed_resume(self, &a, outcome),
            Then::Continue(continuation) => (*continuation).resume(self, outcome),
        };
        match next {
            Next::Resume(result) => self.step(task, result),
            Next::Block(waiter) => self.block(&task, waiter),
        }
    }

    /// `task.__step`: runs the task until it awaits, yields, returns or raises.
    pub(crate) fn step(&mut self, task: Rc<Task>, mut resume: Result<Value, Exc>) {
        if task.done() {
            return;
        }
        if task.must_cancel.get() {
            if !matches!(&resume, Err(e) if e.kind == ExcKind::CancelledError) {
                resume = Err(cancelled_error(task.cancel_msg()));
            }
            task.must_cancel.set(false);
        }
        *task.waiter.borrow_mut() = Waiter::on(WaitOn::Nothing);
        let start = task.start.take();
        let resume = match (start, resume) {
            // Throwing into a coroutine that never started ends it without running it.
            (Some(_), Err(e)) => {
                self.finish(&task, Halt::Raise(e));
                return;
            }
            (Some(code), Ok(_)) => {
                let mut exec = task.exec.borrow_mut();
                let n_args = exec.stack.len();
                exec.push_frame(code, n_args, 0, FrameKind::Bottom);
                Resume::Continue
            }
            (None, Ok(v)) => Resume::Value(v),
            (None, Err(e)) => Resume::Throw(e),
        };
        self.sched.current = Some(task.clone());
        let halt = {
            let mut exec = task.exec.borrow_mut();
            vm::run(self, &task, &mut exec, resume)
        };
        self.sched.current = None;
        self.finish(&task, halt);
    }

    /// Acts on why a step stopped.
    fn finish(&mut self, task: &Rc<Task>, halt: Halt) {
        // A generator dropped during the step was dropped before the step queues its own
        // continuation: its close comes first, as CPython's finalizer hook queues it.
        self.take_finalizers();
        match halt {
            Halt::Yield => self.sched.ready.push_back(Ready::Step(task.clone())),
            Halt::Sleep(deadline) => {
                self.sched.next_token += 1;
                let token = self.sched.next_token;
                self.sched
                    .timers
                    .push(deadline, TimerAction::Sleep(task.clone(), token));
                let waiter = Waiter::on(WaitOn::Sleep {
                    token,
                    state: SleepState::Pending,
                });
                self.block(task, waiter);
            }
            Halt::Block(waiter) => self.block(task, waiter),
            Halt::Return(value) => {
                let state = if task.must_cancel.get() {
                    task.must_cancel.set(false);
                    FutState::Cancelled(task.cancel_msg())
                } else {
                    FutState::Done(value)
                };
                self.retire(task, state);
            }
            Halt::Raise(exc) => {
                let state = if exc.kind == ExcKind::CancelledError {
                    let msg = (!exc.message.is_empty()).then(|| exc.message.to_rc());
                    FutState::Cancelled(msg)
                } else {
                    FutState::Failed(exc)
                };
                self.retire(task, state);
            }
            Halt::OutOfBudget => self.host.stop = Some(Stop::Budget),
            // Whoever stopped the run said why (`Rt::stop`).
            Halt::Stopped => {}
            Halt::Preempted => self.sched.preempted = Some(task.clone()),
        }
    }

    /// A task is done: record its result, wake what waits on it, free its frames.
    fn retire(&mut self, task: &Rc<Task>, state: FutState) {
        {
            let mut exec = task.exec.borrow_mut();
            exec.frames = Vec::new();
            exec.stack = Vec::new();
        }
        let main_failed = matches!(state, FutState::Failed(_) | FutState::Cancelled(_))
            && self
                .sched
                .main
                .as_ref()
                .is_some_and(|m| Rc::ptr_eq(m, task));
        complete(&Fut::Task(task.clone()), state, &mut self.sched.ready);
        let slot = task.slot.get() as usize;
        if self.sched.registry.contains(slot) {
            self.sched.registry.remove(slot);
        }
        // As `asyncio.run` does when main fails: stop after the next iteration, then
        // cancel what is left and let it clean up.
        if main_failed {
            self.sched.ready.push_back(Ready::MainFailed);
        }
    }

    /// Parks a task on a waiter: registers its wake-up, and cancels the waiter at once if
    /// the task was cancelled while it ran.
    pub(crate) fn block(&mut self, task: &Rc<Task>, waiter: Waiter) {
        if let WaitOn::Fut(fut) = &waiter.on {
            add_callback(fut, Callback::Wakeup(task.clone()), &mut self.sched.ready);
        }
        *task.waiter.borrow_mut() = waiter;
        if task.must_cancel.get() {
            let msg = task.cancel_msg();
            if self.cancel_waiter(task, msg) {
                task.must_cancel.set(false);
            }
        }
    }

    /// `task.cancel(msg)`.
    pub fn cancel_task(&mut self, task: &Rc<Task>, msg: Option<Rc<str>>) -> bool {
        task.core.borrow_mut().log_traceback = false;
        if task.done() {
            return false;
        }
        if let Some(swept) = &self.sched.cancelled_in_sweep
            && !swept.contains(&(Rc::as_ptr(task) as usize))
        {
            task.note_cancel_request();
        } else if self.sched.cancelled_in_sweep.is_none() {
            task.note_cancel_request();
        }
        if let Some(swept) = &mut self.sched.cancelled_in_sweep
            && !swept.insert(Rc::as_ptr(task) as usize)
        {
            // Cancelled earlier in this sweep, with the same message: asyncio would walk
            // down what it awaits again and find it cancelled already. The walk is
            // skipped, so cancelling a chain of n tasks costs n steps, not n^2 / 2.
            return true;
        }
        if self.cancel_waiter(task, msg.clone()) {
            return true;
        }
        // A cancellation already on its way to the task (its sleep was cancelled) keeps
        // its message: asyncio's `__step` keeps the `CancelledError` it is about to throw.
        let delivering = matches!(
            &task.waiter.borrow().on,
            WaitOn::Sleep {
                state: SleepState::Cancelled,
                ..
            }
        );
        task.must_cancel.set(true);
        if !delivering {
            task.set_cancel_msg(msg);
        }
        true
    }

    /// Cancels what a task waits on; false if there is nothing to cancel.
    fn cancel_waiter(&mut self, task: &Rc<Task>, msg: Option<Rc<str>>) -> bool {
        let fut = {
            let mut waiter = task.waiter.borrow_mut();
            match &mut waiter.on {
                WaitOn::Nothing => return false,
                WaitOn::Sleep { state, .. } => {
                    if *state != SleepState::Pending {
                        return false;
                    }
                    *state = SleepState::Cancelled;
                    task.set_cancel_msg(msg);
                    drop(waiter);
                    self.sched.ready.push_back(Ready::Wakeup(task.clone()));
                    return true;
                }
                WaitOn::Fut(fut) => fut.clone(),
            }
        };
        self.cancel_fut(&fut, msg)
    }

    /// `fut.cancel(msg)` for a task or future.
    pub fn cancel_fut(&mut self, fut: &Fut, msg: Option<Rc<str>>) -> bool {
        // Cancelling recurses down what each task awaits, as asyncio's does, and that chain
        // is as long as a script makes it: past the red zone, continue on a new stack.
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.cancel_fut_here(fut, msg))
    }

    fn cancel_fut_here(&mut self, fut: &Fut, msg: Option<Rc<str>>) -> bool {
        match fut {
            Fut::Task(t) => self.cancel_task(t, msg),
            Fut::Future(f) => {
                let gather = f.gather.borrow().clone();
                match gather {
                    Some(g) => combinators::gather_cancel(self, f, &g, msg),
                    None => {
                        self.host.ops.abort(f);
                        f.core.borrow_mut().log_traceback = false;
                        complete(fut, FutState::Cancelled(msg), &mut self.sched.ready)
                    }
                }
            }
        }
    }

    /// Cancels every pending task: Ctrl-C, or main failing.
    pub fn cancel_all(&mut self, msg: Option<Rc<str>>) {
        let tasks: Vec<Rc<Task>> = self.sched.registry.iter().map(|(_, t)| t.clone()).collect();
        self.sched.cancelled_in_sweep = Some(std::collections::HashSet::with_capacity(tasks.len()));
        for task in tasks {
            self.cancel_task(&task, msg.clone());
        }
        self.sched.cancelled_in_sweep = None;
    }

    /// Every pending task, oldest first.
    pub fn all_tasks(&self) -> Vec<Rc<Task>> {
        let mut tasks: Vec<Rc<Task>> = self.sched.registry.iter().map(|(_, t)| t.clone()).collect();
        tasks.sort_by_key(|t| t.id);
        tasks
    }

    /// The tasks that are pending with nothing that could ever wake them: no ready work,
    /// no timers. Empty unless the run is stuck.
    pub fn stuck_tasks(&mut self) -> Vec<Rc<Task>> {
        if self.has_ready() || self.next_deadline().is_some() || self.host.ops.is_busy() {
            return Vec::new();
        }
        self.all_tasks()
    }

    /// Frees what the run holds, so that dropped tasks and coroutines report themselves.
    pub fn shut_down(&mut self) {
        self.host.ops.abort_all();
        self.sched.ready.clear();
        self.sched.timers.clear();
        self.sched.current = None;
        self.sched.main = None;
        let tasks: Vec<Rc<Task>> = self.sched.registry.drain().collect();
        for task in &tasks {
            let mut exec = task.exec.borrow_mut();
            exec.frames.clear();
            exec.stack.clear();
            task.core.borrow_mut().callbacks.clear();
            *task.waiter.borrow_mut() = Waiter::on(WaitOn::Nothing);
        }
        drop(tasks);
        if self.host.config.skip_teardown
            && super::reportables_made() == self.host.reportables_at_start
        {
            // Nothing made during the run can report on being freed, and the process is
            // about to exit: freeing 100,000 tasks one by one would only delay the exit.
            std::mem::forget(std::mem::take(&mut self.vars.globals));
        } else {
            self.vars.globals.clear();
        }
        self.flush_out();
    }

    /// Writing output failed: the run stops, and the first error is kept for the host
    /// (a closed pipe ends a run quietly; a full disk is a failure).
    pub(crate) fn output_failed(&mut self, error: std::io::Error) {
        self.host.stop = Some(Stop::Output);
        self.host.output_error.get_or_insert(error);
    }

    /// The code that runs a native coroutine (`sleep(1)` passed to `gather`) as a task.
    pub(crate) fn trampoline(&mut self, name: &Rc<str>) -> Rc<crate::vm::Code> {
        use crate::vm::{Code, CodeBody, CodeKind, Op};
        let source = self.sched.source_for_natives.clone();
        self.sched
            .trampolines
            .entry(name.clone())
            .or_insert_with(|| {
                let span = crate::syntax::Span::default();
                let body = Arc::new(CodeBody {
                    name: Arc::from(&**name),
                    kind: CodeKind::Task,
                    params: vec![Arc::from("coro")].into_boxed_slice(),
                    n_required: 1,
                    n_locals: 1,
                    max_stack: 1,
                    ops: vec![Op::LoadLocal(0), Op::Await, Op::Return].into_boxed_slice(),
                    spans: vec![span; 3].into_boxed_slice(),
                    constants: Box::new([]),
                    captures: Box::new([]),
                    varargs: false,
                    varkw: false,
                    plain_arity: 1,
                    sites: Box::new([]),
                    syms: Box::new([]),
                    catch_kinds: Box::new([]),
                    formats: Box::new([]),
                    source,
                    span,
                });
                Rc::new(Code::instantiate(&body, &|_| Value::None))
            })
            .clone()
    }
}
