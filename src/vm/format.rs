//! `str()` and `repr()` as Python writes them (with `true`, `false` and `none`): strings
//! quoted and escaped as `str.isprintable` decides, floats in their shortest round-trip
//! form. The format-spec mini-language of f-string holes (`{x:>8.2f}`) is in
//! `format_spec`, re-exported here.

use std::fmt::Write;

use unicode_general_category::{GeneralCategory, get_general_category};

use super::arith::check_bytes;
use super::exception::{Exc, ExcKind, exc};
use super::value::Value;

pub use super::format_spec::format_spec;

/// How deeply nested a value `print` will show before raising `RecursionError`.
const MAX_DEPTH: usize = 500;

/// `str(v)`: strings as they are, everything else as `repr`.
pub fn to_str(value: &Value) -> Result<String, Exc> {
    match value {
        Value::Str(s) => Ok(s.to_string()),
        Value::Exc(e) => Ok(e.text().to_string()),
        other => try_repr(other),
    }
}

/// `repr(v)`, for use where a failure cannot be raised (listings, reports): a value too
/// deep to show is cut short.
pub fn repr(value: &Value) -> String {
    let mut out = String::new();
    if write_repr(&mut out, value, &mut Vec::new()).is_err() {
        out.push_str("...");
    }
    out
}

/// `repr(v)`, raising `RecursionError` for values nested too deeply.
pub fn try_repr(value: &Value) -> Result<String, Exc> {
    let mut out = String::new();
    write_repr(&mut out, value, &mut Vec::new())?;
    crate::rt::work::spend(out.len() / 16);
    Ok(out)
}

/// Writes `repr(value)`. `seen` holds the containers being written, to show a list that
/// contains itself as `[...]` the way Python does.
fn write_repr(out: &mut String, value: &Value, seen: &mut Vec<usize>) -> Result<(), Exc> {
    match value {
        Value::None => out.push_str("none"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Float(f) => out.push_str(&float_repr(*f)),
        Value::Str(s) => str_repr(out, s)?,
        Value::List(list) => {
            let id = value.identity();
            if seen.contains(&id) {
                out.push_str("[...]");
                return Ok(());
            }
            enter(seen, id)?;
            out.push('[');
            for (i, item) in list.borrow().iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(out, item, seen)?;
                check_bytes(out.len())?;
            }
            out.push(']');
            seen.pop();
        }
        Value::Map(map) => {
            let id = value.identity();
            if seen.contains(&id) {
                out.push_str("{...}");
                return Ok(());
            }
            enter(seen, id)?;
            out.push('{');
            for (i, (k, v)) in map.borrow().iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(out, &k.0, seen)?;
                out.push_str(": ");
                write_repr(out, v, seen)?;
                check_bytes(out.len())?;
            }
            out.push('}');
            seen.pop();
        }
        Value::Tuple(items) => {
            enter(seen, value.identity())?;
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(out, item, seen)?;
                check_bytes(out.len())?;
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
            seen.pop();
        }
        Value::Set(set) => {
            let set = set.borrow();
            if set.is_empty() {
                out.push_str("set()");
                return Ok(());
            }
            enter(seen, value.identity())?;
            out.push('{');
            for (i, item) in set.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(out, &item.0, seen)?;
                check_bytes(out.len())?;
            }
            out.push('}');
            seen.pop();
        }
        Value::Cell(_) => out.push_str("<cell>"),
        Value::Func(code) => {
            let word = if code.is_task() || code.is_generator() {
                "task"
            } else {
                "fn"
            };
            let _ = write!(out, "<{word} {}>", code.name);
        }
        Value::Builtin(b) => {
            let _ = write!(out, "<builtin {}>", b.name);
        }
        Value::Host(h) => {
            let _ = write!(out, "<builtin {}>", h.name());
        }
        Value::Method(m) => {
            let _ = write!(out, "<method {} of {}>", m.1.name(), m.0.type_name());
        }
        Value::ExcType(kind) => {
            let _ = write!(out, "<class '{kind}'>");
        }
        Value::Exc(e) => {
            let _ = write!(out, "{}(", e.kind);
            if let Some(arg) = &e.arg {
                write_repr(out, arg, seen)?;
            }
            if e.kind == super::exception::ExcKind::ExceptionGroup {
                // `ExceptionGroup('message', [ValueError('x')])`, as Python shows it.
                out.push_str(", [");
                for (i, inner) in e.exceptions.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_repr(out, &Value::Exc(inner.clone()), seen)?;
                }
                out.push(']');
            }
            out.push(')');
        }
        Value::Coro(c) => {
            let _ = write!(out, "<coroutine {}>", c.code.name);
        }
        Value::Task(t) => out.push_str(&t.describe()),
        Value::Future(f) => out.push_str(&f.describe()),
        Value::Gen(g) => {
            let _ = write!(out, "<async_generator {}>", g.code.name);
        }
        Value::Range(r) => {
            if r.step == 1 {
                let _ = write!(out, "range({}, {})", r.start, r.stop);
            } else {
                let _ = write!(out, "range({}, {}, {})", r.start, r.stop, r.step);
            }
        }
        Value::Iter(_) => out.push_str("<iterator>"),
        Value::Native(obj) => out.push_str(&obj.repr()),
        Value::Undef => out.push_str("<undefined>"),
    }
    Ok(())
}

