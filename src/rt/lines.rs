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
    /// The start of a line that a cancelled step had read.
    partial: RefCell<Vec<u8>>,
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
            partial: RefCell::new(Vec::new()),
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
        let reader = match source {
            Source::Gone => return Anext::Exhausted,
            Source::Reader(reader) => Some(reader),
            Source::Path(path) => {
                // Opened by the step; until then the path stays the source.
                *self.source.borrow_mut() = Source::Path(path);
                None
            }
        };
        self.reading.set(true);
        let mut step = Step {
            lines: self.clone(),
            reader,
            partial: std::mem::take(&mut *self.partial.borrow_mut()),
        };
        let future = Box::pin(async move {
            let found = step.read().await;
            *step.lines.ready.borrow_mut() = Some(found);
            Ok(Value::None)
        });
        match rt.start_local(future) {
            Started::Ready(_) => self.anext(rt),
            Started::Block(fut) => again(&fut),
        }
    }
}

/// One step's hold on its stream. Dropped (the step finished, or was cancelled and its
/// future dropped), it gives the reader back, with the part of a line read so far, so a
/// cancelled step loses nothing: the next one goes on where it stopped.
struct Step {
    lines: Rc<Lines>,
    reader: Option<Reader>,
    partial: Vec<u8>,
}

impl Drop for Step {
    fn drop(&mut self) {
        self.lines.reading.set(false);
        if let Some(reader) = self.reader.take() {
            *self.lines.source.borrow_mut() = Source::Reader(reader);
            *self.lines.partial.borrow_mut() = std::mem::take(&mut self.partial);
        }
    }
}

impl Step {
    async fn read(&mut self) -> Result<Option<String>, Exc> {
        if self.reader.is_none() {
            let path = match std::mem::replace(&mut *self.lines.source.borrow_mut(), Source::Gone) {
                Source::Path(path) => path,
                _ => return Ok(None),
            };
            let opened = {
                let path = path.clone();
                blocking::unblock(move || std::fs::File::open(path)).await
            };
            let file = opened.map_err(|e| super::fs::os_error(&e, &path))?;
            self.reader = Some(Box::pin(futures_lite::io::BufReader::new(
                blocking::Unblock::new(file),
            )));
        }
        let Step {
            reader, partial, ..
        } = self;
        let Some(r) = reader.as_mut() else {
            return Ok(None);
        };
        match r.read_until(b'\n', partial).await {
            Ok(0) if partial.is_empty() => {
                *reader = None;
                Ok(None)
            }
            Ok(_) => {
                let mut line = std::mem::take(partial);
                if line.last() == Some(&b'\n') {
                    line.pop();
                    if line.last() == Some(&b'\r') {
                        line.pop();
                    }
                }
                super::work::spend(line.len() / 16);
                Ok(Some(String::from_utf8_lossy(&line).into_owned()))
            }
            Err(e) => {
                *reader = None;
                Err(exc(
                    ExcKind::OSError,
                    format!("reading {}: {}", self.lines.what, super::fs::strerror(&e)),
                ))
            }
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
