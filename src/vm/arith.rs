//! Operators with Python's rules: `/` is float division, `//` floors, `%` takes the
//! divisor's sign, 64-bit integer overflow raises `OverflowError`, `str * int` repeats.

use std::cmp::Ordering;
use std::rc::Rc;

use super::exception::{Exc, ExcKind, WithHelp, exc, type_error};
use super::str::Str;
use super::value::{Key, Value, python_type_name};
use crate::rt::memory::{try_string, try_vec};
use crate::syntax::ast::{BinOp, CmpOp};

/// The most memory one string or list may take; building a larger one raises
/// `MemoryError` instead of exhausting the machine.
pub const MAX_BYTES: usize = 1 << 30;

/// How deeply `==` and `<` compare nested lists before raising `RecursionError`.
const MAX_COMPARE_DEPTH: usize = 500;

/// `a op= b`: a list on the left is extended (`+=`) or repeated (`*=`) in place and
/// returned; everything else is `a op b`.
pub fn update(op: BinOp, a: &Value, b: &Value) -> Result<Value, Exc> {
    if let Value::List(list) = a {
        match op {
            BinOp::Add => {
                let more = super::iter::collect(b).map_err(|_| {
                    type_error(format!("'{}' object is not iterable", b.type_name()))
                })?;
                let mut items = list.borrow_mut();
                reserve_items(&mut items, more.len())?;
                items.extend(more);
                return Ok(a.clone());
            }
            BinOp::Mul if int_like(b).is_some() => {
                let mut items = list.borrow_mut();
                let times = repeat_count(b, items.len(), check_items)?;
                let mut repeated = try_vec(items.len() * times)?;
                for _ in 0..times {
                    repeated.extend(items.iter().cloned());
                }
                *items = repeated;
                return Ok(a.clone());
            }
            _ => {}
        }
    }
    binary(op, a, b)
}

fn is_bitwise(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::Shl | BinOp::Shr
    )
}

pub fn binary(op: BinOp, a: &Value, b: &Value) -> Result<Value, Exc> {
    use Value::Int;
    if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
        // `true & false` is a bool, as in Python; shifts make ints.
        match op {
            BinOp::BitAnd => return Ok(Value::Bool(x & y)),
            BinOp::BitOr => return Ok(Value::Bool(x | y)),
            BinOp::BitXor => return Ok(Value::Bool(x ^ y)),
            _ => {}
        }
    }
    if let (Some(x), Some(y)) = (int_like(a), int_like(b)) {
        return int_op(op, x, y);
    }
    if let (Some(x), Some(y)) = (num(a), num(b))
        && !is_bitwise(op)
    {
        return float_op(op, x, y);
    }
    if (is_bitwise(op) || op == BinOp::Sub)
        && let (Value::Set(x), Value::Set(y)) = (a, b)
    {
        return set_op(op, &x.borrow(), &y.borrow());
    }
    match (op, a, b) {
        (BinOp::Add, Value::Str(x), Value::Str(y)) => {
            check_bytes(x.len() + y.len())?;
            let mut s = try_string(x.len() + y.len())?;
            s.push_str(x);
            s.push_str(y);
            Ok(Value::Str(Str::from(s)))
        }
        (BinOp::Add, Value::List(x), Value::List(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            Ok(Value::list(joined(&x, &y)?))
        }
        (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => Ok(Value::tuple(joined(x, y)?)),
        (BinOp::Mul, Value::Tuple(t), n @ (Int(_) | Value::Bool(_)))
        | (BinOp::Mul, n @ (Int(_) | Value::Bool(_)), Value::Tuple(t)) => {
            let times = repeat_count(n, t.len(), check_items)?;
            crate::rt::work::spend(t.len() * times);
            let mut out = try_vec(t.len() * times)?;
            for _ in 0..times {
                out.extend(t.iter().cloned());
            }
            Ok(Value::tuple(out))
        }
        (BinOp::Add, Value::Str(_) | Value::List(_) | Value::Tuple(_), _) => {
            let name = python_type_name(a);
            Err(type_error(format!(
                "can only concatenate {name} (not \"{}\") to {name}",
                python_type_name(b)
            )))
        }
        (BinOp::Mul, Value::Str(s), n @ (Int(_) | Value::Bool(_)))
        | (BinOp::Mul, n @ (Int(_) | Value::Bool(_)), Value::Str(s)) => {
            let times = repeat_count(n, s.len(), check_bytes)?;
            Ok(Value::Str(Str::from(repeat_str(s, times)?)))
        }
        (BinOp::Mul, Value::List(l), n @ (Int(_) | Value::Bool(_)))
        | (BinOp::Mul, n @ (Int(_) | Value::Bool(_)), Value::List(l)) => {
            let items = l.borrow();
            let times = repeat_count(n, items.len(), check_items)?;
            crate::rt::work::spend(items.len() * times);
            let mut out = try_vec(items.len() * times)?;
            for _ in 0..times {
                out.extend(items.iter().cloned());
            }
            Ok(Value::list(out))
        }
        (BinOp::Mod, Value::Str(_), _) => Err(type_error(
            "`%` formatting of strings is not supported; use an f-string: f\"{x}\"",
        )),
        _ => Err(type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.symbol(),
            python_type_name(a),
            python_type_name(b),
        ))
        .with_help(forgot_await(a, b))),
    }
}

