//! The builtins that reach outside the script: files (`read_file`, `write_file`, ...) and
//! child processes (`run`, `spawn_process`). Each is a capability the host may switch off
//! (`Engine::with_files`, `Engine::with_processes`); denied, it raises `PermissionError`
//! naming the capability. The work itself is in `rt::fs` and `rt::process`.

use std::path::PathBuf;

use super::{Args, BuiltinFn};
use crate::rt::Rt;
use crate::rt::host::{LocalFuture, LocalOp};
use crate::vm::{Exc, ExcKind, Site, Value, exc, type_error};

macro_rules! file_builtin {
    ($static:ident, $name:literal, $run:expr) => {
        pub static $static: BuiltinFn = BuiltinFn {
            name: $name,
            run: |rt, args, site| {
                allow_files(rt, $name)?;
                let future: LocalFuture = $run(args)?;
                Ok(coroutine(rt, future, $name, site))
            },
        };
    };
}

file_builtin!(READ_FILE, "read_file", |args: &Args<'_>| {
    args.accept(1, 1, &[])?;
    Ok::<_, Exc>(crate::rt::fs::read_file(path_arg(args, 0, "path")?))
});
file_builtin!(WRITE_FILE, "write_file", |args: &Args<'_>| {
    args.accept(2, 2, &[])?;
    let text = text_arg(args, 1)?;
    Ok::<_, Exc>(crate::rt::fs::write_file(
        path_arg(args, 0, "path")?,
        text,
        false,
    ))
});
file_builtin!(APPEND_FILE, "append_file", |args: &Args<'_>| {
    args.accept(2, 2, &[])?;
    let text = text_arg(args, 1)?;
    Ok::<_, Exc>(crate::rt::fs::write_file(
        path_arg(args, 0, "path")?,
        text,
        true,
    ))
});
file_builtin!(EXISTS, "exists", |args: &Args<'_>| {
    args.accept(1, 1, &[])?;
    Ok::<_, Exc>(crate::rt::fs::exists(path_arg(args, 0, "path")?))
});
file_builtin!(LIST_DIR, "list_dir", |args: &Args<'_>| {
    args.accept(0, 1, &[])?;
    let path = match args.pos.first() {
        Some(_) => path_arg(args, 0, "path")?,
        None => PathBuf::from("."),
    };
    Ok::<_, Exc>(crate::rt::fs::list_dir(path))
});
file_builtin!(REMOVE_FILE, "remove_file", |args: &Args<'_>| {
    args.accept(1, 1, &[])?;
    Ok::<_, Exc>(crate::rt::fs::remove_file(path_arg(args, 0, "path")?))
});
file_builtin!(MKDIR, "mkdir", |args: &Args<'_>| {
    args.accept(1, 2, &["parents"])?;
    let parents = args.get(1, "parents").is_some_and(Value::truthy);
    Ok::<_, Exc>(crate::rt::fs::mkdir(path_arg(args, 0, "path")?, parents))
});
file_builtin!(RENAME, "rename", |args: &Args<'_>| {
    args.accept(2, 2, &[])?;
    Ok::<_, Exc>(crate::rt::fs::rename(
        path_arg(args, 0, "src")?,
        path_arg(args, 1, "dst")?,
    ))
});
file_builtin!(GLOB, "glob", |args: &Args<'_>| {
    args.accept(1, 1, &[])?;
    let pattern = path_arg(args, 0, "pattern")?;
    Ok::<_, Exc>(crate::rt::fs::glob(pattern.to_string_lossy().into_owned()))
});

/// `read_lines(path)`: an async iterator over the file's lines, for `for await`; the file
/// is opened by the first step.
pub static READ_LINES: BuiltinFn = BuiltinFn {
    name: "read_lines",
    run: |rt, args, _| {
        allow_files(rt, "read_lines")?;
        args.accept(1, 1, &[])?;
        let lines = crate::rt::lines::Lines::from_path(path_arg(args, 0, "path")?);
        Ok(Value::Native(std::rc::Rc::new(crate::rt::lines::LinesObj(
            lines,
        ))))
    },
};

/// `run(cmd, args=[], cwd=none, env={}, input=none, timeout=none, check=false)`.
pub static RUN: BuiltinFn = BuiltinFn {
    name: "run",
    run: |rt, args, site| {
        allow_processes(rt, "run")?;
        args.accept(1, 2, &["args", "cwd", "env", "input", "timeout", "check"])?;
        let spec = spec(rt, args)?;
        let input = match args.kw("input") {
            None | Some(Value::None) => None,
            Some(_) => Some(text_arg_named(args, "input")?),
        };
        let timeout = match args.kw("timeout") {
            None | Some(Value::None) => None,
            Some(v) => Some(crate::vm::ops::seconds(v, "timeout")?),
        };
        let check = args.kw("check").is_some_and(Value::truthy);
        let future = crate::rt::process::run(spec, input, timeout, check);
        Ok(coroutine(rt, future, "run", site))
    },
};

