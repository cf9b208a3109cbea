//! The builtins over iterables and the everyday conversions: `enumerate`, `zip`, `any`,
//! `all`, `reversed`, `map`, `filter`, `tuple`, `set`, `dict`, `ord`, `chr`, `pow`,
//! `isinstance`, `hash`, `format`.
//!
//! Python's `enumerate`, `zip`, `reversed`, `map` and `filter` return lazy iterators; these
//! return lists (a documented difference), which iterate, index and print the same way
//! once `list()` is applied on the Python side.

use std::hash::{Hash, Hasher};

use indexmap::{IndexMap, IndexSet};

use super::{Args, BuiltinFn};
use crate::rt::Rt;
use crate::vm::callback::call_value;
use crate::vm::value::{Key, python_type_name};
use crate::vm::{Exc, ExcKind, Site, Str, Value, exc, format, iter, type_error, value_error};

macro_rules! builtins {
    ($($stat:ident => $name:literal, $run:ident;)*) => {
        $(pub static $stat: BuiltinFn = BuiltinFn { name: $name, run: $run };)*
    };
}

builtins! {
    ENUMERATE => "enumerate", enumerate;
    ZIP => "zip", zip;
    ANY => "any", any;
    ALL => "all", all;
    REVERSED => "reversed", reversed;
    MAP => "map", map;
    FILTER => "filter", filter;
    TUPLE => "tuple", tuple;
    SET => "set", set;
    DICT => "dict", dict;
    ORD => "ord", ord;
    CHR => "chr", chr;
    POW => "pow", pow;
    ISINSTANCE => "isinstance", isinstance;
    HASH => "hash", hash;
    FORMAT => "format", format_of;
}

/// The items of an argument, with Python's message for a value that is not iterable.
pub fn items_of(value: &Value) -> Result<Vec<Value>, Exc> {
    iter::collect(value)
}

fn enumerate(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(1, 2, &["start"])?;
    let start = match args.get(1, "start") {
        None => 0,
        Some(v) => v.as_int().ok_or_else(|| {
            type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                python_type_name(v)
            ))
        })?,
    };
    let items = items_of(&args.pos[0])?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let n = start.checked_add(i as i64).ok_or_else(|| {
            exc(
                ExcKind::OverflowError,
                "enumerate() count does not fit in 64 bits",
            )
        })?;
        out.push(Value::tuple(vec![Value::Int(n), item]));
    }
    Ok(Value::list(out))
}

fn zip(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(0, usize::MAX, &[])?;
    let columns: Vec<Vec<Value>> = args
        .pos
        .iter()
        .enumerate()
        .map(|(i, v)| {
            items_of(v)
                .map_err(|_| type_error(format!("zip argument #{} must support iteration", i + 1)))
        })
        .collect::<Result<_, _>>()?;
    let n = columns.iter().map(Vec::len).min().unwrap_or(0);
    let rows = (0..n)
        .map(|i| Value::tuple(columns.iter().map(|c| c[i].clone()).collect()))
        .collect();
    Ok(Value::list(rows))
}

fn any(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(1, 1, &[])?;
    Ok(Value::Bool(
        items_of(&args.pos[0])?.iter().any(Value::truthy),
    ))
}

fn all(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(1, 1, &[])?;
    Ok(Value::Bool(
        items_of(&args.pos[0])?.iter().all(Value::truthy),
    ))
}

fn reversed(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(1, 1, &[])?;
    match &args.pos[0] {
        Value::Map(_) | Value::Set(_) | Value::Gen(_) => Err(type_error(format!(
            "'{}' object is not reversible",
            python_type_name(&args.pos[0])
        ))),
        v => {
            let mut items = items_of(v)?;
            items.reverse();
            Ok(Value::list(items))
        }
    }
}

fn map(rt: &mut Rt, args: &Args<'_>, site: &Site) -> Result<Value, Exc> {
    args.accept(2, usize::MAX, &[])?;
    let f = &args.pos[0];
    let columns: Vec<Vec<Value>> = args.pos[1..]
        .iter()
        .map(items_of)
        .collect::<Result<_, _>>()?;
    let n = columns.iter().map(Vec::len).min().unwrap_or(0);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let call_args = columns.iter().map(|c| c[i].clone()).collect();
        out.push(call_value(rt, f, call_args, site)?);
    }
    Ok(Value::list(out))
}

fn filter(rt: &mut Rt, args: &Args<'_>, site: &Site) -> Result<Value, Exc> {
    args.accept(2, 2, &[])?;
    let f = &args.pos[0];
    let mut out = Vec::new();
    for item in items_of(&args.pos[1])? {
        let keep = match f {
            Value::None => item.truthy(),
            f => call_value(rt, f, vec![item.clone()], site)?.truthy(),
        };
        if keep {
            out.push(item);
        }
    }
    Ok(Value::list(out))
}

fn tuple(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(0, 1, &[])?;
    match args.pos.first() {
        None => Ok(Value::tuple(Vec::new())),
        Some(v @ Value::Tuple(_)) => Ok(v.clone()),
        Some(v) => Ok(Value::tuple(items_of(v)?)),
    }
}

/// The members of an iterable as a set.
pub fn set_from(value: &Value) -> Result<IndexSet<Key>, Exc> {
    let mut set = IndexSet::new();
    for item in items_of(value)? {
        set.insert(Key::new(item)?);
    }
    Ok(set)
}

fn set(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(0, 1, &[])?;
    match args.pos.first() {
        None => Ok(Value::set(IndexSet::new())),
        Some(v) => Ok(Value::set(set_from(v)?)),
    }
}

