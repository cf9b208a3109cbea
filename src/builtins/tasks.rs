//! The asyncio builtins: `sleep`, `now`, `gather`, `wait`, `wait_for`, `as_completed`,
//! `current_task`, `all_tasks`, and the methods of tasks and futures.

use std::rc::Rc;

use super::{Args, BuiltinFn, Method};
use crate::rt::Rt;
use crate::rt::combinators::{AsCompleted, AsCompletedIter, ReturnWhen, gather};
use crate::rt::native_coro::{NativeCoro, NativeKind};
use crate::rt::task::Fut;
use crate::vm::{Exc, Site, Str, Value, ops, type_error, value_error};

pub static SLEEP: BuiltinFn = BuiltinFn {
    name: "sleep",
    run: sleep,
};
pub static NOW: BuiltinFn = BuiltinFn {
    name: "now",
    run: now,
};
pub static GATHER: BuiltinFn = BuiltinFn {
    name: "gather",
    run: gather_fn,
};
pub static WAIT: BuiltinFn = BuiltinFn {
    name: "wait",
    run: wait,
};
pub static WAIT_FOR: BuiltinFn = BuiltinFn {
    name: "wait_for",
    run: wait_for,
};
pub static AS_COMPLETED: BuiltinFn = BuiltinFn {
    name: "as_completed",
    run: as_completed,
};
pub static CURRENT_TASK: BuiltinFn = BuiltinFn {
    name: "current_task",
    run: current_task,
};
pub static ALL_TASKS: BuiltinFn = BuiltinFn {
    name: "all_tasks",
    run: all_tasks,
};

/// `sleep(d)` awaited: a yield, or a timer.
struct Sleep(f64);

impl crate::rt::awaitable::Awaitable for Sleep {
    fn start(self: Box<Self>, _: &mut Rt, _: &Site) -> Result<crate::rt::awaitable::Started, Exc> {
        Ok(crate::rt::awaitable::Started::Sleep(self.0))
    }
}

pub(crate) fn native(rt: &Rt, kind: NativeKind, name: &'static str, site: &Site) -> Value {
    Value::Native(Rc::new(NativeCoro::new(
        kind,
        name,
        site.clone(),
        rt.host.events.clone(),
    )))
}

fn timeout_arg(v: Option<&Value>) -> Result<Option<f64>, Exc> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => ops::seconds(v, "timeout").map(Some),
    }
}

fn sleep(rt: &mut Rt, args: &Args<'_>, site: &Site) -> Result<Value, Exc> {
    args.accept(1, 1, &[])?;
    let delay = ops::seconds(&args.pos[0], "sleep()")?;
    Ok(native(rt, NativeKind::op(Sleep(delay)), "sleep", site))
}

fn now(rt: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(0, 0, &[])?;
    Ok(Value::Float(rt.now()))
}

fn gather_fn(rt: &mut Rt, args: &Args<'_>, site: &Site) -> Result<Value, Exc> {
    args.accept(0, usize::MAX, &["return_exceptions"])?;
    let return_exceptions = args.kw("return_exceptions").is_some_and(Value::truthy);
    gather(rt, args.pos, return_exceptions, site)
}

fn wait(rt: &mut Rt, args: &Args<'_>, site: &Site) -> Result<Value, Exc> {
    args.accept(1, 1, &["timeout", "return_when"])?;
    let timeout = timeout_arg(args.kw("timeout"))?;
    let return_when = match args.kw("return_when") {
        None => ReturnWhen::AllCompleted,
        Some(Value::Str(s)) => ReturnWhen::parse(s).ok_or_else(|| {
            value_error(format!(
                "invalid return_when value: '{s}'; use \"ALL_COMPLETED\", \"FIRST_COMPLETED\" or \"FIRST_EXCEPTION\""
            ))
        })?,
        Some(other) => return Err(type_error(format!("return_when must be a string, not '{}'", other.type_name()))),
    };
    let kind = NativeKind::op(crate::rt::combinators::Wait {
        fs: args.pos[0].clone(),
        timeout,
        return_when,
    });
    Ok(native(rt, kind, "wait", site))
}

