//! Child processes end with the work that started them: a real `sh` that starts a real
//! `sleep 100` in the background, looked up by pid in `/proc` afterwards. Cancelling the
//! task that runs it, a `run` timeout and Ctrl-C each leave neither process alive, and
//! runner's own errors (`check=true`, a missing program) say what failed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A scratch directory for one test, empty.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("runner-proc-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

/// The shell command that starts `sleep 100` in the background and records both pids.
const SLEEPER: &str = "sleep 100 & echo $! > sleep.pid; echo $$ > sh.pid; wait";

/// Waits for a pid file that the child writes.
fn read_pid(dir: &Path, file: &str) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(text) = std::fs::read_to_string(dir.join(file))
            && let Ok(pid) = text.trim().parse()
        {
            return pid;
        }
        assert!(Instant::now() < deadline, "{file} never appeared");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Whether `pid` is a live process: present in `/proc` and not a zombie. (A zombie has
/// exited; a grandchild's is its new parent's to collect, not runner's.)
fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => false,
        Ok(stat) => {
            let state = stat
                .rsplit(')')
                .next()
                .and_then(|s| s.split_whitespace().next());
            state != Some("Z")
        }
    }
}

/// Whether `pid` is gone for good: not even a zombie (runner must reap its own child).
fn reaped(pid: u32) -> bool {
    !Path::new(&format!("/proc/{pid}")).exists()
}

