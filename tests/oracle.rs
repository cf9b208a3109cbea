//! CPython is the oracle: every `tests/oracle/NAME.tasks` runs under runner and its twin
//! `NAME.py` under python3, and their standard output must match line for line.
//!
//! A `.tasks` file may start with directives in comments:
//! `# flags: --seed 7` (runner flags), `# args: a b` (script arguments, passed to both),
//! `# exit: 1` (the expected runner exit status; 0 by default).
//! Adding a case is adding the two files.

mod support;

use std::path::Path;
use std::process::Command;
use std::sync::Mutex;

use support::{Pair, directive, pairs};

/// Runs one pair; returns a description of the mismatch, if any.
fn check(case: &Pair) -> Option<String> {
    let text = std::fs::read_to_string(&case.tasks).ok()?;
    if !case.python.exists() {
        return Some(format!(
            "{}: no {} beside it",
            case.name,
            case.python.display()
        ));
    }
    let flags: Vec<String> = directive(&text, "flags")
        .map(|f| f.split_whitespace().map(String::from).collect())
        .unwrap_or_default();
    let args: Vec<String> = directive(&text, "args")
        .map(|f| f.split_whitespace().map(String::from).collect())
        .unwrap_or_default();
    let want_exit: i32 = directive(&text, "exit")
        .and_then(|e| e.parse().ok())
        .unwrap_or(0);

    // Each side runs in a fresh empty directory of its own, so that a pair that makes
    // files sees the same relative paths and leaves nothing behind.
    let work = std::env::temp_dir().join(format!(
        "runner-oracle-{}-{}",
        std::process::id(),
        case.name
    ));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("a scratch directory");
    let result = check_in(case, &work, &flags, &args, want_exit);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn check_in(
    case: &Pair,
    work: &Path,
    flags: &[String],
    args: &[String],
    want_exit: i32,
) -> Option<String> {
    let (ours_dir, theirs_dir) = (work.join("runner"), work.join("python"));
    for dir in [&ours_dir, &theirs_dir] {
        std::fs::create_dir_all(dir).expect("a scratch directory");
    }
    let runner = Command::new(env!("CARGO_BIN_EXE_runner"))
        .current_dir(&ours_dir)
        .args(flags)
        .arg(&case.tasks)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runner starts");
    let python = Command::new("python3")
        .arg(&case.python)
        .args(args)
        .current_dir(&theirs_dir)
        .env("PYTHONPATH", case.python.parent().unwrap_or(Path::new(".")))
        .output()
        .expect("python3 starts");
    let ours = String::from_utf8_lossy(&runner.stdout);
    let theirs = String::from_utf8_lossy(&python.stdout);
    let stderr = String::from_utf8_lossy(&runner.stderr);
    if !python.status.success() {
        return Some(format!(
            "{}: the Python side failed:\n{}",
            case.name,
            String::from_utf8_lossy(&python.stderr)
        ));
    }
    let ours_lines: Vec<&str> = ours.lines().collect();
    let theirs_lines: Vec<&str> = theirs.lines().collect();
    for i in 0..ours_lines.len().max(theirs_lines.len()) {
        let (a, b) = (ours_lines.get(i), theirs_lines.get(i));
        if a != b {
            return Some(format!(
                "{}: line {} differs\n  runner: {}\n  python: {}\n--- runner stderr ---\n{stderr}",
                case.name,
                i + 1,
                a.map_or("<no line>".to_owned(), |s| format!("{s:?}")),
                b.map_or("<no line>".to_owned(), |s| format!("{s:?}")),
            ));
        }
    }
    let code = runner.status.code().unwrap_or(-1);
    if code != want_exit {
        return Some(format!(
            "{}: runner exited {code}, expected {want_exit}\n{stderr}",
            case.name
        ));
    }
    None
}

#[test]
fn every_pair_prints_what_cpython_prints() {
    let cases = pairs("tests/oracle");
    assert!(
        cases.len() >= 40,
        "the oracle needs at least 40 pairs, found {}",
        cases.len()
    );
    let queue = Mutex::new(cases.iter());
    let failures = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 8);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(case) = queue.lock().map(|mut q| q.next()).unwrap_or(None) {
                    if let Some(failure) = check(case) {
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
        "{} of {} pairs differ:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
