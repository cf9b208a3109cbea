//! runner: a scriptable async task runner with the semantics of Python's asyncio.
//!
//! Scripts written in the tasks language declare `task`s (async functions) and `fn`s, and
//! run them concurrently on one thread: coroutines, a FIFO event loop, tasks that switch
//! only where they `await`, cancellation, async generators, and exceptions stored in tasks
//! and never lost.
//!
//! ```
//! use runner::Engine;
//!
//! let engine = Engine::new();
//! let script = engine.compile("demo.tasks", r#"
//!     task greet(name) {
//!         await sleep(0)
//!         return f"hello {name}"
//!     }
//!     print(await gather(greet("a"), greet("b")))
//! "#).expect("the script compiles");
//! let out = runner::SharedBuffer::default();
//! let mut session = engine.session(&script);
//! session.set_output(out.clone());
//! futures_lite::future::block_on(session.run()).expect("it runs");
//! assert_eq!(out.text(), "['hello a', 'hello b']\n");
//! ```
//!
//! The run is one future: drive it with `futures_lite::future::block_on`,
//! `async_io::block_on`, a smol `LocalExecutor` or a tokio `LocalSet` (values are
//! single-threaded, so the future is not `Send`).

mod api;
mod builtins;
mod compile;
mod engine;
mod report;
mod rt;
mod syntax;
mod vm;

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

pub use api::{Args, Error, ErrorKind, Frame, FromValue, HostFn, IntoValue, Location, Value};
#[cfg(feature = "serde")]
pub use api::{from_value, to_value};
pub use engine::{Engine, IntoArgs, Print, Script, Session};
pub use report::Report;
pub use rt::memory::CountingAllocator;
pub use rt::{DEFAULT_MAX_BODY, InterruptHandle, MIN_PARK};
pub use vm::ExcKind;

/// The largest script runner accepts, in bytes (256 MiB): spans are 32-bit offsets. A
/// host reading a script from a file or a pipe should stop reading past it.
pub const MAX_SCRIPT_BYTES: usize = syntax::MAX_SOURCE_LEN;

/// An output sink that keeps what a script prints, for tests and embedders.
#[derive(Clone, Default)]
pub struct SharedBuffer(Rc<RefCell<Vec<u8>>>);

impl SharedBuffer {
    /// Everything written so far, as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.borrow()).into_owned()
    }
}

impl Write for SharedBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The README's Rust example runs as a doctest.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
