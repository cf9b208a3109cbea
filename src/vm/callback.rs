//! Calling a script's function from inside a builtin: `sorted`'s `key`, `map`'s and
//! `filter`'s function, `min`/`max`'s `key`.
//!
//! A plain `fn` cannot await, so it runs to its end at once: on an execution stack of its
//! own, by the same dispatch loop, on the current task's behalf (its budget, limits and
//! interruption apply). A `task` called this way makes a coroutine, as any call does.
//!
//! **Invariant:** these calls nest on the Rust stack (a key function that sorts with a key
//! function...), so they are counted and refused past `MAX_NESTED` with `RecursionError`.

use std::cell::Cell;

use super::call;
use super::code::{CodeKind, Site};
use super::exception::{Exc, ExcKind, exc, type_error};
use super::frame::{Exec, FrameKind};
use super::interp::{Halt, Resume, run};
use super::value::Value;
use crate::rt::Rt;

/// How deeply builtins may call back into scripts that call builtins that call back...
const MAX_NESTED: usize = 64;

thread_local! {
    static NESTED: Cell<usize> = const { Cell::new(0) };
}

/// `f(*args)` from a builtin.
pub fn call_value(rt: &mut Rt, f: &Value, args: Vec<Value>, site: &Site) -> Result<Value, Exc> {
    match f {
        Value::Func(code) => {
            let args = call::bind_args(code, args, Vec::new())?;
            if code.kind != CodeKind::Fn {
                return Ok(call::make_coroutine(rt, code.clone(), args, site.clone()));
            }
            let Some(task) = rt.sched.current.clone() else {
                return Err(exc(
                    ExcKind::RuntimeError,
                    "internal error: a function called back with no task running",
                ));
            };
            let depth = NESTED.get();
            if depth >= MAX_NESTED {
                return Err(exc(
                    ExcKind::RecursionError,
                    "maximum recursion depth exceeded (builtins calling functions that call builtins)",
                ));
            }
            NESTED.set(depth + 1);
            let mut exec = Exec::default();
            let n = args.len();
            exec.stack.extend(args);
            exec.push_frame(code.clone(), n, 0, FrameKind::Bottom);
            let result = loop {
                match run(rt, &task, &mut exec, Resume::Continue) {
                    Halt::Return(v) => break Ok(v),
                    Halt::Raise(e) => break Err(e),
                    // The host gets its thread back after the builtin returns.
                    Halt::Preempted => continue,
                    Halt::OutOfBudget => {
                        rt.host.stop.get_or_insert(crate::rt::Stop::Budget);
                        break Err(stopped());
                    }
                    Halt::Stopped => break Err(stopped()),
                    Halt::Yield | Halt::Sleep(_) | Halt::Block(_) => {
                        break Err(exc(
                            ExcKind::RuntimeError,
                            "internal error: a plain function suspended",
                        ));
                    }
                }
            };
            NESTED.set(depth);
            result
        }
        Value::Builtin(_) | Value::ExcType(_) | Value::Method(_) | Value::Host(_) => {
            call::call_native(rt, f, &args, &[], site)
        }
        other => Err(type_error(format!(
            "'{}' object is not callable",
            super::value::python_type_name(other)
        ))),
    }
}

/// What the builtin returns when the run was stopped under it; the loop sees `Rt::stop`
/// and stops the run, so the script never catches it.
fn stopped() -> Exc {
    exc(ExcKind::CancelledError, "the run was stopped")
}
