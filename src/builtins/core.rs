//! The value builtins: `print`, `len`, `type`, conversions, `range`, numbers, `sorted`,
//! randomness and the environment.

use crate::vm::Str;
use std::io::Write;
use std::rc::Rc;

use super::{Args, BuiltinFn};
use crate::rt::{Rt, random};
use crate::syntax::ast::BinOp;
use crate::vm::arith::{self, check_bytes, check_items};
use crate::vm::value::Range;
use crate::vm::{Exc, Site, Value, format, iter, type_error, value_error};

pub static PRINT: BuiltinFn = BuiltinFn {
    name: "print",
    run: print,
};
pub static LEN: BuiltinFn = BuiltinFn {
    name: "len",
    run: len,
};
pub static TYPE: BuiltinFn = BuiltinFn {
    name: "type",
    run: type_of,
};
pub static STR: BuiltinFn = BuiltinFn {
    name: "str",
    run: str_of,
};
pub static REPR: BuiltinFn = BuiltinFn {
    name: "repr",
    run: repr_of,
};
pub static BOOL: BuiltinFn = BuiltinFn {
    name: "bool",
    run: bool_of,
};
pub static LIST: BuiltinFn = BuiltinFn {
    name: "list",
    run: list_of,
};
pub static RANGE: BuiltinFn = BuiltinFn {
    name: "range",
    run: range,
};
pub static MIN: BuiltinFn = BuiltinFn {
    name: "min",
    run: min,
};
pub static MAX: BuiltinFn = BuiltinFn {
    name: "max",
    run: max,
};
pub static SUM: BuiltinFn = BuiltinFn {
    name: "sum",
    run: sum,
};
pub static SORTED: BuiltinFn = BuiltinFn {
    name: "sorted",
    run: sorted,
};
pub static RANDOM: BuiltinFn = BuiltinFn {
    name: "random",
    run: random_of,
};
pub static RANDINT: BuiltinFn = BuiltinFn {
    name: "randint",
    run: randint,
};
pub static ENV: BuiltinFn = BuiltinFn {
    name: "env",
    run: env,
};

fn print(rt: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(0, usize::MAX, &["sep", "end"])?;
    let text_arg = |name: &str, default: &'static str| -> Result<Rc<str>, Exc> {
        match args.kw(name) {
            None | Some(Value::None) => Ok(Rc::from(default)),
            Some(Value::Str(s)) => Ok(s.to_rc()),
            Some(other) => Err(type_error(format!(
                "{name} must be none or a string, not '{}'",
                other.type_name()
            ))),
        }
    };
    let sep = text_arg("sep", " ")?;
    let end = text_arg("end", "\n")?;
    // One line of at most `MAX_BYTES`, as every string is; a string is copied once.
    let mut line = String::new();
    for (i, value) in args.pos.iter().enumerate() {
        if i > 0 {
            line.push_str(&sep);
        }
        match value {
            Value::Str(s) => {
                check_bytes(line.len().saturating_add(s.len()))?;
                line.push_str(s);
            }
            other => {
                let text = format::to_str(other)?;
                check_bytes(line.len().saturating_add(text.len()))?;
                line.push_str(&text);
            }
        }
    }
    line.push_str(&end);
    // What was reported before this print (a task freed just now) comes before its text.
    rt.deliver_events();
    if rt.host.output_error.is_none()
        && let Err(e) = rt.host.out.write_all(line.as_bytes())
    {
        rt.output_failed(e);
    }
    rt.host
        .unflushed_since
        .get_or_insert_with(std::time::Instant::now);
    Ok(Value::None)
}

fn one<'a>(args: &'a Args<'_>) -> Result<&'a Value, Exc> {
    args.accept(1, 1, &[])?;
    Ok(&args.pos[0])
}

fn len(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    let n = match one(args)? {
        Value::Str(s) => s.char_len(),
        Value::List(l) => l.borrow().len(),
        Value::Map(m) => m.borrow().len(),
        Value::Tuple(t) => t.len(),
        Value::Set(s) => s.borrow().len(),
        Value::Range(r) => return Ok(Value::Int(r.checked_len()?)),
        other => {
            return Err(type_error(format!(
                "object of type '{}' has no len()",
                crate::vm::value::python_type_name(other)
            )));
        }
    };
    Ok(Value::Int(n as i64))
}

