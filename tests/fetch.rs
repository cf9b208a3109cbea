//! `fetch` against a real HTTP server on 127.0.0.1 (tests/support/http_server.rs), through
//! the real binary: statuses, headers, redirects, compression, JSON, failures of every
//! kind, timeouts, cancellation, Ctrl-C, 200 concurrent requests, the page-preview script
//! against its Python twin, and the oracle pairs in `tests/fetch_oracle/` (each run under
//! runner and python3 with the server's address as the argument).
//!
//! Built with `--no-default-features` (as `.ci/run` also does) only the test that `fetch`
//! says it is unavailable runs.

mod support;

use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_runner"))
}

fn base() -> &'static str {
    static SERVER: OnceLock<support::http_server::Server> = OnceLock::new();
    &SERVER.get_or_init(support::http_server::start).base
}

/// Runs a script given as text, with the server's address as its first argument.
fn run(script: &str, flags: &[&str]) -> Output {
    let dir = std::env::temp_dir().join(format!("runner-fetch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{:x}.tasks", hash(script)));
    std::fs::write(&path, script).expect("write script");
    bin()
        .args(flags)
        .arg(&path)
        .arg(base())
        .stdin(Stdio::null())
        .output()
        .expect("runner runs")
}

fn hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[cfg(not(feature = "http"))]
#[test]
fn without_the_http_feature_fetch_says_so() {
    let o = run(
        "try { await fetch(args[0]) } catch FetchError as e { print(e.message) }",
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("built without HTTP support"), "{out}");
}

#[cfg(feature = "http")]
mod http {
    use super::*;
    use std::path::Path;
    use std::time::{Duration, Instant};

    fn no_panic(o: &Output) {
        let err = stderr(o);
        assert!(
            !err.contains("panicked")
                && !err.contains("internal error")
                && !err.contains("overflow"),
            "{err}"
        );
    }

    /// What a run that must succeed printed, after checking that it did.
    fn succeeded(o: &Output) -> String {
        no_panic(o);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
        stdout(o)
    }

    #[test]
    fn responses_have_status_text_headers_url_and_json() {
        let o = run(
            r#"let base = args[0]
let r = await fetch(f"{base}/page/home")
print(r.status, type(r), r.url == f"{base}/page/home")
print(r.text.split("\n")[2])
print(r.headers["content-type"], r.headers["content-length"])
let h = await fetch(f"{base}/headers")
print(h.headers["x-runner-test"], h.headers["set-cookie"])
print((await fetch(f"{base}/gzip")).text.strip())
print((await fetch(f"{base}/deflate")).text.strip())
let doc = (await fetch(f"{base}/json")).json()
print(doc["name"], doc["tags"])
let e = (await fetch(f"{base}/echo", method="put", body="plain", headers={"X-A": 1})).json()
print(e["method"], e["body"], e["headers"])
let r404 = await fetch(f"{base}/nowhere")
print(r404.status, r404.text)
"#,
            &[],
        );
        assert_eq!(
            succeeded(&o),
            "200 Response true\n\
             <title>home</title>\n\
             text/html 119\n\
             yes a=1, b=2\n\
             this body was gzipped\n\
             this body was deflated\n\
             runner ['async', 'fast']\n\
             PUT plain {'x-a': '1'}\n\
             404 not found\n"
        );
    }

