//! A session as an interactive host steers it between entries (the REPL is this): the
//! loop kept running while the host waits for its user, the live tasks listed and one
//! cancelled by name, every task ended at the close, and what is in scope for completion.

use std::rc::Rc;

use super::Session;
use crate::rt::task::{Fut, WaitOn};
use crate::rt::{Task, Until};
use crate::vm;

/// A live task, as [`Session::tasks`] lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskInfo {
    /// Its name (`Task-3`, or the one `spawn` gave it).
    pub name: String,
    /// What it waits on: `sleep`, `task 'worker'`, `a future`; `ready` when it is queued
    /// to run and `not started` before its first step.
    pub waits_on: String,
    /// Where it is suspended, if it has run: the source's name, the 1-based line, and
    /// that line's text.
    pub at: Option<(String, usize, String)>,
}

impl Session {
    /// Runs the session's tasks while the host waits for `wake` (the REPL's next line of
    /// input), and returns what `wake` gives. Tasks spawned by earlier entries go on
    /// printing meanwhile; with nothing left to run, this only waits. The time limit
    /// (`Engine::with_timeout`) does not count this waiting; the budget still counts
    /// what the tasks run.
    pub async fn idle_until<T>(&mut self, wake: impl std::future::Future<Output = T>) -> T {
        let mut wake = std::pin::pin!(wake);
        if self.dead.is_none() {
            let woke = async { Some(wake.as_mut().await) };
            let ran_dry = async {
                self.drive(Until::Forever).await;
                None
            };
            if let Some(value) = futures_lite::future::or(woke, ran_dry).await {
                return value;
            }
        }
        wake.await
    }

    /// Every task that is not done, oldest first (the main body's own task included while
    /// an entry runs).
    pub fn tasks(&self) -> Vec<TaskInfo> {
        self.rt
            .all_tasks()
            .iter()
            .map(|task| TaskInfo {
                name: task.name().to_string(),
                waits_on: waits_on(task),
                at: task.waiting_at().map(|site| {
                    let source = &site.code.source;
                    let span = site.span();
                    let location = crate::report::location(source, span.start as usize, 0);
                    let text = source
                        .text
                        .lines()
                        .nth(location.line - 1)
                        .unwrap_or("")
                        .trim()
                        .to_owned();
                    (source.name.to_string(), location.line, text)
                }),
            })
            .collect()
    }

    /// Cancels the live task named `name` (asyncio's `task.cancel()`): its cleanup runs
    /// the next time the loop does. False if there is no such task.
    pub fn cancel_task(&mut self, name: &str) -> bool {
        let found = self.rt.all_tasks().into_iter().find(|t| &*t.name() == name);
        match found {
            Some(task) => self.rt.cancel_task(&task, None),
            None => false,
        }
    }

    /// Cancels every task still pending and runs the loop until their `finally` blocks are
    /// done (or nothing can run): the end of an interactive session, as `asyncio.run`
    /// ends with what main left.
    pub async fn cancel_all_tasks(&mut self) {
        if self.dead.is_some() || self.rt.all_tasks().is_empty() {
            return;
        }
        self.rt.cancel_all(None);
        self.drive(Until::AllDone).await;
    }

    /// The bytecode of the `fn` or `task` the global `name` holds, as `runner --dump`
    /// shows it.
    pub fn disassemble(&self, name: &str) -> Option<String> {
        let slot = self.global_slot(name).ok()?;
        match self.rt.vars.globals.get(slot) {
            Some(vm::Value::Func(code)) => Some(code.disassemble()),
            _ => None,
        }
    }

    /// The names of the session's globals (its `let`s, `fn`s and `task`s so far).
    pub fn global_names(&self) -> Vec<String> {
        self.rt
            .vars
            .global_names
            .iter()
            .filter(|n| !n.starts_with('<'))
            .map(|n| n.to_string())
            .collect()
    }
}

fn waits_on(task: &Rc<Task>) -> String {
    if task.is_unstarted() {
        return "not started".to_owned();
    }
    match &task.waiter.borrow().on {
        WaitOn::Nothing => "ready".to_owned(),
        WaitOn::Sleep { .. } => "sleep".to_owned(),
        WaitOn::Fut(Fut::Task(t)) => format!("task '{}'", t.name()),
        WaitOn::Fut(Fut::Future(_)) => "a future".to_owned(),
    }
}
