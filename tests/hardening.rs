//! No input makes runner panic, overflow its stack, hang or abort: each hostile input
//! gets a clear message on stderr and exit status 1 or 2, within a time limit.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Run {
    status: i32,
    stderr: String,
}

/// Runs runner on `script` (written to a temp file) and returns its status and stderr.
fn run_bytes(name: &str, script: &[u8]) -> Run {
    run_limited(name, script, &[], None).0
}

/// Runs runner with `flags` on `script`, with an address-space limit (`ulimit -v`, in
/// KiB) if one is given; returns its status and stderr, and its stdout.
fn run_limited(
    name: &str,
    script: &[u8],
    flags: &[&str],
    ulimit_kib: Option<u64>,
) -> (Run, String) {
    let dir = std::env::temp_dir().join(format!("runner-hardening-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, script).expect("write script");
    let start = Instant::now();
    let mut command = match ulimit_kib {
        Some(kib) => {
            let mut sh = Command::new("sh");
            sh.arg("-c")
                .arg(format!("ulimit -v {kib} && exec \"$0\" \"$@\""))
                .arg(env!("CARGO_BIN_EXE_runner"));
            sh
        }
        None => Command::new(env!("CARGO_BIN_EXE_runner")),
    };
    let mut child = command
        .args(flags)
        .arg(&path)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runner starts");
    let stdout = child.stdout.take().map(|mut pipe| {
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = std::io::Read::read_to_string(&mut pipe, &mut s);
            s
        })
    });
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let reader = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = std::io::Read::read_to_string(&mut pipe, &mut s);
            s
        });
        loop {
            if let Ok(Some(_)) = child.try_wait() {
                break;
            }
            if start.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                panic!("{name}: runner did not finish within 60 s");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        stderr = reader.join().unwrap_or_default();
    }
    let status = child.wait().expect("runner exits");
    let stdout = stdout.and_then(|t| t.join().ok()).unwrap_or_default();
    let _ = std::fs::remove_file(&path);
    let code = status
        .code()
        .unwrap_or_else(|| panic!("{name}: runner was killed by a signal ({status:?}):\n{stderr}"));
    (
        Run {
            status: code,
            stderr,
        },
        stdout,
    )
}

fn run(name: &str, script: &str) -> Run {
    run_bytes(name, script.as_bytes())
}

/// The checks every hostile input must pass.
fn assert_clear(name: &str, run: &Run, status: i32, key: &str) {
    assert!(
        !run.stderr.contains("panicked"),
        "{name}: runner panicked:\n{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("overflowed its stack"),
        "{name}: stack overflow:\n{}",
        run.stderr
    );
    assert_eq!(
        run.status,
        status,
        "{name}: exit status\n{}",
        short(&run.stderr)
    );
    assert!(
        run.stderr.contains(key),
        "{name}: stderr lacks {key:?}:\n{}",
        short(&run.stderr)
    );
}

fn short(s: &str) -> &str {
    &s[..s.len().min(2000)]
}

#[test]
fn random_bytes_are_refused_as_not_text() {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    let r = run_bytes("garbage.tasks", &bytes);
    assert_clear("garbage", &r, 2, "not");
}

#[test]
fn invalid_utf8_is_reported_with_its_offset() {
    let r = run_bytes("bad-utf8.tasks", b"print(\"ok\")\n\xff\xfe more\n");
    assert_clear("invalid utf-8", &r, 2, "not valid UTF-8");
}

#[test]
fn ten_thousand_nested_parentheses_are_a_clear_error() {
    let src = format!("print({}1{})\n", "(".repeat(10_000), ")".repeat(10_000));
    let r = run("parens.tasks", &src);
    assert_clear("nested parentheses", &r, 2, "nest too deeply");
}

