//! Errors as data: what went wrong (`kind`), where (line, column, byte offset), the
//! traceback, and the rendered report the CLI would print.

use std::fmt;
use std::sync::Arc;

use crate::report::{self, Report};
use crate::vm::{self, Exc, ExcKind, Source};

/// Everything that can stop a script, as one type: a syntax or compile error, an exception
/// that escaped, a limit that was reached, an interrupt. It renders exactly as the CLI
/// does ([`Error::render`], or through [`miette::Diagnostic`]), and its parts are data.
///
/// ```
/// use runner::{Engine, ErrorKind, ExcKind};
///
/// let engine = Engine::new();
/// let err = engine.compile("bad.tasks", "let x = (1 +\n").err().unwrap();
/// assert_eq!(err.kind(), ErrorKind::Syntax);
/// assert_eq!(err.location().map(|l| l.line), Some(1));
///
/// let script = engine.compile("raise.tasks", "fn f() { raise ValueError(\"no\") }\nf()\n").unwrap();
/// let err = engine.session(&script).run_blocking().unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Exception(ExcKind::ValueError));
/// assert_eq!(err.message(), "no");
/// assert_eq!(err.location().map(|l| (l.line, l.column)), Some((1, 10)));
/// assert_eq!(err.traceback().len(), 2);
/// assert!(err.render(false).contains("ValueError: no"));
/// ```
#[derive(Clone)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    location: Option<Location>,
    traceback: Vec<Frame>,
    reports: Arc<[Report]>,
}

/// What kind of thing stopped the script.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text does not parse.
    Syntax,
    /// It parses, but names, `await`s or calls are wrong (found before running).
    Compile,
    /// An exception escaped: the main body's, a called function's, or one a host function
    /// raised. A `MemoryError` is [`ErrorKind::Memory`] instead.
    Exception(ExcKind),
    /// The instruction budget ran out.
    Budget,
    /// The memory limit was reached and the script did not recover.
    Memory,
    /// The wall-clock limit passed.
    Timeout,
    /// The run was interrupted ([`InterruptHandle::interrupt`](crate::InterruptHandle::interrupt), Ctrl-C).
    Interrupted,
    /// The run was stopped hard ([`InterruptHandle::terminate`](crate::InterruptHandle::terminate)).
    Terminated,
    /// Every task left waits on something that can never happen.
    Deadlock,
    /// A task failed and nothing ever retrieved its exception (its report went to the
    /// session's report sink when it happened).
    NeverRetrieved,
    /// Printed output could not be written (not a closed pipe, which ends a run quietly).
    Output,
    /// The host asked for something that does not exist: a function `call` names, a
    /// global, a value that does not convert.
    Host,
}

/// A place in a script: 1-based line and column (in characters), and the byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
    /// The byte offset of the start in the script's text.
    pub offset: usize,
    /// The length in bytes.
    pub len: usize,
}

/// One frame of a traceback, outermost first: the function (`"main"` for the main body),
/// the task it ran in, and where it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// The function's or task's name, or `"main"`.
    pub function: String,
    /// The name of the task the frame ran in (`Task-1` is the main body's).
    pub task: String,
    /// Where in the script the frame was.
    pub location: Location,
}

impl Error {
    /// An exception of `kind`: what a host function returns to raise it in the script.
    pub fn exception(kind: ExcKind, message: impl Into<String>) -> Error {
        Error::plain(ErrorKind::Exception(kind), message.into())
    }

    /// A `RuntimeError` with `message`: the simplest error a host function can raise.
    pub fn msg(message: impl fmt::Display) -> Error {
        Error::exception(ExcKind::RuntimeError, message.to_string())
    }

    /// What kind of thing stopped the script.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The exception's message (`e.message` in the script), or what went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where it happened: where the exception was raised, or the first syntax error.
    pub fn location(&self) -> Option<Location> {
        self.location
    }

    /// The frames the exception passed through, outermost first; the last is the raise.
    pub fn traceback(&self) -> &[Frame] {
        &self.traceback
    }