fn wait_for(rt: &mut Rt, args: &Args<'_>, site: &Site) -> Result<Value, Exc> {
    args.accept(1, 2, &["timeout"])?;
    let Some(timeout) = args.get(1, "timeout") else {
        return Err(type_error(
            "wait_for() is missing its timeout (give none to wait without one)",
        ));
    };
    let timeout = timeout_arg(Some(timeout))?;
    let kind = NativeKind::op(crate::rt::combinators::wait_for::WaitForCall {
        aw: args.pos[0].clone(),
        timeout,
    });
    Ok(native(rt, kind, "wait_for", site))
}

fn as_completed(_rt: &mut Rt, args: &Args<'_>, site: &Site) -> Result<Value, Exc> {
    args.accept(1, 1, &["timeout"])?;
    let timeout = timeout_arg(args.kw("timeout"))?;
    let state = AsCompleted::new(args.pos[0].clone(), timeout, site.clone());
    Ok(Value::Native(Rc::new(AsCompletedIter(Rc::new(state)))))
}

fn current_task(rt: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(0, 0, &[])?;
    Ok(rt.sched.current.clone().map_or(Value::None, Value::Task))
}

fn all_tasks(rt: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(0, 0, &[])?;
    Ok(Value::list(
        rt.all_tasks().into_iter().map(Value::Task).collect(),
    ))
}

/// The methods of tasks and futures.
pub fn future_method(
    rt: &mut Rt,
    receiver: &Value,
    method: Method,
    args: &Args<'_>,
    _: &Site,
) -> Result<Value, Exc> {
    let fut = match receiver {
        Value::Task(t) => Fut::Task(t.clone()),
        Value::Future(f) => Fut::Future(f.clone()),
        _ => return Err(type_error("not a task")),
    };
    match method {
        Method::Result => {
            args.accept(0, 0, &[])?;
            if !fut.done() {
                return Err(not_done(receiver, "result"));
            }
            fut.result()
        }
        Method::Exception => {
            args.accept(0, 0, &[])?;
            if !fut.done() {
                return Err(not_done(receiver, "exception"));
            }
            Ok(fut.exception()?.map_or(Value::None, Value::Exc))
        }
        Method::Done => {
            args.accept(0, 0, &[])?;
            Ok(Value::Bool(fut.done()))
        }
        Method::Cancelled => {
            args.accept(0, 0, &[])?;
            Ok(Value::Bool(fut.cancelled()))
        }
        Method::Cancel => {
            args.accept(0, 1, &["msg"])?;
            let msg = match args.get(0, "msg") {
                None | Some(Value::None) => None,
                Some(Value::Str(s)) => Some(s.to_rc()),
                Some(other) => {
                    return Err(type_error(format!(
                        "cancel() message must be a string, not '{}'",
                        other.type_name()
                    )));
                }
            };
            Ok(Value::Bool(rt.cancel_fut(&fut, msg)))
        }
        Method::GetName => match &fut {
            Fut::Task(t) => Ok(Value::Str(Str::from(t.name()))),
            Fut::Future(_) => Err(type_error("a future has no name")),
        },
        Method::SetName => {
            args.accept(1, 1, &[])?;
            match (&fut, &args.pos[0]) {
                (Fut::Task(t), Value::Str(s)) => {
                    t.set_name(s.to_rc());
                    Ok(Value::None)
                }
                _ => Err(type_error("set_name() takes a string")),
            }
        }
        other => Err(crate::vm::exc(
            crate::vm::ExcKind::AttributeError,
            format!(
                "'{}' object has no attribute '{}'",
                receiver.type_name(),
                other.name()
            ),
        )),
    }
}

fn not_done(receiver: &Value, what: &str) -> Exc {
    use crate::vm::exception::WithHelp;
    let message = if what == "result" {
        "Result is not set."
    } else {
        "Exception is not set."
    };
    crate::vm::exc(crate::vm::ExcKind::InvalidStateError, message).with_help(&format!(
        "the {} is not done yet: await it before asking for its {what}()",
        receiver.type_name()
    ))
}
