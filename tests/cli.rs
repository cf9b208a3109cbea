//! The command line, end to end: the real binary, real files, real signals.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_runner"));
    cmd.env("NO_COLOR", "1");
    cmd
}

fn script(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("runner-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write script");
    path
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn run_script(name: &str, src: &str, args: &[&str]) -> Output {
    bin()
        .arg(script(name, src))
        .args(args)
        .output()
        .expect("runner runs")
}

#[test]
fn check_reports_every_error_in_the_file() {
    let path = script(
        "three-errors.tasks",
        "fn ok() { return 1 }\nlet a = (1 +\nprint(undefined_name)\nfn f() { await sleep(1) }\nbreak\n",
    );
    let out = bin().arg("check").arg(&path).output().expect("runner runs");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("never closed") || stderr.contains("expected"),
        "the parse error:\n{stderr}"
    );
    // Static errors are found too once the parse error is fixed; with separate lines
    // each broken statement is reported.
    let path = script(
        "three-static.tasks",
        "print(undefined_name)\nfn f() { await sleep(1) }\nbreak\nlet ok = 1\n",
    );
    let out = bin().arg("check").arg(&path).output().expect("runner runs");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("`undefined_name` is not defined"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`await` is only allowed inside a `task`"),
        "{stderr}"
    );
    assert!(stderr.contains("`break` outside a loop"), "{stderr}");
    assert!(stderr.contains("3 errors"), "{stderr}");
}

#[test]
fn check_reports_three_separate_parse_errors() {
    let path = script(
        "three-parse.tasks",
        "let a = 1 2\nprint(\"fine\")\nlet b = )\nlet ok = 3\nif x = 1 { }\n",
    );
    let out = bin().arg("check").arg(&path).output().expect("runner runs");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for line in [
        "three-parse.tasks:1:",
        "three-parse.tasks:3:",
        "three-parse.tasks:5:",
    ] {
        assert!(stderr.contains(line), "an error on {line}:\n{stderr}");
    }
    assert!(stderr.contains("3 errors"), "{stderr}");
}

#[test]
fn check_flags_a_discarded_coroutine_and_a_busy_loop() {
    let path = script(
        "lints.tasks",
        "task work() { await sleep(0) }\ntask spin() {\n    while true {\n        let x = 1\n    }\n}\nwork()\n",
    );
    let out = bin().arg("check").arg(&path).output().expect("runner runs");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "lints are warnings:\n{stderr}");
    assert!(stderr.contains("discarded-coroutine"), "{stderr}");
    assert!(
        stderr.contains("lints.tasks:7:1"),
        "the discarded call's span:\n{stderr}"
    );
    assert!(stderr.contains("busy-loop"), "{stderr}");
    assert!(
        stderr.contains("lints.tasks:3:"),
        "the loop's span:\n{stderr}"
    );
}

#[test]
fn a_script_can_come_from_stdin() {
    let mut child = bin()
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("runner starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"print(\"from stdin\", 1 + 1)\n")
        .expect("write");
    let out = child.wait_with_output().expect("runner exits");
    assert_eq!(text(&out.stdout), "from stdin 2\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn exit_statuses_say_how_the_run_ended() {
    assert_eq!(
        run_script("ok.tasks", "print(1)\n", &[]).status.code(),
        Some(0)
    );
    let out = run_script("raises.tasks", "raise ValueError(\"no\")\n", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("ValueError: no"));
    assert_eq!(
        run_script("parse.tasks", "let = 1\n", &[]).status.code(),
        Some(2)
    );
    assert_eq!(
        bin()
            .arg("/no/such/file.tasks")
            .output()
            .expect("runs")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        bin()
            .arg("--no-such-flag")
            .output()
            .expect("runs")
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn script_arguments_arrive_as_args() {
    let out = run_script("args.tasks", "print(args)\n", &["one", "--two", "3"]);
    assert_eq!(text(&out.stdout), "['one', '--two', '3']\n");
}

#[test]
fn seed_makes_random_repeatable() {
    let src = "print(random(), randint(1, 100))\n";
    let a = bin()
        .args(["--seed", "42"])
        .arg(script("seed.tasks", src))
        .output()
        .expect("runs");
    let b = bin()
        .args(["--seed", "42"])
        .arg(script("seed.tasks", src))
        .output()
        .expect("runs");
    assert_eq!(a.stdout, b.stdout);
    let python = Command::new("python3")
        .args([
            "-c",
            "import random; random.seed(42); print(random.random(), random.randint(1, 100))",
        ])
        .output()
        .expect("python3 runs");
    assert_eq!(
        text(&a.stdout),
        text(&python.stdout),
        "--seed gives Python's numbers"
    );
}

#[test]
fn stdout_is_flushed_before_anything_goes_to_stderr() {
    let src = "print(\"before\")\ntask work() { }\nwork()\nawait sleep(0)\nprint(\"after\")\n";
    let path = script("interleave.tasks", src);
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{} {} 2>&1",
            env!("CARGO_BIN_EXE_runner"),
            path.display()
        ))
        .env("NO_COLOR", "1")
        .output()
        .expect("sh runs");
    let all = text(&out.stdout);
    let before = all.find("before").expect("stdout line");
    let warning = all.find("was never awaited").expect("the warning");
    let after = all.find("after").expect("stdout line");
    assert!(
        before < warning && warning < after,
        "streams out of order:\n{all}"
    );
}

/// Starts a script, waits for its first line of output, sends SIGINT.
fn interrupt(name: &str, src: &str) -> (String, String, Option<i32>) {
    let mut child = bin()
        .arg(script(name, src))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runner starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout
        .read_line(&mut first)
        .expect("the script prints before it waits");
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(kill.success());
    let start = Instant::now();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).expect("read stdout");
    let status = child.wait().expect("runner exits");
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "Ctrl-C took too long"
    );
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut stderr);
    }
    (first + &rest, stderr, status.code())
}