fn joined(x: &[Value], y: &[Value]) -> Result<Vec<Value>, Exc> {
    check_items(x.len() + y.len())?;
    let mut items = try_vec(x.len() + y.len())?;
    items.extend(x.iter().cloned());
    items.extend(y.iter().cloned());
    Ok(items)
}

/// `a | b`, `a & b`, `a - b` (reached through `BinOp::Sub` below) and `a ^ b` on sets.
pub fn set_op(
    op: BinOp,
    a: &indexmap::IndexSet<Key>,
    b: &indexmap::IndexSet<Key>,
) -> Result<Value, Exc> {
    crate::rt::work::spend(a.len() + b.len());
    let out: indexmap::IndexSet<Key> = match op {
        BinOp::BitOr => a.union(b).cloned().collect(),
        BinOp::BitAnd => a.intersection(b).cloned().collect(),
        BinOp::Sub => a.difference(b).cloned().collect(),
        BinOp::BitXor => a.symmetric_difference(b).cloned().collect(),
        _ => {
            return Err(type_error(format!(
                "unsupported operand type(s) for {}: 'set' and 'set'",
                op.symbol()
            )));
        }
    };
    Ok(Value::set(out))
}

/// `~x`
pub fn invert(v: &Value) -> Result<Value, Exc> {
    match v {
        Value::Int(n) => Ok(Value::Int(!n)),
        Value::Bool(b) => Ok(Value::Int(!(*b as i64))),
        other => Err(type_error(format!(
            "bad operand type for unary ~: '{}'",
            python_type_name(other)
        ))),
    }
}

/// `s * times`, with the system's refusal of the memory raised as `MemoryError`. Copies
/// in doublings, as `str::repeat` does.
fn repeat_str(s: &str, times: usize) -> Result<String, Exc> {
    let total = s.len() * times;
    crate::rt::work::spend(total / 16);
    let mut bytes: Vec<u8> = try_vec(total)?;
    if times > 0 {
        bytes.extend_from_slice(s.as_bytes());
    }
    while !bytes.is_empty() && bytes.len() * 2 <= total {
        bytes.extend_from_within(..);
    }
    let rest = total - bytes.len();
    bytes.extend_from_within(..rest);
    // Copies of whole UTF-8 strings are UTF-8.
    String::from_utf8(bytes).map_err(|_| exc(ExcKind::RuntimeError, "internal error: repeat"))
}

