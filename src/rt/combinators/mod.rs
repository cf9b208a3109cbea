//! asyncio's combinators, each a port of CPython 3.11's implementation with the same
//! callbacks, so each spends the same number of loop iterations ("hops"): `gather`,
//! `wait`, `wait_for` and `as_completed` all complete two hops after their last child.

pub mod as_completed;
pub mod gather;
pub mod shield;
pub mod wait;
pub mod wait_for;

pub use as_completed::{
    AsCompleted, AsCompletedIter, as_completed_child_done, as_completed_resume,
    as_completed_timeout,
};
pub use gather::{Gather, gather, gather_cancel, gather_child_done};
pub use wait::{ReturnWhen, Wait, WaitAll, wait_child_done, wait_finish};
pub use wait_for::{WaitFor, wait_for_resume};

use super::event_loop::Rt;
use super::native_coro::NativeCoro;
use super::task::{Fut, Start};
use crate::vm::{Exc, Site, Value, type_error};

/// What a task does after a combinator's waiter completes.
pub use crate::rt::awaitable::Next;

/// asyncio's `ensure_future`: a task or future as it is; a coroutine wrapped in a new task.
///
/// The task is not cancelled when the run is shutting down after an interrupt: cleanup
/// may await `gather(...)` of coroutines (only `spawn`'s tasks start cancelled).
pub fn ensure_future(rt: &mut Rt, value: &Value, site: &Site, what: &str) -> Result<Fut, Exc> {
    if matches!(value, Value::Coro(_) | Value::Native(_)) {
        rt.check_task_limit()?;
    }
    match value {
        Value::Task(t) => Ok(Fut::Task(t.clone())),
        Value::Future(f) => Ok(Fut::Future(f.clone())),
        Value::Coro(c) => match c.start() {
            Some(args) => Ok(Fut::Task(rt.new_task(
                Start::new(c.code.clone(), args),
                None,
                Some(site.clone()),
            ))),
            None => Err(crate::vm::exc(
                crate::vm::ExcKind::RuntimeError,
                "cannot reuse already awaited coroutine",
            )),
        },
        Value::Native(obj) => match obj.as_any().downcast_ref::<NativeCoro>() {
            Some(coro) => {
                coro.mark_started();
                let code = rt.trampoline(&coro.name().clone());
                Ok(Fut::Task(rt.new_task(
                    Start::new(code, [value.clone()]),
                    None,
                    Some(site.clone()),
                )))
            }
            None => Err(not_awaitable(value, what)),
        },
        other => Err(not_awaitable(other, what)),
    }
}

fn not_awaitable(value: &Value, what: &str) -> Exc {
    let hint = if matches!(value, Value::Gen(_)) {
        " (an async generator is iterated with `for await`)"
    } else {
        ""
    };
    type_error(format!(
        "{what} needs coroutines, tasks or futures, not '{}'{hint}",
        value.type_name()
    ))
}

/// Hashes an object's identity (its address). The keys are addresses, not values a script
/// chooses, so SipHash's defence against chosen keys buys nothing, and it was a tenth of
/// the time of gathering 100,000 tasks.
#[derive(Default)]
pub struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0.rotate_left(8) ^ u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        // Addresses are multiples of 8 or 16: multiply to spread them, then fold the high
        // half down so the low bits (the bucket index) vary too.
        let x = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = x ^ (x >> 32);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// Maps and sets keyed by identity.
pub type ByIdentity = std::hash::BuildHasherDefault<IdentityHasher>;

/// Removes repeated objects (by identity), keeping the first of each, as asyncio's sets do.
pub fn distinct(futs: Vec<Fut>) -> Vec<Fut> {
    let mut seen =
        std::collections::HashSet::with_capacity_and_hasher(futs.len(), ByIdentity::default());
    futs.into_iter()
        .filter(|f| seen.insert(f.to_value().identity()))
        .collect()
}

pub(crate) fn list_of(futs: &[Fut]) -> Value {
    Value::list(futs.iter().map(Fut::to_value).collect())
}
