//! The number builtins: `int`, `float`, `round`, `abs`, `divmod`, `hex`, `bin`, `oct`, with
//! Python's rules for parsing (underscores only between digits, `int(s, 0)` reading the
//! base from the prefix) and for rounding (half to even).

use crate::vm::Str;

use super::{Args, BuiltinFn};
use crate::rt::Rt;
use crate::syntax::ast::BinOp;
use crate::vm::arith;
use crate::vm::{Exc, ExcKind, Site, Value, exc, format, type_error, value_error};

pub static INT: BuiltinFn = BuiltinFn {
    name: "int",
    run: int_of,
};
pub static FLOAT: BuiltinFn = BuiltinFn {
    name: "float",
    run: float_of,
};
pub static ROUND: BuiltinFn = BuiltinFn {
    name: "round",
    run: round,
};
pub static ABS: BuiltinFn = BuiltinFn {
    name: "abs",
    run: abs,
};
pub static DIVMOD: BuiltinFn = BuiltinFn {
    name: "divmod",
    run: divmod,
};
pub static HEX: BuiltinFn = BuiltinFn {
    name: "hex",
    run: hex,
};
pub static BIN: BuiltinFn = BuiltinFn {
    name: "bin",
    run: bin,
};
pub static OCT: BuiltinFn = BuiltinFn {
    name: "oct",
    run: oct,
};

fn overflow(what: &str) -> Exc {
    exc(
        ExcKind::OverflowError,
        format!("{what} does not fit in a 64-bit integer"),
    )
}

fn int_of(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(0, 2, &["base"])?;
    let base = match args.get(1, "base") {
        None => None,
        Some(b) => Some(
            b.as_int()
                .ok_or_else(|| type_error("int() base must be an integer"))?,
        ),
    };
    let Some(v) = args.pos.first() else {
        return Ok(Value::Int(0));
    };
    match (v, base) {
        (Value::Int(n), None) => Ok(Value::Int(*n)),
        (Value::Bool(b), None) => Ok(Value::Int(*b as i64)),
        (Value::Float(f), None) => float_to_int(*f).map(Value::Int),
        (Value::Str(s), base) => {
            let base = base.unwrap_or(10);
            if base != 0 && !(2..=36).contains(&base) {
                return Err(value_error("int() base must be >= 2 and <= 36, or 0"));
            }
            parse_int(s, base as u32)
                .map(Value::Int)
                .map_err(|e| match e {
                    IntError::Invalid => value_error(format!(
                        "invalid literal for int() with base {base}: {}",
                        format::repr(v)
                    )),
                    IntError::Overflow => overflow("the integer"),
                })
        }
        (other, None) => Err(type_error(format!(
            "int() argument must be a string or a number, not '{}'",
            other.type_name()
        ))),
        (_, Some(_)) => Err(type_error(
            "int() can't convert non-string with explicit base",
        )),
    }
}

/// Truncates a float toward zero, as `int(f)` does.
fn float_to_int(f: f64) -> Result<i64, Exc> {
    if f.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(exc(
            ExcKind::OverflowError,
            "cannot convert float infinity to integer",
        ));
    }
    let t = f.trunc();
    // i64::MIN as f64 is exactly -2^63.
    if !(i64::MIN as f64..-(i64::MIN as f64)).contains(&t) {
        return Err(overflow("the float"));
    }
    Ok(t as i64)
}

enum IntError {
    Invalid,
    Overflow,
}

/// Python's `int(text, base)`: surrounding whitespace, a sign, an optional prefix matching
/// the base (base 0 takes the base from it), digits with single underscores between them.
fn parse_int(text: &str, base: u32) -> Result<i64, IntError> {
    let t = text.trim();
    let (negative, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = t.get(..2).map(str::to_ascii_lowercase);
    let prefixed = |p: &str| lower.as_deref() == Some(p);
    let (base, digits, after_prefix) = match base {
        0 if prefixed("0x") => (16, &t[2..], true),
        0 if prefixed("0o") => (8, &t[2..], true),
        0 if prefixed("0b") => (2, &t[2..], true),
        0 => {
            // Base 0 reads decimals as literals are written: no leading zeros.
            let digits: String = t.chars().filter(|&c| c != '_').collect();
            if digits.len() > 1 && digits.starts_with('0') && digits.chars().any(|c| c != '0') {
                return Err(IntError::Invalid);
            }
            (10, t, false)
        }
        16 if prefixed("0x") => (16, &t[2..], true),
        8 if prefixed("0o") => (8, &t[2..], true),
        2 if prefixed("0b") => (2, &t[2..], true),
        b => (b, t, false),
    };
    // After a prefix one underscore may come first (`0x_ff`); otherwise only between digits.
    let digits = if after_prefix {
        digits.strip_prefix('_').unwrap_or(digits)
    } else {
        digits
    };
    if !underscores_between_digits(digits) {
        return Err(IntError::Invalid);
    }
    let mut value: i128 = 0;
    for c in digits.chars().filter(|&c| c != '_') {
        let d = c.to_digit(base).ok_or(IntError::Invalid)?;
        value = value * base as i128 + d as i128;
        if value > 1i128 << 63 {
            return Err(IntError::Overflow);
        }
    }
    let value = if negative { -value } else { value };
    i64::try_from(value).map_err(|_| IntError::Overflow)
}

/// Whether `text` is non-empty and every `_` sits between two digits (PEP 515).
fn underscores_between_digits(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    !chars.is_empty()
        && chars.iter().enumerate().all(|(i, &c)| {
            c != '_'
                || (i > 0
                    && i + 1 < chars.len()
                    && chars[i - 1].is_ascii_alphanumeric()
                    && chars[i + 1].is_ascii_alphanumeric())
        })
}

fn float_of(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(0, 1, &[])?;
    match args.pos.first() {
        None => Ok(Value::Float(0.0)),
        Some(Value::Float(f)) => Ok(Value::Float(*f)),
        Some(Value::Int(n)) => Ok(Value::Float(*n as f64)),
        Some(Value::Bool(b)) => Ok(Value::Float(*b as i64 as f64)),
        Some(v @ Value::Str(s)) => parse_float(s).map(Value::Float).ok_or_else(|| {
            value_error(format!(
                "could not convert string to float: {}",
                format::repr(v)
            ))
        }),
        Some(other) => Err(type_error(format!(
            "float() argument must be a string or a number, not '{}'",
            other.type_name()
        ))),
    }
}

/// Python's `float(text)`: decimal notation with single underscores between digits, or
/// `inf`, `infinity`, `nan` in any case, with an optional sign.
fn parse_float(text: &str) -> Option<f64> {
    let t = text.trim();
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t).to_ascii_lowercase();
    if ["inf", "infinity", "nan"].contains(&unsigned.as_str()) {
        return t.parse().ok();
    }
    let valid = t
        .chars()
        .all(|c| c.is_ascii_digit() || "+-.eE_".contains(c))
        && t.char_indices().all(|(i, c)| {
            c != '_' || {
                let before = t[..i].chars().next_back();
                let after = t[i + 1..].chars().next();
                before.is_some_and(|b| b.is_ascii_digit())
                    && after.is_some_and(|a| a.is_ascii_digit())
            }
        });
    if !valid {
        return None;
    }
    t.replace('_', "").parse().ok()
}

