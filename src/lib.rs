//! runner: a scriptable async task runner with the semantics of Python's asyncio.
//!
//! Scripts written in the tasks language declare `task`s (async functions) and `fn`s, and
//! run them concurrently on one thread: coroutines, a FIFO event loop, tasks that switch
//! only where they `await`, cancellation, async generators, and exceptions stored in tasks
//! and never lost. The language is described in `docs/language.md`.
//!
//! This crate is the `runner` binary's library, and the API a Rust program uses to host
//! scripts: compile them once, run them in sessions, give them functions of its own, pass
//! values both ways, bound what they may do, and stop them.
//!
//! # Run a script
//!
//! An [`Engine`] holds the settings; it compiles a [`Script`] (`Send + Sync`: compile once,
//! run on any thread), and a [`Session`] is one living instance of it.
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
//! session.run_blocking().expect("it runs");
//! assert_eq!(out.text(), "['hello a', 'hello b']\n");
//! ```
//!
//! # Capabilities and limits
//!
//! Each capability is on or off per engine: the network (`fetch`, also by a per-URL
//! policy), the environment, files and processes; and `print` goes to standard output,
//! anywhere else ([`Print`], [`Session::set_output`]) or to a callback. The limits bound
//! instructions (loop iterations, calls, spawns and the work inside builtins), memory,
//! tasks alive at once, call depth and wall-clock time; each ends the script with an
//! error of its own kind, or raises in the script where it can recover.
//!
//! ```
//! use std::time::Duration;
//! use runner::{Engine, ErrorKind, ExcKind};
//!
//! let engine = Engine::new()
//!     .with_network(false)
//!     .with_env(false)
//!     .with_budget(1_000_000)
//!     .with_max_tasks(100)
//!     .with_timeout(Some(Duration::from_secs(2)));
//! let run = |text: &str| {
//!     let script = engine.compile("limits.tasks", text).unwrap();
//!     let mut session = engine.session(&script);
//!     session.run_blocking().unwrap_err().kind()
//! };
//! assert_eq!(run("while true { }  # runner: allow(busy-loop)"), ErrorKind::Budget);
//! assert_eq!(run("await fetch(\"https://example.com\")"), ErrorKind::Exception(ExcKind::PermissionError));
//! assert_eq!(run("for i in range(1000) { spawn sleep(1) }"), ErrorKind::Exception(ExcKind::RuntimeError));
//! assert_eq!(run("await sleep(10)"), ErrorKind::Timeout);
//! ```
//!
//! The memory limit ([`Engine::with_max_memory`]) counts every byte when
//! [`CountingAllocator`] is the process's global allocator:
//!
//! ```
//! #[global_allocator]
//! static ALLOC: runner::CountingAllocator = runner::CountingAllocator;
//! # fn main() {}
//! ```
//!
//! # Host functions
//!
//! A host registers its own functions, sync and async, on the engine; the compiler knows
//! them as it knows the builtins. An async one makes a coroutine the script awaits like
//! any other; its future runs on the session's thread (it need not be `Send`), the
//! script's other tasks run meanwhile, and cancelling the awaiting task drops it.
//!
//! ```
//! use std::time::Duration;
//! use runner::{Engine, Error, ExcKind};
//!
//! let mut engine = Engine::new();
//! engine.register_fn("clamp", |args| {
//!     let (n, lo, hi): (i64, i64, i64) = (args.get(0)?, args.get(1)?, args.get(2)?);
//!     if lo > hi {
//!         return Err(Error::exception(ExcKind::ValueError, "lo > hi"));
//!     }
//!     Ok(n.clamp(lo, hi))
//! });
//! engine.register_async_fn("fetch_score", |args| async move {
//!     let user: String = args.get(0)?;
//!     async_io::Timer::after(Duration::from_millis(5)).await;
//!     Ok(user.len() as i64)
//! });
//! let script = engine.compile("host.tasks", r#"
//!     let scores = await gather(fetch_score("ada"), fetch_score("grace"))
//!     [clamp(scores[0], 0, 4), clamp(scores[1], 0, 4)]
//! "#).unwrap();
//! let value = engine.session(&script).run_blocking().unwrap();
//! assert_eq!(value.to_string(), "[3, 4]");
//! ```
//!
//! # Values both ways
//!
//! [`Value`] is a script's value; [`IntoValue`] and [`FromValue`] convert ints, floats,
//! bools, strings, `Option`, `Vec`, `HashMap<String, _>`, `BTreeMap<String, _>` and
//! tuples (lists in the script), and with the `serde` feature `serde_json::Value` and any
//! serde type (`to_value`, `from_value`). A host sets globals before a run, reads them
//! after it, and gets the main body's value (its last expression).
//!
//! ```
//! use std::collections::HashMap;
//! use runner::Engine;
//!
//! let engine = Engine::new().with_global("limits");
//! let script = engine.compile("values.tasks", r#"
//!     let report = {}
//!     for name, limit in limits.items() { report[name] = limit * 2 }
//!     len(report)
//! "#).unwrap();
//! let mut session = engine.session(&script);
//! session.set_global("limits", HashMap::from([("cpu".to_owned(), 2), ("disk".to_owned(), 5)])).unwrap();
//! assert_eq!(session.run_blocking().unwrap().as_int(), Some(2));
//! let report: HashMap<String, i64> = session.get("report").unwrap();
//! assert_eq!(report["disk"], 10);
//! ```
//!
//! # Sessions: run, call, eval
//!
//! A session keeps its globals: after [`Session::run`], [`Session::call`] calls any
//! declared function or task (a task runs in the session's own loop, so what it spawns
//! keeps asyncio's order), and [`Session::eval`] runs more code in the same globals (the
//! REPL's entry point).
//!
//! ```
//! let engine = runner::Engine::new();
//! let script = engine.compile("jobs.tasks", r#"
//!     let done = []
//!     task job(name) { await sleep(0); done.append(name); return len(done) }
//! "#).unwrap();
//! let mut session = engine.session(&script);
//! session.run_blocking().unwrap();
//! assert_eq!(session.call_blocking("job", ("a",)).unwrap().as_int(), Some(1));
//! assert_eq!(session.call_blocking("job", ("b",)).unwrap().as_int(), Some(2));
//! session.eval_blocking("fn names() { return done }").unwrap();
//! assert_eq!(session.eval_blocking("names()").unwrap().to_string(), "['a', 'b']");
//! ```
//!
//! # Driving: blocking, or a future on the host's executor
//!
//! `run`, `call` and `eval` are futures: a host awaits them on its own executor (a smol
//! `LocalExecutor`, a tokio `LocalSet`, `futures_lite::future::block_on`), and they give
//! the thread back every slice ([`Engine::with_slice`]) even in a loop that never awaits,
//! so the host's other tasks and timers keep running; inside the script the order stays
//! asyncio's. An [`InterruptHandle`] stops a session from any thread: `interrupt` is
//! Ctrl-C (every task cancelled, `finally` blocks run), `terminate` a hard stop no script
//! can catch.
//!
//! ```
//! use std::time::Duration;
//! use runner::{Engine, ErrorKind};
//!
//! let engine = Engine::new();
//! let script = engine.compile("spin.tasks", "while true { }  # runner: allow(busy-loop)").unwrap();
//! let mut session = engine.session(&script);
//! let handle = session.interrupt_handle();
//! std::thread::spawn(move || {
//!     std::thread::sleep(Duration::from_millis(20));
//!     handle.interrupt();
//! });
//! let executor = async_executor::LocalExecutor::new();
//! let result = futures_lite::future::block_on(executor.run(session.run()));
//! assert_eq!(result.unwrap_err().kind(), ErrorKind::Interrupted);
//! ```
//!
//! # Errors as data
//!
//! Every failure is one [`Error`]: its [`kind`](Error::kind), message, location (line,
//! column, byte offset), traceback, and the report the CLI prints, as a
//! [`miette::Diagnostic`] with the source attached.
//!
//! ```
//! use runner::{Engine, ErrorKind, ExcKind};
//!
//! let engine = Engine::new();
//! let script = engine.compile("fail.tasks", "fn half(n) {\n    return n / 0\n}\nhalf(4)\n").unwrap();
//! let err = engine.session(&script).run_blocking().unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::Exception(ExcKind::ZeroDivisionError));
//! assert_eq!(err.location().map(|l| (l.line, l.column)), Some((2, 12)));
//! assert_eq!(err.traceback()[0].function, "main");
//! assert_eq!(err.traceback()[1].function, "half");
//! assert!(err.render(false).contains("ZeroDivisionError"));
//! ```

#![warn(missing_docs)]

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
pub use engine::{Engine, IntoArgs, Print, Script, Session, TaskInfo};
pub use report::Report;
pub use rt::memory::CountingAllocator;
pub use rt::{DEFAULT_MAX_BODY, InterruptHandle, MIN_PARK};
pub use vm::ExcKind;

/// Whether `text` is an unfinished entry: a `{`, `(` or `[` still open at its end, or a
/// last line ending in `\`. An interactive host reads another line (`...`) instead of
/// reporting the bracket as never closed.
///
/// ```
/// assert!(runner::is_incomplete("task tick() {"));
/// assert!(runner::is_incomplete("print(1,"));
/// assert!(!runner::is_incomplete("print(1)"));
/// assert!(!runner::is_incomplete("print(1))"));
/// ```
pub fn is_incomplete(text: &str) -> bool {
    syntax::is_incomplete(text)
}

/// Kills every child process that scripts started (`run`, `spawn_process`) and that is
/// still alive, with its process group. Dropping a session does this for its own
/// children; call this only before exiting without unwinding (`std::process::exit` from a
/// signal handler), which runs no destructors.
pub fn kill_child_processes() {
    rt::process::kill_all();
}

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
