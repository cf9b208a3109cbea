//! The builtins: global functions (`print`, `gather`, `len`...), methods of builtin types
//! (`xs.append`, `t.result()`), and attributes (`t.name`, `e.message`).
//!
//! Names resolve at compile time: a builtin function is a `&'static BuiltinFn` constant in
//! the code, a method a `Method` in the call site.

mod core;
pub mod fetch;
pub(crate) mod iterables;
pub(crate) mod json;
pub(crate) mod json_parse;
pub(crate) mod methods;
mod numbers;
mod str_format;
mod str_methods;
mod sync;
mod system;
pub mod table;
pub(crate) mod tasks;

use std::rc::Rc;
use std::sync::Arc;

use crate::rt::Rt;
use crate::vm::{Exc, Site, Str, Sym, Value, type_error};

pub use methods::Method;
pub use tasks::{SLEEP, WAIT_FOR};

/// A builtin function.
pub struct BuiltinFn {
    pub name: &'static str,
    pub run: fn(&mut Rt, &Args<'_>, &Site) -> Result<Value, Exc>,
}

impl std::fmt::Debug for BuiltinFn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<builtin {}>", self.name)
    }
}

/// The arguments of a builtin call: positional values, then keyword names and values.
pub struct Args<'a> {
    pub name: &'a str,
    pub pos: &'a [Value],
    pub names: &'a [Arc<str>],
    pub values: &'a [Value],
}

impl Args<'_> {
    /// Checks the counts: between `min` and `max` positional arguments, and only the
    /// keyword names listed.
    pub fn accept(&self, min: usize, max: usize, keywords: &[&str]) -> Result<(), Exc> {
        let n = self.pos.len();
        if n < min || n > max {
            let want = match (min, max) {
                (a, b) if a == b => format!("{a}"),
                (a, usize::MAX) => format!("at least {a}"),
                (a, b) => format!("{a} to {b}"),
            };
            return Err(type_error(format!(
                "{}() takes {want} positional argument{} but {n} {} given",
                self.name,
                if want == "1" { "" } else { "s" },
                if n == 1 { "was" } else { "were" }
            )));
        }
        for name in self.names {
            if !keywords.contains(&&**name) {
                return Err(type_error(format!(
                    "{}() got an unexpected keyword argument '{name}'",
                    self.name
                )));
            }
        }
        Ok(())
    }

    pub fn kw(&self, name: &str) -> Option<&Value> {
        self.names
            .iter()
            .position(|n| &**n == name)
            .map(|i| &self.values[i])
    }

    /// Positional argument `i`, or keyword `name`.
    pub fn get(&self, i: usize, name: &str) -> Option<&Value> {
        self.pos.get(i).or_else(|| self.kw(name))
    }
}

static ALL: &[&BuiltinFn] = &[
    &core::PRINT,
    &core::LEN,
    &core::TYPE,
    &core::STR,
    &core::REPR,
    &numbers::INT,
    &numbers::FLOAT,
    &core::BOOL,
    &core::LIST,
    &core::RANGE,
    &numbers::ABS,
    &numbers::DIVMOD,
    &numbers::HEX,
    &numbers::BIN,
    &numbers::OCT,
    &core::MIN,
    &core::MAX,
    &core::SUM,
    &core::SORTED,
    &iterables::ENUMERATE,
    &iterables::ZIP,
    &iterables::ANY,
    &iterables::ALL,
    &iterables::REVERSED,
    &iterables::MAP,
    &iterables::FILTER,
    &iterables::TUPLE,
    &iterables::SET,
    &iterables::DICT,
    &iterables::ORD,
    &iterables::CHR,
    &iterables::POW,
    &iterables::ISINSTANCE,
    &iterables::HASH,
    &iterables::FORMAT,
    &numbers::ROUND,
    &core::RANDOM,
    &core::RANDINT,
    &core::ENV,
    &json::JSON_PARSE,
    &json::JSON_STR,
    &tasks::SLEEP,
    &tasks::NOW,
    &tasks::GATHER,
    &tasks::WAIT,
    &tasks::WAIT_FOR,
    &tasks::AS_COMPLETED,
    &tasks::CURRENT_TASK,
    &tasks::ALL_TASKS,
    &fetch::FETCH,
    &sync::QUEUE,
    &sync::PRIORITY_QUEUE,
    &sync::LIFO_QUEUE,
    &sync::EVENT,
    &sync::LOCK,
    &sync::SEMAPHORE,
    &sync::BOUNDED_SEMAPHORE,
    &sync::CONDITION,
    &sync::TASK_GROUP,
    &sync::TIMEOUT,
    &sync::TIMEOUT_AT,
    &sync::SHIELD,
    &system::READ_FILE,
    &system::WRITE_FILE,
    &system::APPEND_FILE,
    &system::READ_LINES,
    &system::EXISTS,
    &system::LIST_DIR,
    &system::REMOVE_FILE,
    &system::MKDIR,
    &system::RENAME,
    &system::GLOB,
    &system::RUN,
    &system::SPAWN_PROCESS,
];