#[test]
fn ten_thousand_nested_brackets_are_a_clear_error() {
    let src = format!("let x = {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let r = run("brackets.tasks", &src);
    assert_clear("nested brackets", &r, 2, "nest too deeply");
}

#[test]
fn a_huge_expression_is_a_clear_error() {
    let src = format!("let x = {}1\n", "1 + ".repeat(200_000));
    let r = run("long-expression.tasks", &src);
    assert_clear("long expression", &r, 2, "too complex");
    let src = format!("let x = {}1\n", "-".repeat(100_000));
    let r = run("many-negations.tasks", &src);
    assert_clear("many negations", &r, 2, "too complex");
}

#[test]
fn a_one_megabyte_script_runs() {
    let mut src = String::new();
    let mut i = 0;
    while src.len() < 1_000_000 {
        src.push_str(&format!("let v{i} = {i} * 2 + {}\n", i % 7));
        i += 1;
    }
    src.push_str("print(\"done\")\n");
    let r = run("big.tasks", &src);
    assert_eq!(r.status, 0, "{}", short(&r.stderr));
}

#[test]
fn infinite_recursion_raises_recursion_error() {
    let r = run(
        "recursion.tasks",
        "fn f(n) { return f(n + 1) }\nprint(f(0))\n",
    );
    assert_clear("fn recursion", &r, 1, "RecursionError");
    let r = run(
        "await-recursion.tasks",
        "task f(n) { return await f(n + 1) }\nprint(await f(0))\n",
    );
    assert_clear("await recursion", &r, 1, "RecursionError");
    let r = run(
        "gen-recursion.tasks",
        "task g(n) { for await x in g(n + 1) { yield x } }\nfor await x in g(0) { }\n",
    );
    assert_clear("generator recursion", &r, 1, "RecursionError");
}

#[test]
fn a_task_that_raises_and_is_never_awaited_is_reported() {
    let r = run(
        "lost.tasks",
        "task boom() { raise ValueError(\"lost\") }\nspawn boom()\n",
    );
    assert_clear(
        "never retrieved",
        &r,
        1,
        "Task exception was never retrieved",
    );
    assert!(r.stderr.contains("ValueError: lost"), "{}", r.stderr);
}

#[test]
fn huge_repetition_raises_memory_error() {
    let r = run("repeat.tasks", "let s = \"x\" * 10 ** 12\n");
    assert_clear("string repetition", &r, 1, "MemoryError");
    let r = run("repeat-list.tasks", "let s = [1, 2] * 10 ** 12\n");
    assert_clear("list repetition", &r, 1, "MemoryError");
}

#[test]
fn deeply_nested_values_print_or_raise_without_crashing() {
    let r = run(
        "nested-values.tasks",
        "let x = []\nfor i in range(100000) { x = [x] }\nprint(len(str(x)))\n",
    );
    assert_clear("nested list repr", &r, 1, "RecursionError");
    let r = run("self-list.tasks", "let x = [1]\nx.append(x)\nprint(x)\n");
    assert_eq!(r.status, 0, "{}", r.stderr);
}

#[test]
fn a_deep_await_chain_of_tasks_does_not_overflow() {
    let src = "task down(n) { if n == 0 { return 0 } return 1 + await down(n - 1) }\nprint(await down(900))\n";
    let r = run("chain.tasks", src);
    assert_eq!(r.status, 0, "{}", r.stderr);
}

#[test]
fn stdin_at_eof_is_an_empty_script() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_runner"))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runner starts");
    drop(child.stdin.take());
    let out = child.wait_with_output().expect("runner exits");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn writing_to_a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_runner"))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runner starts");
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(b"for i in range(10000000) { print(\"line\", i) }\n");
    }
    // Read one chunk, then close our end of the pipe, as `| head -1` does.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("runner exits");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.is_empty(),
        "a closed pipe ends quietly, but stderr has:\n{stderr}"
    );
}

