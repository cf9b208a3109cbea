//! The embedding API: an [`Engine`] holds the settings, capabilities, limits and host
//! functions, and compiles [`Script`]s; a [`Session`] is one living instance of a script
//! on one thread. The CLI and the REPL use nothing else.

mod session;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use crate::api::{Args, Error, ErrorKind, HostFn, IntoValue};
use crate::builtins::table::Table;
use crate::compile::{self, Program};
use crate::report::Report;
use crate::rt::{Config, Network};
use crate::syntax;
use crate::vm::Source;

pub use session::{IntoArgs, Print, Session, TaskInfo};

/// Settings, capabilities, limits and host functions, shared by the scripts it compiles
/// and the sessions it starts. Build it once (`Engine::new()` and the `with_*` methods,
/// then `register_fn`), and share it: it is `Clone + Send + Sync`.
///
/// ```
/// use std::time::Duration;
/// use runner::Engine;
///
/// let mut engine = Engine::new()
///     .with_network(false)
///     .with_budget(1_000_000)
///     .with_max_memory(Some(64 << 20))
///     .with_timeout(Some(Duration::from_secs(5)));
/// engine.register_fn("double", |args| Ok(args.get::<i64>(0)? * 2));
/// let script = engine.compile("demo.tasks", "double(21)").unwrap();
/// let value = engine.session(&script).run_blocking().unwrap();
/// assert_eq!(value.as_int(), Some(42));
/// ```
#[derive(Clone, Default)]
pub struct Engine {
    config: Config,
    table: Table,
    /// Global names the host provides values for (`with_global`).
    provided: Vec<Arc<str>>,
    print: Print,
}

/// A script that parsed and compiled, ready to run: `Send + Sync`, so compile once and
/// run on many threads (each [`Session`] instantiates its own values).
#[derive(Clone)]
pub struct Script {
    program: Arc<Program>,
    source: Arc<Source>,
    warnings: Arc<[Report]>,
    /// The builtins and host functions it was compiled against.
    table: Table,
    provided: Arc<[Arc<str>]>,
}

impl Script {
    /// The async lints found while compiling (a discarded coroutine, a busy loop...).
    pub fn warnings(&self) -> &[Report] {
        &self.warnings
    }

    /// The name it was compiled under.
    pub fn name(&self) -> &str {
        &self.source.name
    }

    /// A readable listing of the compiled bytecode.
    pub fn disassemble(&self) -> String {
        let mut out = String::new();
        for (_, body) in &self.program.decls {
            out.push_str(&body.disassemble());
            out.push('\n');
        }
        out.push_str(&self.program.main.disassemble());
        out
    }
}

impl Engine {
    /// An engine with the default settings: every capability on, a memory limit from
    /// the machine, no other limit, and only the builtins.
    pub fn new() -> Engine {
        Engine::default()
    }

    /// Makes `random()` and `randint()` repeat Python's `random.seed(seed)`.
    pub fn with_seed(mut self, seed: u64) -> Engine {
        self.config.seed = Some(seed);
        self
    }

    /// The list scripts see as `args`.
    pub fn with_args(mut self, args: Vec<String>) -> Engine {
        self.config.args = args;
        self
    }

    /// A global the host provides: every script compiled by this engine may read `name`
    /// from its first line, and [`Session::set_global`] gives it its value (`none` until
    /// then).
    pub fn with_global(mut self, name: &str) -> Engine {
        if !self.provided.iter().any(|n| &**n == name) {
            self.provided.push(Arc::from(name));
        }
        self
    }

    /// Leave the script's values unfreed when a session closes and freeing them could
    /// report nothing (no coroutine was made, no exception stored): for a host that exits
    /// right after the run, as the `runner` binary does. Freeing 100,000 tasks takes a
    /// tenth of the time they took to run. Off by default: an embedding host keeps running.
    ///
    /// What freeing would report is still reported: a run that made a coroutine or
    /// stored an exception frees its values as usual.
    ///
    /// ```
    /// use std::{cell::RefCell, rc::Rc};
    /// use runner::Engine;
    ///
    /// let engine = Engine::new().with_skip_teardown(true);
    /// let script = "task later() { return 1 }\nlet kept = later()\nprint(\"end\")\n";
    /// let script = engine.compile("kept.tasks", script).expect("the script compiles");
    /// let mut session = engine.session(&script);
    /// let reports = Rc::new(RefCell::new(Vec::new()));
    /// let sink = reports.clone();
    /// session.on_report(move |r| sink.borrow_mut().push(r.render(false)));
    /// session.set_output(std::io::sink());
    /// session.run_blocking().expect("main succeeds");
    /// session.close().expect("nothing was lost");
    /// let reports = reports.borrow();
    /// assert!(reports.iter().any(|r| r.contains("coroutine 'later' was never awaited")));
    /// ```
    pub fn with_skip_teardown(mut self, skip: bool) -> Engine {
        self.config.skip_teardown = skip;
        self
    }

