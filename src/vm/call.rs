//! Calls: binding arguments to parameters, making coroutines, calling builtins, spawning.

use std::rc::Rc;
use std::sync::Arc;

use super::code::{CallSite, Code, CodeKind, Site};
use super::coro::{ArgVec, AsyncGen, Coro};
use super::exception::{Exc, ExcKind, exc, type_error};
use super::frame::Exec;
use super::iter;
use super::value::{Key, Value};
use crate::builtins::{self, Method};
use crate::rt::Rt;
use crate::rt::native_coro::NativeCoro;
use crate::rt::task::{Fut, Start};
use indexmap::IndexMap;

/// Keyword arguments by name, in the order written.
pub type Kwargs = Vec<(Arc<str>, Value)>;

/// How a callee runs.
pub enum Callee {
    /// A declared `fn`, `task` or generator: bytecode.
    Frame(Rc<Code>),
    /// A builtin, an exception kind, a bound method.
    Native,
}

pub fn classify(callee: &Value) -> Result<Callee, Exc> {
    match callee {
        Value::Func(code) => Ok(Callee::Frame(code.clone())),
        Value::Builtin(_) | Value::ExcType(_) | Value::Method(_) | Value::Host(_) => {
            Ok(Callee::Native)
        }
        other => Err(type_error(format!(
            "'{}' object is not callable",
            other.type_name()
        ))),
    }
}

/// Checks a positional call's argument count and pads the parameters that were left out
/// (their defaults run in the callee) with `Undef`.
pub fn bind_positional(
    exec: &mut Exec,
    code: &Code,
    callee_at: usize,
    argc: usize,
) -> Result<(), Exc> {
    check_count(code, argc)?;
    let n_params = code.params.len();
    if code.varargs || code.varkw {
        let rest: Vec<Value> = if argc > n_params {
            exec.stack.drain(callee_at + 1 + n_params..).collect()
        } else {
            Vec::new()
        };
        for _ in argc..n_params {
            exec.stack.push(Value::Undef);
        }
        gather_rest(code, rest, IndexMap::new(), |v| exec.stack.push(v));
        return Ok(());
    }
    for _ in argc..n_params {
        exec.stack.push(Value::Undef);
    }
    Ok(())
}

/// Pushes what `*rest` and `**options` gather, for a function that has them.
fn gather_rest(
    code: &Code,
    rest: Vec<Value>,
    options: IndexMap<Key, Value>,
    mut push: impl FnMut(Value),
) {
    if code.varargs {
        push(Value::tuple(rest));
    }
    if code.varkw {
        push(Value::map(options));
    }
}

/// Like `bind_positional`, but takes the arguments (and the callee) off the stack.
pub fn take_positional(
    exec: &mut Exec,
    code: &Code,
    callee_at: usize,
    argc: usize,
) -> Result<ArgVec, Exc> {
    check_count(code, argc)?;
    let mut args: ArgVec = exec.stack.drain(callee_at + 1..).collect();
    exec.stack.truncate(callee_at);
    let n_params = code.params.len();
    let rest: Vec<Value> = if args.len() > n_params {
        args.drain(n_params..).collect()
    } else {
        Vec::new()
    };
    args.resize(n_params, Value::Undef);
    gather_rest(code, rest, IndexMap::new(), |v| args.push(v));
    Ok(args)
}

fn check_count(code: &Code, argc: usize) -> Result<(), Exc> {
    let n_params = code.params.len();
    if argc > n_params && !code.varargs {
        // Python's words: `f() takes 2 positional arguments but 3 were given`, or `from 1
        // to 2` when some have defaults.
        let takes = if (code.n_required as usize) < n_params {
            format!("from {} to {n_params}", code.n_required)
        } else {
            n_params.to_string()
        };
        let word = if takes == "1" {
            "argument"
        } else {
            "arguments"
        };
        let were = if argc == 1 { "was" } else { "were" };
        return Err(type_error(format!(
            "{}() takes {takes} positional {word} but {argc} {were} given",
            code.name
        )));
    }
    if argc < code.n_required as usize {
        let missing: Vec<String> = code.params[argc..code.n_required as usize]
            .iter()
            .map(|p| format!("'{p}'"))
            .collect();
        return Err(missing_error(&code.name, &missing));
    }
    Ok(())
}

/// `f() missing 2 required positional arguments: 'a' and 'b'`, as Python lists them.
fn missing_error(name: &str, missing: &[String]) -> Exc {
    let list = match missing {
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
        [] => String::new(),
    };
    type_error(format!(
        "{name}() missing {} required positional argument{}: {list}",
        missing.len(),
        if missing.len() == 1 { "" } else { "s" }
    ))
}

