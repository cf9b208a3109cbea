//! `timeout(delay)` and `timeout_at(when)`: CPython 3.11's `asyncio.Timeout`. Entering it
//! schedules a callback that cancels the task at the deadline; leaving it after that
//! turns the task's `CancelledError` into `TimeoutError`, unless someone else asked for a
//! cancellation too (the task's `cancelling()` count says).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::Duration;

use super::event_loop::{Ready, Rt};
use super::task::{Fut, Hook, Task};
use super::timer::TimerAction;
use crate::builtins::Args;
use crate::vm::{Exc, ExcKind, NativeObject, Site, Value, exc};

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Created,
    Entered,
    Expiring,
    Expired,
    Exited,
}

/// A timeout's state.
pub struct Timeout {
    state: Cell<State>,
    /// The deadline on the `now()` clock; `None` never expires.
    when: Cell<Option<f64>>,
    task: RefCell<Option<Rc<Task>>>,
    /// The task's `cancelling()` when the block was entered.
    cancelling: Cell<u32>,
    handler: RefCell<Option<Rc<Handler>>>,
}

/// `timeout(...)` as a script sees it.
pub struct TimeoutObj(pub Rc<Timeout>);

/// The scheduled `_on_timeout`.
struct Handler {
    timeout: Weak<Timeout>,
    cancelled: Cell<bool>,
}

impl Hook for Handler {
    fn run(&self, rt: &mut Rt, _: Option<&Fut>) {
        if self.cancelled.get() {
            return;
        }
        if let Some(timeout) = self.timeout.upgrade() {
            timeout.on_timeout(rt);
        }
    }
    fn is_live(&self) -> bool {
        !self.cancelled.get() && self.timeout.strong_count() > 0
    }
}

impl Timeout {
    pub fn new(when: Option<f64>) -> Timeout {
        Timeout {
            state: Cell::new(State::Created),
            when: Cell::new(when),
            task: RefCell::new(None),
            cancelling: Cell::new(0),
            handler: RefCell::new(None),
        }
    }

    fn on_timeout(&self, rt: &mut Rt) {
        if let Some(task) = self.task.borrow().clone() {
            rt.cancel_task(&task, None);
        }
        self.state.set(State::Expiring);
        *self.handler.borrow_mut() = None;
    }

    fn cancel_handler(&self) {
        if let Some(handler) = self.handler.borrow_mut().take() {
            handler.cancelled.set(true);
        }
    }

    /// `reschedule(when)`: moves the deadline of an entered timeout.
    fn reschedule(self: &Rc<Self>, rt: &mut Rt, when: Option<f64>) -> Result<(), Exc> {
        match self.state.get() {
            State::Entered => {}
            State::Created => {
                return Err(exc(ExcKind::RuntimeError, "Timeout has not been entered"));
            }
            other => {
                return Err(exc(
                    ExcKind::RuntimeError,
                    format!("Cannot change state of {} Timeout", state_name(other)),
                ));
            }
        }
        self.when.set(when);
        self.cancel_handler();
        let Some(when) = when else {
            return Ok(());
        };
        let handler = Rc::new(Handler {
            timeout: Rc::downgrade(self),
            cancelled: Cell::new(false),
        });
        *self.handler.borrow_mut() = Some(handler.clone());
        if when <= rt.now() {
            rt.sched.ready.push_back(Ready::Hook(handler));
        } else {
            let at = rt.host.epoch + Duration::from_secs_f64(when.clamp(0.0, 3.0e9));
            rt.sched.timers.push(at, TimerAction::Hook(handler));
        }
        Ok(())
    }
}

fn state_name(state: State) -> &'static str {
    match state {
        State::Created => "created",
        State::Entered => "active",
        State::Expiring => "expiring",
        State::Expired => "expired",
        State::Exited => "finished",
    }
}

impl NativeObject for TimeoutObj {
    fn type_name(&self) -> &'static str {
        "Timeout"
    }
    fn repr(&self) -> String {
        let t = &self.0;
        match (t.state.get(), t.when.get()) {
            (State::Entered, Some(when)) => format!(
                "<Timeout [active] when={}>",
                crate::vm::format::float_repr((when * 1000.0).round() / 1000.0)
            ),
            (State::Entered, None) => "<Timeout [active] when=none>".to_owned(),
            (state, _) => format!("<Timeout [{}]>", state_name(state)),
        }
    }
    fn call(
        &self,
        rt: &mut Rt,
        name: &str,
        args: &Args<'_>,
        _site: &Site,
    ) -> Option<Result<Value, Exc>> {
        let result = match name {
            "when" => args
                .accept(0, 0, &[])
                .map(|()| self.0.when.get().map_or(Value::None, Value::Float)),
            "expired" => args.accept(0, 0, &[]).map(|()| {
                Value::Bool(matches!(
                    self.0.state.get(),
                    State::Expiring | State::Expired
                ))
            }),
            "reschedule" => args.accept(1, 1, &[]).and_then(|()| {
                let when = deadline_arg(&args.pos[0], "reschedule()")?;
                self.0.reschedule(rt, when).map(|()| Value::None)
            }),
            _ => return None,
        };
        Some(result)
    }
    fn enter(&self, rt: &mut Rt, _site: &Site) -> Option<Result<Value, Exc>> {
        let t = &self.0;
        if t.state.get() != State::Created {
            return Some(Err(exc(
                ExcKind::RuntimeError,
                "Timeout has already been entered",
            )));
        }
        let Some(task) = rt.sched.current.clone() else {
            return Some(Err(exc(
                ExcKind::RuntimeError,
                "Timeout should be used inside a task",
            )));
        };
        t.state.set(State::Entered);
        t.cancelling.set(task.cancelling());
        *t.task.borrow_mut() = Some(task);
        Some(
            t.reschedule(rt, t.when.get())
                .map(|()| Value::Native(Rc::new(TimeoutObj(t.clone())))),
        )
    }
    fn exit(&self, _rt: &mut Rt, exc_in: Option<Exc>, _site: &Site) -> Option<Result<Value, Exc>> {
        let t = &self.0;
        t.cancel_handler();
        match t.state.get() {
            State::Expiring => {
                t.state.set(State::Expired);
                let left = t.task.borrow().as_ref().map_or(0, |task| task.uncancel());
                let was_cancel = exc_in
                    .as_ref()
                    .is_some_and(|e| e.kind == ExcKind::CancelledError);
                if left <= t.cancelling.get() && was_cancel {
                    return Some(Err(exc(ExcKind::TimeoutError, "")));
                }
            }
            State::Entered => t.state.set(State::Exited),
            _ => {}
        }
        Some(Ok(Value::None))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A deadline on the `now()` clock, or `none`.
pub fn deadline_arg(value: &Value, what: &str) -> Result<Option<f64>, Exc> {
    match value {
        Value::None => Ok(None),
        v => crate::vm::ops::seconds(v, what).map(Some),
    }
}