    /// How deeply calls and awaits may nest in one task (default 1000, like Python);
    /// deeper raises `RecursionError`.
    pub fn with_max_depth(mut self, depth: usize) -> Engine {
        self.config.max_depth = depth.max(1);
        self
    }

    /// The largest response body `fetch` accepts (default 64 MiB); a larger one raises
    /// `FetchError` instead of filling memory.
    pub fn with_max_body(mut self, bytes: u64) -> Engine {
        self.config.max_body = bytes;
        self
    }

    /// The most memory a session may use, in bytes; past it the script gets a
    /// `MemoryError` (which it may catch) instead of exhausting the machine. `None` for no
    /// limit. The default is three quarters of the memory the process can have, and at
    /// most half of its address-space limit (`ulimit -v`) if it has one.
    ///
    /// Every byte is counted when [`CountingAllocator`](crate::CountingAllocator) is the
    /// process's global allocator, as it is in the `runner` binary; without it only single
    /// allocations larger than the limit are refused.
    pub fn with_max_memory(mut self, bytes: Option<usize>) -> Engine {
        self.config.max_memory = bytes;
        self
    }

    /// The instruction budget of a session: after about this many steps (loop iterations,
    /// calls, spawns, and the items and bytes builtins process) it is stopped, with an
    /// error of kind [`ErrorKind::Budget`], and runs no more.
    pub fn with_budget(mut self, steps: u64) -> Engine {
        self.config.budget = Some(steps);
        self
    }

    /// The most tasks alive at once in a session; spawning one more raises a
    /// `RuntimeError` in the script.
    pub fn with_max_tasks(mut self, tasks: usize) -> Engine {
        self.config.max_tasks = Some(tasks);
        self
    }

    /// How long each `run`, `call` or `eval` may take on the wall clock; past it no more
    /// script code runs and the error is of kind [`ErrorKind::Timeout`]. It is checked
    /// about every thousand steps and whenever the loop waits, so it is kept to within
    /// about a millisecond, or the duration of one builtin call.
    pub fn with_timeout(mut self, limit: Option<Duration>) -> Engine {
        self.config.timeout = limit;
        self
    }

    /// How many steps a task runs before the session's future gives the host's executor
    /// its thread back (default 10,240, about 50 µs): a loop that never awaits cannot
    /// starve the host's other tasks and timers. The script sees nothing of it: the order
    /// of its tasks stays asyncio's.
    pub fn with_slice(mut self, steps: u64) -> Engine {
        self.config.slice = steps.max(1);
        self
    }

    /// Whether `fetch` may reach the network (default yes). Denied, every request raises
    /// a `PermissionError` naming the capability.
    pub fn with_network(mut self, allow: bool) -> Engine {
        self.config.network = if allow { Network::Allow } else { Network::Deny };
        self
    }

    /// Lets `fetch` go only to the URLs `allow` returns true for; the others raise a
    /// `PermissionError`.
    ///
    /// ```
    /// let engine = runner::Engine::new()
    ///     .with_network_policy(|url| url.starts_with("https://api.example.com/"));
    /// ```
    pub fn with_network_policy(
        mut self,
        allow: impl Fn(&str) -> bool + Send + Sync + 'static,
    ) -> Engine {
        self.config.network = Network::Policy(Arc::new(allow));
        self
    }

    /// Whether `env(name)` may read the process environment (default yes). Denied, it
    /// returns its default, as for a variable that is not set.
    pub fn with_env(mut self, allow: bool) -> Engine {
        self.config.allow_env = allow;
        self
    }

    /// Same as [`Engine::with_env`].
    pub fn with_env_access(self, allow: bool) -> Engine {
        self.with_env(allow)
    }

    /// The names a script can call without declaring them: the builtins, then the host
    /// functions registered so far (for completion in an interactive host).
    pub fn builtin_names(&self) -> Vec<String> {
        self.table.names().map(str::to_owned).collect()
    }

    /// Whether the file builtins may touch the file system (default yes).
    pub fn with_files(mut self, allow: bool) -> Engine {
        self.config.allow_files = allow;
        self
    }

    /// Whether the process builtins may start programs (default yes).
    pub fn with_processes(mut self, allow: bool) -> Engine {
        self.config.allow_processes = allow;
        self
    }

    /// Where `print` writes in the sessions this engine starts (default: standard
    /// output). A session can still change it ([`Session::set_output`]).
    pub fn with_print(mut self, print: Print) -> Engine {
        self.print = print;
        self
    }

