//! The embedding API as a host uses it: host functions, values both ways, sessions that
//! call and evaluate, errors as data, limits and capabilities, and the three examples in
//! `examples/`, run as the programs they are (the sandbox against every script in
//! `tests/sandbox/`, each naming the outcome it must end with).

#[cfg(feature = "http")]
use std::path::{Path, PathBuf};
#[cfg(feature = "http")]
use std::process::Command;
use std::time::{Duration, Instant};

use runner::{Engine, ErrorKind, ExcKind, SharedBuffer, Value};

/// The examples run only in a build with the default features, as a host uses the
/// crate: a test build with other features (`.ci/run`'s last step) would otherwise
/// rebuild them, and the `runner` binary with them, over its own.
///
/// The path of example `name`, as the program `cargo test` builds (with no target
/// selection it builds the examples as programs beside the tests). A run of this test
/// alone has not built them: the same cargo builds them here, with `cargo test --no-run`
/// rather than `cargo build --examples`, whose units differ and would relink all three
/// examples on every run (about 40 s).
#[cfg(feature = "http")]
fn example(name: &str) -> PathBuf {
    static BUILT: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    let built = BUILT.get_or_init(|| {
        let mut cargo = Command::new(env!("CARGO"));
        // Without what cargo set for this test process (`CARGO_PKG_*`, `CARGO_BIN_EXE_*`,
        // its library path): seen by the build scripts below, those would make this build
        // differ from the outer one, and each would rebuild what the other built.
        for (key, value) in std::env::vars() {
            let set_by_cargo = key.starts_with("CARGO_PKG_")
                || key.starts_with("CARGO_BIN_EXE_")
                || key.starts_with("CARGO_MANIFEST_")
                || [
                    "CARGO_CRATE_NAME",
                    "CARGO_PRIMARY_PACKAGE",
                    "CARGO_TARGET_TMPDIR",
                ]
                .contains(&key.as_str());
            if set_by_cargo {
                cargo.env_remove(&key);
            }
            if key == "LD_LIBRARY_PATH" {
                let target = Path::new(env!("CARGO_BIN_EXE_runner")).parent();
                let kept: Vec<&str> = value
                    .split(':')
                    .filter(|dir| target.is_none_or(|t| !Path::new(dir).starts_with(t)))
                    .collect();
                cargo.env("LD_LIBRARY_PATH", kept.join(":"));
            }
        }
        let out = cargo
            .args(["test", "--no-run", "--quiet"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    });
    if let Err(e) = built {
        panic!("cargo test --no-run failed:\n{e}");
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_runner"));
    bin.parent()
        .expect("the target directory")
        .join("examples")
        .join(name)
}

/// Runs `script` in a session and returns what it printed and its result.
fn run_with(engine: &Engine, script: &str) -> (String, Result<Value, runner::Error>) {
    let script = engine.compile("test.tasks", script).expect("compiles");
    let out = SharedBuffer::default();
    let mut session = engine.session(&script);
    session.set_output(out.clone());
    session.on_report(|_| {});
    let result = session.run_blocking();
    (out.text(), result)
}

#[cfg(feature = "http")]
#[test]
fn host_functions_example_runs() {
    let out = Command::new(example("host_functions"))
        .output()
        .expect("the example runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "hello, ADA\nhello, BRIAN\nhello, CY\nno such user: nobody\n\
         the host reads total = 100\n\
         the host calls summary(): users: 3 users, 100 points, ['ADA', 'BRIAN', 'CY']\n"
    );
}

/// Inside tokio, the host's own task keeps ticking while the script runs a loop that
/// never awaits, and the script prints exactly what the CLI prints for it.
#[cfg(feature = "http")]
#[test]
fn tokio_host_example_keeps_the_host_running_and_prints_what_the_cli_prints() {
    let dir = std::env::temp_dir().join(format!("runner-embedding-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("busy.tasks");
    std::fs::write(
        &path,
        "task spin(n) {\n    let t = 0\n    for i in range(n) { t += i }\n    return t\n}\ntask tick() {\n    for i in range(3) {\n        print(\"tick\", i)\n        await sleep(0.01)\n    }\n}\nlet t = spawn tick()\nprint(await spin(2000000))\nawait t\n",
    )
    .expect("write");
    let out = Command::new(example("tokio_host"))
        .arg(&path)
        .output()
        .expect("the example runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cli = Command::new(env!("CARGO_BIN_EXE_runner"))
        .arg(&path)
        .output()
        .expect("runner runs");
    assert_eq!(out.stdout, cli.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let ticks: u32 = stderr
        .split("ticked ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(ticks >= 5, "the host's ticker starved: {stderr}");
}

/// Every hostile script ends as its header says, the host survives (exit 0), and none
/// runs more than half a second past the five-second limit.
#[cfg(feature = "http")]
#[test]
fn the_sandbox_survives_every_hostile_script() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sandbox");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/sandbox")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tasks"))
        .collect();
    files.sort();
    let sandbox = example("sandbox");
    // Most scripts wait out the time limit rather than work: four at a time, so the test
    // takes a few limits, not one per script.
    let queue = std::sync::Mutex::new(files.into_iter());
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                while let Some(path) = queue.lock().ok().and_then(|mut q| q.next()) {
                    if let Some(failure) = hostile(&sandbox, &path) {
                        failures.lock().expect("no panics holding it").push(failure);
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap_or_default();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs one hostile script in the sandbox; what went wrong, if anything.
#[cfg(feature = "http")]
fn hostile(sandbox: &Path, path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).expect("readable");
    let expect = text
        .lines()
        .find_map(|l| l.strip_prefix("# expect: "))
        .expect("an `# expect:` line");
    let started = Instant::now();
    let out = Command::new(sandbox)
        .arg(path)
        .output()
        .expect("the sandbox runs");
    let took = started.elapsed();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or("");
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    if !out.status.success() || !last.starts_with(expect) {
        return Some(format!(
            "{name:?}: exit {:?}, last line {last:?}, expected {expect:?}\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    if took > Duration::from_millis(5500) {
        return Some(format!("{name:?}: took {took:?}"));
    }
    None
}

/// A host's sync and async functions, called by 1,000 spawned tasks, interleave exactly
/// as the same script with script-defined equivalents does.
#[test]
fn host_functions_keep_asyncio_order() {
    let body = "task worker(i) {\n    let a = await slow_square(i)\n    await sleep(0)\n    let b = fast_double(a)\n    print(i, a, b)\n    return b\n}\nlet tasks = []\nfor i in range(1000) { tasks.append(spawn worker(i)) }\nlet results = await gather(*tasks)\nprint(sum(results))\n";
    let mut host = Engine::new();
    host.register_fn("fast_double", |args| Ok(args.get::<i64>(0)? * 2));
    host.register_async_fn("slow_square", |args| async move {
        let n: i64 = args.get(0)?;
        Ok(n * n)
    });
    let (host_out, host_result) = run_with(&host, body);
    host_result.expect("the host version runs");
    let script = format!(
        "fn fast_double(n) {{ return n * 2 }}\ntask slow_square(n) {{ return n * n }}\n{body}"
    );
    let (script_out, script_result) = run_with(&Engine::new(), &script);
    script_result.expect("the script version runs");
    assert_eq!(host_out.lines().count(), 1001);
    assert_eq!(host_out, script_out);
}

/// An async host function that really waits: the other tasks run meanwhile, and
/// cancelling the task that awaits it drops its future.
#[test]
fn an_async_host_function_waits_without_blocking_and_is_dropped_when_cancelled() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let dropped = Arc::new(AtomicUsize::new(0));
    struct Guard(Arc<AtomicUsize>);
    impl Drop for Guard {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }
    let mut engine = Engine::new();
    let counter = dropped.clone();
    engine.register_async_fn("wait_ms", move |args| {
        let guard = Guard(counter.clone());
        async move {
            let ms: u64 = args.get(0)?;
            async_io::Timer::after(Duration::from_millis(ms)).await;
            drop(guard);
            Ok(ms)
        }
    });
    let (out, result) = run_with(
        &engine,
        "task ticker() { for i in range(3) { print(\"tick\", i); await sleep(0.01) } }\nlet t = spawn ticker()\nprint(\"waited\", await wait_ms(50))\nlet slow = spawn wait_ms(10000)\nawait sleep(0.01)\nslow.cancel()\ntry { await slow } catch CancelledError { print(\"cancelled\") }\n",
    );
    result.expect("runs");
    assert_eq!(out, "tick 0\ntick 1\ntick 2\nwaited 50\ncancelled\n");
    assert_eq!(
        dropped.load(Ordering::SeqCst),
        2,
        "both futures were dropped"
    );
}

#[test]
fn values_cross_the_boundary_both_ways() {
    use runner::{FromValue, IntoValue};
    use std::collections::{BTreeMap, HashMap};
    let engine = Engine::new().with_global("config");
    let script = engine
        .compile(
            "values.tasks",
            "let seen = none\nfn echo(x) { return x }\nfn describe() { return f\"{config['name']} x{config['count']}\" }\nseen = config\n[1, 2.5, \"three\", none, true, {\"k\": [1, 2]}]\n",
        )
        .expect("compiles");
    let mut session = engine.session(&script);
    let mut config = HashMap::new();
    config.insert("name".to_owned(), "job".into_value());
    config.insert("count".to_owned(), 3.into_value());
    session
        .set_global("config", config)
        .expect("a provided global");
    let value = session.run_blocking().expect("runs");
    assert_eq!(
        value.to_string(),
        "[1, 2.5, 'three', none, true, {'k': [1, 2]}]"
    );
    let items = value.to_list().expect("a list");
    assert_eq!(items[0].as_int(), Some(1));
    assert_eq!(items[1].as_float(), Some(2.5));
    assert_eq!(items[2].as_str(), Some("three"));
    assert!(items[3].is_none());
    let map: BTreeMap<String, Vec<i64>> = BTreeMap::from_value(&items[5]).expect("a map");
    assert_eq!(map["k"], [1, 2]);
    assert_eq!(
        session
            .call_blocking("describe", ())
            .expect("calls")
            .to_string(),
        "job x3"
    );
    let seen: HashMap<String, Value> = session.get("seen").expect("a map");
    assert_eq!(seen["count"].as_int(), Some(3));
    let back: (i64, String, Option<f64>) = FromValue::from_value(
        &session
            .call_blocking("echo", ((7, "x", Option::<f64>::None),))
            .expect("echo"),
    )
    .expect("a tuple from a list");
    assert_eq!(back, (7, "x".to_owned(), None));
    let err = i32::from_value(&Value::from(1i64 << 40)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Exception(ExcKind::OverflowError));
    assert_eq!(
        session.call_blocking("echo", (1, 2)).unwrap_err().message(),
        "echo() takes 1 positional argument but 2 were given"
    );
    assert_eq!(
        session.call_blocking("nope", ()).unwrap_err().kind(),
        ErrorKind::Host
    );
}

#[test]
fn eval_keeps_the_sessions_globals_and_replaces_declarations() {
    let engine = Engine::new();
    let script = engine
        .compile("repl.tasks", "let base = 10\n")
        .expect("compiles");
    let mut session = engine.session(&script);
    session.set_output(std::io::sink());
    session.run_blocking().expect("runs");
    assert_eq!(
        session.eval_blocking("base + 1").unwrap().as_int(),
        Some(11)
    );
    session
        .eval_blocking("let more = base * 2\nfn f(x) { return x + more }")
        .unwrap();
    assert_eq!(session.eval_blocking("f(1)").unwrap().as_int(), Some(21));
    session.eval_blocking("fn f(x) { return x - 1 }").unwrap();
    assert_eq!(session.eval_blocking("f(1)").unwrap().as_int(), Some(0));
    assert_eq!(
        session.eval_blocking("await sleep(0)\n5").unwrap().as_int(),
        Some(5)
    );
    let err = session.eval_blocking("undefined_name + 1").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Compile);
    assert_eq!(err.location().map(|l| (l.line, l.column)), Some((1, 1)));
    let err = session.eval_blocking("let a = 1\n[][a]").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Exception(ExcKind::IndexError));
    assert_eq!(err.location().map(|l| l.line), Some(2));
    // The session is still usable after errors.
    assert_eq!(session.eval_blocking("more").unwrap().as_int(), Some(20));
}

/// The network capability, on, off, and by a policy; a denied request is a
/// `PermissionError` naming the capability.
#[test]
fn network_capability_and_policy() {
    let script = "try { await fetch(\"http://127.0.0.1:9/x\") } catch PermissionError as e { print(\"denied:\", e.message) } catch FetchError { print(\"tried\") }\n";
    let (out, _) = run_with(&Engine::new().with_network(false), script);
    assert_eq!(
        out,
        "denied: GET http://127.0.0.1:9/x: network access is switched off by the host\n"
    );
    let policy = Engine::new().with_network_policy(|url| url.starts_with("http://127.0.0.1:9/"));
    let (out, _) = run_with(&policy, script);
    assert_eq!(out, "tried\n");
    let other = Engine::new().with_network_policy(|url| url.starts_with("https://"));
    let (out, _) = run_with(&other, script);
    assert!(out.starts_with("denied: GET http://127.0.0.1:9/x: the host's network policy"));
}

/// The files and processes capabilities: off, every file builtin, `run` and
/// `spawn_process` raise a `PermissionError` naming the capability, and nothing is
/// touched; on (the default), they work. The environment capability off, a child starts
/// with only the variables the script gives it.
#[test]
fn files_and_processes_capabilities() {
    let dir = std::env::temp_dir().join(format!("runner-caps-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let path = dir.join("made.txt").to_string_lossy().replace('\\', "/");
    let calls = [
        format!("read_file({path:?})"),
        format!("write_file({path:?}, \"x\")"),
        format!("append_file({path:?}, \"x\")"),
        format!("exists({path:?})"),
        format!("list_dir({:?})", dir.to_string_lossy()),
        format!("remove_file({path:?})"),
        format!("mkdir({path:?})"),
        format!("rename({path:?}, {path:?})"),
        "glob(\"*\")".to_owned(),
        format!("read_lines({path:?})"),
        "run(\"true\")".to_owned(),
        "spawn_process(\"true\")".to_owned(),
    ];
    let mut script = String::new();
    for call in &calls {
        script.push_str(&format!(
            "try {{ let x = {call}\n print(\"allowed\") }} catch PermissionError as e {{ print(e.message) }}\n"
        ));
    }
    let denied = Engine::new().with_files(false).with_processes(false);
    let (out, result) = run_with(&denied, &script);
    assert!(result.is_ok(), "{result:?}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), calls.len(), "{out}");
    for (line, call) in lines.iter().zip(&calls) {
        let name = &call[..call.find('(').unwrap_or(0)];
        let capability = if name.contains("run") || name.contains("process") {
            "processes"
        } else {
            "files"
        };
        assert_eq!(
            *line,
            format!("{name}(): the host has switched off the \"{capability}\" capability")
        );
    }
    assert!(
        !dir.join("made.txt").exists(),
        "a denied write touched the disk"
    );

    let allowed = format!(
        "await write_file({path:?}, \"kept\")\nprint(await read_file({path:?}))\nprint((await run(\"cat\", [{path:?}])).stdout)\n"
    );
    let (out, result) = run_with(&Engine::new(), &allowed);
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(out, "kept\nkept\n");

    // SAFETY of the test's environment: the variable is set for the child only.
    let leak = "let r = await run(\"sh\", [\"-c\", \"echo [$HOME] [$ONLY]\"], env = {\"ONLY\": \"given\"})\nprint(r.stdout)\n";
    let (out, _) = run_with(&Engine::new().with_env(false), leak);
    assert_eq!(out, "[] [given]\n\n");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The interrupt handle from another thread: `interrupt` cancels (cleanup runs),
/// `terminate` stops a script that swallows the cancellation; both within a slice.
#[test]
fn interrupt_and_terminate_from_another_thread() {
    let engine = Engine::new();
    let script = engine
        .compile(
            "stop.tasks",
            "try { await sleep(100) } finally { print(\"cleanup ran\") }\n",
        )
        .expect("compiles");
    let out = SharedBuffer::default();
    let mut session = engine.session(&script);
    session.set_output(out.clone());
    let handle = session.interrupt_handle();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        handle.interrupt();
    });
    let err = session.run_blocking().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Interrupted);
    assert_eq!(out.text(), "cleanup ran\n");

    let stubborn = engine
        .compile(
            "stubborn.tasks",
            "let n = 0\nwhile true {\n    try { n += 1 } catch CancelledError { }\n}\n",
        )
        .expect("compiles");
    let mut session = engine.session(&stubborn);
    let handle = session.interrupt_handle();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        handle.interrupt();
        std::thread::sleep(Duration::from_millis(50));
        handle.terminate();
    });
    let started = Instant::now();
    let err = session.run_blocking().unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::Terminated | ErrorKind::Interrupted),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// With the `serde` feature: `serde_json::Value` and any serde type cross the boundary.
#[cfg(feature = "serde")]
#[test]
fn serde_types_cross_the_boundary() {
    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Job {
        name: String,
        retries: u32,
        tags: Vec<String>,
    }
    let engine = Engine::new().with_global("job");
    let script = engine
        .compile(
            "serde.tasks",
            "job[\"retries\"] += 1\njob[\"tags\"].append(\"seen\")\njob\n",
        )
        .expect("compiles");
    let mut session = engine.session(&script);
    let job = Job {
        name: "build".to_owned(),
        retries: 2,
        tags: vec!["ci".to_owned()],
    };
    session
        .set_global("job", runner::to_value(&job).expect("serializes"))
        .expect("set");
    let back: Job = runner::from_value(&session.run_blocking().expect("runs")).expect("back");
    assert_eq!(
        back,
        Job {
            name: "build".to_owned(),
            retries: 3,
            tags: vec!["ci".to_owned(), "seen".to_owned()]
        }
    );
    let json: serde_json::Value =
        runner::FromValue::from_value(&session.global("job").unwrap()).expect("json");
    assert_eq!(json["name"], "build");
}
