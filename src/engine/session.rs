//! A session: one living instance of a script on one thread. It runs the main body, calls
//! the script's functions, evaluates more code into the same globals (the REPL), and can
//! be driven blocking or as a future on the host's own executor.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

use super::{Engine, Script};
use crate::api::{Error, ErrorKind, FromValue, IntoValue, Value};
use crate::compile::{self, Globals};
use crate::report::{self, Report};
use crate::rt::task::{FutState, Start};
use crate::rt::{Drive, InterruptHandle, Rt, Stop, Task, Until};
use crate::syntax;
use crate::vm::{self, CodeKind, ExcKind, Source};

mod live;
pub use live::TaskInfo;

/// Where `print` writes (see [`Engine::with_print`]).
#[derive(Clone, Default)]
pub enum Print {
    /// Standard output (the default).
    #[default]
    Stdout,
    /// Standard error.
    Stderr,
    /// Nowhere.
    Discard,
    /// To a function, called with the text of each `print` (its `end` included).
    Callback(Arc<dyn Fn(&str) + Send + Sync>),
}

impl Print {
    fn writer(&self) -> Box<dyn Write> {
        match self {
            Print::Stdout => Box::new(std::io::stdout()),
            Print::Stderr => Box::new(std::io::stderr()),
            Print::Discard => Box::new(std::io::sink()),
            Print::Callback(f) => Box::new(CallbackWriter(CallbackFn::Shared(f.clone()))),
        }
    }
}

enum CallbackFn {
    Shared(Arc<dyn Fn(&str) + Send + Sync>),
    Local(Box<dyn FnMut(&str)>),
}

/// A `Write` that hands each write (one `print`) to a function as text.
struct CallbackWriter(CallbackFn);

impl Write for CallbackWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        match &mut self.0 {
            CallbackFn::Shared(f) => f(&text),
            CallbackFn::Local(f) => f(&text),
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The arguments of [`Session::call`]: a tuple of values (`(1, "x")`), a `Vec` or an
/// array of them, or `()`.
pub trait IntoArgs {
    /// The arguments, in order.
    fn into_args(self) -> Vec<Value>;
}

impl IntoArgs for () {
    fn into_args(self) -> Vec<Value> {
        Vec::new()
    }
}

impl<T: IntoValue> IntoArgs for Vec<T> {
    fn into_args(self) -> Vec<Value> {
        self.into_iter().map(IntoValue::into_value).collect()
    }
}

impl<T: IntoValue, const N: usize> IntoArgs for [T; N] {
    fn into_args(self) -> Vec<Value> {
        self.into_iter().map(IntoValue::into_value).collect()
    }
}

macro_rules! tuple_args {
    ($(($($name:ident),+))*) => {$(
        impl<$($name: IntoValue),+> IntoArgs for ($($name,)+) {
            #[allow(non_snake_case)]
            fn into_args(self) -> Vec<Value> {
                let ($($name,)+) = self;
                vec![$($name.into_value()),+]
            }
        }
    )*};
}
tuple_args! {
    (A)
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
    (A, B, C, D, E, F)
}

/// One living instance of a script on one thread: its globals, its event loop and tasks,
/// its output. [`run`](Session::run) runs the main body (and every task it spawns) to the
/// end; [`call`](Session::call) calls one of its functions or tasks, as often as wanted;
/// [`eval`](Session::eval) runs more code in the same globals. Each is a future the host
/// awaits on its own executor (it gives the thread back regularly, see
/// [`Engine::with_slice`]), or blocks on (`run_blocking`...). Tasks a call or an entry
/// spawns and leaves running go on during the next one.
///
/// ```
/// use runner::Engine;
///
/// let engine = Engine::new();
/// let script = engine.compile("counter.tasks", r#"
///     let count = 0
///     task bump(by) {
///         await sleep(0)
///         count += by
///         return count
///     }
/// "#).unwrap();
/// let mut session = engine.session(&script);
/// session.run_blocking().unwrap();
/// assert_eq!(session.call_blocking("bump", (2,)).unwrap().as_int(), Some(2));
/// assert_eq!(session.call_blocking("bump", (3,)).unwrap().as_int(), Some(5));
/// assert_eq!(session.eval_blocking("count * 10").unwrap().as_int(), Some(50));
/// assert_eq!(session.get::<i64>("count").unwrap(), 5);
/// ```
pub struct Session {
    rt: Rt,
    script: Script,
    main: Rc<vm::Code>,
    /// The globals for compiling `eval` entries, made on the first one.
    eval_globals: Option<Globals>,
    entries: usize,
    main_ran: bool,
    /// Set when a hard stop (a budget, a timeout, `terminate`) ended it: no more runs.
    dead: Option<Error>,
    closed: bool,
    /// The host's report sink, shared with the runtime's event handler.
    reports: ReportSink,
}

/// The host's report sink, which the runtime's event handler and the session share.
type ReportSink = Rc<RefCell<Box<dyn FnMut(Report)>>>;

impl Session {
    pub(super) fn new(engine: &Engine, script: &Script) -> Session {
        let table = script.table.clone();
        let instance = script
            .program
            .instantiate(&|i| vm::Value::Host(table.host(i).clone()));
        let events = Rc::new(RefCell::new(Vec::new()));
        let mut rt = Rt::new(
            &instance,
            engine.config.clone(),
            engine.print.writer(),
            events,
        );
        if let Some(slot) = script.program.args_slot {
            let args = engine
                .config
                .args
                .iter()
                .map(|a| vm::Value::str(a))
                .collect();
            rt.vars.globals[slot as usize] = vm::Value::list(args);
        }
        for name in script.provided.iter() {
            if let Some(slot) = rt.vars.global_names.iter().position(|n| **n == **name)
                && matches!(rt.vars.globals[slot], vm::Value::Undef)
            {
                rt.vars.globals[slot] = vm::Value::None;
            }
        }
        let mut session = Session {
            rt,
            script: script.clone(),
            main: instance.main,
            eval_globals: None,
            entries: 0,
            main_ran: false,
            dead: None,
            closed: false,
            reports: Rc::new(RefCell::new(Box::new(|_| {}))),
        };
        let reports = session.reports.clone();
        session.rt.host.on_event =
            Box::new(move |event| (reports.borrow_mut())(report::event(&event)));
        session.on_report(|report| {
            let _ = write!(std::io::stderr().lock(), "{}", report.render(false));
        });
        session
    }

