//! The dispatch loop: runs one task's frames until the task awaits something that is not
//! ready, yields, returns or raises, and says which (`Halt`).
//!
//! **Invariant:** the loop never blocks and never recurses on the Rust stack: calls and
//! awaits push frames on the task's own stack (`Exec`), so recursion depth is a number
//! (`RecursionError` at `Config::max_depth`), not a stack overflow.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

use super::arith;
use super::call::{self, Callee};
use super::code::{Code, CodeKind, Op, Site};
use super::coro::GenState;
use super::exception::{Exc, ExcKind, Exception, TraceEntry, exc, type_error};
use super::format;
use super::frame::{Exec, FrameKind, Handler};
use super::iter::Iter;
use super::native::NativeObject;
use super::ops;
use super::str::Str;
use super::value::Value;
use crate::builtins;
use crate::rt::awaitable::Started;
use crate::rt::awaitable::{Anext, AskAgain};
use crate::rt::native_coro::{NativeCoro, NativeKind};
use crate::rt::task::{Fut, Start, WaitOn, Waiter};
use crate::rt::{Rt, Task};
use crate::syntax::ast::CmpOp;

/// How a task continues.
pub enum Resume {
    /// Its first frame has just been pushed.
    Continue,
    /// With the result of what it awaited.
    Value(Value),
    /// With an exception raised at the `await` (a failure, or a cancellation).
    Throw(Exc),
}

/// Why the loop returned.
pub enum Halt {
    /// The task's coroutine returned.
    Return(Value),
    /// An exception escaped the task's coroutine.
    Raise(Exc),
    /// `sleep(0)`: give every other ready task one turn.
    Yield,
    /// `sleep(d)`: wake at this instant.
    Sleep(Instant),
    /// Wait for this.
    Block(Waiter),
    /// The instruction budget is spent.
    OutOfBudget,
    /// The run was stopped from inside a builtin (output can no longer be written, the
    /// host terminated it); `Rt::stop` says why.
    Stopped,
    /// The step used up its slice: the host gets its thread back, and the task continues
    /// from here, before anything else runs (`Rt::preempted`).
    Preempted,
}

/// Stores an int in a local or global slot. The old value is dropped only if it owns
/// something: a loop counter overwrites an int, and the drop glue is an out-of-line call.
#[inline(always)]
fn store_int(slot: &mut Value, n: i64) {
    if slot.is_scalar() {
        std::mem::forget(std::mem::replace(slot, Value::Int(n)));
    } else {
        *slot = Value::Int(n);
    }
}

/// The most frames an exception's traceback keeps.
const MAX_TRACEBACK: usize = 1000;