fn enter(seen: &mut Vec<usize>, id: usize) -> Result<(), Exc> {
    if seen.len() >= MAX_DEPTH {
        return Err(exc(
            ExcKind::RecursionError,
            "maximum recursion depth exceeded while getting the repr of an object",
        ));
    }
    seen.push(id);
    Ok(())
}

/// Python's `repr` of a string: single quotes unless the text has a `'` and no `"`;
/// `\\`, `\t`, `\n`, `\r` and the quote escaped; every other character that
/// `str.isprintable` rejects written as `\xhh`, `\uhhhh` or `\Uhhhhhhhh` by its size.
fn str_repr(out: &mut String, s: &str) -> Result<(), Exc> {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    // Escapes can make the text up to ten times longer: its size is checked as it grows.
    check_bytes(out.len().saturating_add(s.len()))?;
    out.push(quote);
    let mut rest = s;
    while !rest.is_empty() {
        // Runs of printable ASCII that need no escape are copied whole.
        let plain = rest
            .bytes()
            .take(4096)
            .take_while(|&b| (b' '..=b'~').contains(&b) && b != b'\\' && b != quote as u8)
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
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let _ = match c as u32 {
                    n @ 0..=0xff => write!(out, "\\x{n:02x}"),
                    n @ 0x100..=0xffff => write!(out, "\\u{n:04x}"),
                    n => write!(out, "\\U{n:08x}"),
                };
            }
        }
    }
    out.push(quote);
    check_bytes(out.len())
}

/// Python's `str.isprintable` for one character: everything but the "Other" and
/// "Separator" categories, where the ASCII space alone counts as printable.
fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return c == ' ' || c.is_ascii_graphic();
    }
    !matches!(
        get_general_category(c),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::Surrogate
            | GeneralCategory::PrivateUse
            | GeneralCategory::Unassigned
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
            | GeneralCategory::SpaceSeparator
    )
}

/// Python's `repr(float)`: the shortest digits that round-trip, in fixed notation for
/// exponents from -4 to 15 and scientific notation otherwise (`1e-05`, `1e+16`).
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.to_owned();
    }
    let sci = shortest_exp(f);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                out.push_str(&digits);
                out.extend(std::iter::repeat_n('0', int_len - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    out
}

/// The shortest digits that read back as `f`, in Rust's `{:e}` form (`1.2345e6`,
/// `-5e-7`). Where two such strings are equally near `f`, Rust's `{:e}` may take the upper
/// one; Python takes the even one, which is the correctly rounded string of that length
/// (`90299641238157.625` is `...57.62`, not `...57.63`).
pub(super) fn shortest_exp(f: f64) -> String {
    let sci = format!("{f:e}");
    let mantissa = sci.split('e').next().unwrap_or(&sci);
    let digits = mantissa.bytes().filter(u8::is_ascii_digit).count();
    let rounded = format!("{:.*e}", digits.saturating_sub(1), f);
    if rounded.parse::<f64>() == Ok(f) {
        rounded
    } else {
        sci
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_as_python() {
        for (f, s) in [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e-5, "1e-05"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (-2.5, "-2.5"),
            (0.0001, "0.0001"),
            (1.5e-7, "1.5e-07"),
            (f64::INFINITY, "inf"),
            // 90299641238157.625, halfway between two shortest forms: Python takes the even.
            (722_397_129_905_261.0 / 8.0, "90299641238157.62"),
            (5e-324, "5e-324"),
        ] {
            assert_eq!(float_repr(f), s, "{f}");
        }
    }
}