fn round(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(1, 2, &["ndigits"])?;
    let digits = match args.get(1, "ndigits") {
        None | Some(Value::None) => None,
        Some(d) => Some(
            d.as_int()
                .ok_or_else(|| type_error("round() ndigits must be an integer"))?,
        ),
    };
    match (&args.pos[0], digits) {
        (Value::Int(n), None) => Ok(Value::Int(*n)),
        (Value::Bool(b), None) => Ok(Value::Int(*b as i64)),
        (Value::Int(_) | Value::Bool(_), Some(d)) => {
            let n = args.pos[0].as_int().unwrap_or(0);
            round_int(n, d).map(Value::Int)
        }
        (Value::Float(f), None) => {
            if f.is_nan() {
                return Err(value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(exc(
                    ExcKind::OverflowError,
                    "cannot convert float infinity to integer",
                ));
            }
            float_to_int(f.round_ties_even())
                .map(Value::Int)
                .map_err(|_| overflow("the rounded float"))
        }
        (Value::Float(f), Some(d)) => Ok(Value::Float(round_float(*f, d))),
        (other, _) => Err(type_error(format!(
            "type {} doesn't define round()",
            other.type_name()
        ))),
    }
}

/// `round(n, d)` for an int: to a multiple of 10^-d when d < 0, half to even.
fn round_int(n: i64, digits: i64) -> Result<i64, Exc> {
    if digits >= 0 {
        return Ok(n);
    }
    if digits < -18 {
        return Ok(0);
    }
    let unit = 10i128.pow((-digits) as u32);
    let n = n as i128;
    let (q, r) = (n.div_euclid(unit), n.rem_euclid(unit));
    let up = 2 * r > unit || (2 * r == unit && q % 2 != 0);
    let rounded = (q + i128::from(up)) * unit;
    i64::try_from(rounded).map_err(|_| overflow("the rounded integer"))
}

/// `round(f, d)`: the float nearest to `f` rounded to `d` decimals, half to even on the
/// exact decimal value, as CPython does.
fn round_float(f: f64, digits: i64) -> f64 {
    if !f.is_finite() || digits > 320 {
        return f;
    }
    if digits < 0 {
        if digits < -308 {
            return 0.0f64.copysign(f);
        }
        let scale = 10f64.powi((-digits) as i32);
        return (f / scale).round_ties_even() * scale;
    }
    // Rust's formatting rounds the exact binary value half to even.
    format!("{:.*}", digits as usize, f).parse().unwrap_or(f)
}

fn abs(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(1, 1, &[])?;
    match &args.pos[0] {
        Value::Int(n) => n
            .checked_abs()
            .map(Value::Int)
            .ok_or_else(|| overflow("abs() of it")),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        other => Err(type_error(format!(
            "bad operand type for abs(): '{}'",
            other.type_name()
        ))),
    }
}

fn divmod(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(2, 2, &[])?;
    let (a, b) = (&args.pos[0], &args.pos[1]);
    if matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)) {
        let zero = matches!(b, Value::Float(f) if *f == 0.0) || b.as_int() == Some(0);
        if zero {
            return Err(crate::vm::exc(
                crate::vm::ExcKind::ZeroDivisionError,
                "float divmod()",
            ));
        }
    }
    let q = arith::binary(BinOp::FloorDiv, a, b)?;
    let r = arith::binary(BinOp::Mod, a, b)?;
    Ok(Value::tuple(vec![q, r]))
}

fn radix(args: &Args<'_>, prefix: &str, digits: fn(u64) -> String) -> Result<Value, Exc> {
    args.accept(1, 1, &[])?;
    let n = args.pos[0].as_int().ok_or_else(|| {
        type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            args.pos[0].type_name()
        ))
    })?;
    let sign = if n < 0 { "-" } else { "" };
    Ok(Value::Str(Str::from(format!(
        "{sign}{prefix}{}",
        digits(n.unsigned_abs())
    ))))
}

fn hex(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    radix(args, "0x", |n| format!("{n:x}"))
}

fn bin(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    radix(args, "0b", |n| format!("{n:b}"))
}

fn oct(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    radix(args, "0o", |n| format!("{n:o}"))
}