fn int_like(v: &Value) -> Option<i64> {
    match v {
        Value::Int(n) => Some(*n),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Int(n) => Some(*n as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// How many times to repeat a sequence of `unit` bytes or items, checked by `check`.
fn repeat_count(n: &Value, unit: usize, check: fn(usize) -> Result<(), Exc>) -> Result<usize, Exc> {
    let n = int_like(n).unwrap_or(0);
    if n <= 0 {
        return Ok(0);
    }
    let times = usize::try_from(n).unwrap_or(usize::MAX);
    check(unit.saturating_mul(times))?;
    Ok(times)
}

/// Checks that a string of `n` bytes stays within `MAX_BYTES` and that the run may
/// allocate that much more (`rt::memory`): called before a string of `n` bytes is built,
/// and as one grows (then it asks for room for its next doubling).
#[inline]
pub fn check_bytes(n: usize) -> Result<(), Exc> {
    if n > MAX_BYTES {
        return Err(exc(
            ExcKind::MemoryError,
            format!("a string of {n} bytes is larger than the limit of {MAX_BYTES}"),
        ));
    }
    crate::rt::memory::check_grow(n)
}

/// Checks that a list of `n` items stays within `MAX_BYTES` and that the run may allocate
/// that many items more: called before a list of `n` items is built, and as one grows.
#[inline]
pub fn check_items(n: usize) -> Result<(), Exc> {
    let bytes = n.saturating_mul(std::mem::size_of::<Value>());
    if bytes > MAX_BYTES {
        return Err(exc(
            ExcKind::MemoryError,
            format!(
                "a list of {n} items is larger than the limit of {} items",
                MAX_BYTES / std::mem::size_of::<Value>()
            ),
        ));
    }
    crate::rt::memory::check_grow(bytes)
}

/// Makes room for `extra` more items in a list, as it grows: within `MAX_BYTES`, within
/// the run's memory limit for the reallocation (only when one is due, so `append` costs a
/// comparison), and with the system's refusal raised as `MemoryError` instead of an abort.
#[inline]
pub fn reserve_items(items: &mut Vec<Value>, extra: usize) -> Result<(), Exc> {
    if items.capacity() - items.len() >= extra {
        return Ok(());
    }
    grow_items(items, extra)
}

#[cold]
fn grow_items(items: &mut Vec<Value>, extra: usize) -> Result<(), Exc> {
    let len = items.len().saturating_add(extra);
    check_items(len)?;
    // `Vec` at least doubles: what the new block adds is at least the old one again.
    let grown = len.max(items.capacity().saturating_mul(2)) - items.capacity();
    crate::rt::memory::check_grow(grown.saturating_mul(std::mem::size_of::<Value>()))?;
    items
        .try_reserve(extra)
        .map_err(|_| crate::rt::memory::allocation_failed(len * std::mem::size_of::<Value>()))
}

/// What a map entry costs: its key, value and hash in the entries, and its slot in the
/// index table.
const ENTRY_COST: usize = 72;

/// Makes room for one more entry in a map, as [`reserve_items`] does for lists.
#[inline]
pub fn reserve_entry(map: &mut indexmap::IndexMap<Key, Value>) -> Result<(), Exc> {
    if map.capacity() > map.len() {
        return Ok(());
    }
    grow_map(map)
}

#[cold]
fn grow_map(map: &mut indexmap::IndexMap<Key, Value>) -> Result<(), Exc> {
    let len = map.len() + 1;
    check_bytes(len.saturating_mul(ENTRY_COST).min(MAX_BYTES))?;
    let grown = len.max(map.capacity().saturating_mul(2)) - map.capacity();
    crate::rt::memory::check_grow(grown.saturating_mul(ENTRY_COST))?;
    map.try_reserve(1)
        .map_err(|_| crate::rt::memory::allocation_failed(len * ENTRY_COST))
}

/// What one string in a list costs at least: its slot, the string's header and the
/// allocator's rounding.
const STRING_COST: usize = 64;

/// Checks that a list of `n` separate strings (the pieces of a split, the characters of a
/// string) stays within `MAX_BYTES`; checked before they are built.
pub fn check_strings(n: usize) -> Result<(), Exc> {
    let bytes = n.saturating_mul(STRING_COST);
    if bytes > MAX_BYTES {
        return Err(exc(
            ExcKind::MemoryError,
            format!(
                "a list of {n} strings is larger than the limit of {}",
                MAX_BYTES / STRING_COST
            ),
        ));
    }
    crate::rt::memory::check_grow(bytes)
}

#[cold]
fn overflow(op: BinOp) -> Exc {
    exc(
        ExcKind::OverflowError,
        format!(
            "integer result of `{}` does not fit in 64 bits",
            op.symbol()
        ),
    )
}

/// The integer operations that never fail short of overflow, for the dispatch loop's
/// fast path; `None` sends it to the general path.
#[inline]
pub fn int_fast(op: BinOp, a: i64, b: i64) -> Option<i64> {
    match op {
        BinOp::Add => a.checked_add(b),
        BinOp::Sub => a.checked_sub(b),
        BinOp::Mul => a.checked_mul(b),
        _ => None,
    }
}

pub fn int_op(op: BinOp, a: i64, b: i64) -> Result<Value, Exc> {
    let result = match op {
        BinOp::Add => a.checked_add(b),
        BinOp::Sub => a.checked_sub(b),
        BinOp::Mul => a.checked_mul(b),
        BinOp::Div => {
            if b == 0 {
                return Err(exc(ExcKind::ZeroDivisionError, "division by zero"));
            }
            return Ok(Value::Float(a as f64 / b as f64));
        }
        BinOp::FloorDiv => {
            if b == 0 {
                return Err(exc(
                    ExcKind::ZeroDivisionError,
                    "integer division or modulo by zero",
                ));
            }
            a.checked_div_euclid(b).map(|_| {
                let q = a / b;
                if (a % b != 0) && ((a < 0) != (b < 0)) {
                    q - 1
                } else {
                    q
                }
            })
        }
        BinOp::Mod => {
            if b == 0 {
                return Err(exc(ExcKind::ZeroDivisionError, "integer modulo by zero"));
            }
            if b == -1 {
                return Ok(Value::Int(0));
            }
            a.checked_rem(b).map(|r| {
                if r != 0 && ((r < 0) != (b < 0)) {
                    r + b
                } else {
                    r
                }
            })
        }
        BinOp::Pow => {
            if b < 0 {
                if a == 0 {
                    return Err(exc(
                        ExcKind::ZeroDivisionError,
                        "0.0 cannot be raised to a negative power",
                    ));
                }
                return Ok(Value::Float((a as f64).powf(b as f64)));
            }
            u32::try_from(b)
                .ok()
                .and_then(|e| a.checked_pow(e))
                .or(match a {
                    0 | 1 => Some(a),
                    -1 => Some(if b % 2 == 0 { 1 } else { -1 }),
                    _ => None,
                })
        }
        BinOp::BitAnd => Some(a & b),
        BinOp::BitOr => Some(a | b),
        BinOp::BitXor => Some(a ^ b),
        BinOp::Shl | BinOp::Shr if b < 0 => {
            return Err(exc(ExcKind::ValueError, "negative shift count"));
        }
        BinOp::Shl => {
            if a == 0 {
                Some(0)
            } else if b >= 64 {
                None
            } else {
                i64::try_from((a as i128) << b).ok()
            }
        }
        BinOp::Shr => Some(if b >= 64 {
            if a < 0 { -1 } else { 0 }
        } else {
            a >> b
        }),
    };
    result.map(Value::Int).ok_or_else(|| overflow(op))
}

pub fn float_op(op: BinOp, a: f64, b: f64) -> Result<Value, Exc> {
    let result = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => {
            if b == 0.0 {
                return Err(exc(ExcKind::ZeroDivisionError, "float division by zero"));
            }
            a / b
        }
        BinOp::FloorDiv | BinOp::Mod => {
            if b == 0.0 {
                return Err(exc(
                    ExcKind::ZeroDivisionError,
                    if op == BinOp::Mod {
                        "float modulo"
                    } else {
                        "float floor division by zero"
                    },
                ));
            }
            let (div, rem) = py_divmod(a, b);
            if op == BinOp::Mod { rem } else { div }
        }
        BinOp::Pow => {
            if a == 0.0 && b < 0.0 {
                return Err(exc(
                    ExcKind::ZeroDivisionError,
                    "0.0 cannot be raised to a negative power",
                ));
            }
            if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
                return Err(exc(
                    ExcKind::ValueError,
                    "a negative number cannot be raised to a fractional power",
                ));
            }
            let r = a.powf(b);
            if r.is_infinite() && a.is_finite() && b.is_finite() {
                return Err(exc(ExcKind::OverflowError, "numerical result out of range"));
            }
            r
        }
        BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::Shl | BinOp::Shr => {
            return Err(type_error(format!(
                "unsupported operand type(s) for {}: 'float' and 'float'",
                op.symbol()
            )));
        }
    };
    Ok(Value::Float(result))
}

/// Python's float `divmod`: the remainder takes the divisor's sign.
fn py_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut rem = a % b;
    let mut div = (a - rem) / b;
    if rem != 0.0 {
        if (b < 0.0) != (rem < 0.0) {
            rem += b;
            div -= 1.0;
        }
    } else {
        rem = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, rem)
}