/// A map that grows forever gets a `MemoryError` at the memory limit (exit 1), not an
/// allocation failure and SIGABRT; under an address-space limit (`ulimit -v`) the default
/// limit stays below it.
#[test]
fn memory_that_grows_forever_is_a_memory_error() {
    let script = b"let m = {}\nlet i = 0\nwhile true {  # runner: allow(busy-loop)\n    m[i] = [i]\n    i += 1\n}\n";
    let (r, _) = run_limited("grow-map.tasks", script, &["--max-memory", "64M"], None);
    assert_clear("map growing forever", &r, 1, "MemoryError");
    assert!(!r.stderr.contains("memory allocation of"), "{}", r.stderr);
    let (r, _) = run_limited("grow-map-as.tasks", script, &[], Some(512 * 1024));
    assert_clear("map growing under ulimit -v", &r, 1, "MemoryError");
    let list = b"let xs = [\"x\"]\nwhile true { xs = xs + xs }  # runner: allow(busy-loop)\n";
    let (r, _) = run_limited("grow-list-as.tasks", list, &[], Some(512 * 1024));
    assert_clear("list doubling under ulimit -v", &r, 1, "MemoryError");
}

/// A script can catch the `MemoryError`, free what it holds and go on.
#[test]
fn a_memory_error_can_be_caught_and_the_run_goes_on() {
    let script = b"let xs = []\ntry {\n    while true { xs.append(\"x\" * 1000) }  # runner: allow(busy-loop)\n} catch MemoryError {\n    print(\"caught\", len(xs) > 1000)\n}\nxs = []\nlet ys = []\nfor i in range(10000) { ys.append([i]) }\nprint(\"still fine\", len(ys))\n";
    let (r, out) = run_limited("catch-memory.tasks", script, &["--max-memory", "64M"], None);
    assert_eq!(r.status, 0, "{}", short(&r.stderr));
    assert_eq!(out, "caught true\nstill fine 10000\n");
}

/// Every builtin that builds a string stops at the limit of one string (2^30 bytes) or at
/// the memory limit, whichever comes first, rather than building gigabytes.
#[test]
fn strings_built_from_big_values_stop_at_the_limit() {
    let script = b"let s = \"x\" * 1000000\nlet xs = [s] * 10000\nfor f in [str, repr, json_str] {\n    try { f(xs) } catch MemoryError { print(\"MemoryError\") }\n}\ntry { print(xs) } catch MemoryError { print(\"print: MemoryError\") }\ntry { \",\".join(xs) } catch MemoryError { print(\"join: MemoryError\") }\ntry { f\"{xs}\" } catch MemoryError { print(\"format: MemoryError\") }\ntry { f\"{s}{s}\" * 600 } catch MemoryError { print(\"repeat: MemoryError\") }\n";
    let (r, out) = run_limited("big-strings.tasks", script, &["--max-memory", "300M"], None);
    assert_eq!(r.status, 0, "{}", short(&r.stderr));
    assert_eq!(
        out,
        "MemoryError\nMemoryError\nMemoryError\nprint: MemoryError\njoin: MemoryError\nformat: MemoryError\nrepeat: MemoryError\n",
    );
    // With memory to spare, the limit of one string stops it at 2^30 bytes.
    let one = b"let xs = [\"x\" * 1000000] * 10000\ntry { str(xs) } catch MemoryError as e { print(e.message) }\n";
    let (r, out) = run_limited("one-string.tasks", one, &["--max-memory", "3G"], None);
    assert_eq!(r.status, 0, "{}", short(&r.stderr));
    assert!(out.contains("larger than the limit of 1073741824"), "{out}");
}

/// Slicing a string copies only what the slice selects, and indexing does not walk the
/// string: a loop over a million non-ASCII characters is linear.
#[test]
fn slicing_and_indexing_strings_do_not_copy_or_walk_them() {
    let script = b"let big = \"x\" * 1000000000\nprint(big[0:3], big[-2:], big[999999999], len(big))\nlet u = \"a\\u00e9\" * 500000\nlet n = 0\nfor i in range(len(u)) {\n    if u[i] == \"\\u00e9\" { n += 1 }\n}\nprint(n, u[999999], u[-4:])\n";
    let (r, out) = run_limited("slices.tasks", script, &["--max-memory", "1200M"], None);
    assert_eq!(r.status, 0, "{}", short(&r.stderr));
    assert_eq!(out, "xxx xx x 1000000000\n500000 \u{e9} a\u{e9}a\u{e9}\n");
}