/// Whether calling the builtin makes a coroutine that must be awaited.
pub fn returns_coroutine(b: &BuiltinFn) -> bool {
    [
        "sleep",
        "wait",
        "wait_for",
        "fetch",
        "shield",
        "read_file",
        "write_file",
        "append_file",
        "exists",
        "list_dir",
        "remove_file",
        "mkdir",
        "rename",
        "glob",
        "run",
    ]
    .contains(&b.name)
}

/// `receiver.method(args)`.
// Kept out of the dispatch loop: the work behind it outweighs a call, and inlined it
// would only make the loop's one big function bigger.
#[inline(never)]
pub fn call_method(
    rt: &mut Rt,
    receiver: &Value,
    sym: &Sym,
    args: &[Value],
    kwargs: &[(Arc<str>, Value)],
    site: &Site,
) -> Result<Value, Exc> {
    let names: Vec<Arc<str>> = kwargs.iter().map(|(k, _)| k.clone()).collect();
    let values: Vec<Value> = kwargs.iter().map(|(_, v)| v.clone()).collect();
    // A native object's methods go by name: most are not builtin method names.
    if let Value::Native(obj) = receiver {
        let args = Args {
            name: &sym.name,
            pos: args,
            names: &names,
            values: &values,
        };
        if let Some(Value::Builtin(b)) = obj.attr(&sym.name) {
            return (b.run)(rt, &args, site);
        }
        return obj
            .call(rt, &sym.name, &args, site)
            .unwrap_or_else(|| Err(no_attribute(receiver, &sym.name)));
    }
    let Some(method) = sym.method else {
        return Err(no_attribute(receiver, &sym.name));
    };
    let args = Args {
        name: method.name(),
        pos: args,
        names: &names,
        values: &values,
    };
    match receiver {
        Value::List(list) => methods::list_method(rt, list, method, &args, site),
        Value::Tuple(tuple) => methods::tuple_method(tuple, method, &args),
        Value::Set(set) => methods::set_method(set, method, &args),
        Value::Str(s) => str_methods::str_method(s, method, &args),
        Value::Map(map) => methods::map_method(map, method, &args),
        Value::Task(_) | Value::Future(_) => {
            tasks::future_method(rt, receiver, method, &args, site)
        }
        _ => Err(no_attribute(receiver, &sym.name)),
    }
}

/// `object.name` without a call.
// Kept out of the dispatch loop: the work behind it outweighs a call, and inlined it
// would only make the loop's one big function bigger.
#[inline(never)]
pub fn get_attr(_rt: &mut Rt, object: &Value, sym: &Sym) -> Result<Value, Exc> {
    let name = &*sym.name;
    let found = match (object, name) {
        (Value::Task(t), "name") => Some(Value::Str(Str::from(t.name()))),
        (Value::Exc(e), "kind") => Some(Value::str(e.kind.name())),
        (Value::Exc(e), "message") => Some(Value::Str(e.message.clone())),
        (Value::Exc(e), "exceptions") if e.kind == crate::vm::ExcKind::ExceptionGroup => Some(
            Value::tuple(e.exceptions.iter().cloned().map(Value::Exc).collect()),
        ),
        (Value::Exc(e), "code") if e.kind == crate::vm::ExcKind::ProcessError => {
            Some(e.code.map_or(Value::None, Value::Int))
        }
        (Value::Exc(e), "errno") if e.kind.is_a(crate::vm::ExcKind::OSError) => {
            Some(e.code.map_or(Value::None, Value::Int))
        }
        (Value::Native(obj), _) => obj.attr(name),
        (Value::Func(code), "name") => Some(Value::Str(Str::from(&code.name))),
        _ => None,
    };
    if let Some(v) = found {
        return Ok(v);
    }
    // A method taken as a value: `let add = xs.append`.
    match sym.method {
        Some(m) if methods::has_method(object, m) => {
            Ok(Value::Method(Rc::new((object.clone(), m))))
        }
        _ => Err(no_attribute(object, name)),
    }
}

#[cold]
fn no_attribute(object: &Value, name: &str) -> Exc {
    let hint = match (object, name) {
        (Value::Coro(_), _) => {
            "; a coroutine does nothing until it is awaited (`await x`) or spawned (`spawn x`)"
        }
        (Value::Map(_), _) => "; read a map's entries with `m[\"key\"]` or `m.get(\"key\")`",
        _ => "",
    };
    crate::vm::exc(
        crate::vm::ExcKind::AttributeError,
        format!(
            "'{}' object has no attribute '{name}'{hint}",
            object.type_name()
        ),
    )
}