/// Takes a call's arguments off the stack (leaving the callee on top): positional ones with
/// `*spread` lists expanded, and keyword ones by name.
pub fn collect_args(
    exec: &mut Exec,
    site: &CallSite,
    callee_at: usize,
) -> Result<(Vec<Value>, Kwargs), Exc> {
    let mut args = exec.stack.split_off(callee_at + 1);
    let kw_values = args.split_off(site.n_positional());
    let mut positional = Vec::with_capacity(args.len());
    for (value, spread) in args.into_iter().zip(site.spread.iter()) {
        if *spread && positional.is_empty() {
            // `f(*xs)`: the collected items are the arguments, without a second copy.
            positional = iter::collect(&value)?;
        } else if *spread {
            positional.extend(iter::collect(&value)?);
        } else {
            positional.push(value);
        }
    }
    let mut kwargs = Vec::with_capacity(kw_values.len());
    for (name, value) in site.kwnames.iter().cloned().zip(kw_values) {
        if &*name != "**" {
            kwargs.push((name, value));
            continue;
        }
        // `f(**m)`: the map's entries, whose keys must be strings.
        let Value::Map(map) = &value else {
            return Err(type_error(format!(
                "argument after ** must be a mapping, not {}",
                super::value::python_type_name(&value)
            )));
        };
        for (k, v) in map.borrow().iter() {
            let Value::Str(k) = &k.0 else {
                return Err(type_error("keywords must be strings"));
            };
            if kwargs.iter().any(|(n, _): &(Arc<str>, Value)| **n == **k) {
                return Err(type_error(format!(
                    "got multiple values for keyword argument '{k}'"
                )));
            }
            kwargs.push((Arc::from(&**k), v.clone()));
        }
    }
    Ok((positional, kwargs))
}

/// `receiver.method(a1, .., an)` with plain arguments (`CallSite::is_plain`), called on
/// the values where they lie on the stack, with no argument vector made; they are popped
/// afterwards. Out of line, like every builtin call, to keep the dispatch loop small.
#[inline(never)]
pub fn call_method_on_stack(
    rt: &mut Rt,
    exec: &mut Exec,
    call_site: &CallSite,
    receiver_at: usize,
    site: &Site,
) -> Result<Value, Exc> {
    let result = match (call_site.method.as_ref(), &exec.stack[receiver_at..]) {
        // `xs.append(x)`, the most common method call of all, without the argument
        // checking every other method goes through.
        (Some(sym), [Value::List(list), item]) if sym.method == Some(Method::Append) => {
            builtins::methods::append(list, item)
        }
        (Some(sym), [receiver, args @ ..]) => {
            builtins::call_method(rt, receiver, sym, args, &[], site)
        }
        _ => Err(type_error("internal error: a method call without a name")),
    };
    exec.truncate(receiver_at);
    result
}

/// Binds positional and keyword arguments to a declared function's parameters.
pub fn bind_args(
    code: &Code,
    positional: Vec<Value>,
    kwargs: Vec<(Arc<str>, Value)>,
) -> Result<ArgVec, Exc> {
    check_count(code, positional.len()).or_else(|e| {
        // Too few positional arguments is fine when keywords supply the rest.
        if positional.len() <= code.params.len() || code.varargs {
            Ok(())
        } else {
            Err(e)
        }
    })?;
    let mut args: ArgVec = positional.into_iter().collect();
    let n_params = code.params.len();
    let rest: Vec<Value> = if args.len() > n_params {
        args.drain(n_params..).collect()
    } else {
        Vec::new()
    };
    args.resize(n_params, Value::Undef);
    let n_given = args.iter().filter(|v| !matches!(v, Value::Undef)).count();
    let mut options = IndexMap::new();
    for (name, value) in kwargs {
        let Some(i) = code.params.iter().position(|p| **p == *name) else {
            if code.varkw {
                options.insert(Key(Value::str(&name)), value);
                continue;
            }
            return Err(type_error(format!(
                "{}() got an unexpected keyword argument '{name}'",
                code.name
            )));
        };
        if i < n_given {
            return Err(type_error(format!(
                "{}() got multiple values for argument '{name}'",
                code.name
            )));
        }
        args[i] = value;
    }
    let missing: Vec<String> = (0..code.n_required as usize)
        .filter(|&i| matches!(args[i], Value::Undef))
        .map(|i| format!("'{}'", code.params[i]))
        .collect();
    if !missing.is_empty() {
        return Err(missing_error(&code.name, &missing));
    }
    gather_rest(code, rest, options, |v| args.push(v));
    Ok(args)
}

/// Calling a `task` makes a coroutine; calling a generator task makes an async generator.
pub fn make_coroutine(rt: &Rt, code: Rc<Code>, args: ArgVec, site: Site) -> Value {
    if code.kind == CodeKind::Generator {
        Value::Gen(Rc::new(AsyncGen::new(code, args, &rt.sched.finalizers)))
    } else {
        Value::Coro(Rc::new(Coro::new(code, args, site, rt.host.events.clone())))
    }
}

/// Calls a builtin, an exception kind or a bound method with positional arguments.
// Kept out of the dispatch loop: the work behind it outweighs a call, and inlined it
// would only make the loop's one big function bigger.
#[inline(never)]
pub fn call_native(
    rt: &mut Rt,
    callee: &Value,
    args: &[Value],
    kwargs: &[(Arc<str>, Value)],
    site: &Site,
) -> Result<Value, Exc> {
    let names: Vec<Arc<str>> = kwargs.iter().map(|(k, _)| k.clone()).collect();
    let values: Vec<Value> = kwargs.iter().map(|(_, v)| v.clone()).collect();
    call_native_kw(rt, callee, args, &names, &values, site)
}

