//! `str()` and `repr()` as Python writes them (with `true`, `false` and `none`), and the
//! format-spec mini-language of f-string holes (`{x:>8.2f}`).

use std::fmt::Write;

use super::exception::{Exc, ExcKind, exc, value_error};
use super::value::Value;

/// How deeply nested a value `print` will show before raising `RecursionError`.
const MAX_DEPTH: usize = 500;

/// `str(v)`: strings as they are, everything else as `repr`.
pub fn to_str(value: &Value) -> Result<String, Exc> {
    match value {
        Value::Str(s) => Ok(s.to_string()),
        Value::Exc(e) => Ok(e.text().to_string()),
        other => {
            let mut out = String::new();
            write_repr(&mut out, other, &mut Vec::new())?;
            Ok(out)
        }
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
        Value::Str(s) => str_repr(out, s),
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
            }
            out.push('}');
            seen.pop();
        }
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

/// Python's `repr` of a string: single quotes unless the text has a `'` and no `"`.
fn str_repr(out: &mut String, s: &str) {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if ('\u{80}'..='\u{a0}').contains(&c) => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
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
    // Rust's `{:e}` gives the shortest round-trip digits: "1.2345e6", "-5e-7".
    let sci = format!("{f:e}");
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

/// Formats a value by an f-string spec such as `>8`, `.2f`, `,d`, `08.3f`, `x`, `%`.
pub fn format_spec(value: &Value, spec: &str) -> Result<String, Exc> {
    let spec =
        Spec::parse(spec).ok_or_else(|| value_error(format!("invalid format spec '{spec}'")))?;
    let body = match (value, spec.kind) {
        (Value::Int(_) | Value::Bool(_), Some('d' | 'n') | None) if spec.precision.is_none() => {
            let n = value.as_int().unwrap_or(0);
            sign_and(
                n < 0,
                &group(&n.unsigned_abs().to_string(), spec.grouping),
                &spec,
            )
        }
        (Value::Int(_) | Value::Bool(_), Some(k @ ('x' | 'X' | 'o' | 'b'))) => {
            let n = value.as_int().unwrap_or(0);
            let mag = n.unsigned_abs();
            let mut digits = match k {
                'x' => format!("{mag:x}"),
                'X' => format!("{mag:X}"),
                'o' => format!("{mag:o}"),
                _ => format!("{mag:b}"),
            };
            if spec.alternate {
                digits.insert_str(
                    0,
                    match k {
                        'x' => "0x",
                        'X' => "0X",
                        'o' => "0o",
                        _ => "0b",
                    },
                );
            }
            sign_and(n < 0, &digits, &spec)
        }
        (
            Value::Int(_) | Value::Bool(_) | Value::Float(_),
            Some('f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%') | None,
        ) if !(matches!(value, Value::Int(_) | Value::Bool(_)) && spec.kind.is_none()) => {
            let f = match value {
                Value::Float(f) => *f,
                other => other.as_int().unwrap_or(0) as f64,
            };
            let text = float_body(f.abs(), &spec);
            sign_and(
                f.is_sign_negative() && !(f == 0.0 && spec.kind.is_none()),
                &text,
                &spec,
            )
        }
        (_, Some('s') | None) => {
            let mut s = to_str(value)?;
            if let Some(p) = spec.precision {
                s = s.chars().take(p).collect();
            }
            s
        }
        (_, Some(k)) => {
            return Err(value_error(format!(
                "unknown format code '{k}' for object of type '{}'",
                value.type_name()
            )));
        }
    };
    Ok(pad(
        &body,
        &spec,
        matches!(value, Value::Int(_) | Value::Float(_) | Value::Bool(_)),
    ))
}

struct Spec {
    fill: char,
    align: Option<char>,
    sign: char,
    alternate: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    kind: Option<char>,
}

impl Spec {
    fn parse(text: &str) -> Option<Spec> {
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        let mut spec = Spec {
            fill: ' ',
            align: None,
            sign: '-',
            alternate: false,
            zero: false,
            width: 0,
            grouping: None,
            precision: None,
            kind: None,
        };
        let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
        if chars.len() >= 2 && is_align(chars[1]) {
            spec.fill = chars[0];
            spec.align = Some(chars[1]);
            i = 2;
        } else if chars.first().copied().is_some_and(is_align) {
            spec.align = Some(chars[0]);
            i = 1;
        }
        if let Some(&c @ ('+' | '-' | ' ')) = chars.get(i) {
            spec.sign = c;
            i += 1;
        }
        if chars.get(i) == Some(&'#') {
            spec.alternate = true;
            i += 1;
        }
        if chars.get(i) == Some(&'0') {
            spec.zero = true;
            i += 1;
        }
        let start = i;
        while chars.get(i).is_some_and(char::is_ascii_digit) {
            i += 1;
        }
        if i > start {
            spec.width = chars[start..i].iter().collect::<String>().parse().ok()?;
        }
        if let Some(&c @ (',' | '_')) = chars.get(i) {
            spec.grouping = Some(c);
            i += 1;
        }
        if chars.get(i) == Some(&'.') {
            i += 1;
            let start = i;
            while chars.get(i).is_some_and(char::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return None;
            }
            spec.precision = Some(chars[start..i].iter().collect::<String>().parse().ok()?);
        }
        if let Some(&c) = chars.get(i) {
            if !"bcdeEfFgGnosxX%".contains(c) {
                return None;
            }
            spec.kind = Some(c);
            i += 1;
        }
        (i == chars.len()).then_some(spec)
    }
}

/// The digits of a non-negative float by the spec's type and precision.
fn float_body(f: f64, spec: &Spec) -> String {
    if f.is_nan() {
        return "nan".to_owned();
    }
    if f.is_infinite() {
        return "inf".to_owned();
    }
    match spec.kind {
        Some('f' | 'F') => group_float(
            &format!("{:.*}", spec.precision.unwrap_or(6), f),
            spec.grouping,
        ),
        Some('%') => format!("{:.*}%", spec.precision.unwrap_or(6), f * 100.0),
        Some(k @ ('e' | 'E')) => {
            let s = sci(f, spec.precision.unwrap_or(6));
            if k == 'E' { s.to_uppercase() } else { s }
        }
        Some(k @ ('g' | 'G')) => {
            let s = general(f, spec.precision.unwrap_or(6), spec.alternate);
            if k == 'G' { s.to_uppercase() } else { s }
        }
        _ => match spec.precision {
            // No type but a precision: like 'g', but always with a digit after the point.
            Some(p) => {
                let s = general(f, p.max(1), false);
                if s.contains(['.', 'e', 'n', 'i']) {
                    s
                } else {
                    s + ".0"
                }
            }
            None => group_float(&float_repr(f), spec.grouping),
        },
    }
}

/// `d.ddde+XX` with `precision` digits after the point.
fn sci(f: f64, precision: usize) -> String {
    let s = format!("{:.*e}", precision, f);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// Python's 'g': fixed or scientific by the exponent, trailing zeros removed.
fn general(f: f64, precision: usize, keep_zeros: bool) -> String {
    let p = precision.max(1);
    if f == 0.0 {
        return "0".to_owned();
    }
    let exp = {
        let s = format!("{:.*e}", p - 1, f);
        s.split_once('e')
            .and_then(|(_, e)| e.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let s = if exp >= -4 && exp < p as i32 {
        format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, f)
    } else {
        sci(f, p - 1)
    };
    if keep_zeros {
        return s;
    }
    match s.split_once('e') {
        Some((m, e)) => format!("{}e{e}", strip_zeros(m)),
        None => strip_zeros(&s).to_owned(),
    }
}

fn strip_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

fn group(digits: &str, sep: Option<char>) -> String {
    let Some(sep) = sep else {
        return digits.to_owned();
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn group_float(s: &str, sep: Option<char>) -> String {
    match s.split_once('.') {
        Some((int, frac)) => format!("{}.{frac}", group(int, sep)),
        None => group(s, sep),
    }
}

fn sign_and(negative: bool, body: &str, spec: &Spec) -> String {
    let sign = match (negative, spec.sign) {
        (true, _) => "-",
        (false, '+') => "+",
        (false, ' ') => " ",
        _ => "",
    };
    format!("{sign}{body}")
}

fn pad(body: &str, spec: &Spec, numeric: bool) -> String {
    let len = body.chars().count();
    if len >= spec.width {
        return body.to_owned();
    }
    let n = spec.width - len;
    let (fill, align) = match spec.align {
        Some(a) => (spec.fill, a),
        None if spec.zero && numeric => ('0', '='),
        None if numeric => (' ', '>'),
        None => (' ', '<'),
    };
    let fill_str = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    match align {
        '<' => format!("{body}{}", fill_str(n)),
        '^' => format!("{}{body}{}", fill_str(n / 2), fill_str(n - n / 2)),
        '=' => {
            let sign_len = body
                .chars()
                .take_while(|c| matches!(c, '-' | '+' | ' '))
                .count();
            let (sign, rest) = body.split_at(sign_len);
            format!("{sign}{}{rest}", fill_str(n))
        }
        _ => format!("{}{body}", fill_str(n)),
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
        ] {
            assert_eq!(float_repr(f), s, "{f}");
        }
    }

    #[test]
    fn specs_as_python() {
        let f = |v: Value, s: &str| {
            format_spec(&v, s).unwrap_or_else(|e| format!("error {}", e.message))
        };
        assert_eq!(f(Value::Float(1.23456), ".2f"), "1.23");
        assert_eq!(f(Value::Int(42), ">5"), "   42");
        assert_eq!(f(Value::Int(42), "05"), "00042");
        assert_eq!(f(Value::Int(-42), "05"), "-0042");
        assert_eq!(f(Value::Int(1234567), ","), "1,234,567");
        assert_eq!(f(Value::str("ab"), "^6"), "  ab  ");
        assert_eq!(f(Value::str("ab"), "*<4"), "ab**");
        assert_eq!(f(Value::Int(255), "x"), "ff");
        assert_eq!(f(Value::Float(0.25), ".1%"), "25.0%");
        assert_eq!(f(Value::Float(1234.5), "e"), "1.234500e+03");
        assert_eq!(f(Value::Float(0.0001234), "g"), "0.0001234");
        assert_eq!(f(Value::Float(123456789.0), "g"), "1.23457e+08");
        assert_eq!(f(Value::Float(3.0), ".3"), "3.0");
        assert_eq!(f(Value::Int(5), ".2f"), "5.00");
    }
}
