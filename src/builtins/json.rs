//! `json_parse` and `json_str`, the latter formatted as Python's `json.dumps`.

use std::fmt::Write;
use std::rc::Rc;

use indexmap::IndexMap;

use super::{Args, BuiltinFn};
use crate::rt::Rt;
use crate::vm::{Exc, ExcKind, Key, Site, Value, exc, format, type_error, value_error};

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
    args.expect(1, 1, &[])?;
    let Value::Str(text) = &args.pos[0] else {
        return Err(type_error("json_parse() takes a string"));
    };
    let parsed: serde_json::Value =
        serde_json::from_str(text).map_err(|e| value_error(format!("invalid JSON: {e}")))?;
    Ok(from_json(parsed))
}

/// Converts parsed JSON to a value; nesting is bounded by serde_json's recursion limit.
pub fn from_json(json: serde_json::Value) -> Value {
    match json {
        serde_json::Value::Null => Value::None,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_json::Value::String(s) => Value::Str(Rc::from(s)),
        serde_json::Value::Array(items) => Value::list(items.into_iter().map(from_json).collect()),
        serde_json::Value::Object(entries) => {
            let map: IndexMap<Key, Value> = entries
                .into_iter()
                .map(|(k, v)| (Key(Value::Str(Rc::from(k))), from_json(v)))
                .collect();
            Value::map(map)
        }
    }
}

fn json_str(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.expect(1, 1, &[])?;
    let mut out = String::new();
    write_json(&mut out, &args.pos[0], 0)?;
    Ok(Value::Str(Rc::from(out)))
}

pub fn write_json(out: &mut String, value: &Value, depth: usize) -> Result<(), Exc> {
    if depth > MAX_DEPTH {
        return Err(exc(
            ExcKind::RecursionError,
            "json_str(): the value is nested too deeply",
        ));
    }
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
        Value::Str(s) => write_json_str(out, s),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.borrow().iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_json(out, item, depth + 1)?;
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
                write_json_str(out, &key);
                out.push_str(": ");
                write_json(out, v, depth + 1)?;
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

/// A JSON string with Python's default `ensure_ascii`: non-ASCII as `\uXXXX`.
fn write_json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
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
}
