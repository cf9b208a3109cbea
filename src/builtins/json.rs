//! `json_parse` and `json_str`, the latter formatted as Python's `json.dumps`.

use crate::vm::Str;
use std::fmt::Write;

use super::{Args, BuiltinFn};
use crate::rt::Rt;
use crate::vm::arith::check_bytes;
use crate::vm::{Exc, ExcKind, Site, Value, exc, format, type_error, value_error};

pub static JSON_PARSE: BuiltinFn = BuiltinFn {
    name: "json_parse",
    run: json_parse,
};
pub static JSON_STR: BuiltinFn = BuiltinFn {
    name: "json_str",
    run: json_str,
};

/// How deeply `json_str` follows nested lists and maps.
const MAX_DEPTH: usize = 500;

fn json_parse(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(1, 1, &[])?;
    let Value::Str(text) = &args.pos[0] else {
        return Err(type_error("json_parse() takes a string"));
    };
    super::json_parse::parse(text)
}

fn json_str(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(1, 1, &[])?;
    let mut out = String::new();
    write_json(&mut out, &args.pos[0], &mut Vec::new())?;
    crate::rt::work::spend(out.len() / 16);
    Ok(Value::Str(Str::from(out)))
}

/// Writes `value` as `json.dumps` would. `open` holds the containers being written, to
/// refuse one that holds itself, as Python does.
pub(crate) fn write_json(
    out: &mut String,
    value: &Value,
    open: &mut Vec<usize>,
) -> Result<(), Exc> {
    if matches!(value, Value::List(_) | Value::Map(_)) {
        if open.contains(&value.identity()) {
            return Err(value_error("Circular reference detected"));
        }
        if open.len() >= MAX_DEPTH {
            return Err(exc(
                ExcKind::RecursionError,
                "json_str(): the value is nested too deeply",
            ));
        }
        open.push(value.identity());
    }
    let result = write_json_value(out, value, open);
    if matches!(value, Value::List(_) | Value::Map(_)) {
        open.pop();
    }
    result
}

fn write_json_value(out: &mut String, value: &Value, open: &mut Vec<usize>) -> Result<(), Exc> {
    match value {
        Value::None => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Float(f) => out.push_str(&match *f {
            f if f.is_nan() => "NaN".to_owned(),
            f if f.is_infinite() => if f > 0.0 { "Infinity" } else { "-Infinity" }.to_owned(),
            f => format::float_repr(f),
        }),
        Value::Str(s) => write_json_str(out, s)?,
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.borrow().iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_json(out, item, open)?;
                check_bytes(out.len())?;
            }
            out.push(']');
        }
        Value::Map(map) => {
            out.push('{');
            for (i, (k, v)) in map.borrow().iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let key = match &k.0 {
                    Value::Str(s) => s.to_string(),
                    Value::None => "null".to_owned(),
                    Value::Bool(b) => b.to_string(),
                    Value::Int(n) => n.to_string(),
                    Value::Float(f) => format::float_repr(*f),
                    other => {
                        return Err(type_error(format!(
                            "json_str(): keys must be str, int, float, bool or none, not '{}'",
                            other.type_name()
                        )));
                    }
                };
                write_json_str(out, &key)?;
                out.push_str(": ");
                write_json(out, v, open)?;
                check_bytes(out.len())?;
            }
            out.push('}');
        }
        other => {
            return Err(type_error(format!(
                "Object of type {} is not JSON serializable",
                other.type_name()
            )));
        }
    }
    Ok(())
}

/// A JSON string with Python's default `ensure_ascii`: non-ASCII as `\uXXXX`. The text
/// can grow twelvefold (`\ud83d\ude00`), so its size is checked as it grows.
fn write_json_str(out: &mut String, s: &str) -> Result<(), Exc> {
    check_bytes(out.len().saturating_add(s.len()))?;
    out.push('"');
    let mut rest = s;
    while !rest.is_empty() {
        // Runs of printable ASCII that need no escape are copied whole.
        let plain = rest
            .bytes()
            .take(4096)
            .take_while(|&b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\')
            .count();
        out.push_str(&rest[..plain]);
        rest = &rest[plain..];
        check_bytes(out.len())?;
        let Some(c) = rest.chars().next() else {
            break;
        };
        if plain == 4096 {
            continue;
        }
        rest = &rest[c.len_utf8()..];
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    check_bytes(out.len())
}