    /// Registers a host function: a script calls `name(...)` and gets what `f` returns,
    /// or the exception its [`Error`] names. The compiler knows the name, as it knows a
    /// builtin's (a host name shadows a builtin's); scripts compiled before do not see it.
    ///
    /// ```
    /// let mut engine = runner::Engine::new();
    /// engine.register_fn("add", |args| Ok(args.get::<i64>(0)? + args.get::<i64>(1)?));
    /// let script = engine.compile("add.tasks", "add(2, 3)").unwrap();
    /// assert_eq!(engine.session(&script).run_blocking().unwrap().as_int(), Some(5));
    /// ```
    pub fn register_fn<R: IntoValue>(
        &mut self,
        name: &str,
        f: impl Fn(Args) -> Result<R, Error> + Send + Sync + 'static,
    ) -> &mut Engine {
        self.table.register(HostFn::sync(name, f));
        self
    }

    /// Registers an async host function: calling it makes a coroutine, which the script
    /// awaits (or spawns) like any other; the future runs on the session's thread, so it
    /// need not be `Send`. While it is pending the script's other tasks run on, in
    /// asyncio's order, and cancelling the task that awaits it drops the future.
    ///
    /// ```
    /// let mut engine = runner::Engine::new();
    /// engine.register_async_fn("later", |args| async move {
    ///     let n: i64 = args.get(0)?;
    ///     async_io::Timer::after(std::time::Duration::from_millis(5)).await;
    ///     Ok(n + 1)
    /// });
    /// let script = engine.compile("later.tasks", "await gather(later(1), later(2))").unwrap();
    /// let value = engine.session(&script).run_blocking().unwrap();
    /// assert_eq!(value.to_string(), "[2, 3]");
    /// ```
    pub fn register_async_fn<R, Fut>(
        &mut self,
        name: &str,
        f: impl Fn(Args) -> Fut + Send + Sync + 'static,
    ) -> &mut Engine
    where
        R: IntoValue,
        Fut: Future<Output = Result<R, Error>> + 'static,
    {
        self.table.register(HostFn::asynchronous(name, f));
        self
    }

    /// Parses and compiles a script. The error holds every syntax or compile error found
    /// (`Error::reports`), of kind [`ErrorKind::Syntax`] or [`ErrorKind::Compile`].
    pub fn compile(&self, name: &str, text: &str) -> Result<Script, Error> {
        let source = Arc::new(Source::new(name, text));
        let script = syntax::parse(text).map_err(|errors| {
            let reports = errors
                .into_iter()
                .map(|e| Report::new(e, &source))
                .collect();
            Error::from_reports(ErrorKind::Syntax, reports, &source)
        })?;
        let (program, _) = compile::compile(&script, source.clone(), &self.table, &self.provided)
            .map_err(|errors| {
            let reports = errors
                .into_iter()
                .map(|e| Report::new(e, &source))
                .collect();
            Error::from_reports(ErrorKind::Compile, reports, &source)
        })?;
        let warnings = program
            .lints
            .iter()
            .cloned()
            .map(|l| Report::new(l, &source))
            .collect();
        Ok(Script {
            program: Arc::new(program),
            source,
            warnings,
            table: self.table.clone(),
            provided: Arc::from(self.provided.as_slice()),
        })
    }

    /// Compiles a script from bytes, reporting text that is not UTF-8 as a syntax error.
    pub fn compile_bytes(&self, name: &str, bytes: &[u8]) -> Result<Script, Error> {
        match std::str::from_utf8(bytes) {
            Ok(text) => self.compile(name, text),
            Err(e) => {
                let valid = e.valid_up_to();
                let text = String::from_utf8_lossy(bytes).into_owned();
                let source = Source::new(name, &text);
                let at = text[..]
                    .char_indices()
                    .nth(String::from_utf8_lossy(&bytes[..valid]).chars().count());
                let at = at.map_or(text.len(), |(i, _)| i);
                let binary = bytes.iter().take(8000).any(|&b| b == 0);
                let message = if binary {
                    "this file is not a script: it looks like binary data".to_owned()
                } else {
                    format!("this file is not valid UTF-8 text (a bad byte at offset {valid})")
                };
                let error = syntax::ParseError::NotText {
                    message,
                    at: syntax::Span::new(
                        at,
                        at + text[at..].chars().next().map_or(0, char::len_utf8),
                    )
                    .into(),
                };
                let reports = vec![Report::new(error, &source)];
                Err(Error::from_reports(ErrorKind::Syntax, reports, &source))
            }
        }
    }

    /// A new session of `script`: its globals, its event loop, nothing run yet.
    pub fn session(&self, script: &Script) -> Session {
        Session::new(self, script)
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hosts: Vec<&str> = self.table.host_names().collect();
        f.debug_struct("Engine")
            .field("config", &self.config)
            .field("host_functions", &hosts)
            .field("globals", &self.provided)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for Script {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Script")
            .field("name", &self.source.name)
            .field("warnings", &self.warnings.len())
            .finish_non_exhaustive()
    }
}

// A compiled script crosses threads: compile once, run anywhere. So does an engine.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Script>();
    send_sync::<Engine>();
};