/// `dict(m)`, `dict(pairs)`, `dict(a = 1)`: Python's constructor, making a map.
fn dict(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    if args.pos.len() > 1 {
        return Err(type_error(format!(
            "dict expected at most 1 argument, got {}",
            args.pos.len()
        )));
    }
    let mut map = IndexMap::new();
    if let Some(source) = args.pos.first() {
        if let Value::Map(m) = source {
            map = m.borrow().clone();
        } else {
            for (i, pair) in items_of(source)?.into_iter().enumerate() {
                let items = iter::collect(&pair).map_err(|_| {
                    type_error(format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    ))
                })?;
                let [k, v]: [Value; 2] = items.try_into().map_err(|items: Vec<Value>| {
                    value_error(format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        items.len()
                    ))
                })?;
                map.insert(Key::new(k)?, v);
            }
        }
    }
    for (name, value) in args.names.iter().zip(args.values) {
        map.insert(Key(Value::str(name)), value.clone());
    }
    Ok(Value::map(map))
}

fn ord(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(1, 1, &[])?;
    match &args.pos[0] {
        Value::Str(s) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => Err(type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.char_len()
                ))),
            }
        }
        other => Err(type_error(format!(
            "ord() expected string of length 1, but {} found",
            python_type_name(other)
        ))),
    }
}

fn chr(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(1, 1, &[])?;
    let Some(n) = args.pos[0].as_int() else {
        return Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            python_type_name(&args.pos[0])
        )));
    };
    let c = u32::try_from(n).ok().and_then(char::from_u32);
    match c {
        Some(c) => Ok(Value::Str(Str::from(c.to_string()))),
        // Python accepts lone surrogates, which a Rust string cannot hold.
        None => Err(value_error("chr() arg not in range(0x110000)")),
    }
}

fn pow(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(2, 3, &["mod"])?;
    let (base, exp) = (&args.pos[0], &args.pos[1]);
    let Some(m) = args.get(2, "mod").filter(|m| !matches!(m, Value::None)) else {
        return crate::vm::arith::binary(crate::syntax::ast::BinOp::Pow, base, exp);
    };
    let (Some(b), Some(e), Some(m)) = (base.as_int(), exp.as_int(), m.as_int()) else {
        return Err(type_error(
            "pow() 3rd argument not allowed unless all arguments are integers",
        ));
    };
    if m == 0 {
        return Err(value_error("pow() 3rd argument cannot be 0"));
    }
    let modulus = i128::from(m);
    let mut base = i128::from(b).rem_euclid(modulus.abs());
    let mut e = i128::from(e);
    if e < 0 {
        base = mod_inverse(base, modulus.abs())
            .ok_or_else(|| value_error("base is not invertible for the given modulus"))?;
        e = -e;
    }
    let mut result: i128 = 1 % modulus.abs();
    while e > 0 {
        if e & 1 == 1 {
            result = result * base % modulus.abs();
        }
        base = base * base % modulus.abs();
        e >>= 1;
    }
    // Python's result takes the modulus's sign.
    if m < 0 && result != 0 {
        result += modulus;
    }
    Ok(Value::Int(result as i64))
}

fn mod_inverse(a: i128, m: i128) -> Option<i128> {
    let (mut old_r, mut r) = (a, m);
    let (mut old_s, mut s) = (1i128, 0i128);
    while r != 0 {
        let q = old_r / r;
        (old_r, r) = (r, old_r - q * r);
        (old_s, s) = (s, old_s - q * s);
    }
    (old_r == 1).then(|| old_s.rem_euclid(m))
}

/// Whether `value` is of the kind named: a type's name (`"int"`, `"map"`...), an exception
/// kind (`ValueError`), or a tuple of either. A bool is an int, as in Python.
fn isinstance(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(2, 2, &[])?;
    Ok(Value::Bool(is_kind(&args.pos[0], &args.pos[1])?))
}

fn is_kind(value: &Value, kind: &Value) -> Result<bool, Exc> {
    match kind {
        Value::Str(name) => {
            let actual = value.type_name();
            Ok(actual == &**name
                || (&**name == "int" && actual == "bool")
                || (&**name == "dict" && actual == "map")
                || (&**name == "function" && matches!(value, Value::Func(_)))
                || matches!(value, Value::Exc(e) if crate::vm::ExcKind::from_name(name).is_some_and(|k| e.kind.is_a(k))))
        }
        Value::ExcType(k) => Ok(matches!(value, Value::Exc(e) if e.kind.is_a(*k))),
        Value::Tuple(kinds) => {
            for k in kinds.iter() {
                if is_kind(value, k)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(type_error(
            "isinstance() arg 2 must be a type name, an exception kind, or a tuple of them",
        )),
    }
}

fn hash(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(1, 1, &[])?;
    let value = &args.pos[0];
    let key = Key::new(value.clone())?;
    // Numbers hash as Python's small ones do: to themselves (and -1 to -2).
    let n = match value {
        Value::Int(n) => Some(*n),
        Value::Bool(b) => Some(*b as i64),
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Some(*f as i64),
        _ => None,
    };
    if let Some(n) = n {
        return Ok(Value::Int(if n == -1 { -2 } else { n }));
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut hasher);
    Ok(Value::Int(hasher.finish() as i64))
}

fn format_of(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(1, 2, &[])?;
    let spec = match args.pos.get(1) {
        None => "",
        Some(Value::Str(s)) => s,
        Some(other) => {
            return Err(type_error(format!(
                "format() argument 2 must be str, not {}",
                python_type_name(other)
            )));
        }
    };
    let text = if spec.is_empty() {
        format::to_str(&args.pos[0])?
    } else {
        format::format_spec(&args.pos[0], spec)?
    };
    Ok(Value::Str(Str::from(text)))
}
