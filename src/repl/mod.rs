//! The REPL: `runner repl`, or `runner` with no file on a terminal. One living session
//! (`Session::eval` per entry, so `let`s, `fn`s and `task`s persist), the event loop kept
//! running while the prompt waits (`Session::idle_until` on the reader thread's channel),
//! Ctrl-C cancelling the entry that runs, and meta commands (`:tasks`, `:cancel`...).
//!
//! **Invariant:** everything the session prints while a prompt is up goes through
//! rustyline's external printer, which draws it above the prompt and redraws the line
//! being typed; nothing else writes to the terminal while the editor owns it.

mod helper;
mod input;
mod meta;

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use runner::{Engine, ErrorKind, Report, Session, Value};

use helper::ReplHelper;
use input::{Input, Reader};

/// Where the session's output goes.
#[derive(Clone)]
enum Sink {
    /// A terminal with a line editor: through its external printer.
    Printer(Arc<Mutex<Box<dyn rustyline::ExternalPrinter + Send>>>),
    /// No terminal: standard output and standard error as they are.
    Plain,
}

impl Sink {
    fn out(&self, text: &str) {
        match self {
            Sink::Printer(printer) => {
                // The printer writes in the terminal's raw mode while a prompt is up:
                // a bare `\n` would not return to the first column.
                let text = text.replace('\n', "\r\n");
                if let Ok(mut p) = printer.lock() {
                    let _ = p.print(text);
                }
            }
            Sink::Plain => {
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(text.as_bytes());
                let _ = out.flush();
            }
        }
    }

    fn err(&self, text: &str) {
        match self {
            Sink::Printer(_) => self.out(text),
            Sink::Plain => {
                let _ = std::io::stderr().lock().write_all(text.as_bytes());
            }
        }
    }
}

/// The session's `print` output: whole lines go to the sink as they are completed, a
/// partial line when the session flushes (it does before it waits).
struct Out {
    sink: Sink,
    pending: Vec<u8>,
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(last) = self.pending.iter().rposition(|&b| b == b'\n') {
            let lines: Vec<u8> = self.pending.drain(..=last).collect();
            self.sink.out(&String::from_utf8_lossy(&lines));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.sink.out(&String::from_utf8_lossy(&rest));
        }
        Ok(())
    }
}

/// The REPL over `engine`; `terminal` says whether stdin is one (prompts, editing).
/// Returns the exit status: 0, or 1 if an entry failed when reading from a pipe.
pub fn main(engine: Engine, terminal: bool, fancy: bool) -> i32 {
    let names = Arc::new(Mutex::new(Vec::new()));
    let (reader, sink) = if terminal {
        let helper = ReplHelper {
            names: names.clone(),
            builtins: engine.builtin_names(),
            colour: fancy,
        };
        match input::editor(helper) {
            Ok((editor, printer)) => (
                input::spawn_terminal(editor),
                Sink::Printer(Arc::new(Mutex::new(printer))),
            ),
            Err(e) => {
                eprintln!("runner: cannot start the line editor ({e}); reading plain lines");
                (input::spawn_stdin(), Sink::Plain)
            }
        }
    } else {
        (input::spawn_stdin(), Sink::Plain)
    };
    let script = match engine.compile("<repl>", "") {
        Ok(script) => script,
        Err(error) => {
            eprintln!("{}", error.render(fancy));
            return 2;
        }
    };
    let mut session = engine.session(&script);
    session.set_output(Out {
        sink: sink.clone(),
        pending: Vec::new(),
    });
    let report_sink = sink.clone();
    session.on_report(move |report: Report| report_sink.err(&report.render(fancy)));

    // Ctrl-C while an entry runs cancels it; at a prompt the editor takes it (it clears
    // the line), and with no entry running a stray one does nothing.
    let running = Arc::new(AtomicBool::new(false));
    {
        let running = running.clone();
        let handle = session.interrupt_handle();
        let _ = ctrlc::set_handler(move || {
            if running.load(Ordering::SeqCst) {
                handle.interrupt();
            }
        });
    }
    if terminal {
        sink.out(
            "runner REPL: top-level await works and tasks keep running between prompts; :help for commands, Ctrl-D to leave\n",
        );
    }
    let repl = Repl {
        session,
        sink,
        fancy,
        running,
        names,
        failed: false,
        terminal,
    };
    let status = async_io::block_on(repl.run(reader));
    let _ = std::io::stdout().flush();
    status
}

struct Repl {
    session: Session,
    sink: Sink,
    fancy: bool,
    running: Arc<AtomicBool>,
    names: Arc<Mutex<Vec<String>>>,
    /// An entry failed: a scripted session (stdin not a terminal) then exits with 1.
    failed: bool,
    terminal: bool,
}

impl Repl {
    async fn run(mut self, reader: Reader) -> i32 {
        // `_` holds the last value echoed, as in Python's REPL.
        let _ = self.session.eval("let _ = none").await;
        loop {
            reader.ask();
            let input = self.session.idle_until(reader.entries.recv()).await;
            match input {
                Ok(Input::Entry(text)) => {
                    let entry = text.trim();
                    if entry.is_empty() {
                        continue;
                    }
                    if entry.starts_with(':') {
                        if meta::run(&mut self, entry).await == meta::Flow::Quit {
                            break;
                        }
                    } else {
                        self.eval(&text, true).await;
                    }
                    if let Ok(mut names) = self.names.lock() {
                        *names = self.session.global_names();
                    }
                }
                Ok(Input::End) | Err(_) => break,
            }
        }
        // Leaving: what is still running is cancelled, and its cleanup runs.
        self.session.cancel_all_tasks().await;
        let Repl {
            session,
            sink,
            fancy,
            mut failed,
            terminal,
            ..
        } = self;
        if let Err(error) = session.close() {
            if error.kind() != ErrorKind::NeverRetrieved {
                sink.err(&error.render(fancy));
            }
            failed = true;
        }
        i32::from(failed && !terminal)
    }

    /// Runs one entry; echoes its value (as `repr`, `none` not shown) when `echo`.
    async fn eval(&mut self, text: &str, echo: bool) -> Option<Value> {
        self.running.store(true, Ordering::SeqCst);
        let result = self.session.eval(text).await;
        self.running.store(false, Ordering::SeqCst);
        match result {
            Ok(value) => {
                if echo && !value.is_none() {
                    self.sink.out(&format!("{value:?}\n"));
                    let _ = self.session.set_global("_", value.clone());
                }
                Some(value)
            }
            Err(error) => {
                self.report(&error);
                None
            }
        }
    }

    fn report(&mut self, error: &runner::Error) {
        self.failed = true;
        match error.kind() {
            ErrorKind::Interrupted => self.sink.err("KeyboardInterrupt\n"),
            // Already reported as it happened.
            ErrorKind::NeverRetrieved => {}
            _ => self.sink.err(&error.render(self.fancy)),
        }
    }
}
