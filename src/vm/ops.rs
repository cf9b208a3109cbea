//! The language's core operations on values: indexing, slicing, unpacking, building maps
//! and strings.

use std::rc::Rc;
use std::time::{Duration, Instant};

use indexmap::IndexMap;

use super::code::{Capture, Code};
use super::exception::{Exc, ExcKind, exc, type_error, value_error};
use super::format;
use super::iter;
use super::str::Str;
use super::value::{Key, Value, python_type_name};
use crate::syntax::ast::CmpOp;

pub fn int_compare(op: CmpOp, a: i64, b: i64) -> bool {
    match op {
        CmpOp::Eq | CmpOp::Is => a == b,
        CmpOp::Ne | CmpOp::IsNot => a != b,
        CmpOp::Lt => a < b,
        CmpOp::Le => a <= b,
        CmpOp::Gt => a > b,
        CmpOp::Ge => a >= b,
        // `in` needs a container; an int is not one.
        CmpOp::In | CmpOp::NotIn => false,
    }
}

/// Resolves a possibly negative index against a length.
fn position(index: i64, len: usize) -> Option<usize> {
    let i = if index < 0 { index + len as i64 } else { index };
    (0..len as i64).contains(&i).then_some(i as usize)
}

fn index_int(index: &Value, container: &str) -> Result<i64, Exc> {
    index.as_int().ok_or_else(|| {
        type_error(format!(
            "{container} indices must be integers, not '{}'",
            index.type_name()
        ))
    })
}

pub fn index(object: &Value, index: &Value) -> Result<Value, Exc> {
    match object {
        Value::List(list) => {
            let i = index_int(index, "list")?;
            let list = list.borrow();
            position(i, list.len())
                .map(|i| list[i].clone())
                .ok_or_else(|| exc(ExcKind::IndexError, "list index out of range"))
        }
        Value::Tuple(items) => {
            let i = index_int(index, "tuple")?;
            position(i, items.len())
                .map(|i| items[i].clone())
                .ok_or_else(|| exc(ExcKind::IndexError, "tuple index out of range"))
        }
        Value::Str(s) => {
            let i = index_int(index, "string")?;
            position(i, s.char_len())
                .and_then(|i| s.char_at(i))
                .map(|c| Value::Str(Str::from(c)))
                .ok_or_else(|| exc(ExcKind::IndexError, "string index out of range"))
        }
        Value::Map(map) => {
            let key = Key::new(index.clone())?;
            map.borrow().get(&key).cloned().ok_or_else(|| {
                super::exception::Exception::with_arg(ExcKind::KeyError, index.clone())
            })
        }
        Value::Range(r) => {
            // A range may hold more than `i64::MAX` ints: the index is resolved in i128.
            let i = i128::from(index_int(index, "range")?);
            let len = i128::from(r.len());
            let i = if i < 0 { i + len } else { i };
            (0..len)
                .contains(&i)
                .then(|| Value::Int(r.get(i as u64)))
                .ok_or_else(|| exc(ExcKind::IndexError, "range object index out of range"))
        }
        other => Err(type_error(format!(
            "'{}' object is not subscriptable",
            python_type_name(other)
        ))),
    }
}

pub fn store_index(object: &Value, index: Value, value: Value) -> Result<(), Exc> {
    match object {
        Value::List(list) => {
            let i = index_int(&index, "list")?;
            let mut list = list.borrow_mut();
            let len = list.len();
            let i = position(i, len)
                .ok_or_else(|| exc(ExcKind::IndexError, "list assignment index out of range"))?;
            list[i] = value;
            Ok(())
        }
        Value::Map(map) => {
            let key = Key::new(index)?;
            let mut map = map.borrow_mut();
            super::arith::reserve_entry(&mut map)?;
            map.insert(key, value);
            Ok(())
        }
        other => Err(type_error(format!(
            "'{}' object does not support item assignment",
            python_type_name(other)
        ))),
    }
}

