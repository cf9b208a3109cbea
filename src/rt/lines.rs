//! An asynchronous stream of text lines, for `for await`: a child's stdout or stderr
//! (`p.lines()`), a file read a line at a time (`read_lines(path)`).
//!
//! Each step reads one line in a local future polled on the loop's thread; a line already
//! buffered is an item at once, one still to come suspends the task ([`Anext::Again`]).
//! Lines come without their `\n` (or `\r\n`); bytes that are not UTF-8 are replaced, as a
//! Python stream decoded with `errors="replace"` would.
//!
//! **Invariant:** one step at a time: a second task asking while the first waits gets a
//! `RuntimeError`, as asyncio's `StreamReader` does.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::path::PathBuf;
use std::pin::Pin;
use std::rc::Rc;

use futures_lite::{AsyncBufRead, AsyncBufReadExt};

use super::awaitable::{Anext, again};
use super::event_loop::Rt;
use super::host::Started;
use crate::vm::{Exc, ExcKind, NativeObject, Value, exc};

/// A reader the loop's thread may poll.
pub type Reader = Pin<Box<dyn AsyncBufRead>>;

/// Where the lines come from.
enum Source {
    /// A file not opened yet: the first step opens it, off the loop's thread.
    Path(PathBuf),
    Reader(Reader),
    /// Exhausted, failed, or lost to a step that was cancelled.
    Gone,
}

/// The state of one stream of lines.
pub struct Lines {
    source: RefCell<Source>,
    /// What a step that finished while no task was asking found: the next line, the end,
    /// or an error.
    ready: RefCell<Option<Result<Option<String>, Exc>>>,
    reading: Cell<bool>,
    /// What `repr` calls it: `stdout of 'make'`, `'notes.txt'`.
    what: String,
}

impl Lines {
    pub fn from_reader(reader: Reader, what: String) -> Rc<Lines> {
        Lines::new(Source::Reader(reader), what)
    }

    pub fn from_path(path: PathBuf) -> Rc<Lines> {
        let what = super::fs::quoted(&path);
        Lines::new(Source::Path(path), what)
    }

    fn new(source: Source, what: String) -> Rc<Lines> {
        Rc::new(Lines {
            source: RefCell::new(source),
            ready: RefCell::new(None),
            reading: Cell::new(false),
            what,
        })
    }

    /// The next line, or why there is none yet.
    pub fn anext(self: &Rc<Self>, rt: &mut Rt) -> Anext {
        if let Some(found) = self.ready.borrow_mut().take() {
            return match found {
                Ok(Some(line)) => Anext::Item(Value::str(&line)),
                Ok(None) => Anext::Exhausted,
                Err(e) => Anext::Fail(e),
            };
        }
        if self.reading.get() {
            return Anext::Fail(exc(
                ExcKind::RuntimeError,
                "another task is already waiting for the next line of this stream",
            ));
        }
        let source = std::mem::replace(&mut *self.source.borrow_mut(), Source::Gone);
        if matches!(source, Source::Gone) {
            return Anext::Exhausted;
        }
        self.reading.set(true);
        let step = Step(self.clone());
        let future = Box::pin(async move {
            let found = step.read(source).await;
            *step.0.ready.borrow_mut() = Some(found);
            Ok(Value::None)
        });
        match rt.start_local(future) {
            Started::Ready(_) => self.anext(rt),
            Started::Block(fut) => again(&fut),
        }
    }
}

/// One step's hold on its stream: dropped (the step finished, or was cancelled and its
/// future dropped), the stream may be asked again.
struct Step(Rc<Lines>);

impl Drop for Step {
    fn drop(&mut self) {
        self.0.reading.set(false);
    }
}

impl Step {
    async fn read(&self, source: Source) -> Result<Option<String>, Exc> {
        let mut reader = match source {
            Source::Reader(reader) => reader,
            Source::Path(path) => {
                let opened = {
                    let path = path.clone();
                    blocking::unblock(move || std::fs::File::open(path)).await
                };
                let file = opened.map_err(|e| super::fs::os_error(&e, &path))?;
                Box::pin(futures_lite::io::BufReader::new(blocking::Unblock::new(
                    file,
                )))
            }
            Source::Gone => return Ok(None),
        };
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line).await {
            Ok(0) => Ok(None),
            Ok(_) => {
                *self.0.source.borrow_mut() = Source::Reader(reader);
                if line.last() == Some(&b'\n') {
                    line.pop();
                    if line.last() == Some(&b'\r') {
                        line.pop();
                    }
                }
                super::work::spend(line.len() / 16);
                Ok(Some(String::from_utf8_lossy(&line).into_owned()))
            }
            Err(e) => Err(exc(
                ExcKind::OSError,
                format!("reading {}: {}", self.0.what, super::fs::strerror(&e)),
            )),
        }
    }
}

/// A stream of lines as a script value.
pub struct LinesObj(pub Rc<Lines>);

impl NativeObject for LinesObj {
    fn type_name(&self) -> &'static str {
        "lines"
    }
    fn repr(&self) -> String {
        format!("<lines of {}>", self.0.what)
    }
    fn anext(&self, rt: &mut Rt) -> Option<Anext> {
        Some(self.0.anext(rt))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
