//! The REPL in a real pseudo-terminal (rexpect): what a user types and what the screen
//! shows. A background task prints while the prompt waits, Ctrl-C cancels an
//! `await sleep(100)` within 0.2 s, a `task` declared over several lines, Tab completion,
//! history across two sessions (in a temporary data directory), an error that leaves the
//! session usable, and `:tasks` naming a sleeping task and its line. Also the same REPL
//! fed from a pipe (no prompts), as scripts and CI drive it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rexpect::session::{PtySession, spawn_command};

/// A fresh data directory (history goes under it) for one test.
fn data_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("runner-repl-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a data directory");
    dir
}

fn repl(data: &Path) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_runner"));
    cmd.arg("repl")
        .env("XDG_DATA_HOME", data)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(10_000)).expect("the REPL starts in a pty");
    p.exp_string(">>> ").expect("a first prompt");
    p
}

fn quit(mut p: PtySession) {
    p.send_control('d').expect("Ctrl-D");
    p.exp_eof().expect("the REPL exits at Ctrl-D");
}

#[test]
fn tasks_keep_running_while_the_prompt_waits() {
    let data = data_dir("ticker");
    let mut p = repl(&data);
    // A declaration over several lines: `...` while its block is open.
    p.send_line("task ticker(n) {").unwrap();
    p.exp_string("... ").unwrap();
    p.send_line("    for i in range(n) {").unwrap();
    p.exp_string("... ").unwrap();
    p.send_line("        print(\"tick\", i)").unwrap();
    p.send_line("        await sleep(0.25)").unwrap();
    p.send_line("    }").unwrap();
    p.send_line("    return \"ticked\"").unwrap();
    p.send_line("}").unwrap();
    p.exp_string(">>> ").unwrap();
    p.send_line("let t = spawn ticker(8)").unwrap();
    p.exp_string(">>> ").unwrap();
    // Nothing is typed: the loop runs anyway, and the ticks appear above the prompt.
    p.exp_string("tick 1").unwrap();
    p.exp_string("tick 2").unwrap();
    // `:tasks` names the sleeping task and the line it waits at.
    p.send_line(":tasks").unwrap();
    p.exp_regex(r"Task-\d+ +sleep +<entry \d+>:4 +await sleep\(0\.25\)")
        .unwrap();
    // A line typed half-way while ticks print is still there to finish.
    p.send("40 + ").unwrap();
    p.flush().unwrap();
    p.exp_string("tick 4").unwrap();
    p.send_line("2").unwrap();
    p.exp_string("42").unwrap();
    // Awaiting the task at the prompt echoes its value.
    p.send_line("await t").unwrap();
    p.exp_string("'ticked'").unwrap();
    p.send_line("_").unwrap();
    p.exp_string("'ticked'").unwrap();
    quit(p);
}

#[test]
fn ctrl_c_cancels_the_running_entry_and_the_session_goes_on() {
    let data = data_dir("ctrl-c");
    let mut p = repl(&data);
    p.send_line("let cleaned = false").unwrap();
    p.exp_string(">>> ").unwrap();
    p.send_line("try { await sleep(100) } finally { cleaned = true }")
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let sent = Instant::now();
    p.send_control('c').unwrap();
    p.exp_string("KeyboardInterrupt").unwrap();
    p.exp_string(">>> ").unwrap();
    let took = sent.elapsed();
    assert!(
        took < Duration::from_millis(200),
        "back at the prompt after {took:?}"
    );
    p.send_line("cleaned").unwrap();
    p.exp_string("true").unwrap();
    // An error leaves the session usable too.
    p.send_line("1 / 0").unwrap();
    p.exp_string("ZeroDivisionError: division by zero").unwrap();
    p.send_line("undefined_name").unwrap();
    p.exp_string("`undefined_name` is not defined").unwrap();
    p.send_line("2 + 2").unwrap();
    p.exp_string("4").unwrap();
    p.exp_string(">>> ").unwrap();
    // Ctrl-C at the prompt clears the line.
    p.send("this is not run").unwrap();
    p.flush().unwrap();
    p.send_control('c').unwrap();
    p.exp_string(">>> ").unwrap();
    p.send_line("3 * 3").unwrap();
    p.exp_string("9").unwrap();
    quit(p);
}

#[test]
fn tab_completes_names_builtins_and_methods() {
    let data = data_dir("complete");
    let mut p = repl(&data);
    p.send_line("let greeting_text = \"hi\"").unwrap();
    p.exp_string(">>> ").unwrap();
    p.send("greeting_t\t").unwrap();
    p.flush().unwrap();
    p.send_line(".upp\t()").unwrap();
    p.exp_string("'HI'").unwrap();
    p.send("pri\t(\"completed\")\r").unwrap();
    p.flush().unwrap();
    p.exp_string("completed").unwrap();
    quit(p);
}

#[test]
fn history_is_kept_across_sessions() {
    let data = data_dir("history");
    let mut p = repl(&data);
    p.send_line("print(\"from\", \"history\")").unwrap();
    p.exp_string("from history").unwrap();
    quit(p);
    let mut p = repl(&data);
    // Up arrow, then Enter: the last entry of the earlier session runs again.
    p.send("\x1b[A").unwrap();
    p.flush().unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("from history").unwrap();
    quit(p);
}

#[test]
fn ctrl_d_cancels_what_still_runs_and_its_cleanup_runs() {
    let data = data_dir("ctrl-d");
    let mut p = repl(&data);
    p.send_line(
        "task waiter() { try { await sleep(100) } finally { print(\"waiter cleaned up\") } }",
    )
    .unwrap();
    p.exp_string(">>> ").unwrap();
    p.send_line("let w = spawn waiter()").unwrap();
    p.exp_string(">>> ").unwrap();
    p.send_line("await sleep(0.05)").unwrap();
    p.exp_string(">>> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_string("waiter cleaned up").unwrap();
    p.exp_eof().unwrap();
}

/// Fed from a pipe, the REPL reads entries without prompts and echoes only values.
#[test]
fn a_pipe_feeds_entries_without_prompts() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_runner"))
        .arg("repl")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runner starts");
    let entries =
        "let x = 20\nx + 1\nfn twice(v) {\n    return v * 2\n}\ntwice(x)\n\"text\"\nnone\n_\n";
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(entries.as_bytes())
        .expect("entries written");
    let out = child.wait_with_output().expect("runner ends");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "21\n40\n'text'\n'text'\n"
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Fed from a pipe, a failed entry is reported on stderr, the entries after it still run,
/// and the exit status is 1.
#[test]
fn a_failed_entry_from_a_pipe_exits_1() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_runner"))
        .arg("repl")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runner starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"1 / 0\n2 + 2\n")
        .expect("entries written");
    let out = child.wait_with_output().expect("runner ends");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "4\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("ZeroDivisionError"));
    assert_eq!(out.status.code(), Some(1));
}