// Kept out of the dispatch loop: the work behind it outweighs a call, and inlined it
// would only make the loop's one big function bigger.
#[inline(never)]
pub fn call_native_kw(
    rt: &mut Rt,
    callee: &Value,
    args: &[Value],
    names: &[Arc<str>],
    values: &[Value],
    site: &Site,
) -> Result<Value, Exc> {
    match callee {
        Value::Builtin(b) => {
            let args = builtins::Args {
                name: b.name,
                pos: args,
                names,
                values,
            };
            (b.run)(rt, &args, site)
        }
        Value::ExcType(kind) => {
            if !names.is_empty() {
                return Err(type_error(format!("{kind}() takes no keyword arguments")));
            }
            match args {
                [] => Ok(Value::Exc(super::exception::Exception::new(*kind, ""))),
                [arg] => {
                    // The message is `str(arg)`; make sure it can be shown before keeping it.
                    super::format::to_str(arg)?;
                    Ok(Value::Exc(super::exception::Exception::with_arg(
                        *kind,
                        arg.clone(),
                    )))
                }
                _ => Err(type_error(format!(
                    "{kind}() takes at most 1 argument (a message)"
                ))),
            }
        }
        Value::Host(f) => call_host(rt, f, args, names, values, site),
        Value::Method(m) => {
            let kwargs: Vec<(Arc<str>, Value)> =
                names.iter().cloned().zip(values.iter().cloned()).collect();
            let sym = super::code::Sym {
                name: Arc::from(m.1.name()),
                method: Some(m.1),
            };
            builtins::call_method(rt, &m.0, &sym, args, &kwargs, site)
        }
        other => Err(type_error(format!(
            "'{}' object is not callable",
            other.type_name()
        ))),
    }
}

/// Calls a host function: a sync one at once (its error raised in the script), an async
/// one makes a coroutine that runs its future when awaited or spawned.
#[inline(never)]
fn call_host(
    rt: &mut Rt,
    f: &Arc<crate::api::HostFn>,
    args: &[Value],
    names: &[Arc<str>],
    values: &[Value],
    site: &Site,
) -> Result<Value, Exc> {
    use crate::api::{Args, HostCall};
    let args = Args {
        function: f.name.clone(),
        positional: args
            .iter()
            .cloned()
            .map(crate::api::Value::from_vm)
            .collect(),
        keywords: names
            .iter()
            .zip(values)
            .map(|(n, v)| (n.to_string(), crate::api::Value::from_vm(v.clone())))
            .collect(),
    };
    match &f.call {
        HostCall::Sync(call) => call(args).map(|v| v.0).map_err(|e| e.to_exc()),
        HostCall::Async(call) => {
            let future = call(args);
            let coro = NativeCoro::new(
                crate::rt::native_coro::NativeKind::op(crate::rt::host::HostCoroutine(future)),
                Rc::from(&*f.name),
                site.clone(),
                rt.host.events.clone(),
            );
            Ok(Value::Native(Rc::new(coro)))
        }
    }
}

/// `spawn target`: a coroutine becomes a new task; a task is returned as it is.
// Kept out of the dispatch loop: the work behind it outweighs a call, and inlined it
// would only make the loop's one big function bigger.
#[inline(never)]
pub fn spawn(rt: &mut Rt, target: &Value, name: Option<Rc<str>>, site: Site) -> Result<Value, Exc> {
    match target {
        Value::Coro(coro) => {
            let Some(args) = coro.start() else {
                return Err(exc(
                    ExcKind::RuntimeError,
                    format!(
                        "cannot spawn coroutine '{}': it was already awaited or spawned",
                        coro.code.name
                    ),
                ));
            };
            let task = rt.spawn_task(Start::new(coro.code.clone(), args), name, Some(site))?;
            Ok(Value::Task(task))
        }
        Value::Task(task) => {
            if let Some(name) = name {
                task.set_name(name);
            }
            Ok(target.clone())
        }
        Value::Native(obj) if obj.as_any().is::<NativeCoro>() => {
            let fut = crate::rt::combinators::ensure_future(rt, target, &site, "spawn")?;
            if let Fut::Task(task) = &fut {
                rt.cancel_if_shutting_down(task);
            }
            let value = fut.to_value();
            if let (Some(name), Value::Task(task)) = (name, &value) {
                task.set_name(name);
            }
            Ok(value)
        }
        Value::Gen(_) => Err(type_error(
            "an async generator cannot be spawned; iterate it with `for await` inside a task",
        )),
        Value::Func(code) if code.is_task() => Err(type_error(format!(
            "spawn needs a coroutine: call the task, `spawn {}(...)`",
            code.name
        ))),
        other => Err(type_error(format!(
            "spawn needs a coroutine (the result of calling a task), not '{}'",
            other.type_name()
        ))),
    }
}