/// Runs `task` (whose execution state is `exec`) until it halts.
pub fn run(rt: &mut Rt, task: &Rc<Task>, exec: &mut Exec, resume: Resume) -> Halt {
    // An exception to raise at the top of the frame loop, and whether the current frame
    // still has to be added to its traceback.
    let mut pending: Option<(Exc, bool)> = None;
    match resume {
        Resume::Continue => {}
        Resume::Value(v) => exec.stack.push(v),
        Resume::Throw(e) => pending = Some((e, true)),
    }
    'frames: loop {
        if let Some((exc, add_trace)) = pending.take()
            && let Some(halt) = unwind(task, exec, exc, add_trace)
        {
            return halt;
        }
        if exec.frames.is_empty() {
            return Halt::Return(Value::None);
        }
        // The innermost frame's state, in locals while its instructions run.
        let mut fi: usize;
        let mut code: &Code;
        let mut ops: &[Op];
        let mut pc: usize;
        let mut base: usize;
        // Makes the innermost frame the running one: after a plain call or return, without
        // leaving the instruction loop.
        macro_rules! enter_innermost {
            () => {{
                fi = exec.frames.len() - 1;
                let frame = &exec.frames[fi];
                // SAFETY: the frame owns an `Rc` of its code and stays on `exec.frames`
                // until it returns, raises or yields; each of those pops or moves it and
                // then either enters the next innermost frame (rebinding `code`) or ends
                // this turn of `'frames`, never touching the old `code` again. Borrowing
                // instead of cloning the `Rc` saves a count update on every call and return.
                code = unsafe { &*Rc::as_ptr(&frame.code) };
                ops = &code.ops;
                pc = frame.pc as usize;
                base = frame.base as usize;
            }};
        }
        enter_innermost!();

        macro_rules! save_pc {
            ($at:expr) => {
                exec.frames[fi].pc = $at as u32
            };
        }
        macro_rules! throw {
            ($e:expr) => {{
                let e = $e;
                save_pc!(pc);
                pending = Some((e, true));
                continue 'frames;
            }};
        }
        macro_rules! tri {
            ($r:expr) => {
                match $r {
                    Ok(v) => v,
                    Err(e) => throw!(e),
                }
            };
        }
        macro_rules! pop {
            () => {
                exec.stack.pop().unwrap_or_default()
            };
        }
        macro_rules! site {
            () => {
                Site {
                    code: exec.frames[fi].code.clone(),
                    pc: (pc - 1) as u32,
                }
            };
        }
        macro_rules! check_depth {
            () => {
                if exec.frames.len() >= rt.host.config.max_depth {
                    throw!(exc(
                        ExcKind::RecursionError,
                        format!(
                            "maximum recursion depth exceeded ({} nested calls)",
                            rt.host.config.max_depth
                        )
                    ));
                }
            };
        }
        macro_rules! tick {
            () => {
                rt.host.ticks -= 1;
                if rt.host.ticks == 0 {
                    rt.host.ticks = crate::rt::event_loop::TICK_INTERVAL;
                    if let Some(stop) = tick(rt, task) {
                        match stop {
                            Tick::Interrupted => {
                                throw!(exc(
                                    ExcKind::CancelledError,
                                    crate::rt::event_loop::INTERRUPTED_MESSAGE
                                ))
                            }
                            Tick::Budget => {
                                save_pc!(pc);
                                return Halt::OutOfBudget;
                            }
                            Tick::Stopped => {
                                save_pc!(pc);
                                return Halt::Stopped;
                            }
                            Tick::OutOfMemory => throw!(crate::rt::memory::out_of_memory()),
                            Tick::Preempt => {
                                // Every `tick!` comes first in its instruction, before it
                                // touches the stack: the instruction runs again, whole,
                                // when the task goes on.
                                save_pc!(pc - 1);
                                return Halt::Preempted;
                            }
                        }
                    }
                }
            };
        }

        loop {
            let Some(&op) = ops.get(pc) else {
                // Every body ends in `Return`; running off the end is a compiler bug.
                throw!(exc(
                    ExcKind::RuntimeError,
                    "internal error: ran past the end of the code"
                ));
            };
            pc += 1;
            match op {
                Op::Pop => {
                    exec.stack.pop();
                }
                Op::Const(i) => exec.stack.push(code.consts[i as usize].clone()),
                Op::SmallInt(n) => exec.push_int(n as i64),
                Op::PushNone => exec.stack.push(Value::None),
                Op::PushTrue => exec.stack.push(Value::Bool(true)),
                Op::PushFalse => exec.stack.push(Value::Bool(false)),
                Op::LoadLocal(i) => {
                    // Ints are copied here rather than in the out-of-line `clone`, and
                    // pushed as ints, so the value is stored straight onto the stack.
                    let v = &exec.stack[base + i as usize];
                    if let Value::Int(n) = *v {
                        exec.push_int(n);
                        continue;
                    }
                    let v = v.clone();
                    exec.stack.push(v);
                }
                Op::StoreLocal(i) => {
                    // Ints are read as ints (see `push_int`), then stored.
                    if let Some(&Value::Int(n)) = exec.stack.last() {
                        exec.pop_scalar();
                        store_int(&mut exec.stack[base + i as usize], n);
                        continue;
                    }
                    let v = pop!();
                    exec.stack[base + i as usize] = v;
                }
                Op::LoadGlobal(i) => {
                    let v = rt.vars.globals[i as usize].clone();
                    if matches!(v, Value::Undef) {
                        let name = rt.vars.global_names[i as usize].clone();
                        throw!(exc(
                            ExcKind::NameError,
                            format!("`{name}` is used before its `let` has run")
                        ));
                    }
                    exec.stack.push(v);
                }
                Op::StoreGlobal(i) => {
                    if let Some(&Value::Int(n)) = exec.stack.last() {
                        exec.pop_scalar();
                        store_int(&mut rt.vars.globals[i as usize], n);
                        continue;
                    }
                    let v = pop!();
                    rt.vars.globals[i as usize] = v;
                }

                Op::MakeCell(i) => ops::make_cell(&mut exec.stack[base + i as usize]),
                Op::LoadCell(i) => {
                    let v = tri!(ops::cell_get(&exec.stack[base + i as usize]));
                    exec.stack.push(v);
                }
                Op::StoreCell(i) => {
                    let v = pop!();
                    tri!(ops::cell_set(&exec.stack[base + i as usize], v));
                }
                Op::LoadFree(i) => {
                    let v = tri!(ops::cell_get(&code.captured[i as usize]));
                    exec.stack.push(v);
                }
                Op::StoreFree(i) => {
                    let v = pop!();
                    tri!(ops::cell_set(&code.captured[i as usize], v));
                }
                Op::MakeClosure(i) => {
                    let f = ops::make_closure(code, &code.consts[i as usize], &exec.stack[base..]);
                    exec.stack.push(f);
                }

                Op::Binary(bop) => {
                    if exec.int_op_in_place(bop) {
                        continue;
                    }
                    let b = pop!();
                    let a = pop!();
                    let r = match (&a, &b) {
                        (Value::Int(x), Value::Int(y)) => arith::int_op(bop, *x, *y),
                        _ => {
                            let r = arith::binary(bop, &a, &b);
                            note_work(rt);
                            r
                        }
                    };
                    exec.stack.push(tri!(r));
                }
                Op::Update(bop) => {
                    // `n += 1` on ints: as `Binary` (only a list on the left differs).
                    if exec.int_op_in_place(bop) {
                        continue;
                    }
                    let b = pop!();
                    let a = pop!();
                    let r = match (&a, &b) {
                        (Value::Int(x), Value::Int(y)) => arith::int_op(bop, *x, *y),
                        _ => {
                            let r = arith::update(bop, &a, &b);
                            note_work(rt);
                            r
                        }
                    };
                    exec.stack.push(tri!(r));
                }
                Op::CompareJumpIfFalse(cop, target) => {
                    let n = exec.stack.len();
                    let holds = if n >= 2
                        && let (Value::Int(x), Value::Int(y)) =
                            (&exec.stack[n - 2], &exec.stack[n - 1])
                        && !matches!(cop, CmpOp::In | CmpOp::NotIn)
                    {
                        let holds = ops::int_compare(cop, *x, *y);
                        exec.pop_scalar();
                        exec.pop_scalar();
                        holds
                    } else {
                        let b = pop!();
                        let a = pop!();
                        tri!(arith::compare(cop, &a, &b))
                    };
                    if !holds {
                        pc = target as usize;
                    }
                }
                Op::CompareIntJumpIfFalse(cop, k, target) => {
                    let holds = match exec.stack.last() {
                        Some(&Value::Int(x)) if !matches!(cop, CmpOp::In | CmpOp::NotIn) => {
                            exec.pop_scalar();
                            ops::int_compare(cop, x, k as i64)
                        }
                        _ => {
                            let a = pop!();
                            tri!(arith::compare(cop, &a, &Value::Int(k as i64)))
                        }
                    };
                    if !holds {
                        pc = target as usize;
                    }
                }
                Op::CompareLocalIntJumpIfFalse(cop, local, k, target) => {
                    let holds = match &exec.stack[base + local as usize] {
                        Value::Int(x) if !matches!(cop, CmpOp::In | CmpOp::NotIn) => {
                            ops::int_compare(cop, *x, k as i64)
                        }
                        other => {
                            let r = arith::compare(cop, other, &Value::Int(k as i64));
                            tri!(r)
                        }
                    };
                    if !holds {
                        pc = target as usize;
                    }
                }
                Op::BinaryLocalInt(bop, local, k) => {
                    let r = match exec.stack[base + local as usize] {
                        Value::Int(x) => match arith::int_fast(bop, x, k as i64) {
                            Some(r) => {
                                exec.push_int(r);
                                continue;
                            }
                            // `ms / 1000` and the other operators ints have.
                            None => arith::int_op(bop, x, k as i64),
                        },
                        ref a => arith::binary(bop, a, &Value::Int(k as i64)),
                    };
                    exec.stack.push(tri!(r));
                }
                Op::Compare(cop) => {
                    let b = pop!();
                    let a = pop!();
                    let r = match (&a, &b) {
                        (Value::Int(x), Value::Int(y))
                            if !matches!(cop, CmpOp::In | CmpOp::NotIn) =>
                        {
                            Ok(ops::int_compare(cop, *x, *y))
                        }
                        _ => arith::compare(cop, &a, &b),
                    };
                    exec.stack.push(Value::Bool(tri!(r)));
                }
                Op::Neg => {
                    let v = pop!();
                    exec.stack.push(tri!(arith::negate(&v)));
                }
                Op::Pos => {
                    let v = pop!();
                    exec.stack.push(tri!(arith::plus(&v)));
                }
                Op::Not => {
                    let v = pop!();
                    exec.stack.push(Value::Bool(!v.truthy()));
                }
                Op::Invert => {
                    let v = pop!();
                    exec.stack.push(tri!(arith::invert(&v)));
                }

                Op::Jump(target) => {
                    if (target as usize) < pc {
                        tick!();
                    }
                    pc = target as usize;
                }
                Op::JumpIfFalse(target) => {
                    if !pop!().truthy() {
                        pc = target as usize;
                    }
                }
                Op::JumpIfFalseOrPop(target) => {
                    if exec.stack.last().is_some_and(|v| !v.truthy()) {
                        pc = target as usize;
                    } else {
                        exec.stack.pop();
                    }
                }
                Op::JumpIfTrueOrPop(target) => {
                    if exec.stack.last().is_some_and(Value::truthy) {
                        pc = target as usize;
                    } else {
                        exec.stack.pop();
                    }
                }
                Op::JumpIfBound(local, target) => {
                    if !matches!(exec.stack[base + local as usize], Value::Undef) {
                        pc = target as usize;
                    }
                }

                Op::BuildList(n) => {
                    let items = exec.stack.split_off(exec.stack.len() - n as usize);
                    exec.stack.push(Value::list(items));
                }
                Op::BuildMap(n) => {
                    let items = exec.stack.split_off(exec.stack.len() - 2 * n as usize);
                    exec.stack.push(tri!(ops::build_map(items)));
                }
                Op::BuildTuple(n) => {
                    let items = exec.stack.split_off(exec.stack.len() - n as usize);
                    exec.stack.push(Value::tuple(items));
                }
                Op::BuildSet(n) => {
                    let items = exec.stack.split_off(exec.stack.len() - n as usize);
                    exec.stack.push(tri!(ops::build_set(items)));
                }
                Op::CompAppend(i) => {
                    let v = pop!();
                    tri!(ops::comp_append(&exec.stack[base + i as usize], v));
                }
                Op::CompInsert(i) => {
                    let v = pop!();
                    let k = pop!();
                    tri!(ops::comp_insert(&exec.stack[base + i as usize], k, v));
                }
                Op::BuildString(n) => {
                    let parts = exec.stack.split_off(exec.stack.len() - n as usize);
                    exec.stack.push(tri!(ops::concat(&parts)));
                }
                Op::Format(i) => {
                    let v = pop!();
                    let text = if i == u32::MAX {
                        tri!(format::to_str(&v))
                    } else {
                        let spec = &code.formats[i as usize];
                        let shown = if spec.repr {
                            Value::Str(Str::from(tri!(format::try_repr(&v))))
                        } else {
                            v
                        };
                        match &spec.spec {
                            Some(s) => tri!(format::format_spec(&shown, s)),
                            None => tri!(format::to_str(&shown)),
                        }
                    };
                    exec.stack.push(Value::Str(Str::from(text)));
                }
                Op::FormatWith { repr } => {
                    let spec = pop!();
                    let v = pop!();
                    let shown = if repr {
                        Value::Str(Str::from(tri!(format::try_repr(&v))))
                    } else {
                        v
                    };
                    let Value::Str(spec) = spec else {
                        throw!(type_error("a format spec must be a string"));
                    };
                    let text = tri!(format::format_spec(&shown, &spec));
                    exec.stack.push(Value::Str(Str::from(text)));
                }
                Op::Index => {
                    let index = pop!();
                    let object = pop!();
                    exec.stack.push(tri!(ops::index(&object, &index)));
                }
                Op::StoreIndex => {
                    let index = pop!();
                    let object = pop!();
                    let value = pop!();
                    tri!(ops::store_index(&object, index, value));
                }
                Op::Slice => {
                    let step = pop!();
                    let hi = pop!();
                    let lo = pop!();
                    let object = pop!();
                    exec.stack.push(tri!(ops::slice(&object, &lo, &hi, &step)));
                }
                Op::GetAttr(i) => {
                    let object = pop!();
                    let sym = &code.syms[i as usize];
                    exec.stack.push(tri!(builtins::get_attr(rt, &object, sym)));
                }
                Op::Unpack(n) => {
                    let v = pop!();
                    let items = tri!(ops::unpack(&v, n as usize));
                    exec.stack.extend(items.into_iter().rev());
                }

                Op::Call(argc) | Op::CallAwait(argc) => {
                    tick!();
                    let argc = argc as usize;
                    let callee_at = exec.stack.len() - argc - 1;
                    let awaited = matches!(op, Op::CallAwait(_));
                    // The common case first: a declared `fn` (or an awaited task) with
                    // every parameter given positionally pushes a frame and nothing else.
                    if let Value::Func(fn_code) = &exec.stack[callee_at]
                        && argc == fn_code.plain_arity as usize
                        && (fn_code.kind == CodeKind::Fn
                            || (awaited && fn_code.kind == CodeKind::Task))
                    {
                        let fn_code = fn_code.clone();
                        check_depth!();
                        save_pc!(if fn_code.kind == CodeKind::Task {
                            pc + 1
                        } else {
                            pc
                        });
                        exec.push_frame(fn_code, argc, callee_at, FrameKind::Call);
                        enter_innermost!();
                        continue;
                    }
                    let site = site!();
                    match tri!(call::classify(&exec.stack[callee_at])) {
                        Callee::Frame(fn_code)
                            if fn_code.kind == CodeKind::Fn
                                || (awaited && fn_code.kind == CodeKind::Task) =>
                        {
                            check_depth!();
                            tri!(call::bind_positional(exec, &fn_code, callee_at, argc));
                            // `await f(x)` skips the `Await` that follows: the frame is
                            // the await.
                            save_pc!(if fn_code.kind == CodeKind::Task {
                                pc + 1
                            } else {
                                pc
                            });
                            let n = fn_code.n_arg_slots();
                            exec.push_frame(fn_code, n, callee_at, FrameKind::Call);
                            continue 'frames;
                        }
                        Callee::Frame(fn_code) => {
                            let args = tri!(call::take_positional(exec, &fn_code, callee_at, argc));
                            if fn_code.kind == CodeKind::Task
                                && matches!(code.ops.get(pc), Some(Op::Spawn { named: false }))
                            {
                                // `spawn f(x)`: the task is made at once, with no coroutine
                                // object made and freed in between; the `Spawn` is skipped.
                                let spawn_site = Site {
                                    code: exec.frames[fi].code.clone(),
                                    pc: pc as u32,
                                };
                                let start = Start::new(fn_code, args);
                                let task = tri!(rt.spawn_task(start, None, Some(spawn_site)));
                                exec.stack.push(Value::Task(task));
                                pc += 1;
                            } else {
                                exec.stack
                                    .push(call::make_coroutine(rt, fn_code, args, site));
                            }
                        }
                        Callee::Native => {
                            let result = {
                                let args = &exec.stack[callee_at + 1..];
                                call::call_native(rt, &exec.stack[callee_at], args, &[], &site)
                            };
                            exec.stack.truncate(callee_at);
                            if rt.host.stop.is_some() {
                                save_pc!(pc);
                                return Halt::Stopped;
                            }
                            note_work(rt);
                            exec.stack.push(tri!(result));
                        }
                    }
                }
                Op::CallFn { slot, argc } => {
                    tick!();
                    let Some(Value::Func(fn_code)) = rt.vars.globals.get(slot as usize) else {
                        throw!(exc(
                            ExcKind::RuntimeError,
                            "internal error: a declared function is missing"
                        ));
                    };
                    let fn_code = fn_code.clone();
                    check_depth!();
                    save_pc!(pc);
                    let argc = argc as usize;
                    let ret_sp = exec.stack.len() - argc;
                    exec.push_frame(fn_code, argc, ret_sp, FrameKind::Call);
                    enter_innermost!();
                    continue;
                }
                Op::SpawnTask { slot, argc } => {
                    // A spawn spends the budget like a call: a chain of tasks spawning
                    // each other is bounded by it.
                    tick!();
                    let Some(Value::Func(task_code)) = rt.vars.globals.get(slot as usize) else {
                        throw!(exc(
                            ExcKind::RuntimeError,
                            "internal error: a declared task is missing"
                        ));
                    };
                    let from = exec.stack.len() - argc as usize;
                    let start = Start::new(task_code.clone(), exec.stack.drain(from..));
                    let spawn_site = Site {
                        code: exec.frames[fi].code.clone(),
                        pc: (pc - 1) as u32,
                    };
                    let task = tri!(rt.spawn_task(start, None, Some(spawn_site)));
                    exec.stack.push(Value::Task(task));
                }
                Op::CallSite(i) => {
                    tick!();
                    let call_site = &code.sites[i as usize];
                    let n_args = call_site.n_args as usize;
                    let callee_at = exec.stack.len() - n_args - 1;
                    let site = site!();
                    let (positional, kwargs) = tri!(call::collect_args(exec, call_site, callee_at));
                    let callee = pop!();
                    match tri!(call::classify(&callee)) {
                        Callee::Frame(fn_code) => {
                            let args = tri!(call::bind_args(&fn_code, positional, kwargs));
                            if fn_code.kind == CodeKind::Fn {
                                check_depth!();
                                save_pc!(pc);
                                let n = args.len();
                                let ret_sp = exec.stack.len();
                                exec.stack.extend(args);
                                exec.push_frame(fn_code, n, ret_sp, FrameKind::Call);
                                continue 'frames;
                            }
                            exec.stack
                                .push(call::make_coroutine(rt, fn_code, args, site));
                        }
                        Callee::Native => {
                            let names: Vec<Arc<str>> =
                                kwargs.iter().map(|(k, _)| k.clone()).collect();
                            let values: Vec<Value> = kwargs.into_iter().map(|(_, v)| v).collect();
                            let result = call::call_native_kw(
                                rt,
                                &callee,
                                &positional,
                                &names,
                                &values,
                                &site,
                            );
                            if rt.host.stop.is_some() {
                                save_pc!(pc);
                                return Halt::Stopped;
                            }
                            note_work(rt);
                            exec.stack.push(tri!(result));
                        }
                    }
                }
                Op::CallMethod(i) => {
                    let call_site = &code.sites[i as usize];
                    let n_args = call_site.n_args as usize;
                    let receiver_at = exec.stack.len() - n_args - 1;
                    let site = site!();
                    let result = if call_site.is_plain() {
                        call::call_method_on_stack(rt, exec, call_site, receiver_at, &site)
                    } else {
                        let (positional, kwargs) =
                            tri!(call::collect_args(exec, call_site, receiver_at));
                        let receiver = pop!();
                        match call_site.method.as_ref() {
                            Some(sym) => builtins::call_method(
                                rt,
                                &receiver,
                                sym,
                                &positional,
                                &kwargs,
                                &site,
                            ),
                            None => Err(type_error("internal error: a method call without a name")),
                        }
                    };
                    if rt.host.stop.is_some() {
                        save_pc!(pc);
                        return Halt::Stopped;
                    }
                    note_work(rt);
                    exec.stack.push(tri!(result));
                }
                Op::Return | Op::ReturnLocal(_) => {
                    let value = match op {
                        Op::ReturnLocal(i) => std::mem::take(&mut exec.stack[base + i as usize]),
                        _ => pop!(),
                    };
                    let Some(frame) = exec.frames.pop() else {
                        return Halt::Return(value);
                    };
                    match frame.kind {
                        FrameKind::Bottom => {
                            exec.stack.clear();
                            return Halt::Return(value);
                        }
                        FrameKind::Call if !exec.frames.is_empty() => {
                            exec.truncate(frame.ret_sp as usize);
                            exec.stack.push(value);
                            drop(frame);
                            enter_innermost!();
                            continue;
                        }
                        FrameKind::Call => {
                            exec.truncate(frame.ret_sp as usize);
                            exec.stack.push(value);
                        }
                        FrameKind::Generator(gen_obj) if gen_obj.closing.get() => {
                            // A `return` while closing: `aclose()` returns none.
                            *gen_obj.state.borrow_mut() = GenState::Done;
                            exec.stack.truncate(frame.ret_sp as usize);
                            exec.stack.push(Value::None);
                        }
                        FrameKind::Generator(gen_obj) => {
                            *gen_obj.state.borrow_mut() = GenState::Done;
                            exec.stack.truncate(frame.base as usize);
                            exec.stack.pop();
                            // The consumer's `for await` ends: jump to its exit.
                            if let Some(consumer) = exec.frames.last_mut() {
                                let at = consumer.pc as usize;
                                if let Some(Op::ForAwait(exit)) =
                                    consumer.code.ops.get(at.wrapping_sub(1))
                                {
                                    consumer.pc = *exit;
                                }
                            }
                        }
                    }
                    continue 'frames;
                }

                Op::GetIter => {
                    let v = pop!();
                    let it = tri!(Iter::new(&v));
                    exec.stack.push(Value::Iter(Rc::new(RefCell::new(it))));
                }
                Op::ForIter(exit) => {
                    // `for i in range(n)`, or over a list of ints: the int is pushed as an
                    // int (see `push_int`).
                    let int = match exec.stack.last() {
                        Some(Value::Iter(it)) => it.borrow_mut().next_int(),
                        _ => None,
                    };
                    if let Some(n) = int {
                        exec.push_int(n);
                        continue;
                    }
                    let next = match exec.stack.last() {
                        Some(Value::Iter(it)) => it.borrow_mut().next(),
                        _ => Err(type_error("internal error: for loop without an iterator")),
                    };
                    match tri!(next) {
                        Some(v) => exec.stack.push(v),
                        None => {
                            exec.stack.pop();
                            pc = exit as usize;
                        }
                    }
                }
                Op::ForAwait(exit) => {
                    let top = exec.stack.last().cloned().unwrap_or_default();
                    match &top {
                        Value::Gen(gen_obj) => {
                            let state = std::mem::replace(
                                &mut *gen_obj.state.borrow_mut(),
                                GenState::Running,
                            );
                            match state {
                                GenState::Done => {
                                    *gen_obj.state.borrow_mut() = GenState::Done;
                                    exec.stack.pop();
                                    pc = exit as usize;
                                }
                                GenState::Running => {
                                    throw!(exc(
                                        ExcKind::RuntimeError,
                                        "anext(): asynchronous generator is already running"
                                    ));
                                }
                                GenState::Created(args) => {
                                    if exec.frames.len() >= rt.host.config.max_depth {
                                        *gen_obj.state.borrow_mut() = GenState::Done;
                                    }
                                    // asyncio's firstiter hook: the loop closes it at shutdown.
                                    rt.sched.started_gens.push(Rc::downgrade(gen_obj));
                                    check_depth!();
                                    save_pc!(pc);
                                    let n = args.len();
                                    exec.stack.extend(args);
                                    let ret_sp = exec.stack.len() - n;
                                    exec.push_frame(
                                        gen_obj.code.clone(),
                                        n,
                                        ret_sp,
                                        FrameKind::Generator(gen_obj.clone()),
                                    );
                                    continue 'frames;
                                }
                                GenState::Suspended {
                                    mut frame,
                                    mut stack,
                                    handlers,
                                } => {
                                    save_pc!(pc);
                                    frame.kind = FrameKind::Generator(gen_obj.clone());
                                    let new_base = exec.stack.len();
                                    exec.stack.append(&mut stack);
                                    gen_obj.spare.set(stack);
                                    frame.base = new_base as u32;
                                    frame.ret_sp = new_base as u32;
                                    exec.frames.push(frame);
                                    exec.restore_frame_handlers(&handlers);
                                    continue 'frames;
                                }
                            }
                        }
                        Value::Native(obj) => match native_anext(rt, exec, obj) {
                            Anext::Item(v) => exec.stack.push(v),
                            Anext::Exhausted => {
                                exec.stack.pop();
                                pc = exit as usize;
                            }
                            Anext::Fail(e) => throw!(e),
                            Anext::Block(waiter) => {
                                save_pc!(pc);
                                return Halt::Block(waiter);
                            }
                            Anext::Again(waiter) => {
                                // Woken, this `ForAwait` runs again and asks once more.
                                save_pc!(pc - 1);
                                return Halt::Block(waiter);
                            }
                        },
                        other => throw!(not_async_iterable(other)),
                    }
                }

                Op::Await => {
                    let awaited = pop!();
                    match awaited {
                        Value::Coro(coro) => {
                            let Some(args) = coro.start() else {
                                throw!(exc(
                                    ExcKind::RuntimeError,
                                    "cannot reuse already awaited coroutine"
                                ));
                            };
                            check_depth!();
                            save_pc!(pc);
                            let n = args.len();
                            let ret_sp = exec.stack.len();
                            exec.stack.extend(args);
                            exec.push_frame(coro.code.clone(), n, ret_sp, FrameKind::Call);
                            continue 'frames;
                        }
                        Value::Task(t) => {
                            if Rc::ptr_eq(&t, task) {
                                throw!(exc(ExcKind::RuntimeError, "a task cannot await itself"));
                            }
                            let fut = Fut::Task(t);
                            if fut.done() {
                                exec.stack.push(tri!(fut.result()));
                            } else {
                                save_pc!(pc);
                                return Halt::Block(Waiter::on(WaitOn::Fut(fut)));
                            }
                        }
                        Value::Future(f) => {
                            let fut = Fut::Future(f);
                            if fut.done() {
                                exec.stack.push(tri!(fut.result()));
                            } else {
                                save_pc!(pc);
                                return Halt::Block(Waiter::on(WaitOn::Fut(fut)));
                            }
                        }
                        Value::Native(ref obj) => {
                            let Some(native) = obj.as_any().downcast_ref::<NativeCoro>() else {
                                throw!(type_error(format!(
                                    "object {} can't be used in 'await' expression",
                                    obj.type_name()
                                )));
                            };
                            let Some(kind) = native.take() else {
                                throw!(exc(
                                    ExcKind::RuntimeError,
                                    "cannot reuse already awaited coroutine"
                                ));
                            };
                            let site = site!();
                            match kind {
                                NativeKind::Op(awaitable) => {
                                    match tri!(rt.start_awaitable(awaitable, &site)) {
                                        Started::Ready(v) => exec.stack.push(v),
                                        Started::Block(waiter) => {
                                            save_pc!(pc);
                                            return Halt::Block(waiter);
                                        }
                                        Started::Sleep(delay) => {
                                            save_pc!(pc);
                                            return tri!(sleep_halt(delay));
                                        }
                                        Started::AwaitInstead(v) => {
                                            // Await it as if the awaitable were not there.
                                            exec.stack.push(v);
                                            pc -= 1;
                                        }
                                    }
                                }
                                NativeKind::AClose(gen_obj) => {
                                    let state = std::mem::replace(
                                        &mut *gen_obj.state.borrow_mut(),
                                        GenState::Running,
                                    );
                                    match state {
                                        GenState::Suspended {
                                            mut frame,
                                            mut stack,
                                            handlers,
                                        } => {
                                            check_depth!();
                                            save_pc!(pc);
                                            let new_base = exec.stack.len();
                                            exec.stack.append(&mut stack);
                                            gen_obj.spare.set(stack);
                                            frame.base = new_base as u32;
                                            frame.ret_sp = new_base as u32;
                                            frame.kind = FrameKind::Generator(gen_obj.clone());
                                            gen_obj.closing.set(true);
                                            exec.frames.push(frame);
                                            exec.restore_frame_handlers(&handlers);
                                            pending = Some((exc(ExcKind::GeneratorExit, ""), true));
                                            continue 'frames;
                                        }
                                        GenState::Running => {
                                            *gen_obj.state.borrow_mut() = GenState::Running;
                                            throw!(exc(
                                                ExcKind::RuntimeError,
                                                "aclose(): asynchronous generator is already running"
                                            ));
                                        }
                                        GenState::Created(_) | GenState::Done => {
                                            *gen_obj.state.borrow_mut() = GenState::Done;
                                            exec.stack.push(Value::None);
                                        }
                                    }
                                }
                            }
                        }
                        Value::Gen(_) => throw!(type_error(
                            "an async generator is not awaitable; iterate it with `for await x in ...`"
                        )),
                        other => throw!(type_error(format!(
                            "object {} can't be used in 'await' expression",
                            other.type_name()
                        ))),
                    }
                }
                Op::Sleep => {
                    // Read where it lies: the delay was usually just pushed as an int,
                    // and moving the whole value out again would stall on that store.
                    let delay = ops::seconds(exec.stack.last().unwrap_or(&Value::None), "sleep()");
                    exec.truncate(exec.stack.len().saturating_sub(1));
                    let delay = tri!(delay);
                    save_pc!(pc);
                    return tri!(sleep_halt(delay));
                }
                Op::Spawn { named } => {
                    tick!();
                    let name = if named {
                        match pop!() {
                            Value::Str(s) => Some(s.to_rc()),
                            Value::None => None,
                            other => throw!(type_error(format!(
                                "a task's name must be a string, not '{}'",
                                other.type_name()
                            ))),
                        }
                    } else {
                        None
                    };
                    let target = pop!();
                    let task_value = tri!(call::spawn(rt, &target, name, site!()));
                    exec.stack.push(task_value);
                }
                Op::WithEnter => {
                    let manager = pop!();
                    let (value, awaits) = tri!(with_enter(rt, &manager, &site!()));
                    exec.stack.push(value);
                    if !awaits {
                        pc += 1;
                    }
                }
                Op::WithExit => {
                    let exc_value = pop!();
                    let manager = pop!();
                    let (value, awaits) = tri!(with_exit(rt, &manager, exc_value, &site!()));
                    exec.stack.push(value);
                    if !awaits {
                        pc += 1;
                    }
                }
                Op::Yield => {
                    let value = pop!();
                    // The generator's handlers leave with it (taken while its frame is
                    // still the innermost).
                    let handlers = exec.take_frame_handlers();
                    let Some(mut frame) = exec.frames.pop() else {
                        return Halt::Return(Value::None);
                    };
                    let FrameKind::Generator(gen_obj) = &frame.kind else {
                        exec.frames.push(frame);
                        throw!(exc(
                            ExcKind::RuntimeError,
                            "internal error: yield outside a generator"
                        ));
                    };
                    let gen_obj = gen_obj.clone();
                    if gen_obj.closing.get() {
                        // Yielding instead of finishing when closed: Python's RuntimeError.
                        *gen_obj.state.borrow_mut() = GenState::Done;
                        exec.stack.truncate(frame.ret_sp as usize);
                        pending = Some((
                            exc(
                                ExcKind::RuntimeError,
                                "async generator ignored GeneratorExit",
                            ),
                            true,
                        ));
                        continue 'frames;
                    }
                    frame.pc = pc as u32;
                    // The saved frame must not own its generator: that cycle would keep a
                    // dropped generator alive, and it would never be closed.
                    frame.kind = FrameKind::Call;
                    let mut saved = gen_obj.spare.take();
                    saved.clear();
                    saved.extend(exec.stack.drain(frame.base as usize..));
                    *gen_obj.state.borrow_mut() = GenState::Suspended {
                        frame,
                        stack: saved,
                        handlers,
                    };
                    exec.stack.push(value);
                    continue 'frames;
                }

                Op::PushHandler(target) => {
                    let depth = (exec.stack.len() - base) as u32;
                    exec.handlers.push(Handler {
                        target,
                        depth,
                        frame: fi as u32,
                    });
                }
                Op::PopHandler => {
                    exec.handlers.pop();
                }
                Op::Raise => {
                    let v = pop!();
                    throw!(match v {
                        Value::Exc(e) => e,
                        Value::ExcType(kind) => Exception::new(kind, ""),
                        other => type_error(format!(
                            "only exceptions can be raised (like `raise ValueError(\"...\")`), not '{}'",
                            other.type_name()
                        )),
                    });
                }
                Op::Reraise => {
                    let v = pop!();
                    let e = match v {
                        Value::Exc(e) => e,
                        other => type_error(format!("cannot re-raise '{}'", other.type_name())),
                    };
                    save_pc!(pc);
                    pending = Some((e, false));
                    continue 'frames;
                }
                Op::CatchMatch(i) => {
                    let matched = match exec.stack.last() {
                        Some(Value::Exc(e)) => {
                            code.catch_kinds[i as usize].iter().any(|k| e.kind.is_a(*k))
                        }
                        _ => false,
                    };
                    exec.stack.push(Value::Bool(matched));
                }
                Op::Assert => {
                    let message = pop!();
                    let cond = pop!();
                    if !cond.truthy() {
                        let text = match message {
                            Value::None => String::new(),
                            m => tri!(format::to_str(&m)),
                        };
                        throw!(exc(ExcKind::AssertionError, text));
                    }
                }
            }
        }
    }
}

