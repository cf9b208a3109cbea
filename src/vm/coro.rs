//! Coroutine and async generator objects: a call of a `task`, not yet (or no longer) running.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use smallvec::SmallVec;

use super::code::{Code, Site};
use super::frame::{Frame, Handler};
use super::release::release;
use super::value::Value;
use crate::rt::{Event, Events};

/// Arguments kept inline for the common short calls.
pub type ArgVec = SmallVec<[Value; 4]>;

/// What calling a `task` returns: the call, waiting to be awaited or spawned.
pub struct Coro {
    pub code: Rc<Code>,
    /// The arguments until the coroutine starts; `None` once it has.
    args: RefCell<Option<ArgVec>>,
    /// Where it was created, for the never-awaited warning.
    pub origin: Site,
    events: Events,
}

impl Coro {
    pub fn new(code: Rc<Code>, args: ArgVec, origin: Site, events: Events) -> Coro {
        crate::rt::note_reportable();
        Coro {
            code,
            args: RefCell::new(Some(args)),
            origin,
            events,
        }
    }

    /// Takes the arguments to start running; `None` if it already started (a coroutine
    /// runs once).
    pub fn start(&self) -> Option<ArgVec> {
        self.args.borrow_mut().take()
    }
}

impl Drop for Coro {
    fn drop(&mut self) {
        if let Some(args) = self.args.get_mut().take() {
            self.events.borrow_mut().push(Event::NeverAwaited {
                name: self.code.name.clone(),
                origin: self.origin.clone(),
            });
            // A chain of coroutines each holding the one before must not recurse.
            release(args);
        }
    }
}

/// Where an async generator is in its life.
pub enum GenState {
    Created(ArgVec),
    /// Parked at a `yield`: its frame, the values it had on the stack, and its active
    /// `try` handlers.
    Suspended {
        frame: Frame,
        stack: Vec<Value>,
        handlers: thin_vec::ThinVec<Handler>,
    },
    Running,
    Done,
}

/// Async generators dropped while suspended, waiting for the loop to close them.
pub type Finalizers = Rc<RefCell<Vec<Rc<AsyncGen>>>>;

/// What calling a `task` whose body yields returns; `for await` drives it.
pub struct AsyncGen {
    pub code: Rc<Code>,
    pub state: RefCell<GenState>,
    /// A buffer kept between suspensions so a yield does not allocate.
    pub spare: Cell<Vec<Value>>,
    /// Set while `GeneratorExit` is being thrown in to close it.
    pub closing: Cell<bool>,
    /// Where to hand it if it is dropped while suspended: like CPython's finalizer hook,
    /// the loop then closes it in a task of its own, so its `finally` blocks run.
    finalizers: std::rc::Weak<RefCell<Vec<Rc<AsyncGen>>>>,
}

impl AsyncGen {
    pub fn new(code: Rc<Code>, args: ArgVec, finalizers: &Finalizers) -> AsyncGen {
        AsyncGen {
            code,
            state: RefCell::new(GenState::Created(args)),
            spare: Cell::new(Vec::new()),
            closing: Cell::new(false),
            finalizers: Rc::downgrade(finalizers),
        }
    }
}

impl Drop for AsyncGen {
    fn drop(&mut self) {
        if !matches!(self.state.get_mut(), GenState::Suspended { .. }) {
            release(std::mem::replace(self.state.get_mut(), GenState::Done));
            return;
        }
        let Some(queue) = self.finalizers.upgrade() else {
            release(std::mem::replace(self.state.get_mut(), GenState::Done));
            return;
        };
        let state = std::mem::replace(self.state.get_mut(), GenState::Done);
        let heir = Rc::new(AsyncGen {
            code: self.code.clone(),
            state: RefCell::new(state),
            spare: Cell::new(Vec::new()),
            closing: Cell::new(false),
            finalizers: self.finalizers.clone(),
        });
        if let Ok(mut queue) = queue.try_borrow_mut() {
            queue.push(heir);
        }
    }
}
