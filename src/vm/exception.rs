//! Exceptions: their kinds, their messages, and the traceback they gather as they unwind.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use super::code::Code;
use super::str::Str;
use super::value::Value;
use crate::syntax::Span;

/// The kinds of exception a script can raise and catch. `Error` is the base of all but
/// `CancelledError`, which, as in Python 3.8+, is not an `Error`: `catch e { }` does not
/// swallow a cancellation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExcKind {
    /// The base of every kind but `CancelledError` and `GeneratorExit` (Python's `Exception`).
    Error,
    /// A value of the right type but not acceptable.
    ValueError,
    /// An operation or call with a value of the wrong type.
    TypeError,
    /// A map key that is not there.
    KeyError,
    /// A list or string index out of range.
    IndexError,
    /// A division or modulo by zero.
    ZeroDivisionError,
    /// An int result past 64 bits, or a number too large to convert.
    OverflowError,
    /// Misuse the other kinds do not name: a coroutine awaited twice, too many tasks.
    RuntimeError,
    /// `wait_for`, `fetch` or a timeout passed (a kind of `OSError`, as in Python 3.11).
    TimeoutError,
    /// The task was cancelled; not an `Error`, so `catch e` does not swallow it.
    CancelledError,
    /// An HTTP request that could not complete.
    FetchError,
    /// Calls nested deeper than the limit (a kind of `RuntimeError`).
    RecursionError,
    /// A global read before its `let` ran.
    NameError,
    /// An attribute or method the value does not have.
    AttributeError,
    /// An `assert` that failed.
    AssertionError,
    /// A value too large to build, or the run's memory limit reached.
    MemoryError,
    /// Thrown into an async generator at its `yield` to close it (Python's GeneratorExit).
    /// Like CancelledError it is not an `Error`.
    GeneratorExit,
    /// An operating-system failure: the base of `PermissionError` and `TimeoutError`.
    OSError,
    /// Refused by the operating system, or by a capability the host switched off.
    PermissionError,
    /// A file or directory that is not there (an `OSError`).
    FileNotFoundError,
    /// A file or directory that is there already (an `OSError`).
    FileExistsError,
    /// A directory where a file was expected (an `OSError`).
    IsADirectoryError,
    /// A file where a directory was expected (an `OSError`).
    NotADirectoryError,
    /// `put_nowait` on a full queue.
    QueueFull,
    /// `get_nowait` on an empty queue.
    QueueEmpty,
    /// Several exceptions at once: what a `TaskGroup` raises when members fail.
    ExceptionGroup,
    /// A program `run(..., check = true)` started exited with a failure, or could not be
    /// started.
    ProcessError,
    /// `t.result()` or `t.exception()` of a task or future that is not done (asyncio's
    /// `InvalidStateError`).
    InvalidStateError,
}

impl ExcKind {
    /// Every kind, in the order of the enum.
    pub const ALL: [ExcKind; 28] = [
        ExcKind::Error,
        ExcKind::ValueError,
        ExcKind::TypeError,
        ExcKind::KeyError,
        ExcKind::IndexError,
        ExcKind::ZeroDivisionError,
        ExcKind::OverflowError,
        ExcKind::RuntimeError,
        ExcKind::TimeoutError,
        ExcKind::CancelledError,
        ExcKind::FetchError,
        ExcKind::RecursionError,
        ExcKind::NameError,
        ExcKind::AttributeError,
        ExcKind::AssertionError,
        ExcKind::MemoryError,
        ExcKind::GeneratorExit,
        ExcKind::OSError,
        ExcKind::PermissionError,
        ExcKind::FileNotFoundError,
        ExcKind::FileExistsError,
        ExcKind::IsADirectoryError,
        ExcKind::NotADirectoryError,
        ExcKind::QueueFull,
        ExcKind::QueueEmpty,
        ExcKind::ExceptionGroup,
        ExcKind::ProcessError,
        ExcKind::InvalidStateError,
    ];

