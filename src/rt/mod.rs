//! The runtime: the event loop, tasks and futures, timers, asyncio's combinators, and the
//! driver that parks the loop on smol's reactor when nothing is ready.
//!
//! **Invariant:** the runtime never writes to stderr or renders anything; what it has to
//! report (a coroutine never awaited, a task exception never retrieved) it queues as an
//! `Event` for the embedder to show.

pub mod awaitable;
pub mod combinators;
mod drive;
pub mod event_loop;
pub mod fs;
pub mod host;
#[cfg(feature = "http")]
pub mod http;
pub mod lines;
pub mod memory;
pub mod native_coro;
pub mod process;
pub mod random;
pub mod sync;
pub mod task;
pub mod taskgroup;
pub mod timeout;
pub mod timer;
pub mod work;

use std::cell::RefCell;
use std::rc::Rc;

pub use drive::{Drive, InterruptHandle, MIN_PARK, Until};
pub use event_loop::{Rt, Stop};
pub use task::{Future, Task};

use crate::vm::{Exc, Site};

/// Settings of one run.
#[derive(Clone, Debug)]
pub struct Config {
    /// `--seed N`: `random()` and `randint()` then repeat Python's `random.seed(N)`.
    pub seed: Option<u64>,
    /// How deep calls and awaits may nest in one task before `RecursionError`.
    pub max_depth: usize,
    /// At most this many loop back-edges and calls before the run stops.
    pub budget: Option<u64>,
    /// The script's `args`.
    pub args: Vec<String>,
    /// Whether `env(name)` may read the process environment.
    pub allow_env: bool,
    /// The largest response body `fetch` accepts, in bytes.
    pub max_body: u64,
    /// The most memory the run may use, in bytes (`None`: no limit).
    pub max_memory: Option<usize>,
    /// The most tasks alive at once (`None`: no limit).
    pub max_tasks: Option<usize>,
    /// How long one run, call or eval may take (`None`: no limit).
    pub timeout: Option<std::time::Duration>,
    /// How many steps a task runs before the host gets its thread back.
    pub slice: u64,
    /// Whether and where `fetch` may go.
    pub network: Network,
    /// Whether file builtins may touch the file system.
    pub allow_files: bool,
    /// Whether process builtins may start programs.
    pub allow_processes: bool,
    /// Whether the run may leave the script's values unfreed when it ends with nothing
    /// that freeing them could report (see [`reportables_made`]). Only for a host that
    /// exits right after the run, as the CLI does.
    pub skip_teardown: bool,
}

thread_local! {
    static REPORTABLES_MADE: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts an object whose drop may report something or must happen: a coroutine (never
/// awaited), a stored exception (never retrieved), a child process (killed when its
/// object goes). Conservative: counted when made, never uncounted.
pub(crate) fn note_reportable() {
    REPORTABLES_MADE.with(|n| n.set(n.get() + 1));
}

/// How many objects whose drop may report something this thread has made. A run that
/// made none can skip freeing its values at the end: freeing them would say nothing.
pub(crate) fn reportables_made() -> u64 {
    REPORTABLES_MADE.with(std::cell::Cell::get)
}

/// Steps a task runs before the host gets its thread back, unless told otherwise.
pub const DEFAULT_SLICE: u64 = 10_240;

/// Whether `fetch` may reach the network.
#[derive(Clone)]
pub enum Network {
    /// Every request is refused with a `PermissionError`.
    Deny,
    /// Every request may go out.
    Allow,
    /// A request goes out if the policy returns true for its URL.
    Policy(std::sync::Arc<dyn Fn(&str) -> bool + Send + Sync>),
}

impl std::fmt::Debug for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Network::Deny => f.write_str("Deny"),
            Network::Allow => f.write_str("Allow"),
            Network::Policy(_) => f.write_str("Policy(..)"),
        }
    }
}

/// The largest response body `fetch` accepts unless told otherwise: 64 MiB.
pub const DEFAULT_MAX_BODY: u64 = 64 << 20;

impl Default for Config {
    fn default() -> Config {
        Config {
            seed: None,
            max_depth: 1000,
            budget: None,
            args: Vec::new(),
            allow_env: true,
            max_body: DEFAULT_MAX_BODY,
            max_memory: Some(memory::default_limit()),
            max_tasks: None,
            timeout: None,
            slice: DEFAULT_SLICE,
            network: Network::Allow,
            allow_files: true,
            allow_processes: true,
            skip_teardown: false,
        }
    }
}

/// Something the runtime has to report, outside of any task's result.
#[derive(Clone, Debug)]
pub enum Event {
    /// A coroutine was dropped without being awaited or spawned.
    NeverAwaited { name: Rc<str>, origin: Site },
    /// A task (or `gather`) failed and nothing ever looked at its exception.
    NeverRetrieved {
        task: Rc<str>,
        exc: Exc,
        spawned_at: Option<Site>,
    },
}

/// The queue of events, shared with the objects whose drop reports one.
pub type Events = Rc<RefCell<Vec<Event>>>;