/// Python's `slice.indices(len)`: the start, stop and step `lo:hi:step` means for a
/// sequence of `len`, clamped as Python clamps them. In i128, as a range's length may
/// pass `i64::MAX`.
fn slice_bounds(len: u64, lo: &Value, hi: &Value, step: &Value) -> Result<(i128, i128, i128), Exc> {
    let len = i128::from(len);
    let step = match step {
        Value::None => 1,
        v => i128::from(
            v.as_int()
                .ok_or_else(|| type_error("slice indices must be integers or none"))?,
        ),
    };
    if step == 0 {
        return Err(value_error("slice step cannot be zero"));
    }
    let bound = |v: &Value, default: i128| -> Result<i128, Exc> {
        match v {
            Value::None => Ok(default),
            v => {
                let i = i128::from(
                    v.as_int()
                        .ok_or_else(|| type_error("slice indices must be integers or none"))?,
                );
                let i = if i < 0 { i + len } else { i };
                Ok(if step > 0 {
                    i.clamp(0, len)
                } else {
                    i.clamp(-1, len - 1)
                })
            }
        }
    };
    if step > 0 {
        Ok((bound(lo, 0)?, bound(hi, len)?, step))
    } else {
        Ok((bound(lo, len - 1)?, bound(hi, -1)?, step))
    }
}

/// The positions a slice selects.
fn slice_positions(len: usize, lo: &Value, hi: &Value, step: &Value) -> Result<Vec<usize>, Exc> {
    let (start, stop, step) = slice_bounds(len as u64, lo, hi, step)?;
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step;
    }
    Ok(out)
}

pub fn slice(object: &Value, lo: &Value, hi: &Value, step: &Value) -> Result<Value, Exc> {
    match object {
        Value::List(list) => {
            let list = list.borrow();
            let picks = slice_positions(list.len(), lo, hi, step)?;
            Ok(Value::list(
                picks.into_iter().map(|i| list[i].clone()).collect(),
            ))
        }
        Value::Tuple(items) => {
            let picks = slice_positions(items.len(), lo, hi, step)?;
            Ok(Value::tuple(
                picks.into_iter().map(|i| items[i].clone()).collect(),
            ))
        }
        Value::Str(s) => {
            // A slice reads only the characters it selects: `big[0:3]` copies three.
            let (start, stop, step) = slice_bounds(s.char_len() as u64, lo, hi, step)?;
            if step == 1 {
                let part = s.chars_between(start as usize, stop.max(start) as usize);
                return Ok(Value::Str(Str::from(part)));
            }
            let mut out = String::new();
            let mut i = start;
            while (step > 0 && i < stop) || (step < 0 && i > stop) {
                if let Some(c) = s.char_at(i as usize) {
                    out.push(c);
                }
                i += step;
            }
            Ok(Value::Str(Str::from(out)))
        }
        Value::Range(r) => {
            // Python slices a range into a range.
            let (start, stop, step) = slice_bounds(r.len(), lo, hi, step)?;
            let clamp = |n: i128| n.clamp(i64::MIN.into(), i64::MAX.into()) as i64;
            let at = |i: i128| clamp(i128::from(r.start) + i * i128::from(r.step));
            let range = super::value::Range {
                start: at(start),
                stop: at(stop),
                step: clamp(i128::from(r.step) * step),
            };
            Ok(Value::Range(Rc::new(range)))
        }
        other => Err(type_error(format!(
            "'{}' object is not subscriptable",
            python_type_name(other)
        ))),
    }
}

/// `a, b = value`: exactly `n` items.
pub fn unpack(value: &Value, n: usize) -> Result<Vec<Value>, Exc> {
    let items = iter::collect(value).map_err(|_| {
        type_error(format!(
            "cannot unpack non-iterable '{}' object",
            value.type_name()
        ))
    })?;
    match items.len().cmp(&n) {
        std::cmp::Ordering::Equal => Ok(items),
        std::cmp::Ordering::Greater => Err(value_error(format!(
            "too many values to unpack (expected {n})"
        ))),
        std::cmp::Ordering::Less => Err(value_error(format!(
            "not enough values to unpack (expected {n}, got {})",
            items.len()
        ))),
    }
}

/// Builds a set from its members.
pub fn build_set(items: Vec<Value>) -> Result<Value, Exc> {
    let mut set = indexmap::IndexSet::with_capacity(items.len());
    for item in items {
        set.insert(Key::new(item)?);
    }
    Ok(Value::set(set))
}

/// One item of a list or set comprehension, into the result it builds.
pub fn comp_append(result: &Value, item: Value) -> Result<(), Exc> {
    match result {
        Value::List(list) => {
            let mut items = list.borrow_mut();
            super::arith::reserve_items(&mut items, 1)?;
            items.push(item);
            Ok(())
        }
        Value::Set(set) => {
            set.borrow_mut().insert(Key::new(item)?);
            Ok(())
        }
        _ => Err(internal("a comprehension without its result")),
    }
}