pub fn negate(v: &Value) -> Result<Value, Exc> {
    match v {
        Value::Int(n) => n.checked_neg().map(Value::Int).ok_or_else(|| {
            exc(
                ExcKind::OverflowError,
                "integer result of `-` does not fit in 64 bits",
            )
        }),
        Value::Bool(b) => Ok(Value::Int(-(*b as i64))),
        Value::Float(f) => Ok(Value::Float(-f)),
        other => Err(type_error(format!(
            "bad operand type for unary -: '{}'",
            other.type_name()
        ))),
    }
}

pub fn plus(v: &Value) -> Result<Value, Exc> {
    match v {
        Value::Int(_) | Value::Float(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        other => Err(type_error(format!(
            "bad operand type for unary +: '{}'",
            other.type_name()
        ))),
    }
}

pub fn compare(op: CmpOp, a: &Value, b: &Value) -> Result<bool, Exc> {
    match op {
        CmpOp::Eq => equal(a, b),
        CmpOp::Ne => equal(a, b).map(|e| !e),
        CmpOp::Is => Ok(a.is(b)),
        CmpOp::IsNot => Ok(!a.is(b)),
        CmpOp::In => contains(b, a),
        CmpOp::NotIn => contains(b, a).map(|c| !c),
        CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge => {
            let ord = order(op, a, b, 0).map_err(|e| e.unwrap_or_else(|| unorderable(op, a, b)))?;
            Ok(match ord {
                None => false,
                Some(ord) => match op {
                    CmpOp::Lt => ord == Ordering::Less,
                    CmpOp::Le => ord != Ordering::Greater,
                    CmpOp::Gt => ord == Ordering::Greater,
                    _ => ord != Ordering::Less,
                },
            })
        }
    }
}

/// A hint when an operand is a coroutine: its value needs an `await` first.
fn forgot_await(a: &Value, b: &Value) -> &'static str {
    let is_coroutine = |v: &Value| {
        matches!(v, Value::Coro(_))
            || matches!(v, Value::Native(obj) if obj.type_name() == "coroutine")
    };
    if is_coroutine(a) || is_coroutine(b) {
        "did you forget `await`? A coroutine has no value until it is awaited"
    } else {
        ""
    }
}

