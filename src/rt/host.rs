//! Host operations: work that runs off the loop's thread (an HTTP request on the I/O
//! runtime) and ends by sending its result back through the loop's inbox.
//!
//! A script awaits a host operation through a private [`Future`] that the loop completes
//! when the result arrives, so the task wakes one hop later, as a task awaiting an asyncio
//! future completed by a transport's callback does. Cancelling that future (`t.cancel()`,
//! `wait_for`, Ctrl-C) aborts the operation at once, and a run that ends aborts every
//! operation still in flight rather than waiting for it.
//!
//! **Invariant:** values are made on the loop's thread. The other side sends a `Send`
//! closure ([`Finish`]) that builds the result there.

// Only `fetch` starts host operations so far, and without the `http` feature nothing does.
#![cfg_attr(not(feature = "http"), allow(dead_code))]

use std::collections::HashMap;
use std::rc::Rc;

use super::drive::Wake;
use super::event_loop::Rt;
use super::task::{Fut, FutState, Future, complete};
use crate::vm::{Exc, Value};

/// Builds an operation's result; sent from any thread, run on the loop's.
pub type Finish = Box<dyn FnOnce() -> Result<Value, Exc> + Send>;

/// Stops an operation still in flight; run on the loop's thread.
pub type Abort = Box<dyn FnOnce()>;

/// Hands an operation's result back to the loop, from any thread.
pub struct Completer {
    id: u64,
    tx: async_channel::Sender<Wake>,
}

impl Completer {
    /// Sends the result. If the run has ended (or the operation was aborted) it is dropped.
    pub fn finish(self, finish: Finish) {
        let _ = self.tx.try_send(Wake::HostDone {
            id: self.id,
            finish,
        });
    }
}

struct Pending {
    fut: Rc<Future>,
    abort: Abort,
}

/// The host operations of one run that have not finished.
#[derive(Default)]
pub struct HostOps {
    next_id: u64,
    pending: HashMap<u64, Pending>,
}

impl HostOps {
    /// Whether any operation is in flight (a run with one is waiting, not stuck).
    pub fn is_busy(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Aborts the operation behind `fut`, if it is one; true if it was in flight.
    pub fn abort(&mut self, fut: &Future) -> bool {
        match fut.host_op.get().and_then(|id| self.pending.remove(&id)) {
            Some(op) => {
                (op.abort)();
                true
            }
            None => false,
        }
    }

    /// Aborts everything in flight: the run is over.
    pub fn abort_all(&mut self) {
        for (_, op) in self.pending.drain() {
            (op.abort)();
        }
    }
}

impl Drop for HostOps {
    fn drop(&mut self) {
        self.abort_all();
    }
}

impl Rt {
    /// Starts a host operation and returns the future that its result will complete.
    /// `start` gets the completer to call when done and returns how to abort it.
    pub fn start_host(
        &mut self,
        start: impl FnOnce(Completer) -> Result<Abort, Exc>,
    ) -> Result<Rc<Future>, Exc> {
        let id = self.host.next_id;
        self.host.next_id += 1;
        let abort = start(Completer {
            id,
            tx: self.inbox_tx.clone(),
        })?;
        let fut = Future::new();
        fut.host_op.set(Some(id));
        self.host.pending.insert(
            id,
            Pending {
                fut: fut.clone(),
                abort,
            },
        );
        Ok(fut)
    }

    /// A result arrived: complete its future, which queues whoever awaits it.
    pub(crate) fn finish_host(&mut self, id: u64, finish: Finish) {
        // An operation aborted (cancelled) after its result was sent: nobody wants it.
        let Some(op) = self.host.pending.remove(&id) else {
            return;
        };
        let state = match finish() {
            Ok(value) => FutState::Done(value),
            Err(exc) => FutState::Failed(exc),
        };
        complete(&Fut::Future(op.fut), state, &mut self.ready);
    }
}