#[test]
fn ctrl_c_cancels_every_task_runs_finally_and_exits_130() {
    let src = "task sleeper(name) {\n    try {\n        await sleep(60)\n    } finally {\n        print(name, \"cleans up\")\n    }\n}\nspawn sleeper(\"a\")\nspawn sleeper(\"b\")\nprint(\"ready\")\nawait sleep(60)\n";
    let (stdout, stderr, status) = interrupt("ctrl-c.tasks", src);
    assert_eq!(status, Some(130), "{stderr}");
    assert!(
        stdout.contains("a cleans up") && stdout.contains("b cleans up"),
        "{stdout}"
    );
}

#[test]
fn ctrl_c_stops_a_task_that_never_awaits() {
    let src = "task spin() {\n    try {\n        let n = 0\n        while true { n += 1 }  # runner: allow(busy-loop)\n    } finally {\n        print(\"spin stopped\")\n    }\n}\nprint(\"ready\")\nawait spin()\n";
    let (stdout, stderr, status) = interrupt("spin.tasks", src);
    assert_eq!(status, Some(130), "{stderr}");
    assert!(stdout.contains("spin stopped"), "{stdout}");
}

/// Everything after the script's name is the script's, even what looks like runner's own
/// options, as with python and node; runner's options go before the name.
#[test]
fn options_after_the_script_belong_to_the_script() {
    let path = script("own-args.tasks", "print(args)\n");
    let out = bin()
        .arg("--seed")
        .arg("1")
        .arg(&path)
        .args(["--seed", "3", "--help", "-", "--", "check"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "['--seed', '3', '--help', '-', '--', 'check']\n"
    );
    let mut child = bin()
        .args(["-", "--max-depth", "x"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("runner starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"print(args)\n")
        .expect("write");
    let out = child.wait_with_output().expect("runner exits");
    assert_eq!(text(&out.stdout), "['--max-depth', 'x']\n");
}

/// A file name and arguments that are not UTF-8: the file is opened by its raw name, and
/// the arguments arrive converted (each bad byte a U+FFFD).
#[test]
fn names_and_arguments_need_not_be_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = std::env::temp_dir().join(format!("runner-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(std::ffi::OsStr::from_bytes(b"caf\xe9.tasks"));
    std::fs::write(&path, "print(args, len(args[0]))\n").expect("write");
    let out = bin()
        .arg(&path)
        .arg(std::ffi::OsStr::from_bytes(b"a\xffb"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "['a\u{fffd}b'] 3\n");
}

/// `runner /dev/zero` (or an endless pipe) stops reading past the script size limit.
#[test]
fn an_endless_script_is_refused() {
    let start = Instant::now();
    let out = bin().arg("/dev/zero").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("/dev/zero is larger than the 256 MiB a script may be"),
        "{}",
        text(&out.stderr)
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("yes | {} -", env!("CARGO_BIN_EXE_runner")))
        .output()
        .expect("sh runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("the script on standard input is larger than"),
        "{}",
        text(&out.stderr)
    );
    assert!(start.elapsed() < Duration::from_secs(30));
}

/// Output that cannot be written is an error (exit 1, a message), except for a reader
/// that went away (`| head`), which ends the run quietly.
#[test]
fn a_full_disk_is_an_error_and_a_closed_pipe_is_not() {
    let small = script("full.tasks", "print(\"hello\")\n");
    let out = bin()
        .arg(&small)
        .stdout(std::fs::File::create("/dev/full").expect("/dev/full"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        "runner: cannot write to stdout: No space left on device\n"
    );
    let big = script("full-big.tasks", "for i in range(200000) { print(i) }\n");
    let out = bin()
        .arg(&big)
        .stdout(std::fs::File::create("/dev/full").expect("/dev/full"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("No space left on device"));
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{} {} | head -n 1",
            env!("CARGO_BIN_EXE_runner"),
            big.display()
        ))
        .output()
        .expect("sh runs");
    assert!(
        text(&out.stdout).starts_with("0\n"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(text(&out.stderr), "", "a closed pipe is quiet");
}

/// One Ctrl-C is delivered to each task once: a `finally` that does real work (two million
/// additions, then a print) runs to its end, and the run exits 130.
#[test]
fn ctrl_c_lets_cleanup_finish() {
    let src = "let total = 0\ntry {\n    print(\"ready\")\n    await sleep(100)\n} finally {\n    for i in range(2000000) { total += i }\n    print(total)\n}\n";
    let (stdout, stderr, status) = interrupt("cleanup.tasks", src);
    assert_eq!(status, Some(130), "{stderr}");
    assert_eq!(stdout, "ready\n1999999000000\n");
    // A loop that never awaits gets the cancellation once too, and its handler runs on.
    let src = "let n = 0\nprint(\"ready\")\ntry {\n    while true { n += 1 }  # runner: allow(busy-loop)\n} catch CancelledError {\n    let after = 0\n    for i in range(1000000) { after += 1 }\n    print(\"handled\", after)\n}\n";
    let (stdout, stderr, status) = interrupt("cleanup-spin.tasks", src);
    assert_eq!(status, Some(130), "{stderr}");
    assert_eq!(stdout, "ready\nhandled 1000000\n");
}

/// Tasks spawned while an interrupted run shuts down start cancelled, so a `finally` that
/// spawns a task whose `finally` spawns again does not keep the process alive.
#[test]
fn ctrl_c_cancels_what_cleanup_spawns() {
    let src = "task w(n) {\n    try { await sleep(100) } finally { print(\"cleanup\", n); spawn w(n + 1) }\n}\nspawn w(0)\nprint(\"ready\")\n";
    let start = Instant::now();
    let (stdout, stderr, status) = interrupt("respawn.tasks", src);
    assert_eq!(status, Some(130), "{stderr}");
    assert_eq!(stdout, "ready\ncleanup 0\n");
    assert!(start.elapsed() < Duration::from_secs(10));
}

/// Cancelling every task of a chain in which each awaits the next walks the chain once:
/// 32,000 tasks end in well under a second (it was minutes).
#[test]
fn ctrl_c_cancels_a_long_chain_in_linear_time() {
    let src = "task link(n) {\n    if n == 0 { await sleep(100) } else { await spawn link(n - 1) }\n}\nlet t = spawn link(32000)\nawait sleep(0)\nawait sleep(0.2)\nprint(\"ready\")\nawait t\n";
    let start = Instant::now();
    let (stdout, stderr, status) = interrupt("chain.tasks", src);
    assert_eq!(status, Some(130), "{stderr}");
    assert_eq!(stdout, "ready\n");
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
}

/// A second Ctrl-C stops a script that caught the first: no more of its code runs, and
/// what it printed before is not lost.
#[test]
fn a_second_ctrl_c_stops_at_once_and_keeps_the_output() {
    let src = "print(\"ready\")\ntry { await sleep(100) } catch CancelledError { print(\"caught\") }\nlet n = 0\nwhile true { n += 1 }  # runner: allow(busy-loop)\n";
    let mut child = bin()
        .arg(script("twice.tasks", src))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runner starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("ready");
    let sigint = || {
        let kill = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(kill.success());
    };
    sigint();
    std::thread::sleep(Duration::from_millis(300));
    let start = Instant::now();
    sigint();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).expect("read stdout");
    let status = child.wait().expect("runner exits");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(status.code(), Some(130));
    assert_eq!(line + &rest, "ready\ncaught\n");
}

/// A task freed with its exception never retrieved is reported at that moment, as
/// asyncio's logging does when the task is collected: before anything printed later in
/// the same step, with the two streams in order.
#[test]
fn a_lost_exception_is_reported_where_the_task_is_freed() {
    let src = "task fail() { raise ValueError(\"lost\") }\nlet t = spawn fail()\nawait sleep(0)\nprint(\"before\")\nt = none\nprint(\"after\")\n";
    let path = script("freed.tasks", src);
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{} {} 2>&1",
            env!("CARGO_BIN_EXE_runner"),
            path.display()
        ))
        .env("NO_COLOR", "1")
        .output()
        .expect("sh runs");
    let all = text(&out.stdout);
    let before = all.find("before").expect("stdout line");
    let report = all.find("never retrieved").expect("the report");
    let after = all.find("after").expect("stdout line");
    assert!(before < report && report < after, "out of order:\n{all}");
    assert_eq!(out.status.code(), Some(1));
}