#[cold]
fn unorderable(op: CmpOp, a: &Value, b: &Value) -> Exc {
    type_error(format!(
        "'{}' not supported between instances of '{}' and '{}'",
        op.symbol(),
        python_type_name(a),
        python_type_name(b),
    ))
    .with_help(forgot_await(a, b))
}

/// Python's `==`: numbers by value across int, float and bool; lists and maps item by item.
pub fn equal(a: &Value, b: &Value) -> Result<bool, Exc> {
    equal_at(a, b, 0)
}

fn equal_at(a: &Value, b: &Value, depth: usize) -> Result<bool, Exc> {
    if depth > MAX_COMPARE_DEPTH {
        return Err(exc(
            ExcKind::RecursionError,
            "maximum recursion depth exceeded in comparison",
        ));
    }
    Ok(match (a, b) {
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::None, Value::None) => true,
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (
            Value::Int(_) | Value::Bool(_) | Value::Float(_),
            Value::Int(_) | Value::Bool(_) | Value::Float(_),
        ) => num_order(a, b) == Some(Ordering::Equal),
        (Value::List(x), Value::List(y)) => {
            if Rc::ptr_eq(x, y) {
                return Ok(true);
            }
            let (x, y) = (x.borrow(), y.borrow());
            if x.len() != y.len() {
                return Ok(false);
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !equal_at(p, q, depth + 1)? {
                    return Ok(false);
                }
            }
            true
        }
        (Value::Map(x), Value::Map(y)) => {
            if Rc::ptr_eq(x, y) {
                return Ok(true);
            }
            let (x, y) = (x.borrow(), y.borrow());
            if x.len() != y.len() {
                return Ok(false);
            }
            for (k, v) in x.iter() {
                match y.get(k) {
                    Some(w) if equal_at(v, w, depth + 1)? => {}
                    _ => return Ok(false),
                }
            }
            true
        }
        (Value::Tuple(x), Value::Tuple(y)) => {
            if Rc::ptr_eq(x, y) {
                return Ok(true);
            }
            if x.len() != y.len() {
                return Ok(false);
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !equal_at(p, q, depth + 1)? {
                    return Ok(false);
                }
            }
            true
        }
        (Value::Set(x), Value::Set(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len() && x.iter().all(|k| y.contains(k))
        }
        (Value::Range(x), Value::Range(y)) => {
            let (n, m) = (x.len(), y.len());
            n == m && (n == 0 || (x.start == y.start && (n == 1 || x.step == y.step)))
        }
        (Value::ExcType(x), Value::ExcType(y)) => x == y,
        _ => a.is(b),
    })
}