fn eventually(what: &str, check: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !check() {
        assert!(Instant::now() < deadline, "{what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn runner(dir: &Path, script: &str) -> std::process::Child {
    std::fs::write(dir.join("main.tasks"), script).expect("the script is written");
    Command::new(env!("CARGO_BIN_EXE_runner"))
        .arg("main.tasks")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runner starts")
}

#[test]
fn cancelling_the_task_kills_the_child_and_its_group() {
    let dir = scratch("cancel");
    let script = format!(
        r#"
task work() {{
    await run("sh", ["-c", "{SLEEPER}"])
}}
let t = spawn work()
while not await exists("sh.pid") {{
    await sleep(0.02)
}}
await sleep(0.1)
t.cancel()
try {{
    await t
}} catch CancelledError {{
    print("cancelled")
}}
await write_file("cancelled.flag", "")
await sleep(100)
"#
    );
    let mut child = runner(&dir, &script);
    let sh = read_pid(&dir, "sh.pid");
    let sleep = read_pid(&dir, "sleep.pid");
    read_pid_flag(&dir, "cancelled.flag");
    // runner is still running (asleep): the children went with the task, not the run.
    assert!(child.try_wait().expect("runner's status").is_none());
    eventually("the shell is reaped after the cancel", || reaped(sh));
    eventually("its `sleep 100` is gone after the cancel", || !alive(sleep));
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
}

fn read_pid_flag(dir: &Path, file: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !dir.join(file).exists() {
        assert!(Instant::now() < deadline, "{file} never appeared");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn ctrl_c_kills_the_children_before_runner_exits() {
    let dir = scratch("ctrl-c");
    let script = format!(
        r#"
let p = spawn_process("sleep", ["100"])
await write_file("streamed.pid", str(p.pid))
await run("sh", ["-c", "{SLEEPER}"])
"#
    );
    let child = runner(&dir, &script);
    let streamed = read_pid(&dir, "streamed.pid");
    let sh = read_pid(&dir, "sh.pid");
    let sleep = read_pid(&dir, "sleep.pid");
    assert!(alive(streamed) && alive(sh) && alive(sleep));
    // SAFETY: kill(2) on the pid of the child this test started.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let out = child.wait_with_output().expect("runner ends");
    assert_eq!(out.status.code(), Some(130), "{out:?}");
    for (what, pid) in [("spawn_process's sleep", streamed), ("the shell", sh)] {
        eventually(&format!("{what} is gone after Ctrl-C"), || !alive(pid));
    }
    eventually("the shell's `sleep 100` is gone after Ctrl-C", || {
        !alive(sleep)
    });
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_timeout_kills_the_child_and_raises_timeout_error() {
    let dir = scratch("timeout");
    let script = format!(
        r#"
try {{
    await run("sh", ["-c", "{SLEEPER}"], timeout = 0.5)
}} catch TimeoutError as e {{
    print(e.message)
}}
await write_file("done.flag", "")
await sleep(100)
"#
    );
    let mut child = runner(&dir, &script);
    let sh = read_pid(&dir, "sh.pid");
    let sleep = read_pid(&dir, "sleep.pid");
    read_pid_flag(&dir, "done.flag");
    eventually("the shell is reaped after the timeout", || reaped(sh));
    eventually("its sleep is gone after the timeout", || !alive(sleep));
    let _ = child.kill();
    let out = child.wait_with_output().expect("runner ends");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("did not finish within 0.5 seconds"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn runner_errors_name_the_command_and_its_stderr() {
    let dir = scratch("errors");
    let script = r#"
try {
    await run("sh", ["-c", "echo step one >&2; echo compile error in x.c >&2; exit 2"], check = true)
} catch ProcessError as e {
    print("code", e.code)
    print(e.message)
}
try {
    await run("no-such-program-for-runner")
} catch ProcessError as e {
    print(e.message)
}
try {
    spawn_process("./not-here")
} catch ProcessError as e {
    print(e.message)
}
try {
    await run("echo", "one string")
} catch TypeError as e {
    print(e.message)
}
let ok = await run("false")
print("without check:", ok.code, ok.ok)
"#;
    let child = runner(&dir, script);
    let out = child.wait_with_output().expect("runner ends");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let want = [
        "code 2",
        "'sh -c echo step one >&2; echo compile error in x.c >&2; exit 2' exited with code 2: step one\ncompile error in x.c",
        "cannot run 'no-such-program-for-runner': No such file or directory",
        "cannot run './not-here': No such file or directory",
        "run(): args must be a list of strings, not one string",
        "without check: 1 false",
    ];
    for line in want {
        assert!(stdout.contains(line), "missing {line:?} in:\n{stdout}");
    }
    assert!(out.status.success(), "{out:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `scripts/make_j2.tasks`: the built-in example builds in order, two at a time; a
/// failing step stops the build, cancels the step still running and kills its process.
#[test]
fn make_j2_script_builds_and_stops_at_the_first_failure() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = scratch("make");
    let out = Command::new(env!("CARGO_BIN_EXE_runner"))
        .arg(root.join("scripts/make_j2.tasks"))
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("runner runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("test: tests passed"), "{stdout}");
    assert!(stdout.contains("all 6 steps built"), "{stdout}");
    let started = |name: &str| stdout.find(&format!("start {name}")).expect("started");
    let done = |name: &str| stdout.find(&format!("done  {name}")).expect("done");
    assert!(done("fetch_deps") < started("compile_core"));
    assert!(done("gen_config") < started("compile_core"));
    assert!(done("compile_core") < started("link") && done("compile_cli") < started("link"));

    let steps = "slow: | echo $$ > slow.pid; sleep 100\nbad: | sleep 0.3; echo 'x.c:3: missing ;' >&2; exit 1\nafter: bad | touch after.ran\n";
    std::fs::write(dir.join("fail.steps"), steps).expect("steps written");
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_runner"))
        .args([
            root.join("scripts/make_j2.tasks")
                .to_string_lossy()
                .as_ref(),
            "fail.steps",
        ])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("runner runs");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "the failure did not stop the build"
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("FAILED: \"sh -c sleep 0.3; echo 'x.c:3: missing ;' >&2; exit 1\" exited with code 1: x.c:3: missing ;"), "{stdout}");
    assert!(
        !dir.join("after.ran").exists(),
        "a step after the failure ran"
    );
    let slow = read_pid(&dir, "slow.pid");
    eventually("the cancelled step's process is gone", || !alive(slow));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A process object held by a global until the end of a CLI run (which skips freeing
/// values when it can) is still freed, and its child killed, when runner exits.
#[test]
fn a_process_in_a_global_dies_with_the_run() {
    let dir = scratch("global");
    let script = r#"
let p = spawn_process("sh", ["-c", "echo $$ > sh.pid; sleep 100"])
while not await exists("sh.pid") {
    await sleep(0.02)
}
print("started")
"#;
    let child = runner(&dir, script);
    let out = child.wait_with_output().expect("runner ends");
    assert!(out.status.success(), "{out:?}");
    let sh = read_pid(&dir, "sh.pid");
    eventually("the global's child is gone after the run", || !alive(sh));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A `for await` step cancelled while it waits for a line loses nothing: the next step
/// gets that line, as asyncio's stream keeps the data for the next read.
#[test]
fn a_cancelled_line_step_keeps_the_stream() {
    let dir = scratch("lines");
    let script = r#"
let p = spawn_process("sh", ["-c", "printf 'par'; sleep 0.3; echo 'tial'; echo two"])
task first_line() {
    for await line in p.lines() {
        return line
    }
}
try {
    await wait_for(first_line(), 0.1)
} catch TimeoutError {
    print("timed out")
}
for await line in p.lines() {
    print("line", line)
}
print("code", await p.wait())
"#;
    let child = runner(&dir, script);
    let out = child.wait_with_output().expect("runner ends");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "timed out\nline partial\nline two\ncode 0\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