fn type_of(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    Ok(Value::str(one(args)?.type_name()))
}

fn str_of(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(0, 1, &[])?;
    match args.pos.first() {
        None => Ok(Value::str("")),
        Some(v @ Value::Str(_)) => Ok(v.clone()),
        Some(v) => Ok(Value::Str(Str::from(format::to_str(v)?))),
    }
}

fn repr_of(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    Ok(Value::Str(Str::from(format::try_repr(one(args)?)?)))
}

fn bool_of(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(0, 1, &[])?;
    Ok(Value::Bool(args.pos.first().is_some_and(Value::truthy)))
}

fn list_of(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(0, 1, &[])?;
    match args.pos.first() {
        None => Ok(Value::list(Vec::new())),
        Some(v) => {
            if let Value::Range(r) = v {
                check_items(r.checked_len()? as usize)?;
            }
            Ok(Value::list(iter::collect(v)?))
        }
    }
}

fn int_arg(v: &Value, what: &str) -> Result<i64, Exc> {
    v.as_int().ok_or_else(|| {
        type_error(format!(
            "{what} must be an integer, not '{}'",
            v.type_name()
        ))
    })
}

fn range(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(1, 3, &[])?;
    let n: Vec<i64> = args
        .pos
        .iter()
        .map(|v| int_arg(v, "range() argument"))
        .collect::<Result<_, _>>()?;
    let (start, stop, step) = match n.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        _ => return Err(type_error("range() takes 1 to 3 arguments")),
    };
    if step == 0 {
        return Err(value_error("range() step must not be zero"));
    }
    Ok(Value::Range(Rc::new(Range { start, stop, step })))
}

/// The items `min`/`max` compare: one iterable argument, or several arguments.
fn candidates(args: &Args<'_>) -> Result<Option<Vec<Value>>, Exc> {
    args.accept(1, usize::MAX, &["key", "default"])?;
    if args.pos.len() > 1 && args.kw("default").is_some() {
        return Err(type_error(format!(
            "Cannot specify a default for {}() with multiple positional arguments",
            args.name
        )));
    }
    let items = if args.pos.len() == 1 {
        iter::collect(&args.pos[0])?
    } else {
        args.pos.to_vec()
    };
    if items.is_empty() {
        if args.kw("default").is_some() {
            return Ok(None);
        }
        return Err(value_error(format!(
            "{}() arg is an empty sequence",
            args.name
        )));
    }
    Ok(Some(items))
}

fn min(rt: &mut Rt, args: &Args<'_>, site: &Site) -> Result<Value, Exc> {
    extreme(rt, args, site, std::cmp::Ordering::Less)
}

fn max(rt: &mut Rt, args: &Args<'_>, site: &Site) -> Result<Value, Exc> {
    extreme(rt, args, site, std::cmp::Ordering::Greater)
}

/// The first item that no later one beats in the direction `wins` (`min`, `max`), by its
/// `key` when one is given; ints are compared directly.
fn extreme(
    rt: &mut Rt,
    args: &Args<'_>,
    site: &Site,
    wins: std::cmp::Ordering,
) -> Result<Value, Exc> {
    let Some(items) = candidates(args)? else {
        return Ok(args.kw("default").cloned().unwrap_or(Value::None));
    };
    let keys = sort_keys(rt, &items, args.kw("key"), site)?;
    let keys = keys.as_deref().unwrap_or(&items);
    let mut best = 0;
    for i in 1..items.len() {
        let beats = match (&keys[i], &keys[best]) {
            (Value::Int(a), Value::Int(b)) => a.cmp(b) == wins,
            (item, best) => {
                let op = if wins == std::cmp::Ordering::Less {
                    crate::syntax::ast::CmpOp::Lt
                } else {
                    crate::syntax::ast::CmpOp::Gt
                };
                arith::compare(op, item, best)?
            }
        };
        if beats {
            best = i;
        }
    }
    Ok(items[best].clone())
}