/// Raises `exc` in the task: unwinds to the nearest handler, adding each frame it leaves
/// to the traceback. Returns the halt when no handler in the task catches it.
fn unwind(task: &Rc<Task>, exec: &mut Exec, exc: Exc, mut add_trace: bool) -> Option<Halt> {
    loop {
        let Some(frame) = exec.frames.last_mut() else {
            return Some(Halt::Raise(exc));
        };
        if add_trace {
            let mut tb = exc.traceback.borrow_mut();
            if tb.len() < MAX_TRACEBACK {
                tb.push(TraceEntry {
                    code: frame.code.clone(),
                    span: frame.code.span_at(frame.pc.saturating_sub(1) as usize),
                    task: task.name(),
                });
            }
        }
        add_trace = true;
        let innermost = (exec.frames.len() - 1) as u32;
        // `Vec::pop_if` is newer than the crate's rust-version.
        if exec.handlers.last().is_some_and(|h| h.frame == innermost)
            && let Some(handler) = exec.handlers.pop()
            && let Some(frame) = exec.frames.last_mut()
        {
            frame.pc = handler.target;
            let height = frame.base as usize + handler.depth as usize;
            exec.stack.truncate(height);
            exec.stack.push(Value::Exc(exc));
            return None;
        }
        let frame = exec.frames.pop()?;
        match frame.kind {
            FrameKind::Generator(gen_obj)
                if gen_obj.closing.get() && exc.kind == ExcKind::GeneratorExit =>
            {
                // GeneratorExit ran through the generator: it is closed, `aclose()`
                // returns none to the frame below.
                *gen_obj.state.borrow_mut() = GenState::Done;
                exec.stack.truncate(frame.ret_sp as usize);
                exec.stack.push(Value::None);
                return None;
            }
            FrameKind::Generator(gen_obj) => *gen_obj.state.borrow_mut() = GenState::Done,
            FrameKind::Bottom => {
                exec.stack.clear();
                return Some(Halt::Raise(exc));
            }
            FrameKind::Call => {}
        }
    }
}

