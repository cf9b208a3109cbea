//! `TaskGroup()`: CPython 3.11's `asyncio.TaskGroup`. `async with TaskGroup() as tg`
//! waits at the end of the block for every task spawned with `tg.spawn(coro)`; when one
//! fails, the others and the block's body are cancelled, and the block raises an
//! `ExceptionGroup` of the failures.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::awaitable::{Awaitable, Continuation, Next, Started, wait_on};
use super::event_loop::Rt;
use super::sync::{coroutine, done, runtime_error, set_result, waiter};
use super::task::{Callback, Fut, Future, Hook, Task, add_callback};
use crate::builtins::Args;
use crate::vm::{Exc, ExcKind, Exception, NativeObject, Site, Value};

/// A task group's state.
#[derive(Default)]
pub struct TaskGroup {
    entered: Cell<bool>,
    exiting: Cell<bool>,
    aborting: Cell<bool>,
    parent: RefCell<Option<Rc<Task>>>,
    parent_cancel_requested: Cell<bool>,
    tasks: RefCell<Vec<Rc<Task>>>,
    errors: RefCell<Vec<Exc>>,
    on_completed: RefCell<Option<Rc<Future>>>,
}

/// `TaskGroup()` as a script sees it.
pub struct TaskGroupObj(pub Rc<TaskGroup>);

/// `_on_task_done`, attached to every member.
struct OnTaskDone(Rc<TaskGroup>);

impl Hook for OnTaskDone {
    fn run(&self, rt: &mut Rt, fut: Option<&Fut>) {
        if let Some(Fut::Task(task)) = fut {
            self.0.on_task_done(rt, task);
        }
    }
}

impl TaskGroup {
    fn repr(&self) -> String {
        let mut info = String::new();
        let tasks = self.tasks.borrow().len();
        if tasks > 0 {
            info.push_str(&format!(" tasks={tasks}"));
        }
        let errors = self.errors.borrow().len();
        if errors > 0 {
            info.push_str(&format!(" errors={errors}"));
        }
        if self.aborting.get() {
            info.push_str(" cancelling");
        } else if self.entered.get() {
            info.push_str(" entered");
        }
        format!("<TaskGroup{info}>")
    }

    fn abort(&self, rt: &mut Rt) {
        self.aborting.set(true);
        let tasks = self.tasks.borrow().clone();
        for task in tasks {
            if !task.done() {
                rt.cancel_task(&task, None);
            }
        }
    }

    fn on_task_done(&self, rt: &mut Rt, task: &Rc<Task>) {
        self.tasks.borrow_mut().retain(|t| !Rc::ptr_eq(t, task));
        let on_completed = self.on_completed.borrow().clone();
        if let Some(fut) = on_completed
            && self.tasks.borrow().is_empty()
            && !done(&fut)
        {
            set_result(rt, &fut, Value::Bool(true));
        }
        let member = Fut::Task(task.clone());
        if member.cancelled() {
            return;
        }
        let Ok(Some(error)) = member.exception() else {
            return;
        };
        self.errors.borrow_mut().push(error);
        let parent = self.parent.borrow().clone();
        let Some(parent) = parent else {
            return;
        };
        if parent.done() {
            return;
        }
        if !self.aborting.get() && !self.parent_cancel_requested.get() {
            self.abort(rt);
            self.parent_cancel_requested.set(true);
            rt.cancel_task(&parent, None);
        }
    }

    /// `tg.spawn(coro, name = none)`: `create_task`.
    fn spawn(
        self: &Rc<Self>,
        rt: &mut Rt,
        coro: &Value,
        name: Option<Rc<str>>,
        site: &Site,
    ) -> Result<Value, Exc> {
        if !self.entered.get() {
            return Err(runtime_error(&format!(
                "TaskGroup {} has not been entered",
                self.repr()
            )));
        }
        if self.exiting.get() && self.tasks.borrow().is_empty() {
            return Err(runtime_error(&format!(
                "TaskGroup {} is finished",
                self.repr()
            )));
        }
        if self.aborting.get() {
            return Err(runtime_error(&format!(
                "TaskGroup {} is shutting down",
                self.repr()
            )));
        }
        let value = crate::vm::call::spawn(rt, coro, name, site.clone())?;
        let Value::Task(task) = &value else {
            return Err(crate::vm::type_error("a task group spawns coroutines"));
        };
        add_callback(
            &Fut::Task(task.clone()),
            Callback::hook(Rc::new(OnTaskDone(self.clone()))),
            &mut rt.sched.ready,
        );
        self.tasks.borrow_mut().push(task.clone());
        Ok(value)
    }
}

