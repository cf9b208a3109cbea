//! Driving the loop as a future: run iterations while work is ready; when idle, park on
//! smol's reactor until the next timer or a wake from another thread (Ctrl-C, I/O).
//!
//! Because the whole run is one future, it runs inside `async_io::block_on` (the CLI) or
//! inside a host's executor, and smol's I/O types work inside tasks.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use async_io::Timer;
use futures_lite::Stream;

use super::event_loop::Rt;

/// A wake from outside the loop's thread.
pub enum Wake {
    Interrupt,
    /// A host operation (a `fetch`) is done; the closure makes its result.
    #[cfg_attr(not(feature = "http"), allow(dead_code))]
    HostDone {
        id: u64,
        finish: super::host::Finish,
    },
    /// An async host function's future was woken: poll it again.
    Poll(u64),
}

/// Stops a run from any thread, at one of two strengths.
///
/// [`interrupt`](InterruptHandle::interrupt) is Ctrl-C: every task is cancelled once, at
/// the `await` it is suspended in (a task running a loop that never awaits gets it within
/// about a thousand loop iterations or calls), its `finally` blocks run to their end, and
/// the run ends as interrupted. [`terminate`](InterruptHandle::terminate) is a hard stop:
/// no more script code runs, nothing in the script can catch it, and the run ends as soon
/// as the running step reaches its next check (the same thousand iterations).
#[derive(Clone, Debug)]
pub struct InterruptHandle {
    pub(crate) flag: Arc<AtomicU8>,
    pub(crate) tx: async_channel::Sender<Wake>,
}

/// [`InterruptHandle`]'s states, strongest last.
pub(crate) const RUNNING: u8 = 0;
pub(crate) const INTERRUPTED: u8 = 1;
pub(crate) const TERMINATED: u8 = 2;

impl InterruptHandle {
    /// Ctrl-C: cancels every task, once; their cleanup runs.
    pub fn interrupt(&self) {
        let _ =
            self.flag
                .compare_exchange(RUNNING, INTERRUPTED, Ordering::SeqCst, Ordering::SeqCst);
        let _ = self.tx.try_send(Wake::Interrupt);
    }

    /// A hard stop: no more script code runs.
    pub fn terminate(&self) {
        self.flag.store(TERMINATED, Ordering::SeqCst);
        let _ = self.tx.try_send(Wake::Interrupt);
    }

    /// Whether `interrupt` or `terminate` was called.
    pub fn is_interrupted(&self) -> bool {
        self.flag.load(Ordering::SeqCst) != RUNNING
    }

    /// Whether `terminate` was called.
    pub fn is_terminated(&self) -> bool {
        self.flag.load(Ordering::SeqCst) == TERMINATED
    }
}

/// How long the loop runs before it lets the host's executor poll other futures.
const SLICE: Duration = Duration::from_millis(2);

/// How many iterations run between two looks at the clock for [`SLICE`].
const SLICE_CHECK_EVERY: u32 = 16;

/// The shortest time the loop waits when it goes idle with a timer pending: timers due
/// sooner wake together, up to this late. Without it a loop whose timers are microseconds
/// apart spends its whole wait waking (all of a CPU for 10,000 sleepers); asyncio's
/// selector rounds its waits up to whole milliseconds for the same effect.
pub const MIN_PARK: Duration = Duration::from_micros(100);

/// What a drive waits for.
pub enum Until {
    /// Every task is done: a whole run (`asyncio.run`), async generators closed at the end.
    AllDone,
    /// This task is done (a call, an entry): the others stay as they are.
    Task(Rc<super::Task>),
    /// Never (the REPL's idle loop, raced against input): it ends only when the run is
    /// stopped or nothing can run.
    Forever,
}

/// The future that runs the loop until what it waits for is done, the run is stopped, or
/// nothing can progress.
pub struct Drive<'a> {
    rt: &'a mut Rt,
    until: Until,
    timer: Option<Timer>,
    /// The deadline `timer` is set to: setting it again re-registers it with the reactor
    /// and notifies the reactor's thread, so it is set only when it changes.
    timer_at: Option<Instant>,
    /// Whether the tasks left stuck after main were cancelled ([`Drive::cancel_leftovers`]).
    leftovers_cancelled: bool,
}

impl<'a> Drive<'a> {
    pub fn new(rt: &'a mut Rt, until: Until) -> Drive<'a> {
        Drive {
            rt,
            until,
            timer: None,
            leftovers_cancelled: false,
            timer_at: None,
        }
    }

    /// Whether the drive is over.
    fn done(&mut self) -> bool {
        match &self.until {
            Until::AllDone => {
                self.rt.close_open_generators();
                self.rt.finished()
            }
            Until::Task(task) => task.done() || self.rt.host.stop.is_some(),
            Until::Forever => self.rt.host.stop.is_some(),
        }
    }
}

impl Future for Drive<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        // Each poll gets a whole slice before the host has its thread back.
        this.rt.host.slice_left = this.rt.host.config.slice.min(i64::MAX as u64) as i64;
        // What the script allocates while it runs is charged to the run.
        let charging = this.rt.host.memory.begin();
        let poll = this.poll_loop(cx);
        this.rt.host.memory.end(charging);
        poll
    }
}