/// Exact comparison of numbers, including an int against a float beyond 2^53.
fn num_order(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        (Value::Float(x), other) => int_like(other)
            .and_then(|n| cmp_int_float(n, *x))
            .map(Ordering::reverse),
        (other, Value::Float(y)) => int_like(other).and_then(|n| cmp_int_float(n, *y)),
        (x, y) => Some(int_like(x)?.cmp(&int_like(y)?)),
    }
}

fn cmp_int_float(n: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    // i64::MIN as f64 is exactly -2^63.
    if f >= -(i64::MIN as f64) {
        return Some(Ordering::Less);
    }
    if f < i64::MIN as f64 {
        return Some(Ordering::Greater);
    }
    let t = f.trunc();
    match n.cmp(&(t as i64)) {
        Ordering::Equal => 0.0f64.partial_cmp(&(f - t)),
        other => Some(other),
    }
}

/// Ordering for `<` and friends: `Err(None)` means the types cannot be ordered. Inside
/// lists and tuples, the error names the items that cannot be ordered, as Python's does.
fn order(op: CmpOp, a: &Value, b: &Value, depth: usize) -> Result<Option<Ordering>, Option<Exc>> {
    if depth > MAX_COMPARE_DEPTH {
        return Err(Some(exc(
            ExcKind::RecursionError,
            "maximum recursion depth exceeded in comparison",
        )));
    }
    match (a, b) {
        (
            Value::Int(_) | Value::Bool(_) | Value::Float(_),
            Value::Int(_) | Value::Bool(_) | Value::Float(_),
        ) => Ok(num_order(a, b)),
        (Value::Str(x), Value::Str(y)) => Ok(Some(x.cmp(y))),
        (Value::List(x), Value::List(y)) => {
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            order_items(op, &x, &y, depth)
        }
        (Value::Tuple(x), Value::Tuple(y)) => order_items(op, x, y, depth),
        _ => Err(None),
    }
}