enum Tick {
    /// Ctrl-C while this task runs: raise `CancelledError` here, once.
    Interrupted,
    Budget,
    /// The host terminated the run: no more script code runs.
    Stopped,
    /// The run is over its memory limit: `MemoryError` here.
    OutOfMemory,
    /// The slice is used up: give the host its thread back.
    Preempt,
}

/// The periodic check: Ctrl-C, a hard stop, the memory limit and the instruction budget.
#[cold]
fn tick(rt: &mut Rt, task: &Task) -> Option<Tick> {
    rt.flush_if_stale();
    if rt
        .host
        .interrupted
        .load(std::sync::atomic::Ordering::Relaxed)
        != 0
    {
        if rt.check_terminated() {
            return Some(Tick::Stopped);
        }
        if !rt.sched.interrupt_handled {
            // Every task is cancelled, this one too: it has no `await` to be cancelled
            // at, so the cancellation is raised where it runs, and only this once.
            rt.handle_interrupt();
            if task.must_cancel.replace(false) {
                return Some(Tick::Interrupted);
            }
        }
    }
    if let Some(at) = rt.host.deadline
        && std::time::Instant::now() >= at
    {
        rt.host.stop.get_or_insert(crate::rt::Stop::Timeout);
        return Some(Tick::Stopped);
    }
    if crate::rt::memory::over_limit() {
        return Some(Tick::OutOfMemory);
    }
    // The steps since the last check, and what builtins did meanwhile.
    let spent = crate::rt::event_loop::TICK_INTERVAL as u64 + crate::rt::work::take();
    if let Some(left) = rt.host.budget_left.as_mut() {
        if *left <= spent {
            *left = 0;
            return Some(Tick::Budget);
        }
        *left -= spent;
    }
    rt.host.slice_left -= spent as i64;
    if rt.host.slice_left <= 0 {
        return Some(Tick::Preempt);
    }
    None
}

