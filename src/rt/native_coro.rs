//! Coroutines that builtins return (`sleep(1)`, `wait(ts)`, `wait_for(aw, t)`) when they are
//! not awaited at once: like a task's coroutine, each runs once and warns if never awaited.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::awaitable::Awaitable;
use super::{Event, Events};
use crate::vm::{NativeObject, Site};

pub enum NativeKind {
    /// A primitive of the runtime: `sleep`, `wait`, `fetch`, `q.get()`... (`rt::awaitable`).
    Op(Box<dyn Awaitable>),
    /// `agen.aclose()`: throw `GeneratorExit` in at the generator's `yield` (the VM does
    /// it: it resumes the generator's frame).
    AClose(Rc<crate::vm::AsyncGen>),
}

impl NativeKind {
    /// A primitive of the runtime.
    pub fn op(awaitable: impl Awaitable + 'static) -> NativeKind {
        NativeKind::Op(Box::new(awaitable))
    }
}

pub struct NativeCoro {
    kind: RefCell<Option<NativeKind>>,
    name: Rc<str>,
    origin: Site,
    started: Cell<bool>,
    events: Events,
}

impl NativeCoro {
    pub fn new(
        kind: NativeKind,
        name: impl Into<Rc<str>>,
        origin: Site,
        events: Events,
    ) -> NativeCoro {
        let name = name.into();
        super::note_reportable();
        NativeCoro {
            kind: RefCell::new(Some(kind)),
            name,
            origin,
            started: Cell::new(false),
            events,
        }
    }

    pub fn name(&self) -> &Rc<str> {
        &self.name
    }

    /// Takes the operation to start it; `None` if it already ran.
    pub fn take(&self) -> Option<NativeKind> {
        self.started.set(true);
        self.kind.borrow_mut().take()
    }

    /// Marks it as handed to a task (which will take it), so it does not warn.
    pub fn mark_started(&self) {
        self.started.set(true);
    }
}

impl NativeObject for NativeCoro {
    fn type_name(&self) -> &'static str {
        "coroutine"
    }
    fn repr(&self) -> String {
        format!("<coroutine {}>", self.name)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Drop for NativeCoro {
    fn drop(&mut self) {
        if !self.started.get() {
            self.events.borrow_mut().push(Event::NeverAwaited {
                name: self.name.clone(),
                origin: self.origin.clone(),
            });
        }
    }
}