    /// The name scripts use for it (`ValueError`).
    pub fn name(self) -> &'static str {
        match self {
            ExcKind::Error => "Error",
            ExcKind::ValueError => "ValueError",
            ExcKind::TypeError => "TypeError",
            ExcKind::KeyError => "KeyError",
            ExcKind::IndexError => "IndexError",
            ExcKind::ZeroDivisionError => "ZeroDivisionError",
            ExcKind::OverflowError => "OverflowError",
            ExcKind::RuntimeError => "RuntimeError",
            ExcKind::TimeoutError => "TimeoutError",
            ExcKind::CancelledError => "CancelledError",
            ExcKind::FetchError => "FetchError",
            ExcKind::RecursionError => "RecursionError",
            ExcKind::NameError => "NameError",
            ExcKind::AttributeError => "AttributeError",
            ExcKind::AssertionError => "AssertionError",
            ExcKind::MemoryError => "MemoryError",
            ExcKind::GeneratorExit => "GeneratorExit",
            ExcKind::OSError => "OSError",
            ExcKind::PermissionError => "PermissionError",
            ExcKind::FileNotFoundError => "FileNotFoundError",
            ExcKind::FileExistsError => "FileExistsError",
            ExcKind::IsADirectoryError => "IsADirectoryError",
            ExcKind::NotADirectoryError => "NotADirectoryError",
            ExcKind::QueueFull => "QueueFull",
            ExcKind::QueueEmpty => "QueueEmpty",
            ExcKind::ExceptionGroup => "ExceptionGroup",
            ExcKind::ProcessError => "ProcessError",
            ExcKind::InvalidStateError => "InvalidStateError",
        }
    }

    /// The kind this one is a subclass of, as in Python's hierarchy (`Error` is Python's
    /// `Exception`); `None` for `Error` and the two that are not `Error`s.
    pub fn parent(self) -> Option<ExcKind> {
        match self {
            ExcKind::Error | ExcKind::CancelledError | ExcKind::GeneratorExit => None,
            ExcKind::RecursionError => Some(ExcKind::RuntimeError),
            ExcKind::TimeoutError
            | ExcKind::PermissionError
            | ExcKind::FileNotFoundError
            | ExcKind::FileExistsError
            | ExcKind::IsADirectoryError
            | ExcKind::NotADirectoryError => Some(ExcKind::OSError),
            _ => Some(ExcKind::Error),
        }
    }

    /// The kind a script names (`"ValueError"`), if there is one.
    pub fn from_name(name: &str) -> Option<ExcKind> {
        ExcKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Whether an exception of kind `self` is caught by a clause naming `clause`: the kind
    /// itself or one of its ancestors (`catch OSError` catches a `PermissionError`, `catch
    /// RuntimeError` a `RecursionError`, as in Python).
    pub fn is_a(self, clause: ExcKind) -> bool {
        let mut kind = Some(self);
        while let Some(k) = kind {
            if k == clause {
                return true;
            }
            kind = k.parent();
        }
        false
    }
}

impl fmt::Display for ExcKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One frame that an exception passed through: which code, and the instruction it was at.
#[derive(Clone)]
pub struct TraceEntry {
    pub code: Rc<Code>,
    pub span: Span,
    /// The task the frame ran in.
    pub task: Rc<str>,
}

/// A raised (or constructed) exception. Shared: a task stores it, and `await t` in another
/// task raises the same object again, which extends its traceback.
pub struct Exception {
    pub kind: ExcKind,
    /// `str()` of the argument it was made with, or empty: what `e.message` returns.
    pub message: Str,
    /// The argument it was made with (Python's `args[0]`), if any.
    pub arg: Option<Value>,
    /// Frames in the order the exception passed through them: the raise site first.
    pub traceback: RefCell<Vec<TraceEntry>>,
    /// An `ExceptionGroup`'s exceptions (`eg.exceptions`); empty for every other kind.
    pub exceptions: Vec<Exc>,
    /// A `ProcessError`'s exit code (`e.code`), an `OSError`'s error number (`e.errno`).
    pub code: Option<i64>,
    /// runner's advice for the report's help line, kept out of the message so that
    /// `str(e)` is Python's word for word.
    pub help: Option<Str>,
}