/// After an operation that may have done much work (a builtin, arithmetic on strings or
/// lists): if it did, the periodic check comes at the next back-edge or call instead of
/// up to a thousand later, so budgets, slices and time limits see the work soon.
#[inline]
fn note_work(rt: &mut Rt) {
    if crate::rt::work::heavy() {
        rt.host.ticks = 1;
    }
}

/// `sleep(delay)`: a yield for zero or less, a timer otherwise.
fn sleep_halt(delay: f64) -> Result<Halt, Exc> {
    if delay <= 0.0 {
        return Ok(Halt::Yield);
    }
    Ok(Halt::Sleep(ops::deadline_after(delay)))
}

/// The next step of `for await` over a native iterator (`obj`, on top of the stack): an
/// `as_completed`, a process's lines, a file's. On top may instead be the marker that a step which
/// suspended with `Anext::Again` resumed with: it goes, and the iterator under it is asked.
#[cold]
fn native_anext(rt: &mut Rt, exec: &mut Exec, obj: &Rc<dyn NativeObject>) -> Anext {
    let mut obj = obj.clone();
    if obj.as_any().is::<AskAgain>() {
        exec.stack.pop();
        match exec.stack.last() {
            Some(Value::Native(iter)) => obj = iter.clone(),
            _ => {
                return Anext::Fail(exc(
                    ExcKind::RuntimeError,
                    "internal error: `for await` lost its iterator",
                ));
            }
        }
    }
    obj.anext(rt)
        .unwrap_or_else(|| Anext::Fail(not_async_iterable(&Value::Native(obj.clone()))))
}