/// The `key` of each item, when a key function is given (and is not `none`).
pub fn sort_keys(
    rt: &mut Rt,
    items: &[Value],
    key: Option<&Value>,
    site: &Site,
) -> Result<Option<Vec<Value>>, Exc> {
    match key {
        None | Some(Value::None) => Ok(None),
        Some(f) => items
            .iter()
            .map(|item| crate::vm::callback::call_value(rt, f, vec![item.clone()], site))
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
    }
}

fn sum(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(1, 2, &["start"])?;
    let mut total = args.get(1, "start").cloned().unwrap_or(Value::Int(0));
    if matches!(total, Value::Str(_)) {
        return Err(type_error("sum() can't sum strings; use \"\".join(items)"));
    }
    // Ints are added here, and a list is read in place rather than copied.
    let add = |total: Value, item: &Value| match (&total, item) {
        (Value::Int(a), Value::Int(b)) => match arith::int_fast(BinOp::Add, *a, *b) {
            Some(n) => Ok(Value::Int(n)),
            None => arith::binary(BinOp::Add, &total, item),
        },
        _ => arith::binary(BinOp::Add, &total, item),
    };
    if let Value::List(list) = &args.pos[0] {
        for item in list.borrow().iter() {
            total = add(total, item)?;
        }
    } else {
        for item in iter::collect(&args.pos[0])? {
            total = add(total, &item)?;
        }
    }
    Ok(total)
}

fn sorted(rt: &mut Rt, args: &Args<'_>, site: &Site) -> Result<Value, Exc> {
    args.accept(1, 1, &["key", "reverse"])?;
    let mut items = iter::collect(&args.pos[0])?;
    let reverse = args.kw("reverse").is_some_and(Value::truthy);
    sort_values(rt, &mut items, args.kw("key"), reverse, site)?;
    Ok(Value::list(items))
}

/// Sorts stably by `<` (of each item's `key` when there is one), raising `TypeError` when
/// two cannot be compared.
pub fn sort_values(
    rt: &mut Rt,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
    site: &Site,
) -> Result<(), Exc> {
    crate::rt::work::spend(items.len());
    let mut failure = None;
    let mut compare = |a: &Value, b: &Value| match arith::sort_order(a, b) {
        Ok(ord) => {
            if reverse {
                ord.reverse()
            } else {
                ord
            }
        }
        Err(e) => {
            failure.get_or_insert(e);
            std::cmp::Ordering::Equal
        }
    };
    match sort_keys(rt, items, key, site)? {
        None => items.sort_by(|a, b| compare(a, b)),
        Some(keys) => {
            let mut order: Vec<usize> = (0..items.len()).collect();
            order.sort_by(|&a, &b| compare(&keys[a], &keys[b]));
            let sorted = order.into_iter().map(|i| items[i].clone()).collect();
            *items = sorted;
        }
    }
    match failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn random_of(rt: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(0, 0, &[])?;
    Ok(Value::Float(random::random(&mut rt.host.rng)))
}

fn randint(rt: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(2, 2, &[])?;
    let a = int_arg(&args.pos[0], "randint() bound")?;
    let b = int_arg(&args.pos[1], "randint() bound")?;
    if b < a {
        return Err(value_error(format!("empty range for randint({a}, {b})")));
    }
    // Up to 2^64 values: `randint(-2**63, 2**63 - 1)` draws from all of them.
    let width = (i128::from(b) - i128::from(a) + 1) as u128;
    let drawn = i128::from(a) + random::below(&mut rt.host.rng, width) as i128;
    Ok(Value::Int(drawn as i64))
}

fn env(rt: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(1, 2, &["default"])?;
    let Value::Str(name) = &args.pos[0] else {
        return Err(type_error("env() takes the variable's name as a string"));
    };
    let default = args.get(1, "default").cloned().unwrap_or(Value::None);
    if !rt.host.config.allow_env {
        return Ok(default);
    }
    Ok(std::env::var(&**name)
        .map(|v| Value::Str(Str::from(v)))
        .unwrap_or(default))
}