    /// Where `print` writes from now on: any `Write` (it need not be `Send`).
    pub fn set_output(&mut self, out: impl Write + 'static) {
        self.rt.flush_out();
        self.rt.host.out = Box::new(out);
    }

    /// Hands the text of each `print` to `f` from now on.
    pub fn on_print(&mut self, f: impl FnMut(&str) + 'static) {
        self.rt.flush_out();
        self.rt.host.out = Box::new(CallbackWriter(CallbackFn::Local(Box::new(f))));
    }

    /// Where the reports made while the script runs go, as they happen: a coroutine never
    /// awaited, a task exception never retrieved, the warnings of `eval`'d code. Each comes
    /// after what was printed before it was made, so a host that writes both to one
    /// terminal keeps them in order. By default they are rendered without colour to
    /// standard error.
    pub fn on_report(&mut self, sink: impl FnMut(Report) + 'static) {
        *self.reports.borrow_mut() = Box::new(sink);
    }

    /// Gives a global its value: one the script declares with `let`, or one the host
    /// provides (`Engine::with_global`).
    pub fn set_global(&mut self, name: &str, value: impl IntoValue) -> Result<(), Error> {
        let slot = self.global_slot(name)?;
        self.rt.vars.globals[slot] = value.into_value().0;
        Ok(())
    }

    /// A global's value; `None` if the script has no such global or its `let` has not run.
    pub fn global(&self, name: &str) -> Option<Value> {
        let slot = self.global_slot(name).ok()?;
        match &self.rt.vars.globals[slot] {
            vm::Value::Undef => None,
            v => Some(Value::from_vm(v.clone())),
        }
    }

    /// A global's value, converted.
    pub fn get<T: FromValue>(&self, name: &str) -> Result<T, Error> {
        let value = self.global(name).ok_or_else(|| {
            Error::plain(ErrorKind::Host, format!("the global `{name}` has no value"))
        })?;
        T::from_value(&value)
    }