fn order_items(
    op: CmpOp,
    x: &[Value],
    y: &[Value],
    depth: usize,
) -> Result<Option<Ordering>, Option<Exc>> {
    for (p, q) in x.iter().zip(y.iter()) {
        if !equal_at(p, q, depth + 1).map_err(Some)? {
            return order(op, p, q, depth + 1)
                .map_err(|e| Some(e.unwrap_or_else(|| unorderable(op, p, q))));
        }
    }
    Ok(Some(x.len().cmp(&y.len())))
}

/// A total order for `sorted`: like `<`, raising `TypeError` for mixed types. The sort
/// compares a later item with an earlier one, as Python's does, so the message names the
/// same two types in the same order.
pub fn sort_order(a: &Value, b: &Value) -> Result<Ordering, Exc> {
    match order(CmpOp::Lt, a, b, 0) {
        Ok(Some(ord)) => Ok(ord),
        Ok(None) => Ok(Ordering::Equal),
        Err(e) => Err(e.unwrap_or_else(|| unorderable(CmpOp::Lt, a, b))),
    }
}

/// `item in container`.
pub fn contains(container: &Value, item: &Value) -> Result<bool, Exc> {
    match container {
        Value::List(list) => {
            for x in list.borrow().iter() {
                if equal(x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Map(map) => Ok(map.borrow().contains_key(&Key::new(item.clone())?)),
        Value::Set(set) => Ok(set.borrow().contains(&Key::new(item.clone())?)),
        Value::Tuple(items) => {
            for x in items.iter() {
                if equal(x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Str(s) => match item {
            Value::Str(sub) => Ok(s.contains(&**sub)),
            other => Err(type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                other.type_name()
            ))),
        },
        Value::Range(r) => Ok(
            match int_like(item).or_else(|| match item {
                Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Some(*f as i64),
                _ => None,
            }) {
                Some(n) => r.position(n).is_some(),
                None => false,
            },
        ),
        other => Err(type_error(format!(
            "argument of type '{}' is not iterable",
            other.type_name()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(o: BinOp, a: Value, b: Value) -> String {
        match binary(o, &a, &b) {
            Ok(v) => super::super::format::repr(&v),
            Err(e) => format!("{}", e.kind),
        }
    }

    #[test]
    fn python_division_rules() {
        assert_eq!(op(BinOp::FloorDiv, Value::Int(-7), Value::Int(2)), "-4");
        assert_eq!(op(BinOp::Mod, Value::Int(-7), Value::Int(2)), "1");
        assert_eq!(op(BinOp::Mod, Value::Int(7), Value::Int(-2)), "-1");
        assert_eq!(op(BinOp::Div, Value::Int(7), Value::Int(2)), "3.5");
        assert_eq!(op(BinOp::Mod, Value::Float(-7.5), Value::Int(2)), "0.5");
        assert_eq!(
            op(BinOp::FloorDiv, Value::Float(7.5), Value::Int(-2)),
            "-4.0"
        );
        assert_eq!(
            op(BinOp::Div, Value::Int(1), Value::Int(0)),
            "ZeroDivisionError"
        );
        assert_eq!(
            op(BinOp::Add, Value::Int(i64::MAX), Value::Int(1)),
            "OverflowError"
        );
        assert_eq!(
            op(BinOp::FloorDiv, Value::Int(i64::MIN), Value::Int(-1)),
            "OverflowError"
        );
        assert_eq!(op(BinOp::Pow, Value::Int(2), Value::Int(-1)), "0.5");
        assert_eq!(
            op(BinOp::Pow, Value::Int(10), Value::Int(18)),
            "1000000000000000000"
        );
        assert_eq!(
            op(BinOp::Pow, Value::Int(10), Value::Int(19)),
            "OverflowError"
        );
    }

    #[test]
    fn repetition_is_bounded() {
        assert_eq!(
            op(BinOp::Mul, Value::str("x"), Value::Int(1_000_000_000_000)),
            "MemoryError"
        );
        assert_eq!(op(BinOp::Mul, Value::str("ab"), Value::Int(2)), "'abab'");
    }
}
