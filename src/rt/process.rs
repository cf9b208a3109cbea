//! Child processes, on async-process: `run(...)` (asyncio's `create_subprocess_exec` and
//! `communicate`) and `spawn_process(...)` for streaming.
//!
//! Every child leads its own process group, so that killing it kills what it started
//! (`sh -c "sleep 100"`'s `sleep` too). **Invariant: no child outlives its owner.** A run
//! future dropped (its task cancelled, a timeout, Ctrl-C, the run ending) and a process
//! object dropped kill the group; async-process's reaper collects the exit status, so no
//! zombie is left; and [`kill_all`] kills whatever is still registered before the CLI
//! exits without unwinding (a third Ctrl-C). Arguments go to the program as they are:
//! never through a shell.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Mutex;
use std::time::Duration;

use async_process::{Child, ChildStdin, Stdio};
use futures_lite::{AsyncReadExt, AsyncWriteExt};

use super::event_loop::Rt;
use super::host::LocalFuture;
use super::lines::{Lines, LinesObj};
use crate::vm::{Exc, ExcKind, Exception, NativeObject, Site, Value, exc};

/// What to start.
pub struct Spec {
    pub program: String,
    pub args: Vec<String>,
    pub cwd: Option<String>,
    pub env: Vec<(String, String)>,
    /// The host denied the environment capability: the child gets only `env`.
    pub clear_env: bool,
}

impl Spec {
    /// `'make -j2'`: how messages name the command.
    pub fn describe(&self) -> String {
        let mut words = vec![self.program.clone()];
        words.extend(self.args.iter().cloned());
        crate::vm::format::repr(&Value::str(&words.join(" ")))
    }