    /// A handle that interrupts or terminates what the session runs, from any thread.
    pub fn interrupt_handle(&self) -> InterruptHandle {
        self.rt.interrupt_handle()
    }

    /// How many times the loop went idle and waited for a timer or a wake from another
    /// thread. Each wait is at least [`MIN_PARK`](crate::MIN_PARK) long when a timer is
    /// next, so timers due close together wake the loop once.
    pub fn parks(&self) -> u64 {
        self.rt.host.parks
    }

    /// Why writing output last failed, if it did. A closed pipe
    /// ([`std::io::ErrorKind::BrokenPipe`]) is no error of the run; any other failure is
    /// one, of kind [`ErrorKind::Output`].
    pub fn output_error(&self) -> Option<&std::io::Error> {
        self.rt.host.output_error.as_ref()
    }

    /// Runs the main body, and every task it spawns, to the end, as `asyncio.run` would
    /// (but without dropping the tasks still running when main returns). Returns the
    /// value of the main body's last statement, if that is an expression.
    ///
    /// A task exception nothing retrieved makes it an error of kind
    /// [`ErrorKind::NeverRetrieved`]; the report itself went to the report sink when the
    /// task was freed.
    pub async fn run(&mut self) -> Result<Value, Error> {
        self.usable()?;
        if self.main_ran {
            return Err(Error::plain(
                ErrorKind::Host,
                "the main body already ran; call a function or eval code instead".to_owned(),
            ));
        }
        self.main_ran = true;
        let lost_before = self.rt.host.lost;
        let main = self.rt.spawn_main(&self.main.clone());
        self.drive(Until::AllDone).await;
        let result = self.outcome(&main);
        if result.is_ok() && self.rt.host.lost > lost_before {
            return Err(never_retrieved(self.rt.host.lost - lost_before));
        }
        result
    }

    /// [`Session::run`], blocking the thread until it ends.
    pub fn run_blocking(&mut self) -> Result<Value, Error> {
        async_io::block_on(self.run())
    }

    /// Calls the script's function or task `name` with `args` and returns its result; a
    /// task runs in the session's own loop, so the tasks it spawns keep asyncio's order
    /// (and those still running when it returns go on during the next run, call or eval).
    pub async fn call(&mut self, name: &str, args: impl IntoArgs) -> Result<Value, Error> {
        self.usable()?;
        let slot = self.global_slot(name)?;
        let code = match &self.rt.vars.globals[slot] {
            vm::Value::Func(code) if code.kind != CodeKind::Generator => code.clone(),
            vm::Value::Func(_) => {
                return Err(Error::plain(
                    ErrorKind::Host,
                    format!(
                        "`{name}` is an async generator: iterate it with `for await` in the script"
                    ),
                ));
            }
            other => {
                return Err(Error::plain(
                    ErrorKind::Host,
                    format!("`{name}` is not a function but a '{}'", other.type_name()),
                ));
            }
        };
        let positional = args.into_args().into_iter().map(|v| v.0).collect();
        let args =
            vm::call::bind_args(&code, positional, Vec::new()).map_err(|e| Error::from_exc(&e))?;
        self.rt
            .check_task_limit()
            .map_err(|e| Error::from_exc(&e))?;
        let task = self.rt.new_task(Start::new(code, args), None, None);
        self.drive(Until::Task(task.clone())).await;
        self.outcome(&task)
    }

    /// [`Session::call`], blocking the thread until it returns.
    pub fn call_blocking(&mut self, name: &str, args: impl IntoArgs) -> Result<Value, Error> {
        async_io::block_on(self.call(name, args))
    }

    /// Compiles `source` against the session's globals and runs it as a step of the
    /// session: its `let`s, `fn`s and `task`s stay for later entries (a declaration
    /// replaces an earlier one of the same name), top-level `await` works, and the value
    /// of its last statement, if that is an expression, is returned. The REPL is this.
    /// Errors are reported against the entry's own text.
    pub async fn eval(&mut self, source: &str) -> Result<Value, Error> {
        self.entries += 1;
        let name = format!("<entry {}>", self.entries);
        self.eval_named(&name, source).await
    }

