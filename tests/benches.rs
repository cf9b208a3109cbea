//! The benchmark workloads compute the same thing as their Python twins: every
//! `benches/NAME.tasks` runs under runner (the debug binary) and its twin `NAME.py` under
//! python3, at a small scale, and their checksum lines must be equal. Nothing is timed here;
//! `benches/run` does the timing (see benches/README.md).
//!
//! Directives in a `.tasks` file's first comment lines: `# flags: --seed 7` (runner flags)
//! and `# ci-scale: 0.01` (the SCALE both sides get as their first argument here; 0.01
//! when absent). If `NAME.server.py` exists, it is started first, must print its URL as its
//! first line, and both sides get that URL in the environment variable BENCH_URL.
//! Adding a workload is adding the files.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;

use support::{Pair, directive, pairs};

/// The workloads the issue asks for; more may be added, none may go missing.
const REQUIRED: [&str; 7] = [
    "async_fib",
    "fetch",
    "fib",
    "sleepers",
    "spawn",
    "startup",
    "yield",
];

/// The workload's server, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `NAME.server.py` if there is one; returns it and the URL it printed.
fn start_server(w: &Pair) -> Result<Option<(Server, String)>, String> {
    let path = w.tasks.with_extension("server.py");
    if !path.exists() {
        return Ok(None);
    }
    let mut child = Command::new("python3")
        .arg(&path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: the server did not start: {e}", w.name))?;
    let stdout = child.stdout.take();
    let server = Server(child);
    let mut url = String::new();
    if let Some(stdout) = stdout {
        let _ = BufReader::new(stdout).read_line(&mut url);
    }
    let url = url.trim().to_owned();
    if url.is_empty() {
        return Err(format!("{}: the server printed no URL", w.name));
    }
    Ok(Some((server, url)))
}

/// Runs one pair; returns a description of the failure, if any.
fn check(w: &Pair) -> Option<String> {
    let Ok(text) = std::fs::read_to_string(&w.tasks) else {
        return Some(format!("{}: cannot read {}", w.name, w.tasks.display()));
    };
    if !w.python.exists() {
        return Some(format!("{}: no {} beside it", w.name, w.python.display()));
    }
    let flags: Vec<String> = directive(&text, "flags")
        .map(|f| f.split_whitespace().map(String::from).collect())
        .unwrap_or_default();
    let scale = directive(&text, "ci-scale").unwrap_or_else(|| "0.01".to_owned());
    let server = match start_server(w) {
        Ok(server) => server,
        Err(e) => return Some(e),
    };
    let url = server.as_ref().map_or("", |(_, url)| url.as_str());

    let runner = Command::new(env!("CARGO_BIN_EXE_runner"))
        .args(&flags)
        .arg(&w.tasks)
        .arg(&scale)
        .env("NO_COLOR", "1")
        .env("BENCH_URL", url)
        .output()
        .expect("runner starts");
    let python = Command::new("python3")
        .arg(&w.python)
        .arg(&scale)
        .env("BENCH_URL", url)
        .output()
        .expect("python3 starts");
    drop(server);

    let ours = String::from_utf8_lossy(&runner.stdout);
    let theirs = String::from_utf8_lossy(&python.stdout);
    if !python.status.success() {
        return Some(format!(
            "{} (scale {scale}): the Python side failed:\n{}",
            w.name,
            String::from_utf8_lossy(&python.stderr)
        ));
    }
    if !runner.status.success() {
        return Some(format!(
            "{} (scale {scale}): runner exited {:?}:\n{}",
            w.name,
            runner.status.code(),
            String::from_utf8_lossy(&runner.stderr)
        ));
    }
    if ours.lines().count() != 1 || ours.trim().is_empty() {
        return Some(format!(
            "{} (scale {scale}): runner should print one checksum line, printed {ours:?}",
            w.name
        ));
    }
    if ours != theirs {
        return Some(format!(
            "{} (scale {scale}): checksums differ\n  runner: {:?}\n  python: {:?}",
            w.name,
            ours.trim_end(),
            theirs.trim_end()
        ));
    }
    None
}

#[test]
fn every_workload_agrees_with_its_python_twin() {
    let workloads = pairs("benches");
    for name in REQUIRED {
        assert!(
            workloads.iter().any(|w| w.name == name),
            "benches/{name}.tasks is missing"
        );
    }
    let queue = Mutex::new(workloads.iter());
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 8);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(w) = queue.lock().map(|mut q| q.next()).unwrap_or(None) {
                    if let Some(failure) = check(w) {
                        failures
                            .lock()
                            .expect("no panics while holding the lock")
                            .push(failure);
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap_or_default();
    assert!(
        failures.is_empty(),
        "{} of {} workloads disagree with Python:\n\n{}",
        failures.len(),
        workloads.len(),
        failures.join("\n\n")
    );
}