/// `spawn_process(cmd, args=[], cwd=none, env={})`: starts the child at once.
pub static SPAWN_PROCESS: BuiltinFn = BuiltinFn {
    name: "spawn_process",
    run: |rt, args, _| {
        allow_processes(rt, "spawn_process")?;
        args.accept(1, 2, &["args", "cwd", "env"])?;
        crate::rt::process::spawn(spec(rt, args)?)
    },
};

fn coroutine(rt: &Rt, future: LocalFuture, name: &'static str, site: &Site) -> Value {
    super::tasks::native(
        rt,
        crate::rt::native_coro::NativeKind::op(LocalOp(future)),
        name,
        site,
    )
}

fn allow_files(rt: &Rt, name: &str) -> Result<(), Exc> {
    if rt.host.config.allow_files {
        return Ok(());
    }
    Err(exc(
        ExcKind::PermissionError,
        format!("{name}(): the host has switched off the \"files\" capability"),
    ))
}

fn allow_processes(rt: &Rt, name: &str) -> Result<(), Exc> {
    if rt.host.config.allow_processes {
        return Ok(());
    }
    Err(exc(
        ExcKind::PermissionError,
        format!("{name}(): the host has switched off the \"processes\" capability"),
    ))
}

/// A path argument: a string, as Python's `os` functions take (which also take bytes and
/// path objects, which this language has not).
fn path_arg(args: &Args<'_>, i: usize, name: &str) -> Result<PathBuf, Exc> {
    match args.get(i, name) {
        Some(Value::Str(s)) => {
            if s.contains('\0') {
                return Err(exc(ExcKind::ValueError, "embedded null byte"));
            }
            Ok(PathBuf::from(s.to_string()))
        }
        Some(other) => Err(type_error(format!(
            "{}: {name} should be string, not {}",
            args.name,
            other.type_name()
        ))),
        None => Err(type_error(format!(
            "{}() missing required argument '{name}'",
            args.name
        ))),
    }
}

/// The text to write: a string, as Python's `write` takes in text mode.
fn text_arg(args: &Args<'_>, i: usize) -> Result<String, Exc> {
    match &args.pos[i] {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(type_error(format!(
            "write() argument must be str, not {}",
            other.type_name()
        ))),
    }
}

fn text_arg_named(args: &Args<'_>, name: &str) -> Result<String, Exc> {
    match args.kw(name) {
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(other) => Err(type_error(format!(
            "{}(): {name} must be a string, not {}",
            args.name,
            other.type_name()
        ))),
        None => Ok(String::new()),
    }
}

/// A program argument: a string (Python's `create_subprocess_exec` also takes bytes and
/// path objects; an int is its `TypeError`).
fn word(value: &Value) -> Result<String, Exc> {
    match value {
        Value::Str(s) if s.contains('\0') => Err(exc(ExcKind::ValueError, "embedded null byte")),
        Value::Str(s) => Ok(s.to_string()),
        other => Err(type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            other.type_name()
        ))),
    }
}

/// What `run` and `spawn_process` start: the program, its arguments, directory and
/// environment.
fn spec(rt: &Rt, args: &Args<'_>) -> Result<crate::rt::process::Spec, Exc> {
    let program = word(&args.pos[0])?;
    let words = match args.get(1, "args") {
        None | Some(Value::None) => Vec::new(),
        Some(Value::Str(_)) => {
            return Err(type_error(format!(
                "{}(): args must be a list of strings, not one string (write [\"-c\", \"...\"])",
                args.name
            )));
        }
        Some(list) => crate::vm::iter::collect(list)?
            .iter()
            .map(word)
            .collect::<Result<Vec<_>, _>>()?,
    };
    let cwd = match args.kw("cwd") {
        None | Some(Value::None) => None,
        Some(v) => Some(word(v)?),
    };
    let mut env = Vec::new();
    match args.kw("env") {
        None | Some(Value::None) => {}
        Some(Value::Map(m)) => {
            for (k, v) in m.borrow().iter() {
                let key = word(&k.0)?;
                let value = match v {
                    Value::Str(s) => s.to_string(),
                    other => crate::vm::format::to_str(other)?,
                };
                env.push((key, value));
            }
        }
        Some(other) => {
            return Err(type_error(format!(
                "{}(): env must be a map, not {}",
                args.name,
                other.type_name()
            )));
        }
    }
    Ok(crate::rt::process::Spec {
        program,
        args: words,
        cwd,
        env,
        clear_env: !rt.host.config.allow_env,
    })
}