    #[test]
    fn failures_raise_fetch_error_naming_url_and_cause() {
        let o = run(
            r#"let base = args[0]
let tls = base.replace("http://", "https://")
for url in ["nope", "ftp://example.com/", "http://127.0.0.1:1/", f"{base}/loop", "http://no-such-host.invalid/", f"{tls}/page/x"] {
    try {
        await fetch(url)
        print("no error for", url)
    } catch FetchError as e {
        print(e.message.replace(base, "BASE").replace(tls, "TLSBASE"))
    }
}
try { await fetch(f"{base}/page/x", headers={"Bad Name": "v"}) } catch FetchError as e { print(e.message.replace(base, "BASE")) }
try { await fetch(f"{base}/page/x", method="NO PE") } catch FetchError as e { print(e.message.replace(base, "BASE")) }
"#,
            &[],
        );
        let out = succeeded(&o);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 8, "{out}");
        assert_eq!(lines[0], "GET nope: bad URL: relative URL without a base");
        assert_eq!(
            lines[1],
            "GET ftp://example.com/: bad URL: the scheme must be http or https, not 'ftp'"
        );
        assert_eq!(lines[2], "GET http://127.0.0.1:1/: connection refused");
        assert_eq!(lines[3], "GET BASE/loop: too many redirects (more than 10)");
        assert!(
            lines[4].starts_with("GET http://no-such-host.invalid/: DNS lookup failed"),
            "{}",
            lines[4]
        );
        // An https:// URL on a plain-HTTP server: the TLS handshake fails.
        assert!(
            lines[5].starts_with("GET TLSBASE/page/x: TLS error: "),
            "{}",
            lines[5]
        );
        assert_eq!(lines[6], "GET BASE/page/x: bad header 'Bad Name'");
        assert_eq!(lines[7], "NO PE BASE/page/x: bad method");
    }

    #[test]
    fn an_uncaught_fetch_error_is_a_report_with_the_await_site() {
        let o = run("await fetch(\"http://127.0.0.1:1/x\")\n", &[]);
        no_panic(&o);
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        assert!(
            err.contains("FetchError: GET http://127.0.0.1:1/x: connection refused"),
            "{err}"
        );
        assert!(err.contains("await fetch("), "{err}");
    }

    /// A redirect to another origin carries no Referer (the first URL's query may hold a
    /// token), no Authorization and no Cookie.
    #[test]
    fn a_redirect_to_another_origin_tells_it_nothing() {
        let o = run(
            r#"let base = args[0]
let other = base.replace("127.0.0.1", "localhost")
let secret = {"Authorization": "Bearer hunter2", "Cookie": "session=hunter2"}
let r = await fetch(f"{base}/goto/{other}/allheaders?token=hunter2", headers=secret)
print(r.status, r.url.replace(other, "OTHER"))
let seen = r.json()
print(sorted(seen.keys()))
print("hunter2" in json_str(seen))
let same = (await fetch(f"{base}/goto/{base}/allheaders?token=hunter2", headers=secret)).json()
print("referer" in same, same["authorization"], same["cookie"])
"#,
            &[],
        );
        let out = succeeded(&o);
        assert_eq!(
            out,
            "200 OTHER/allheaders?token=hunter2\n\
             ['accept', 'accept-encoding', 'host', 'user-agent']\n\
             false\n\
             false Bearer hunter2 session=hunter2\n"
        );
    }

    /// `http://user:secret@host/` sends the credentials (as basic auth) but never shows
    /// them: not in `r.url`, not in a `FetchError`, not in a report.
    #[test]
    fn url_credentials_appear_in_no_message() {
        let o = run(
            r#"let base = args[0]
let secret = "pa" + "55"
let with_auth = base.replace("http://", f"http://user:{secret}@")
let r = await fetch(f"{with_auth}/allheaders")
print(r.url == f"{base}/allheaders", r.json()["authorization"])
for url in [f"http://user:{secret}@127.0.0.1:1/", f"http://user:{secret}@no-such-host.invalid/", f"http://user:{secret}@[bad/", f"{with_auth}/loop"] {
    try {
        await fetch(url)
    } catch FetchError as e {
        print(secret in e.message, e.message.replace(base, "BASE"))
    }
}
try { await fetch(f"{with_auth}/slow/2000", timeout=0.05) } catch TimeoutError as e { print(secret in e.message) }
await fetch(f"http://user:{secret}@127.0.0.1:1/uncaught")
"#,
            &[],
        );
        no_panic(&o);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let out = stdout(&o);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "true Basic dXNlcjpwYTU1", "{out}");
        assert_eq!(
            lines[1],
            "false GET http://127.0.0.1:1/: connection refused"
        );
        assert!(
            lines[2].starts_with("false GET http://no-such-host.invalid/: DNS"),
            "{out}"
        );
        assert!(
            lines[3].starts_with("false GET http://[bad/: bad URL"),
            "{out}"
        );
        assert_eq!(
            lines[4],
            "false GET BASE/loop: too many redirects (more than 10)"
        );
        assert_eq!(lines[5], "false");
        let err = stderr(&o);
        assert!(!err.contains("pa55"), "{err}");
        assert!(
            err.contains("GET http://127.0.0.1:1/uncaught: connection refused"),
            "{err}"
        );
    }

    #[test]
    fn a_negative_timeout_is_a_value_error() {
        let o = run(
            r#"try { fetch(args[0], timeout=-1) } catch ValueError as e { print(e.message) }
try { fetch(args[0], timeout=-0.5) } catch ValueError as e { print(e.message) }
"#,
            &[],
        );
        assert_eq!(
            succeeded(&o),
            "fetch() timeout must not be negative, not -1\n\
             fetch() timeout must not be negative, not -0.5\n"
        );
    }

    #[test]
    fn timeout_raises_timeout_error_and_the_run_does_not_wait_for_the_request() {
        let start = Instant::now();
        let o = run(
            r#"try { await fetch(f"{args[0]}/slow/5000", timeout=0.2) } catch TimeoutError as e { print("TimeoutError", e.message.replace(args[0], "BASE")) }
"#,
            &[],
        );
        assert_eq!(
            succeeded(&o),
            "TimeoutError GET BASE/slow/5000: no response within 0.2 s\n"
        );
        assert!(
            start.elapsed() < Duration::from_secs(4),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn cancelling_a_task_aborts_its_request_at_once() {
        let start = Instant::now();
        let o = run(
            r#"let base = args[0]
let t = spawn fetch(f"{base}/slow/5000")
await sleep(0.1)
print(t.cancel())
try { await t } catch CancelledError { print("cancelled", t.cancelled()) }
try { await wait_for(fetch(f"{base}/slow/5000"), 0.1) } catch TimeoutError { print("wait_for timed out") }
let slow = spawn fetch(f"{base}/slow/5000")
let fast = spawn fetch(f"{base}/page/quick")
let done, pending = await wait([slow, fast], return_when="FIRST_COMPLETED")
print(len(done), len(pending))
slow.cancel()
"#,
            &[],
        );
        assert_eq!(
            succeeded(&o),
            "true\ncancelled true\nwait_for timed out\n1 1\n"
        );
        assert!(
            start.elapsed() < Duration::from_secs(4),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn ctrl_c_during_a_fetch_ends_the_run_at_once() {
        let dir = std::env::temp_dir();
        let path = dir.join(format!("runner-fetch-ctrlc-{}.tasks", std::process::id()));
        std::fs::write(
            &path,
            "print(\"fetching\")\ntry { await fetch(f\"{args[0]}/slow/10000\") } finally { print(\"finally ran\") }\n",
        )
        .expect("write");
        let mut child = bin()
            .arg(&path)
            .arg(base())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut out = child.stdout.take().expect("stdout");
        let mut first = [0u8; 9];
        std::io::Read::read_exact(&mut out, &mut first).expect("first line");
        std::thread::sleep(Duration::from_millis(200));
        let start = Instant::now();
        let kill = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(kill.success());
        let status = child.wait().expect("wait");
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut out, &mut rest).expect("rest");
        assert_eq!(status.code(), Some(130));
        assert_eq!(rest, "finally ran\n");
    }

    #[test]
    fn a_body_over_the_limit_is_an_error_not_an_oom() {
        let o = run(
            r#"let base = args[0]
for path in ["huge/5000", "stream/5000", "huge/1000"] {
    try {
        print(len((await fetch(f"{base}/{path}")).text))
    } catch FetchError as e {
        print(e.message.replace(base, "BASE"))
    }
}
"#,
            &["--max-body", "1000"],
        );
        no_panic(&o);
        assert_eq!(
            stdout(&o),
            "GET BASE/huge/5000: the body is larger than the limit of 1000 bytes (--max-body)\n\
             GET BASE/stream/5000: the body is larger than the limit of 1000 bytes (--max-body)\n\
             1000\n"
        );
        // The default limit is 64 MiB.
        let o = run(
            r#"try { await fetch(f"{args[0]}/stream/70000000") } catch FetchError as e { print(e.message.replace(args[0], "BASE")) }
"#,
            &[],
        );
        no_panic(&o);
        assert_eq!(
            stdout(&o),
            "GET BASE/stream/70000000: the body is larger than the limit of 67108864 bytes (--max-body)\n"
        );
    }

    #[test]
    fn two_hundred_concurrent_fetches_all_complete() {
        let o = run(
            r#"let base = args[0]
task get(i) {
    let r = await fetch(f"{base}/page/n{i}")
    return r.text.split("\n")[2]
}
let tasks = []
for i in range(200) { tasks.append(spawn get(i)) }
let results = await gather(*tasks)
let ok = 0
for i in range(200) {
    if results[i] == f"<title>n{i}</title>" { ok += 1 }
}
print(len(results), ok)
"#,
            &[],
        );
        assert_eq!(succeeded(&o), "200 200\n");
    }

    #[test]
    fn page_previews_prints_what_the_tutorial_program_prints() {
        // Staggered delays fix the order in which the pages arrive, so the two programs'
        // outputs can be compared exactly.
        let urls: Vec<String> = [("0", "first"), ("150", "second"), ("300", "third")]
            .iter()
            .map(|(ms, name)| format!("{}/slowpage/{ms}/{name}", base()))
            .collect();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let ours = bin()
            .arg(root.join("scripts/03_page_previews.tasks"))
            .args(&urls)
            .output()
            .expect("runner runs");
        no_panic(&ours);
        let python = Command::new("python3")
            .arg(root.join("tests/fetch/page_previews.py"))
            .args(&urls)
            .output()
            .expect("python3 runs");
        assert_eq!(python.status.code(), Some(0), "{}", stderr(&python));
        assert_eq!(ours.status.code(), Some(0), "{}", stderr(&ours));
        assert_eq!(stdout(&ours), stdout(&python));
        assert!(stdout(&ours).contains("<title>second</title>\n   \n"));
    }

    #[test]
    fn oracle_pairs_agree_with_python() {
        let pairs = support::pairs("tests/fetch_oracle");
        assert!(pairs.len() >= 5, "{} pairs", pairs.len());
        let mut failures = Vec::new();
        for pair in &pairs {
            let name = &pair.name;
            let ours = bin()
                .arg(&pair.tasks)
                .arg(base())
                .output()
                .expect("runner runs");
            let theirs = Command::new("python3")
                .arg(&pair.python)
                .arg(base())
                .output()
                .expect("python3 runs");
            if !theirs.status.success() {
                failures.push(format!("{name}.py failed: {}", stderr(&theirs)));
            } else if stdout(&ours) != stdout(&theirs) || !ours.status.success() {
                failures.push(format!(
                    "{name}: runner printed\n{}{}\npython printed\n{}",
                    stdout(&ours),
                    stderr(&ours),
                    stdout(&theirs)
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    }

    /// `scripts/fetch_workers.tasks`: URLs from a file through a bounded queue of workers;
    /// the summary lists every URL in the file's order, failures included.
    #[test]
    fn fetch_workers_script_writes_the_summary() {
        let dir = std::env::temp_dir().join(format!("runner-workers-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let mut urls = String::from("# pages\n");
        for i in 0..12 {
            urls.push_str(&format!("{}/slowpage/{}/p{i}\n", base(), (12 - i) * 10));
        }
        urls.push_str(&format!(
            "\n{}/status/404\nhttp://127.0.0.1:9/refused\n",
            base()
        ));
        std::fs::write(dir.join("urls.txt"), urls).expect("urls written");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let out = bin()
            .arg(root.join("scripts/fetch_workers.tasks"))
            .args(["urls.txt", "summary.txt", "-w", "3"])
            .current_dir(&dir)
            .stdin(Stdio::null())
            .output()
            .expect("runner runs");
        no_panic(&out);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(
            stdout(&out).starts_with("14 URLs, 1 failed, 3 workers"),
            "{}",
            stdout(&out)
        );
        let summary = std::fs::read_to_string(dir.join("summary.txt")).expect("summary written");
        let lines: Vec<&str> = summary.lines().collect();
        assert_eq!(lines.len(), 15, "{summary}");
        for (i, line) in lines[..12].iter().enumerate() {
            assert!(line.starts_with("200 "), "{line}");
            assert!(line.ends_with(&format!("/p{i}")), "{line}");
        }
        assert!(lines[12].starts_with("404 "), "{summary}");
        assert!(lines[13].starts_with("ERR ") && lines[13].contains("connection refused"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
