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

// Only `fetch` starts operations on another thread (`start_host`), and without the `http`
// feature nothing does.
#![cfg_attr(not(feature = "http"), allow(dead_code))]

use std::collections::HashMap;
use std::rc::Rc;

use super::drive::Wake;
use super::event_loop::Rt;
use super::task::{Fut, FutState, Future, complete};
use crate::api::HostFuture;
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

/// A future that runs on the loop's thread: an async host function's, a child process's,
/// a file operation's. It makes the script's value itself when it finishes.
pub type LocalFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Value, Exc>>>>;

/// A local future, pending: polled on the loop's thread when woken.
struct Local {
    future: LocalFuture,
    done: Rc<Future>,
}

/// The host operations of one run that have not finished.
#[derive(Default)]
pub struct HostOps {
    next_id: u64,
    pending: HashMap<u64, Pending>,
    local: HashMap<u64, Local>,
}

impl HostOps {
    /// Whether any operation is in flight (a run with one is waiting, not stuck).
    pub fn is_busy(&self) -> bool {
        !self.pending.is_empty() || !self.local.is_empty()
    }

    /// Aborts the operation behind `fut`, if it is one; true if it was in flight. A host
    /// function's future is dropped.
    pub fn abort(&mut self, fut: &Future) -> bool {
        let Some(id) = fut.host_op.get() else {
            return false;
        };
        if let Some(op) = self.pending.remove(&id) {
            (op.abort)();
            return true;
        }
        self.local.remove(&id).is_some()
    }

    /// Aborts everything in flight: the run is over.
    pub fn abort_all(&mut self) {
        for (_, op) in self.pending.drain() {
            (op.abort)();
        }
        self.local.clear();
    }
}

/// An async host function's call, waiting to be awaited: its future, polled on the loop's
/// thread from the first `await` on.
pub struct HostCoroutine(pub HostFuture);

impl super::awaitable::Awaitable for HostCoroutine {
    fn start(
        self: Box<Self>,
        rt: &mut Rt,
        site: &crate::vm::Site,
    ) -> Result<super::awaitable::Started, Exc> {
        let future = self.0;
        Box::new(LocalOp(Box::pin(async move { host_result(future.await) }))).start(rt, site)
    }
}

/// A local future awaited as a coroutine (`await run("make")`, `await read_file(p)`):
/// polled from the first `await` on; cancelling the task drops it.
pub struct LocalOp(pub LocalFuture);

impl super::awaitable::Awaitable for LocalOp {
    fn start(
        self: Box<Self>,
        rt: &mut Rt,
        _: &crate::vm::Site,
    ) -> Result<super::awaitable::Started, Exc> {
        use super::task::{WaitOn, Waiter};
        Ok(match rt.start_local(self.0) {
            Started::Ready(result) => super::awaitable::Started::Ready(result?),
            Started::Block(fut) => {
                super::awaitable::Started::Block(Waiter::on(WaitOn::Fut(Fut::Future(fut))))
            }
        })
    }
}

/// What awaiting a host function's future gave at once.
pub enum Started {
    /// It completed on its first poll.
    Ready(Result<Value, Exc>),
    /// It is pending: the task waits on this future, which the loop completes.
    Block(Rc<Future>),
}

/// Wakes the loop to poll future `id` again; any thread may wake it.
struct LocalWaker {
    id: u64,
    tx: async_channel::Sender<Wake>,
}

impl std::task::Wake for LocalWaker {
    fn wake(self: std::sync::Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &std::sync::Arc<Self>) {
        let _ = self.tx.try_send(Wake::Poll(self.id));
    }
}

fn host_result(result: Result<crate::api::Value, crate::api::Error>) -> Result<Value, Exc> {
    result.map(|v| v.0).map_err(|e| e.to_exc())
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
        let id = self.host.ops.next_id;
        self.host.ops.next_id += 1;
        let abort = start(Completer {
            id,
            tx: self.host.inbox_tx.clone(),
        })?;
        let fut = Future::new();
        fut.host_op.set(Some(id));
        self.host.ops.pending.insert(
            id,
            Pending {
                fut: fut.clone(),
                abort,
            },
        );
        Ok(fut)
    }

    /// Awaits a local future: polls it once, and if it is pending keeps it, to poll again
    /// when its waker says so (`Wake::Poll`).
    pub fn start_local(&mut self, mut future: LocalFuture) -> Started {
        let id = self.host.ops.next_id;
        self.host.ops.next_id += 1;
        let waker = self.local_waker(id);
        let mut cx = std::task::Context::from_waker(&waker);
        match future.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(result) => Started::Ready(result),
            std::task::Poll::Pending => {
                let done = Future::new();
                done.host_op.set(Some(id));
                self.host.ops.local.insert(
                    id,
                    Local {
                        future,
                        done: done.clone(),
                    },
                );
                Started::Block(done)
            }
        }
    }

    /// A host function's future was woken: poll it; done, it completes its private
    /// future, which wakes the task one iteration later. One aborted meanwhile is gone.
    pub(crate) fn poll_local(&mut self, id: u64) {
        let Some(mut local) = self.host.ops.local.remove(&id) else {
            return;
        };
        let waker = self.local_waker(id);
        let mut cx = std::task::Context::from_waker(&waker);
        match local.future.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(result) => {
                let state = match result {
                    Ok(value) => FutState::Done(value),
                    Err(exc) => FutState::Failed(exc),
                };
                complete(&Fut::Future(local.done), state, &mut self.sched.ready);
            }
            std::task::Poll::Pending => {
                self.host.ops.local.insert(id, local);
            }
        }
    }

    fn local_waker(&self, id: u64) -> std::task::Waker {
        std::task::Waker::from(std::sync::Arc::new(LocalWaker {
            id,
            tx: self.host.inbox_tx.clone(),
        }))
    }

    /// A result arrived: complete its future, which queues whoever awaits it.
    pub(crate) fn finish_host(&mut self, id: u64, finish: Finish) {
        // An operation aborted (cancelled) after its result was sent: nobody wants it.
        let Some(op) = self.host.ops.pending.remove(&id) else {
            return;
        };
        let state = match finish() {
            Ok(value) => FutState::Done(value),
            Err(exc) => FutState::Failed(exc),
        };
        complete(&Fut::Future(op.fut), state, &mut self.sched.ready);
    }
}