impl Drive<'_> {
    /// Main is done and the tasks left can never run again (workers blocked in `q.get()`
    /// after main joined the queue, the usual asyncio ending): they are cancelled, once, as
    /// `asyncio.run` cancels what is left when main returns, and their cleanup runs.
    /// Returns whether there was anything to cancel.
    fn cancel_leftovers(&mut self) -> bool {
        if !matches!(self.until, Until::AllDone) || self.leftovers_cancelled {
            return false;
        }
        let main_done = self.rt.sched.main.as_ref().is_none_or(|m| m.done());
        if !main_done || self.rt.all_tasks().is_empty() {
            return false;
        }
        self.leftovers_cancelled = true;
        self.rt.cancel_all(None);
        true
    }

    fn poll_loop(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        let this = self;
        let slice_start = Instant::now();
        let mut iterations: u32 = 0;
        loop {
            this.rt.drain_inbox();
            if this.done() {
                this.rt.deliver_events();
                return Poll::Ready(());
            }
            this.rt.run_once();
            this.rt.deliver_events();
            if this.done() {
                return Poll::Ready(());
            }
            if this.rt.sched.preempted.is_some() {
                // The step used up its slice: the host gets its thread back, and the step
                // goes on at the next poll.
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
            if let Some(at) = this.rt.host.deadline
                && Instant::now() >= at
            {
                this.rt.host.stop.get_or_insert(super::Stop::Timeout);
                return Poll::Ready(());
            }
            if this.rt.has_ready() {
                // The clock is read every few iterations, not every one: see run_once.
                iterations = iterations.wrapping_add(1);
                if iterations % SLICE_CHECK_EVERY == 0 && slice_start.elapsed() >= SLICE {
                    cx.waker().wake_by_ref();
                    return Poll::Pending;
                }
                continue;
            }
            // Idle: nothing runs until a timer fires or a wake arrives (or the time limit).
            let deadline = match (this.rt.next_deadline(), this.rt.host.deadline) {
                (Some(timer), Some(limit)) => Some(timer.min(limit)),
                (timer, limit) => timer.or(limit),
            };
            if deadline.is_none() && !this.rt.interrupt_pending() && !this.rt.host.ops.is_busy() {
                if this.cancel_leftovers() {
                    continue;
                }
                // Nothing can ever wake the pending tasks: the run is stuck.
                return Poll::Ready(());
            }
            this.rt.flush_out();
            if this.rt.poll_inbox(cx) {
                continue;
            }
            if let Some(deadline) = deadline {
                // Deadlines a few microseconds apart (10,000 sleepers) would each cost a
                // round trip through the reactor: batch them instead. No timer fires early.
                let deadline = deadline.max(Instant::now() + MIN_PARK);
                let timer = this.timer.get_or_insert_with(Timer::never);
                if this.timer_at != Some(deadline) {
                    timer.set_at(deadline);
                    this.timer_at = Some(deadline);
                }
                if Pin::new(timer).poll(cx).is_ready() {
                    // A fired timer is unset: the next wait must set it again.
                    this.timer_at = None;
                    continue;
                }
            }
            this.rt.host.parks += 1;
            return Poll::Pending;
        }
    }
}

impl Rt {
    /// Takes the wakes that arrived from other threads.
    pub(crate) fn drain_inbox(&mut self) {
        while let Ok(wake) = self.host.inbox_rx.as_ref().try_recv() {
            match wake {
                Wake::Interrupt => {}
                Wake::HostDone { id, finish } => self.finish_host(id, finish),
                Wake::Poll(id) => self.poll_local(id),
            }
        }
    }

    /// Registers the waker for wakes from other threads; true if one is already there.
    fn poll_inbox(&mut self, cx: &mut Context<'_>) -> bool {
        match self.host.inbox_rx.as_mut().poll_next(cx) {
            Poll::Ready(Some(Wake::HostDone { id, finish })) => {
                self.finish_host(id, finish);
                true
            }
            Poll::Ready(Some(Wake::Poll(id))) => {
                self.poll_local(id);
                true
            }
            Poll::Ready(Some(Wake::Interrupt)) => true,
            _ => false,
        }
    }

    fn interrupt_pending(&self) -> bool {
        self.host.interrupted.load(Ordering::Relaxed) != RUNNING
    }

    /// The interrupt has been dealt with (the drive it cancelled ended): the session can
    /// run again.
    pub(crate) fn interrupt_done(&mut self) {
        self.host.interrupted.store(RUNNING, Ordering::SeqCst);
        self.sched.interrupt_handled = false;
    }

    pub fn interrupt_handle(&self) -> InterruptHandle {
        InterruptHandle {
            flag: self.host.interrupted.clone(),
            tx: self.host.inbox_tx.clone(),
        }
    }

    /// Flushes printed output. After a failed write nothing more is tried: the buffer
    /// would only fail again.
    pub(crate) fn flush_out(&mut self) {
        self.host.unflushed_since = None;
        if self.host.output_error.is_some() {
            return;
        }
        if let Err(e) = std::io::Write::flush(&mut self.host.out) {
            self.output_failed(e);
        }
    }
}
