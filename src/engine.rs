//! The embedding API: an `Engine` holds settings, compiles scripts, and starts runs; a
//! `Session` is one run, driven as a future. The CLI uses nothing else.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use crate::compile::{self, Program};
use crate::report::{self, Report};
use crate::rt::task::Fut;
use crate::rt::{Config, Drive, InterruptHandle, Rt, Stop};
use crate::syntax;
use crate::vm::{ExcKind, Source, Value};

/// Settings shared by the scripts an embedder compiles and runs.
#[derive(Clone, Debug, Default)]
pub struct Engine {
    config: Config,
}

/// A script that parsed and compiled, ready to run.
pub struct Compiled {
    program: Program,
    source: Rc<Source>,
    warnings: Vec<Report>,
}

impl Compiled {
    /// The async lints found while compiling (a discarded coroutine, a busy loop...).
    pub fn warnings(&self) -> &[Report] {
        &self.warnings
    }

    /// A readable listing of the compiled bytecode.
    pub fn disassemble(&self) -> String {
        let mut out = String::new();
        for value in &self.program.globals {
            if let Value::Func(code) = value {
                out.push_str(&code.disassemble());
                out.push('\n');
            }
        }
        out.push_str(&self.program.main.disassemble());
        out
    }
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Main and every task finished, and no exception was lost.
    Success,
    /// An exception escaped main, a task exception was never retrieved, the tasks
    /// deadlocked, or the instruction budget ran out.
    Failed,
    /// Interrupted (Ctrl-C): every task was cancelled.
    Interrupted,
}

impl Status {
    /// The process exit code the CLI uses: 0, 1 or 130.
    pub fn exit_code(self) -> i32 {
        match self {
            Status::Success => 0,
            Status::Failed => 1,
            Status::Interrupted => 130,
        }
    }
}

impl Engine {
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

    /// Leave the script's values unfreed when the run ends and freeing them could report
    /// nothing (no coroutine was made, no exception stored): for a host that exits right
    /// after the run, as the `runner` binary does. Freeing 100,000 tasks takes a tenth of
    /// the time they took to run. Off by default: an embedding host keeps running.
    ///
    /// What freeing would report is still reported: a run that made a coroutine or
    /// stored an exception frees its values as usual.
    ///
    /// ```
    /// use runner::{Engine, Status};
    ///
    /// let engine = Engine::new().with_skip_teardown(true);
    /// let script = "task later() { return 1 }\nlet kept = later()\nprint(\"end\")\n";
    /// let compiled = engine.compile("kept.tasks", script).expect("the script compiles");
    /// let mut session = engine.start(&compiled, Box::new(runner::SharedBuffer::default()));
    /// let reports = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    /// let sink = reports.clone();
    /// session.on_report(move |r| sink.borrow_mut().push(r.render(false)));
    /// let outcome = futures_lite::future::block_on(session.run());
    /// assert_eq!(outcome.status, Status::Success);
    /// let reports = reports.borrow();
    /// assert!(reports.iter().any(|r| r.contains("coroutine 'later' was never awaited")));
    /// ```
    pub fn with_skip_teardown(mut self, skip: bool) -> Engine {
        self.config.skip_teardown = skip;
        self
    }

    /// How deeply calls and awaits may nest in one task (default 1000, like Python).
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

    /// The most memory a run may use, in bytes; past it the script gets a `MemoryError`
    /// (which it may catch) instead of exhausting the machine. `None` for no limit. The
    /// default is three quarters of the memory the process can have, and at most half of
    /// its address-space limit (`ulimit -v`) if it has one.
    ///
    /// Every byte is counted when [`CountingAllocator`](crate::CountingAllocator) is the
    /// process's global allocator, as it is in the `runner` binary; without it only single
    /// allocations larger than the limit are refused.
    pub fn with_max_memory(mut self, bytes: Option<usize>) -> Engine {
        self.config.max_memory = bytes;
        self
    }

    /// Stops a run after about this many loop iterations and calls in scripts.
    pub fn with_budget(mut self, budget: u64) -> Engine {
        self.config.budget = Some(budget);
        self
    }

    /// Whether `env(name)` may read the process environment (default yes).
    pub fn with_env_access(mut self, allow: bool) -> Engine {
        self.config.allow_env = allow;
        self
    }

    /// Parses and compiles a script. On failure returns every error found.
    pub fn compile(&self, name: &str, text: &str) -> Result<Compiled, Vec<Report>> {
        let source = Rc::new(Source::new(name, text));
        let script = syntax::parse(text).map_err(|errors| {
            errors
                .into_iter()
                .map(|e| Report::new(e, &source))
                .collect::<Vec<_>>()
        })?;
        let program = compile::compile(&script, source.clone()).map_err(|errors| {
            errors
                .into_iter()
                .map(|e| Report::new(e, &source))
                .collect::<Vec<_>>()
        })?;
        let warnings = program
            .lints
            .iter()
            .cloned()
            .map(|l| Report::new(l, &source))
            .collect();
        Ok(Compiled {
            program,
            source,
            warnings,
        })
    }