    /// [`Session::eval`], with the name reports give the entry (`<stdin>`, a file name).
    pub async fn eval_named(&mut self, name: &str, text: &str) -> Result<Value, Error> {
        self.usable()?;
        let source = Arc::new(Source::new(name, text));
        let ast = syntax::parse(text).map_err(|errors| {
            let reports = errors
                .into_iter()
                .map(|e| Report::new(e, &source))
                .collect();
            Error::from_reports(ErrorKind::Syntax, reports, &source)
        })?;
        let globals = self.eval_globals()?;
        let program = compile::compile_entry(&ast, source.clone(), globals).map_err(|errors| {
            let reports = errors
                .into_iter()
                .map(|e| Report::new(e, &source))
                .collect();
            Error::from_reports(ErrorKind::Compile, reports, &source)
        })?;
        self.rt.flush_out();
        for lint in &program.lints {
            (self.reports.borrow_mut())(Report::new(lint.clone(), &source));
        }
        let table = self.script.table.clone();
        let instance = program.instantiate(&|i| vm::Value::Host(table.host(i).clone()));
        self.rt
            .adopt_globals(instance.globals, instance.global_names);
        let task = self.rt.new_task(Start::new(instance.main, []), None, None);
        // An interrupt while the entry runs cancels the entry, not the session's tasks.
        self.rt.sched.interrupt_scope = Some(task.clone());
        self.drive(Until::Task(task.clone())).await;
        self.rt.sched.interrupt_scope = None;
        self.outcome(&task)
    }

    /// [`Session::eval`], blocking the thread until the entry is done.
    pub fn eval_blocking(&mut self, source: &str) -> Result<Value, Error> {
        async_io::block_on(self.eval(source))
    }

    /// Ends the session: the tasks still pending are dropped, and what that frees reports
    /// itself (a task exception never retrieved is an error here too). Dropping a session
    /// does the same, without the error.
    ///
    /// Output still buffered is written here; if that fails (not a closed pipe) the error
    /// is of kind [`ErrorKind::Output`], unless a run already returned it.
    pub fn close(mut self) -> Result<(), Error> {
        let lost = self.rt.host.lost;
        let failed_before = self
            .dead
            .as_ref()
            .is_some_and(|e| e.kind() == ErrorKind::Output);
        self.shut_down();
        if !failed_before && let Some(error) = output_failure(self.rt.host.output_error.as_ref()) {
            return Err(error);
        }
        match self.rt.host.lost - lost {
            0 => Ok(()),
            n => Err(never_retrieved(n)),
        }
    }

    fn shut_down(&mut self) {
        if !self.closed {
            self.closed = true;
            self.rt.shut_down();
            self.rt.deliver_events();
        }
    }

    fn usable(&self) -> Result<(), Error> {
        match &self.dead {
            Some(error) => Err(error.clone()),
            None => Ok(()),
        }
    }

    fn global_slot(&self, name: &str) -> Result<usize, Error> {
        self.rt
            .vars
            .global_names
            .iter()
            .position(|n| &**n == name)
            .ok_or_else(|| {
                Error::plain(
                    ErrorKind::Host,
                    format!(
                        "the script has no global `{name}` (a host provides one with Engine::with_global)"
                    ),
                )
            })
    }

    fn eval_globals(&mut self) -> Result<&mut Globals, Error> {
        if self.eval_globals.is_none() {
            // The script's own globals, as its compile left them: the same slots.
            let source = self.script.source.clone();
            let ast = syntax::parse(&source.text)
                .map_err(|_| Error::plain(ErrorKind::Host, "the script no longer parses".into()))?;
            let (_, globals) = compile::compile(
                &ast,
                source.clone(),
                &self.script.table,
                &self.script.provided,
            )
            .map_err(|_| Error::plain(ErrorKind::Host, "the script no longer compiles".into()))?;
            self.eval_globals = Some(globals);
        }
        Ok(self.eval_globals.get_or_insert_with(Globals::default))
    }

    /// Drives the loop until `until`, within the time limit.
    async fn drive(&mut self, until: Until) {
        // Waiting for the host's user (`idle_until`) is not the script's time.
        let limited = !matches!(until, Until::Forever);
        self.rt.host.deadline = self
            .rt
            .host
            .config
            .timeout
            .filter(|_| limited)
            .map(|limit| Instant::now() + limit);
        Drive::new(&mut self.rt, until).await;
        self.rt.host.deadline = None;
    }