/// `__aexit__`: waits for every member, then raises what the block and the members did.
struct Exit {
    group: Rc<TaskGroup>,
    /// The exception that left the block, if one did.
    exc: Option<Exc>,
    /// The cancellation to raise at the end, if nothing else is to be raised.
    propagate: Option<Exc>,
}

impl Awaitable for Exit {
    fn start(mut self: Box<Self>, rt: &mut Rt, _site: &Site) -> Result<Started, Exc> {
        let group = self.group.clone();
        group.exiting.set(true);
        self.propagate = self
            .exc
            .clone()
            .filter(|e| e.kind == ExcKind::CancelledError);
        if group.parent_cancel_requested.get() {
            let parent = group.parent.borrow().clone();
            if parent.is_some_and(|p| p.uncancel() == 0) {
                self.propagate = None;
            }
        }
        if self.exc.is_some() && !group.aborting.get() {
            group.abort(rt);
        }
        Ok(match self.wait_or_finish() {
            Next::Resume(Ok(v)) => Started::Ready(v),
            Next::Resume(Err(e)) => return Err(e),
            Next::Block(waiter) => Started::Block(waiter),
        })
    }
}

impl Exit {
    fn wait_or_finish(self: Box<Self>) -> Next {
        let group = self.group.clone();
        if group.tasks.borrow().is_empty() {
            return Next::Resume(self.finish());
        }
        let fut = group
            .on_completed
            .borrow_mut()
            .get_or_insert_with(waiter)
            .clone();
        Next::Block(wait_on(&fut, Waiting(self)))
    }

    fn finish(&self) -> Result<Value, Exc> {
        let group = &self.group;
        if let Some(cancel) = &self.propagate
            && group.errors.borrow().is_empty()
        {
            return Err(cancel.clone());
        }
        if let Some(e) = &self.exc
            && e.kind != ExcKind::CancelledError
        {
            group.errors.borrow_mut().push(e.clone());
        }
        let errors = std::mem::take(&mut *group.errors.borrow_mut());
        if errors.is_empty() {
            return Ok(Value::None);
        }
        Err(Exception::group("unhandled errors in a TaskGroup", errors))
    }
}

struct Waiting(Box<Exit>);

impl Continuation for Waiting {
    fn resume(self: Box<Self>, rt: &mut Rt, outcome: Result<Value, Exc>) -> Next {
        let mut exit = self.0;
        let group = exit.group.clone();
        if let Err(e) = outcome
            && e.kind == ExcKind::CancelledError
            && !group.aborting.get()
        {
            // The task owning the group is being cancelled from outside.
            exit.propagate = Some(e);
            group.abort(rt);
        }
        *group.on_completed.borrow_mut() = None;
        exit.wait_or_finish()
    }
}

impl NativeObject for TaskGroupObj {
    fn type_name(&self) -> &'static str {
        "TaskGroup"
    }
    fn repr(&self) -> String {
        self.0.repr()
    }
    fn call(
        &self,
        rt: &mut Rt,
        name: &str,
        args: &Args<'_>,
        site: &Site,
    ) -> Option<Result<Value, Exc>> {
        let result = match name {
            "spawn" | "create_task" => args.accept(1, 1, &["name"]).and_then(|()| {
                let name = match args.kw("name") {
                    None | Some(Value::None) => None,
                    Some(Value::Str(s)) => Some(s.to_rc()),
                    Some(other) => {
                        return Err(crate::vm::type_error(format!(
                            "a task's name must be a string, not '{}'",
                            other.type_name()
                        )));
                    }
                };
                self.0.spawn(rt, &args.pos[0], name, site)
            }),
            _ => return None,
        };
        Some(result)
    }
    fn enter(&self, rt: &mut Rt, _site: &Site) -> Option<Result<Value, Exc>> {
        let group = &self.0;
        if group.entered.get() {
            return Some(Err(runtime_error(&format!(
                "TaskGroup {} has already been entered",
                group.repr()
            ))));
        }
        let Some(parent) = rt.sched.current.clone() else {
            return Some(Err(runtime_error(&format!(
                "TaskGroup {} cannot determine the parent task",
                group.repr()
            ))));
        };
        *group.parent.borrow_mut() = Some(parent);
        group.entered.set(true);
        Some(Ok(Value::Native(Rc::new(TaskGroupObj(group.clone())))))
    }
    fn exit(&self, rt: &mut Rt, exc: Option<Exc>, site: &Site) -> Option<Result<Value, Exc>> {
        let exit = Exit {
            group: self.0.clone(),
            exc,
            propagate: None,
        };
        Some(Ok(coroutine(rt, exit, "__aexit__", site)))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