    /// Compiles a script from bytes, reporting text that is not UTF-8.
    pub fn compile_bytes(&self, name: &str, bytes: &[u8]) -> Result<Compiled, Vec<Report>> {
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
                Err(vec![Report::new(error, &source)])
            }
        }
    }

    /// Starts a run of a compiled script, writing `print` output to `out`.
    pub fn start(&self, compiled: &Compiled, out: Box<dyn Write>) -> Session {
        let events = Rc::new(RefCell::new(Vec::new()));
        let mut rt = Rt::new(&compiled.program, self.config.clone(), out, events);
        if let Some(slot) = compiled.program.args_slot {
            let args = self.config.args.iter().map(|a| Value::str(a)).collect();
            rt.globals[slot as usize] = Value::list(args);
        }
        rt.spawn_main(&compiled.program);
        let mut session = Session {
            rt,
            source: compiled.source.clone(),
        };
        session.on_report(|report| {
            let _ = write!(std::io::stderr().lock(), "{}", report.render(false));
        });
        session
    }
}

/// One run of a script: its loop, tasks and output.
pub struct Session {
    rt: Rt,
    source: Rc<Source>,
}

impl Session {
    /// A handle that interrupts the run from any thread (Ctrl-C).
    pub fn interrupt_handle(&self) -> InterruptHandle {
        self.rt.interrupt_handle()
    }

    /// Where the reports made while the run goes go, as they happen: a coroutine never
    /// awaited, a task exception never retrieved. Each comes after what was printed before
    /// it was made, so a host that writes both to one terminal keeps them in order. By
    /// default they are rendered without colour to standard error.
    pub fn on_report(&mut self, mut sink: impl FnMut(Report) + 'static) {
        let source = self.source.clone();
        self.rt.on_event = Box::new(move |event| sink(report::event(&event, &source)));
    }

    /// Runs until main and every spawned task are done. Reports go to the sink set with
    /// [`Session::on_report`] as they happen; the final error, if any, is in the result.
    pub async fn run(mut self) -> Outcome {
        let source = self.source.clone();
        Drive::new(&mut self.rt).await;

        let mut error = None;
        let interrupted = self.rt.interrupt_handle().is_interrupted();
        match self.rt.stop.clone() {
            Some(Stop::Budget) => {
                error = Some(report::plain(
                    "the run used up its instruction budget and was stopped".to_owned(),
                    "runner::budget",
                    &source,
                ));
            }
            Some(Stop::Output | Stop::Terminated) | None => {}
        }
        if error.is_none() && !self.rt.finished() {
            let stuck: Vec<(String, Option<crate::vm::Site>)> = self
                .rt
                .stuck_tasks()
                .iter()
                .map(|t| (t.name().to_string(), t.waiting_at()))
                .collect();
            if !stuck.is_empty() {
                error = Some(report::deadlock(&stuck, &source));
            }
        }
        let mut main_failed = false;
        if let Some(main) = self.rt.main.clone().filter(|m| m.done()) {
            match Fut::Task(main).result() {
                Err(exc) if exc.kind == ExcKind::CancelledError && interrupted => {}
                Err(exc) if error.is_none() => {
                    main_failed = true;
                    error = Some(report::uncaught(&exc, &source));
                }
                _ => {}
            }
        }
        self.rt.shut_down();
        self.rt.deliver_events();
        let lost = self.rt.lost;
        let output_error = self.rt.output_error.take();
        // A closed pipe (`runner x | head`) ends the run quietly; any other failure to
        // write (a full disk) lost output, so the run failed.
        let output_lost = output_error
            .as_ref()
            .is_some_and(|e| e.kind() != std::io::ErrorKind::BrokenPipe);
        let status = if interrupted {
            Status::Interrupted
        } else if error.is_some() || main_failed || lost > 0 || output_lost {
            Status::Failed
        } else {
            Status::Success
        };
        Outcome {
            status,
            error,
            output_error,
            parks: self.rt.parks,
        }
    }
}

/// What a run ended with.
pub struct Outcome {
    pub status: Status,
    /// The exception that escaped main, a deadlock, or a spent budget.
    pub error: Option<Report>,
    /// Writing output failed and the run stopped early. A closed pipe
    /// ([`std::io::ErrorKind::BrokenPipe`]) leaves the status as it was; any other error
    /// (a full disk) makes it [`Status::Failed`].
    pub output_error: Option<std::io::Error>,
    /// How many times the loop went idle and waited for a timer or a wake from another
    /// thread. Each wait is at least [`MIN_PARK`](crate::MIN_PARK) long when a
    /// timer is next, so timers due close together wake the loop once.
    pub parks: u64,
}