/// One entry of a map comprehension.
pub fn comp_insert(result: &Value, key: Value, value: Value) -> Result<(), Exc> {
    match result {
        Value::Map(map) => {
            map.borrow_mut().insert(Key::new(key)?, value);
            Ok(())
        }
        _ => Err(internal("a comprehension without its result")),
    }
}

fn internal(what: &str) -> Exc {
    super::exception::exc(
        super::exception::ExcKind::RuntimeError,
        format!("internal error: {what}"),
    )
}

/// `MakeCell`: the slot's value moves into a new cell, unless the slot is one already.
pub fn make_cell(slot: &mut Value) {
    if !matches!(slot, Value::Cell(_)) {
        let value = std::mem::take(slot);
        *slot = Value::Cell(std::rc::Rc::new(super::value::Cell(
            std::cell::RefCell::new(value),
        )));
    }
}

/// The value a cell holds.
pub fn cell_get(cell: &Value) -> Result<Value, Exc> {
    match cell {
        Value::Cell(c) => match &*c.0.borrow() {
            Value::Undef => Err(super::exception::exc(
                super::exception::ExcKind::NameError,
                "a captured variable is used before its value is set",
            )),
            v => Ok(v.clone()),
        },
        _ => Err(internal("a captured variable without its cell")),
    }
}

pub fn cell_set(cell: &Value, value: Value) -> Result<(), Exc> {
    match cell {
        Value::Cell(c) => {
            let old = c.0.replace(value);
            drop(old);
            Ok(())
        }
        _ => Err(internal("a captured variable without its cell")),
    }
}

/// `MakeClosure`: the function `template` with the cells it captures from the frame whose
/// code is `code` and whose locals start `locals`.
pub fn make_closure(code: &Code, template: &Value, locals: &[Value]) -> Value {
    let Value::Func(template) = template else {
        return template.clone();
    };
    if template.captures.is_empty() {
        return Value::Func(template.clone());
    }
    let captured = template
        .captures
        .iter()
        .map(|c| match *c {
            Capture::Local(slot) => locals.get(slot as usize).cloned().unwrap_or_default(),
            Capture::Free(i) => code.captured.get(i as usize).cloned().unwrap_or_default(),
        })
        .collect();
    Value::Func(std::rc::Rc::new(template.closure(captured)))
}

/// Builds a map from alternating keys and values.
pub fn build_map(items: Vec<Value>) -> Result<Value, Exc> {
    let mut map = IndexMap::with_capacity(items.len() / 2);
    let mut it = items.into_iter();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        map.insert(Key::new(k)?, v);
    }
    Ok(Value::map(map))
}

/// Joins the pieces of an f-string (each already a string), within `MAX_BYTES`.
pub fn concat(parts: &[Value]) -> Result<Value, Exc> {
    let total = parts.iter().fold(0usize, |n, part| match part {
        Value::Str(s) => n.saturating_add(s.len()),
        _ => n,
    });
    super::arith::check_bytes(total)?;
    let mut out = String::with_capacity(total);
    for part in parts {
        match part {
            Value::Str(s) => out.push_str(s),
            other => out.push_str(&format::repr(other)),
        }
    }
    Ok(Value::Str(Str::from(out)))
}

/// A duration argument in seconds.
pub fn seconds(value: &Value, what: &str) -> Result<f64, Exc> {
    let secs = match value {
        Value::Int(n) => *n as f64,
        Value::Float(f) => *f,
        Value::Bool(b) => *b as i64 as f64,
        other => {
            return Err(type_error(format!(
                "{what} takes a number of seconds, not '{}'",
                other.type_name()
            )));
        }
    };
    if secs.is_nan() {
        return Err(value_error(format!(
            "{what}: the delay is not a number (nan)"
        )));
    }
    Ok(secs)
}

/// The instant `secs` from now, for any finite or infinite non-NaN delay.
pub fn deadline_after(secs: f64) -> Instant {
    // A century is "never" for a run; it keeps `Instant` arithmetic in range.
    const NEVER: f64 = 100.0 * 365.0 * 86400.0;
    let now = Instant::now();
    let secs = secs.clamp(0.0, NEVER);
    now.checked_add(Duration::from_secs_f64(secs))
        .unwrap_or(now + Duration::from_secs(86400))
}
