//! The REPL's meta commands: `:help`, `:tasks`, `:cancel NAME`, `:load FILE`, `:dump NAME`,
//! `:time EXPR`, `:quit`.

use std::time::Instant;

use super::Repl;

/// Whether the REPL goes on after a command.
#[derive(PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

const HELP: &str = "\
Entries are statements and expressions; an expression's value is echoed (as repr) and
kept in `_`. `let`, `fn` and `task` persist; top-level `await` works; tasks spawned keep
running between prompts. Ctrl-C cancels the running entry (or clears the line), Ctrl-D
leaves (cancelling what still runs, its `finally` blocks first).

  :tasks          every live task: name, what it waits on, where
  :cancel NAME    cancel the task named NAME
  :load FILE      run a script's statements into this session
  :dump NAME      the bytecode of fn or task NAME
  :time EXPR      run an entry and say how long it took
  :help           this text
  :quit           leave (as Ctrl-D)
";

/// Runs the meta command `entry` (which starts with `:`).
pub async fn run(repl: &mut Repl, entry: &str) -> Flow {
    let (command, rest) = entry.split_once(char::is_whitespace).unwrap_or((entry, ""));
    let rest = rest.trim();
    match command {
        ":help" | ":h" | ":?" => repl.sink.out(HELP),
        ":quit" | ":q" | ":exit" => return Flow::Quit,
        ":tasks" => {
            let tasks = repl.session.tasks();
            if tasks.is_empty() {
                repl.sink.out("no tasks are running\n");
            }
            let mut text = String::new();
            for task in tasks {
                let at = match &task.at {
                    Some((source, line, code)) => format!("  {source}:{line}  {code}"),
                    None => String::new(),
                };
                text.push_str(&format!("{:<12} {:<14}{at}\n", task.name, task.waits_on));
            }
            repl.sink.out(&text);
        }
        ":cancel" if !rest.is_empty() => {
            if repl.session.cancel_task(rest) {
                repl.sink.out(&format!("cancelling {rest}\n"));
            } else {
                repl.sink
                    .err(&format!("no live task is named {rest:?} (see :tasks)\n"));
            }
        }
        ":load" if !rest.is_empty() => match std::fs::read_to_string(rest) {
            Ok(text) => {
                repl.running
                    .store(true, std::sync::atomic::Ordering::SeqCst);
                let result = repl.session.eval_named(rest, &text).await;
                repl.running
                    .store(false, std::sync::atomic::Ordering::SeqCst);
                match result {
                    Ok(_) => repl.sink.out(&format!("loaded {rest}\n")),
                    Err(error) => repl.report(&error),
                }
            }
            Err(e) => repl.sink.err(&format!("cannot read {rest}: {e}\n")),
        },
        ":dump" if !rest.is_empty() => match repl.session.disassemble(rest) {
            Some(code) => repl.sink.out(&code),
            None => repl.sink.err(&format!("no fn or task is named {rest:?}\n")),
        },
        ":time" if !rest.is_empty() => {
            let started = Instant::now();
            repl.eval(rest, true).await;
            let took = started.elapsed();
            repl.sink
                .out(&format!("took {:.3} ms\n", took.as_secs_f64() * 1000.0));
        }
        ":cancel" | ":load" | ":dump" | ":time" => {
            repl.sink
                .err(&format!("{command} needs an argument: see :help\n"));
        }
        _ => repl
            .sink
            .err(&format!("unknown command {command}; :help lists them\n")),
    }
    Flow::Continue
}
