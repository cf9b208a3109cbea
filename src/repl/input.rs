//! Reading entries off the loop's thread, so that the loop runs while the user types: a
//! thread reads one whole entry each time the REPL asks (lines joined while a bracket is
//! open, `...` prompts), and sends it over an async channel the session waits on.
//!
//! On a terminal the thread owns rustyline's editor (Emacs keys, history, completion,
//! colours); otherwise it reads standard input line by line, with no prompts.

use std::io::BufRead;
use std::path::PathBuf;
use std::sync::mpsc;

use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{Config, Editor};

use super::helper::ReplHelper;

/// What the user gave.
pub enum Input {
    /// One entry: a line, or lines joined while a bracket stayed open.
    Entry(String),
    /// Ctrl-D, or the end of standard input.
    End,
}

/// The REPL's side of the reader thread.
pub struct Reader {
    ask: mpsc::Sender<()>,
    pub entries: async_channel::Receiver<Input>,
}

impl Reader {
    /// Asks the thread for the next entry (which arrives on `entries`).
    pub fn ask(&self) {
        let _ = self.ask.send(());
    }
}

/// Where history is kept: `$XDG_DATA_HOME/runner/history` (or the platform's data
/// directory), created when first needed.
pub fn history_path() -> Option<PathBuf> {
    let dir = dirs::data_dir()?.join("runner");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join("history"))
}

/// A line editor on the terminal, and a printer for output that arrives while it waits.
pub fn editor(
    helper: ReplHelper,
) -> rustyline::Result<(
    Editor<ReplHelper, DefaultHistory>,
    Box<dyn rustyline::ExternalPrinter + Send>,
)> {
    let config = Config::builder()
        .auto_add_history(false)
        .max_history_size(10_000)?
        .build();
    let mut editor: Editor<ReplHelper, DefaultHistory> = Editor::with_config(config)?;
    editor.set_helper(Some(helper));
    if let Some(path) = history_path() {
        let _ = editor.load_history(&path);
    }
    let printer = editor.create_external_printer()?;
    Ok((editor, Box::new(printer)))
}

/// Starts the thread that reads entries with `editor`.
pub fn spawn_terminal(mut editor: Editor<ReplHelper, DefaultHistory>) -> Reader {
    let (ask, asked) = mpsc::channel::<()>();
    let (tx, entries) = async_channel::bounded(1);
    std::thread::spawn(move || {
        let history = history_path();
        while asked.recv().is_ok() {
            let input = read_entry(&mut editor);
            if let Input::Entry(text) = &input {
                if !text.trim().is_empty() {
                    let _ = editor.add_history_entry(text.as_str());
                    if let Some(path) = &history {
                        let _ = editor.save_history(path);
                    }
                }
            }
            if tx.send_blocking(input).is_err() {
                break;
            }
        }
    });
    Reader { ask, entries }
}

/// One entry from the terminal: `>>> ` and then `... ` while it is incomplete. Ctrl-C
/// clears what was typed and prompts again; Ctrl-D on an empty line ends the session.
fn read_entry(editor: &mut Editor<ReplHelper, DefaultHistory>) -> Input {
    let mut text = String::new();
    loop {
        let prompt = if text.is_empty() { ">>> " } else { "... " };
        match editor.readline(prompt) {
            Ok(line) => {
                text.push_str(&line);
                if text.trim_start().starts_with(':') || !runner::is_incomplete(&text) {
                    return Input::Entry(text);
                }
                text.push('\n');
            }
            Err(ReadlineError::Interrupted) => text.clear(),
            Err(ReadlineError::Eof) if text.is_empty() => return Input::End,
            Err(ReadlineError::Eof) => return Input::Entry(text),
            Err(_) => return Input::End,
        }
    }
}

/// Starts the thread that reads entries from standard input (not a terminal).
pub fn spawn_stdin() -> Reader {
    let (ask, asked) = mpsc::channel::<()>();
    let (tx, entries) = async_channel::bounded(1);
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut lines = stdin.lock().lines();
        while asked.recv().is_ok() {
            let mut text = String::new();
            let input = loop {
                match lines.next() {
                    Some(Ok(line)) => {
                        text.push_str(&line);
                        if text.trim_start().starts_with(':') || !runner::is_incomplete(&text) {
                            break Input::Entry(text);
                        }
                        text.push('\n');
                    }
                    _ if text.is_empty() => break Input::End,
                    _ => break Input::Entry(text),
                }
            };
            if tx.send_blocking(input).is_err() {
                break;
            }
        }
    });
    Reader { ask, entries }
}
