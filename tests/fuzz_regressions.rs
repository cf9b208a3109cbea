//! Inputs the fuzzers (fuzz/) found or found interesting, run through the real binary.
//! Each file in tests/fuzz_regressions/ must end within 20 s, not be killed by a signal,
//! exit with 0, 1 or 2, and never panic or overflow the stack. Adding a regression is
//! adding a file.
//!
//! Each run gets at most 4 GiB of address space (`ulimit -v`, where the shell supports
//! it), the fuzzers' `-rss_limit_mb`: an input that exhausts memory fails its test (the
//! allocator aborts) instead of the machine.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(20);

/// `ulimit -v` takes KiB.
const MEMORY_KIB: u64 = 4 << 20;

/// Runs one input and returns what is wrong with the run, if anything.
fn check(path: &Path) -> Option<String> {
    let start = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {MEMORY_KIB} 2>/dev/null; exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_runner"))
        .arg("--max-depth")
        .arg("1000")
        .arg(path)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runner starts");
    let mut pipe = child.stderr.take().expect("stderr is piped");
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for runner") {
            break status;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            let stderr = reader.join().unwrap_or_default();
            return Some(format!(
                "did not finish within {} s; stderr:\n{}",
                LIMIT.as_secs(),
                short(&stderr)
            ));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stderr = reader.join().unwrap_or_default();
    let mut problems = Vec::new();
    match status.code() {
        Some(0..=2) => {}
        Some(code) => problems.push(format!("exit status {code}, expected 0, 1 or 2")),
        None => problems.push(format!("killed by a signal ({status:?})")),
    }
    for bad in ["panicked", "internal error", "overflowed its stack"] {
        if stderr.contains(bad) {
            problems.push(format!("stderr contains {bad:?}"));
        }
    }
    if problems.is_empty() {
        None
    } else {
        Some(format!(
            "{}; stderr:\n{}",
            problems.join(", "),
            short(&stderr)
        ))
    }
}

fn short(s: &str) -> &str {
    let mut end = s.len().min(3000);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[test]
fn fuzz_regressions_end_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fuzz_regressions exists")
        .map(|entry| entry.expect("read tests/fuzz_regressions").path())
        .filter(|path| path.extension().is_some_and(|e| e == "tasks"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            check(path).map(|problem| format!("{name}: {problem}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} fuzz regressions failed:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
}
