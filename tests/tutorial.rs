//! The tutorial's programs in `scripts/`: each prints exactly what the tutorial says it
//! prints. Each is checked twice: against its pinned output in `tests/tutorial/NAME.out`
//! and against its Python twin `tests/tutorial/NAME.py` run by python3 now.

use std::path::Path;
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn runner(flags: &[&str], script: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_runner"))
        .args(flags)
        .arg(root().join("scripts").join(script))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runner starts")
}

fn python(twin: &str, args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg(root().join("tests/tutorial").join(twin))
        .args(args)
        .output()
        .expect("python3 starts");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pinned(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/tutorial").join(name))
        .expect("the pinned output exists")
}

/// Checks stdout against the pinned output and the Python twin, and the exit status.
fn check(name: &str, flags: &[&str], args: &[&str], py_args: &[&str], status: i32) -> Output {
    let out = runner(flags, &format!("{name}.tasks"), args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stdout,
        pinned(&format!("{name}.out")),
        "{name}: stdout differs from the pinned output\n{stderr}"
    );
    assert_eq!(
        stdout,
        python(&format!("{name}.py"), py_args),
        "{name}: stdout differs from CPython"
    );
    assert_eq!(
        out.status.code(),
        Some(status),
        "{name}: exit status\n{stderr}"
    );
    out
}

#[test]
fn two_tasks_run_to_completion_and_report_results() {
    check("01_two_tasks", &[], &[], &[], 0);
}

#[test]
fn counters_without_await_run_one_after_the_other_and_with_await_interleave() {
    check("02_print_numbers", &[], &[], &[], 0);
}

#[test]
fn async_generator_runs_beside_the_email_checker() {
    check(
        "04_async_generator",
        &["--seed", "7"],
        &["40", "4", "0.05"],
        &["7", "40", "4", "0.05"],
        0,
    );
}

#[test]
fn an_exception_nobody_retrieves_is_reported_and_fails_the_run() {
    let out = check("05a_exception_never_retrieved", &[], &[], &[], 1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Task exception was never retrieved"),
        "{stderr}"
    );
    assert!(
        stderr.contains("ValueError: something went wrong in the task"),
        "{stderr}"
    );
    assert!(
        stderr.contains("spawned here"),
        "the report names where the task was spawned:\n{stderr}"
    );
    assert!(
        stderr.contains("raised here"),
        "the report names where it was raised:\n{stderr}"
    );
}

#[test]
fn an_exception_retrieved_by_result_or_exception_is_not_reported() {
    let out = check("05b_exception_retrieved", &[], &[], &[], 0);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