impl Exception {
    pub fn new(kind: ExcKind, message: impl Into<Str>) -> Rc<Exception> {
        let message: Str = message.into();
        let arg = (!message.is_empty()).then(|| Value::Str(message.clone()));
        Rc::new(Exception {
            kind,
            message,
            arg,
            traceback: RefCell::new(Vec::new()),
            exceptions: Vec::new(),
            code: None,
            help: None,
        })
    }
}

impl Exception {
    /// An exception made with an argument that is not a string: `KeyError(5)`.
    pub fn with_arg(kind: ExcKind, arg: Value) -> Rc<Exception> {
        let message: Str = match &arg {
            Value::Str(s) => s.clone(),
            other => Str::from(super::format::repr(other)),
        };
        Rc::new(Exception {
            kind,
            message,
            arg: Some(arg),
            traceback: RefCell::new(Vec::new()),
            exceptions: Vec::new(),
            code: None,
            help: None,
        })
    }

    /// An `ExceptionGroup` of `exceptions` (never empty), as a `TaskGroup` raises it.
    pub fn group(message: &str, exceptions: Vec<Exc>) -> Rc<Exception> {
        let message = Str::from(message);
        Rc::new(Exception {
            kind: ExcKind::ExceptionGroup,
            arg: Some(Value::Str(message.clone())),
            message,
            traceback: RefCell::new(Vec::new()),
            exceptions,
            code: None,
            help: None,
        })
    }

    /// An exception that carries a number: a `ProcessError`'s exit code, an `OSError`'s
    /// `errno`.
    pub fn with_code(kind: ExcKind, message: impl Into<Str>, code: i64) -> Rc<Exception> {
        let message: Str = message.into();
        Rc::new(Exception {
            kind,
            arg: (!message.is_empty()).then(|| Value::Str(message.clone())),
            message,
            traceback: RefCell::new(Vec::new()),
            exceptions: Vec::new(),
            code: Some(code),
            help: None,
        })
    }

    /// `str(e)`: the message, except that a `KeyError` shows its key as `repr` and an
    /// `ExceptionGroup` counts its members, as Python's.
    pub fn text(&self) -> Str {
        match (&self.arg, self.kind) {
            (Some(arg), ExcKind::KeyError) => Str::from(super::format::repr(arg)),
            (_, ExcKind::ExceptionGroup) => {
                let n = self.exceptions.len();
                let plural = if n == 1 { "" } else { "s" };
                Str::from(format!("{} ({n} sub-exception{plural})", self.message))
            }
            _ => self.message.clone(),
        }
    }
}

impl fmt::Debug for Exception {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({:?})", self.kind, self.message)
    }
}

/// Shorthand for the exception results that runtime operations return.
pub type Exc = Rc<Exception>;

/// Adds runner's advice to a new exception (see `Exception::help`).
pub trait WithHelp {
    /// The exception with `help` for its report; an empty `help` adds nothing.
    fn with_help(self, help: &str) -> Self;
}

impl WithHelp for Exc {
    fn with_help(mut self, help: &str) -> Exc {
        if !help.is_empty()
            && let Some(e) = Rc::get_mut(&mut self)
        {
            e.help = Some(Str::from(help));
        }
        self
    }
}

/// Builds the `Err` of a failing operation: `return Err(exc(ExcKind::TypeError, ...))`.
#[cold]
pub fn exc(kind: ExcKind, message: impl Into<Str>) -> Exc {
    Exception::new(kind, message)
}

#[cold]
pub fn type_error(message: impl Into<Str>) -> Exc {
    Exception::new(ExcKind::TypeError, message)
}

#[cold]
pub fn value_error(message: impl Into<Str>) -> Exc {
    Exception::new(ExcKind::ValueError, message)
}