    fn spawn(&self, stdin: bool) -> Result<(Child, Group), Exc> {
        use std::os::unix::process::CommandExt;
        let mut std = std::process::Command::new(&self.program);
        std.args(&self.args);
        if let Some(cwd) = &self.cwd {
            std.current_dir(cwd);
        }
        if self.clear_env {
            std.env_clear();
        }
        std.envs(self.env.iter().map(|(k, v)| (k, v)));
        std.process_group(0);
        let mut cmd = async_process::Command::from(std);
        cmd.stdin(if stdin { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let child = cmd.spawn().map_err(|e| {
            let why = super::fs::strerror(&e);
            let what = crate::vm::format::repr(&Value::str(&self.program));
            let mut message = format!("cannot run {what}: {why}");
            if let Some(cwd) = self
                .cwd
                .as_ref()
                .filter(|_| e.kind() == std::io::ErrorKind::NotFound)
            {
                message.push_str(&format!(" (or no directory {cwd:?})"));
            }
            exc(ExcKind::ProcessError, message)
        })?;
        let group = Group::new(child.id());
        Ok((child, group))
    }
}

/// The process groups of the children alive, by leader pid.
static GROUPS: Mutex<Option<HashSet<u32>>> = Mutex::new(None);

/// Kills every child still alive: for an exit that skips destructors.
pub fn kill_all() {
    let groups = GROUPS.lock().map(|mut g| g.take()).unwrap_or_default();
    for pgid in groups.unwrap_or_default() {
        kill_group(pgid);
    }
}

fn kill_group(pgid: u32) {
    if let Ok(pgid) = i32::try_from(pgid) {
        // SAFETY: kill(2) with a negative pid signals a process group; no memory involved.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
    }
}

/// A child's process group, registered while it may be alive: dropped armed, it kills
/// the whole group.
struct Group {
    pgid: u32,
    armed: Cell<bool>,
}

impl Group {
    fn new(pgid: u32) -> Group {
        if let Ok(mut groups) = GROUPS.lock() {
            groups.get_or_insert_with(HashSet::new).insert(pgid);
        }
        Group {
            pgid,
            armed: Cell::new(true),
        }
    }

    /// The leader exited and was waited for: nothing to kill (what it left running in the
    /// background is the script's business, as in Python).
    fn disarm(&self) {
        if self.armed.replace(false) {
            self.unregister();
        }
    }

    fn kill(&self) {
        if self.armed.get() {
            kill_group(self.pgid);
        }
    }

    fn unregister(&self) {
        if let Ok(mut groups) = GROUPS.lock()
            && let Some(g) = groups.as_mut()
        {
            g.remove(&self.pgid);
        }
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        if self.armed.get() {
            kill_group(self.pgid);
            self.unregister();
        }
    }
}

/// An exit status as Python's `returncode`: the code, or minus the signal that killed it.
fn exit_code(status: std::process::ExitStatus) -> i64 {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => i64::from(code),
        (None, Some(signal)) => -i64::from(signal),
        (None, None) => -1,
    }
}

/// How `run` ends when the child fails and `check` is set.
fn check_failed(spec: &str, code: i64, stderr: &str) -> Exc {
    let mut message = if code < 0 {
        format!("{spec} was killed by signal {}", -code)
    } else {
        format!("{spec} exited with code {code}")
    };
    // The end of stderr says why; a long one is cut to its last lines.
    let tail: Vec<&str> = stderr.trim_end().lines().rev().take(5).collect();
    if !tail.is_empty() {
        message.push_str(": ");
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        let text = tail.join("\n");
        let cut: String = text
            .chars()
            .rev()
            .take(1000)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        message.push_str(&cut);
    }
    Exception::with_code(ExcKind::ProcessError, message, code)
}

/// `run(...)`: starts the child, feeds it `input`, collects its output, waits for it.
pub fn run(spec: Spec, input: Option<String>, timeout: Option<f64>, check: bool) -> LocalFuture {
    Box::pin(async move {
        let name = spec.describe();
        let (mut child, group) = spec.spawn(input.is_some())?;
        let stdin = child.stdin.take();
        let mut stdout = child.stdout.take();
        let mut stderr = child.stderr.take();
        let work = async {
            let feed = async {
                if let (Some(mut stdin), Some(input)) = (stdin, input) {
                    // A child that exits without reading all of it is not an error.
                    let _ = stdin.write_all(input.as_bytes()).await;
                    let _ = stdin.close().await;
                }
            };
            let read = |pipe: Option<async_process::ChildStdout>| async move {
                let mut bytes = Vec::new();
                if let Some(mut pipe) = pipe {
                    let _ = pipe.read_to_end(&mut bytes).await;
                }
                bytes
            };
            let read_err = async {
                let mut bytes = Vec::new();
                if let Some(pipe) = stderr.as_mut() {
                    let _ = pipe.read_to_end(&mut bytes).await;
                }
                bytes
            };
            let ((), (out, err)) = futures_lite::future::zip(
                feed,
                futures_lite::future::zip(read(stdout.take()), read_err),
            )
            .await;
            let status = child.status().await;
            (out, err, status)
        };
        let (out, err, status) = match timeout {
            None => work.await,
            Some(seconds) => {
                let limit = async {
                    async_io::Timer::after(Duration::from_secs_f64(seconds)).await;
                    None
                };
                match futures_lite::future::or(async { Some(work.await) }, limit).await {
                    Some(done) => done,
                    None => {
                        group.kill();
                        return Err(exc(
                            ExcKind::TimeoutError,
                            format!("{name} did not finish within {seconds} seconds"),
                        ));
                    }
                }
            }
        };
        let status = status.map_err(|e| {
            exc(
                ExcKind::ProcessError,
                format!("waiting for {name}: {}", super::fs::strerror(&e)),
            )
        })?;
        group.disarm();
        let code = exit_code(status);
        super::work::spend((out.len() + err.len()) / 16);
        let stdout = String::from_utf8_lossy(&out).into_owned();
        let stderr = String::from_utf8_lossy(&err).into_owned();
        if check && code != 0 {
            return Err(check_failed(&name, code, &stderr));
        }
        Ok(Value::Native(Rc::new(Completed {
            name,
            code,
            stdout,
            stderr,
        })))
    })
}

/// What `run` returns: the exit code and the output, as text.
pub struct Completed {
    name: String,
    code: i64,
    stdout: String,
    stderr: String,
}

impl NativeObject for Completed {
    fn type_name(&self) -> &'static str {
        "completed_process"
    }
    fn repr(&self) -> String {
        format!("<completed process {} code {}>", self.name, self.code)
    }
    fn attr(&self, name: &str) -> Option<Value> {
        Some(match name {
            "code" => Value::Int(self.code),
            "stdout" => Value::str(&self.stdout),
            "stderr" => Value::str(&self.stderr),
            "ok" => Value::Bool(self.code == 0),
            _ => return None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A running child, from `spawn_process`: its output as streams of lines, its input
/// written a piece at a time.
pub struct Process {
    name: String,
    pid: u32,
    child: RefCell<Child>,
    stdin: Rc<RefCell<Option<ChildStdin>>>,
    stdout: Rc<Lines>,
    stderr: Rc<Lines>,
    code: Rc<Cell<Option<i64>>>,
    group: Rc<Group>,
}

/// `spawn_process(...)`: starts the child now.
pub fn spawn(spec: Spec) -> Result<Value, Exc> {
    let name = spec.describe();
    let (mut child, group) = spec.spawn(true)?;
    // Freeing the process object kills the child: a run that skips its teardown must
    // still free it (`Rt::shut_down`).
    super::note_reportable();
    let pid = child.id();
    let stdin = child.stdin.take();
    let reader = |pipe: Option<Box<dyn futures_lite::AsyncRead + Unpin>>, what: &str| {
        let what = format!("{what} of {name}");
        match pipe {
            Some(pipe) => {
                Lines::from_reader(Box::pin(futures_lite::io::BufReader::new(pipe)), what)
            }
            None => Lines::from_reader(Box::pin(futures_lite::io::empty()), what),
        }
    };
    let stdout = reader(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn futures_lite::AsyncRead + Unpin>),
        "stdout",
    );
    let stderr = reader(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn futures_lite::AsyncRead + Unpin>),
        "stderr",
    );
    Ok(Value::Native(Rc::new(ProcessObj(Rc::new(Process {
        name,
        pid,
        child: RefCell::new(child),
        stdin: Rc::new(RefCell::new(stdin)),
        stdout,
        stderr,
        code: Rc::new(Cell::new(None)),
        group: Rc::new(group),
    })))))
}

/// A process as a script value.
pub struct ProcessObj(pub Rc<Process>);

impl ProcessObj {
    /// `await p.wait()`: the exit code, once the child has exited.
    fn wait(&self) -> LocalFuture {
        let p = &self.0;
        let status = p.child.borrow_mut().status();
        let code = p.code.clone();
        let group = p.group.clone();
        let name = p.name.clone();
        Box::pin(async move {
            let status = status.await.map_err(|e| {
                exc(
                    ExcKind::ProcessError,
                    format!("waiting for {name}: {}", super::fs::strerror(&e)),
                )
            })?;
            group.disarm();
            let exit = exit_code(status);
            code.set(Some(exit));
            Ok(Value::Int(exit))
        })
    }

    /// `await p.write(text)`: writes to the child's stdin and waits until it took it.
    fn write(&self, text: String) -> LocalFuture {
        let stdin = self.0.stdin.clone();
        let name = self.0.name.clone();
        Box::pin(async move {
            let Some(mut pipe) = stdin.borrow_mut().take() else {
                return Err(exc(
                    ExcKind::RuntimeError,
                    format!("the stdin of {name} is closed (or another task is writing to it)"),
                ));
            };
            let written = async {
                pipe.write_all(text.as_bytes()).await?;
                pipe.flush().await
            }
            .await;
            *stdin.borrow_mut() = Some(pipe);
            written.map(|()| Value::None).map_err(|e| {
                exc(
                    ExcKind::OSError,
                    format!("writing to {name}: {}", super::fs::strerror(&e)),
                )
            })
        })
    }
}

impl NativeObject for ProcessObj {
    fn type_name(&self) -> &'static str {
        "process"
    }
    fn repr(&self) -> String {
        let p = &self.0;
        match p.code.get() {
            Some(code) => format!("<process {} pid {} exited with {code}>", p.name, p.pid),
            None => format!("<process {} pid {}>", p.name, p.pid),
        }
    }
    fn attr(&self, name: &str) -> Option<Value> {
        Some(match name {
            "pid" => Value::Int(i64::from(self.0.pid)),
            "code" => self.0.code.get().map_or(Value::None, Value::Int),
            _ => return None,
        })
    }
    fn call(
        &self,
        rt: &mut Rt,
        name: &str,
        args: &crate::builtins::Args<'_>,
        site: &Site,
    ) -> Option<Result<Value, Exc>> {
        let coroutine = |rt: &mut Rt, future: LocalFuture, what: &'static str| {
            super::sync::coroutine(rt, super::host::LocalOp(future), what, site)
        };
        let result = match name {
            "lines" => args
                .accept(0, 0, &[])
                .map(|()| Value::Native(Rc::new(LinesObj(self.0.stdout.clone())))),
            "stderr_lines" => args
                .accept(0, 0, &[])
                .map(|()| Value::Native(Rc::new(LinesObj(self.0.stderr.clone())))),
            "wait" => args
                .accept(0, 0, &[])
                .map(|()| coroutine(rt, self.wait(), "wait")),
            "write" => args.accept(1, 1, &[]).and_then(|()| match &args.pos[0] {
                Value::Str(s) => Ok(coroutine(rt, self.write(s.to_string()), "write")),
                other => Err(crate::vm::type_error(format!(
                    "write() argument must be str, not {}",
                    other.type_name()
                ))),
            }),
            "close_stdin" => args.accept(0, 0, &[]).map(|()| {
                self.0.stdin.borrow_mut().take();
                Value::None
            }),
            "kill" => args.accept(0, 0, &[]).map(|()| {
                self.0.group.kill();
                Value::None
            }),
            _ => return None,
        };
        Some(result)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