    /// The reports behind it, as miette diagnostics: every syntax or compile error found,
    /// or the one report of a runtime error.
    pub fn reports(&self) -> &[Report] {
        &self.reports
    }

    /// The report as the CLI prints it; `fancy` adds colour and Unicode.
    pub fn render(&self, fancy: bool) -> String {
        if self.reports.is_empty() {
            return format!("{self}\n");
        }
        self.reports.iter().map(|r| r.render(fancy)).collect()
    }

    pub(crate) fn plain(kind: ErrorKind, message: String) -> Error {
        Error {
            kind,
            message,
            location: None,
            traceback: Vec::new(),
            reports: Arc::from([]),
        }
    }

    pub(crate) fn with_report(kind: ErrorKind, message: String, report: Report) -> Error {
        Error {
            reports: Arc::from([report]),
            ..Error::plain(kind, message)
        }
    }

    /// Every error a script's text has, as one error.
    pub(crate) fn from_reports(kind: ErrorKind, reports: Vec<Report>, source: &Source) -> Error {
        let message = reports.first().map(Report::message).unwrap_or_default();
        let location = reports
            .first()
            .and_then(Report::first_offset)
            .map(|(offset, len)| report::location(source, offset, len));
        Error {
            kind,
            message,
            location,
            traceback: Vec::new(),
            reports: Arc::from(reports),
        }
    }

    /// An exception that escaped into the host, with its report and traceback.
    pub(crate) fn from_exception(exc: &Exc, source: &Source) -> Error {
        let kind = match exc.kind {
            ExcKind::MemoryError => ErrorKind::Memory,
            kind => ErrorKind::Exception(kind),
        };
        let trace = exc.traceback.borrow();
        let traceback: Vec<Frame> = trace
            .iter()
            .rev()
            .map(|entry| Frame {
                function: if entry.code.kind == vm::CodeKind::Main {
                    "main".to_owned()
                } else {
                    entry.code.name.to_string()
                },
                task: entry.task.to_string(),
                location: report::location(
                    &entry.code.source,
                    entry.span.start as usize,
                    entry.span.len(),
                ),
            })
            .collect();
        Error {
            kind,
            message: exc.text().to_string(),
            location: traceback.last().map(|f| f.location),
            traceback,
            reports: Arc::from([report::uncaught(exc, source)]),
        }
    }

    /// An exception with no location (a conversion that failed in the host's code).
    pub(crate) fn from_exc(exc: &Exc) -> Error {
        let kind = match exc.kind {
            ExcKind::MemoryError => ErrorKind::Memory,
            kind => ErrorKind::Exception(kind),
        };
        Error::plain(kind, exc.text().to_string())
    }

    /// The exception a host function's error raises in the script.
    pub(crate) fn to_exc(&self) -> Exc {
        let kind = match self.kind {
            ErrorKind::Exception(kind) => kind,
            ErrorKind::Memory => ExcKind::MemoryError,
            ErrorKind::Timeout => ExcKind::TimeoutError,
            _ => ExcKind::RuntimeError,
        };
        vm::exc(kind, self.message.as_str())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ErrorKind::Exception(kind) if self.message.is_empty() => write!(f, "{kind}"),
            ErrorKind::Exception(kind) => write!(f, "{kind}: {}", self.message),
            ErrorKind::Memory => write!(f, "MemoryError: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("message", &self.message)
            .field("location", &self.location)
            .finish_non_exhaustive()
    }
}

impl std::error::Error for Error {}

/// The report of the error (the first, for several syntax errors; the others are its
/// related diagnostics), with the script's source attached: `miette` renders it as the
/// CLI does.
impl miette::Diagnostic for Error {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.reports.first()?.diagnostic().code()
    }
    fn severity(&self) -> Option<miette::Severity> {
        self.reports.first()?.diagnostic().severity()
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.reports.first()?.diagnostic().help()
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.reports.first()?.diagnostic().source_code()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.reports.first()?.diagnostic().labels()
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        let first = self.reports.first()?.diagnostic();
        let rest = self.reports[1..].iter().map(Report::diagnostic);
        Some(Box::new(first.related().into_iter().flatten().chain(rest)))
    }
}