    /// What a drive for `task` ended with.
    fn outcome(&mut self, task: &Rc<Task>) -> Result<Value, Error> {
        let interrupted = self.rt.interrupt_handle().is_interrupted();
        let stopped = match self.rt.host.stop {
            Some(Stop::Budget) => Some(Error::plain(
                ErrorKind::Budget,
                "the run used up its instruction budget and was stopped".to_owned(),
            )),
            Some(Stop::Timeout) => Some(Error::plain(
                ErrorKind::Timeout,
                format!(
                    "the run took longer than its time limit ({} s) and was stopped",
                    self.rt.host.config.timeout.map_or(0.0, |t| t.as_secs_f64())
                ),
            )),
            Some(Stop::Terminated) => Some(Error::plain(
                ErrorKind::Terminated,
                "the run was terminated".to_owned(),
            )),
            Some(Stop::Output) => Some(
                output_failure(self.rt.host.output_error.as_ref()).unwrap_or_else(|| {
                    // A closed pipe: the run ends quietly, as `runner x.tasks | head` does.
                    Error::plain(ErrorKind::Output, "the output was closed".to_owned())
                }),
            ),
            None => None,
        };
        if let Some(error) = stopped {
            self.dead = Some(error.clone());
            if matches!(self.rt.host.stop, Some(Stop::Output))
                && self
                    .rt
                    .host
                    .output_error
                    .as_ref()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return Ok(Value::none());
            }
            return Err(error);
        }
        if !task.done() {
            let stuck: Vec<(String, Option<vm::Site>)> = self
                .rt
                .stuck_tasks()
                .iter()
                .map(|t| (t.name().to_string(), t.waiting_at()))
                .collect();
            let names: Vec<&str> = stuck.iter().map(|(n, _)| n.as_str()).collect();
            let message = format!(
                "deadlock: no task can ever run again ({} waiting: {})",
                names.len(),
                names.join(", ")
            );
            return Err(Error::with_report(
                ErrorKind::Deadlock,
                message,
                report::deadlock(&stuck, &self.script.source),
            ));
        }
        if interrupted {
            self.rt.interrupt_done();
        }
        let state = {
            let mut core = task.core.borrow_mut();
            core.log_traceback = false;
            core.state.clone()
        };
        match state {
            FutState::Done(value) => {
                if interrupted {
                    return Err(interrupted_error());
                }
                Ok(Value::from_vm(value))
            }
            FutState::Failed(exc) => Err(Error::from_exception(&exc, &self.script.source)),
            FutState::Cancelled(_) if interrupted => Err(interrupted_error()),
            FutState::Cancelled(msg) => Err(Error::exception(
                ExcKind::CancelledError,
                msg.map_or_else(String::new, |m| m.to_string()),
            )),
            FutState::Pending => Err(Error::plain(
                ErrorKind::Host,
                "internal error: the drive ended with its task pending".to_owned(),
            )),
        }
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("script", &self.script.name())
            .field("main_ran", &self.main_ran)
            .field("stopped", &self.dead.as_ref().map(Error::kind))
            .field("tasks", &self.rt.sched.registry.len())
            .finish_non_exhaustive()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// The error of output that could not be written, but for a closed pipe. Its message is
/// the system's (`No space left on device`).
fn output_failure(error: Option<&std::io::Error>) -> Option<Error> {
    let error = error.filter(|e| e.kind() != std::io::ErrorKind::BrokenPipe)?;
    let text = error.to_string();
    let text = match text.rfind(" (os error ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    };
    Some(Error::plain(ErrorKind::Output, text))
}

fn interrupted_error() -> Error {
    Error::plain(ErrorKind::Interrupted, "the run was interrupted".to_owned())
}

fn never_retrieved(n: u64) -> Error {
    let what = if n == 1 {
        "a task exception was".to_owned()
    } else {
        format!("{n} task exceptions were")
    };
    Error::plain(ErrorKind::NeverRetrieved, format!("{what} never retrieved"))
}