/// `async with manager`: the entry's result, and whether it is a coroutine to await.
#[cold]
fn with_enter(rt: &mut Rt, manager: &Value, site: &Site) -> Result<(Value, bool), Exc> {
    let entered = match manager {
        Value::Native(obj) => obj.enter(rt, site),
        _ => None,
    };
    let value = entered.ok_or_else(|| not_context_manager(manager))??;
    let awaits = is_coroutine(&value);
    Ok((value, awaits))
}

/// The end of `async with manager`, with the exception that left the block (or none).
#[cold]
fn with_exit(
    rt: &mut Rt,
    manager: &Value,
    exc_value: Value,
    site: &Site,
) -> Result<(Value, bool), Exc> {
    let exc = match exc_value {
        Value::Exc(e) => Some(e),
        _ => None,
    };
    let exited = match manager {
        Value::Native(obj) => obj.exit(rt, exc, site),
        _ => None,
    };
    let value = exited.ok_or_else(|| not_context_manager(manager))??;
    let awaits = is_coroutine(&value);
    Ok((value, awaits))
}

fn is_coroutine(value: &Value) -> bool {
    match value {
        Value::Coro(_) => true,
        Value::Native(obj) => obj.as_any().is::<NativeCoro>(),
        _ => false,
    }
}

#[cold]
fn not_context_manager(value: &Value) -> Exc {
    type_error(format!(
        "'{}' object does not support the asynchronous context manager protocol",
        value.type_name()
    ))
}

#[cold]
fn not_async_iterable(value: &Value) -> Exc {
    type_error(format!(
        "'{}' object is not an async iterable; use `for x in ...` without `await`",
        value.type_name()
    ))
}
