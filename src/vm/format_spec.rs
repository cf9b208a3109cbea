//! Python's format-spec mini-language, as `format(value, spec)` and f-string holes
//! (`{x:>8.2f}`) use it: `[[fill]align][sign][z][#][0][width][,|_][.precision][type]`.
//!
//! It follows CPython 3.11 step by step (`Python/formatter_unicode.c` for the parse and
//! the padding, `PyOS_double_to_string` for the digits of floats), because its corners
//! are observable: zero padding goes after the sign and the `0x` prefix and is grouped
//! like the digits (`0,001,234`), `_` groups hex by four, `#` keeps a trailing point
//! (`2.`), and `inf` takes a `%` like any other number.

use std::fmt::Write;

use super::arith::check_bytes;
use super::exception::{Exc, ExcKind, exc, type_error, value_error};
use super::format::{shortest_exp, to_str};
use super::value::Value;

/// Formats a value by an f-string spec such as `>8`, `.2f`, `,d`, `08.3f`, `#x`, `%`.
pub fn format_spec(value: &Value, spec: &str) -> Result<String, Exc> {
    if spec.is_empty() {
        // An empty spec is `str(value)` for every type: a bool shows as `true`, not `1`.
        return to_str(value);
    }
    let name = value.type_name();
    match value {
        Value::Str(s) => format_str(s, &Spec::parse(spec, Some('s'), '<', name)?, name),
        Value::Int(_) | Value::Bool(_) => {
            let n = value.as_int().unwrap_or(0);
            format_int(n, &Spec::parse(spec, Some('d'), '>', name)?, name)
        }
        Value::Float(f) => format_float(*f, &Spec::parse(spec, None, '>', name)?, name),
        // Python's `object.__format__` takes no spec at all.
        _ => Err(type_error(format!(
            "unsupported format string passed to {name}.__format__"
        ))),
    }
}

/// A parsed spec. `kind` is the presentation type (`None` only for floats given none);
/// a `width` of 0 pads nothing, like Python's "no width".
struct Spec {
    fill: char,
    align: char,
    sign: Option<char>,
    no_neg_zero: bool,
    alternate: bool,
    width: usize,
    grouping: Option<Grouping>,
    precision: Option<usize>,
    kind: Option<char>,
}

/// A thousands separator and how many digits it separates.
#[derive(Clone, Copy)]
struct Grouping {
    sep: char,
    size: usize,
}

impl Spec {
    /// Parses `text` as CPython's `parse_internal_render_format_spec` does, with the
    /// type's own default presentation type and alignment (`'d'` and right for ints,
    /// none and right for floats, `'s'` and left for strings).
    fn parse(
        text: &str,
        default_kind: Option<char>,
        default_align: char,
        type_name: &str,
    ) -> Result<Spec, Exc> {
        let chars: Vec<char> = text.chars().collect();
        let mut spec = Spec {
            fill: ' ',
            align: default_align,
            sign: None,
            no_neg_zero: false,
            alternate: false,
            width: 0,
            grouping: None,
            precision: None,
            kind: default_kind,
        };
        let is_align = |c: Option<&char>| matches!(c, Some('<' | '>' | '^' | '='));
        let mut i = 0;
        let (mut fill_given, mut align_given) = (false, false);
        if is_align(chars.get(1)) {
            (spec.fill, spec.align) = (chars[0], chars[1]);
            (fill_given, align_given) = (true, true);
            i = 2;
        } else if is_align(chars.first()) {
            spec.align = chars[0];
            align_given = true;
            i = 1;
        }
        if let Some(&c @ ('+' | '-' | ' ')) = chars.get(i) {
            spec.sign = Some(c);
            i += 1;
        }
        if chars.get(i) == Some(&'z') {
            spec.no_neg_zero = true;
            i += 1;
        }
        if chars.get(i) == Some(&'#') {
            spec.alternate = true;
            i += 1;
        }
        // A leading `0` is a zero fill; for numbers it also puts the padding after the
        // sign, unless an alignment was given.
        if !fill_given && chars.get(i) == Some(&'0') {
            spec.fill = '0';
            if !align_given && default_align == '>' {
                spec.align = '=';
            }
            i += 1;
        }
        spec.width = read_count(&chars, &mut i)?.unwrap_or(0);
        check_bytes(spec.width)?;
        let sep = read_separator(&chars, &mut i)?;
        if chars.get(i) == Some(&'.') {
            i += 1;
            let precision = read_count(&chars, &mut i)?;
            spec.precision =
                Some(precision.ok_or_else(|| value_error("Format specifier missing precision"))?);
        }
        match chars[i..] {
            [] => {}
            [c] => spec.kind = Some(c),
            _ => {
                return Err(value_error(format!(
                    "Invalid format specifier '{text}' for object of type '{type_name}'"
                )));
            }
        }
        if let Some(sep) = sep {
            spec.grouping = Some(grouping_for(sep, spec.kind)?);
        }
        Ok(spec)
    }
}

/// Reads a run of ASCII digits at `i`: `None` when there is none.
fn read_count(chars: &[char], i: &mut usize) -> Result<Option<usize>, Exc> {
    let start = *i;
    while chars.get(*i).is_some_and(char::is_ascii_digit) {
        *i += 1;
    }
    if *i == start {
        return Ok(None);
    }
    let digits: String = chars[start..*i].iter().collect();
    digits
        .parse()
        .map(Some)
        .map_err(|_| value_error("Too many decimal digits in format string"))
}

/// Reads the grouping option at `i`: `,` or `_`, but not both.
fn read_separator(chars: &[char], i: &mut usize) -> Result<Option<char>, Exc> {
    let both = || value_error("Cannot specify both ',' and '_'.");
    let mut sep = None;
    if chars.get(*i) == Some(&',') {
        sep = Some(',');
        *i += 1;
    }
    if chars.get(*i) == Some(&'_') {
        if sep.is_some() {
            return Err(both());
        }
        sep = Some('_');
        *i += 1;
    }
    // A second `,` after `_` is an error here; after `,` it is left to be read as the
    // type, which then fails as "Cannot specify ',' with ','".
    if chars.get(*i) == Some(&',') && sep == Some('_') {
        return Err(both());
    }
    Ok(sep)
}

/// Which types take a separator (PEP 378 and PEP 515): every three digits for the
/// decimal types, and `_` every four digits for binary, octal and hex.
fn grouping_for(sep: char, kind: Option<char>) -> Result<Grouping, Exc> {
    match kind {
        None | Some('d' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => Ok(Grouping { sep, size: 3 }),
        Some('b' | 'o' | 'x' | 'X') if sep == '_' => Ok(Grouping { sep, size: 4 }),
        Some(k) => Err(value_error(format!(
            "Cannot specify '{sep}' with '{}'.",
            shown_code(k)
        ))),
    }
}

#[cold]
fn unknown_code(kind: char, type_name: &str) -> Exc {
    value_error(format!(
        "Unknown format code '{}' for object of type '{type_name}'",
        shown_code(kind)
    ))
}

/// A type code as CPython's messages show it: as itself from `!` to DEL, else as `\x`
/// and its hex code (`' '` is `\x20`).
fn shown_code(c: char) -> String {
    if ('!'..='\x7f').contains(&c) {
        c.to_string()
    } else {
        format!("\\x{:x}", c as u32)
    }
}

/// `format(str, spec)`: truncated to the precision, then padded; signs, `#`, `z` and `=`
/// are errors.
fn format_str(s: &str, spec: &Spec, type_name: &str) -> Result<String, Exc> {
    match spec.kind {
        Some('s') | None => {}
        Some(k) => return Err(unknown_code(k, type_name)),
    }
    let refuse = |what: &str| Err(value_error(format!("{what} in string format specifier")));
    match spec.sign {
        Some(' ') => return refuse("Space not allowed"),
        Some(_) => return refuse("Sign not allowed"),
        None => {}
    }
    if spec.no_neg_zero {
        return refuse("Negative zero coercion (z) not allowed");
    }
    if spec.alternate {
        return refuse("Alternate form (#) not allowed");
    }
    if spec.align == '=' {
        return refuse("'=' alignment not allowed");
    }
    let text: String = match spec.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_owned(),
    };
    let pad = spec.width.saturating_sub(text.chars().count());
    let (left, right) = split_padding(spec.align, pad);
    Ok(padded(&text, spec.fill, left, right))
}

/// `format(int, spec)`. The float types format the int converted to a float, as Python.
fn format_int(n: i64, spec: &Spec, type_name: &str) -> Result<String, Exc> {
    let kind = spec.kind.unwrap_or('d');
    match kind {
        'b' | 'c' | 'd' | 'n' | 'o' | 'x' | 'X' => {}
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => return format_float(n as f64, spec, type_name),
        k => return Err(unknown_code(k, type_name)),
    }
    if spec.precision.is_some() {
        return Err(value_error(
            "Precision not allowed in integer format specifier",
        ));
    }
    if spec.no_neg_zero {
        return Err(value_error(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if kind == 'c' {
        return format_char(n, spec);
    }
    let mag = n.unsigned_abs();
    let (digits, prefix) = match kind {
        'x' => (format!("{mag:x}"), "0x"),
        'X' => (format!("{mag:X}"), "0X"),
        'o' => (format!("{mag:o}"), "0o"),
        'b' => (format!("{mag:b}"), "0b"),
        // 'n' is 'd' in the C locale, which has no separator.
        _ => (mag.to_string(), ""),
    };
    let parts = Parts {
        negative: n < 0,
        prefix: if spec.alternate { prefix } else { "" },
        digits: &digits,
        decimal: false,
        rest: "",
    };
    Ok(parts.render(spec))
}

/// `format(int, 'c')`: the character with that code, padded like a number.
fn format_char(n: i64, spec: &Spec) -> Result<String, Exc> {
    if spec.sign.is_some() {
        return Err(value_error(
            "Sign not allowed with integer format specifier 'c'",
        ));
    }
    if spec.alternate {
        return Err(value_error(
            "Alternate form (#) not allowed with integer format specifier 'c'",
        ));
    }
    if !(0..=0x10ffff).contains(&n) {
        return Err(exc(ExcKind::OverflowError, "%c arg not in range(0x110000)"));
    }
    // Python can hold a lone surrogate in a string; a Rust string cannot.
    let c = char::from_u32(n as u32).ok_or_else(|| {
        value_error(format!(
            "%c arg {n:#x} is a surrogate, which a string cannot hold"
        ))
    })?;
    let mut text = [0; 4];
    let parts = Parts {
        negative: false,
        prefix: "",
        digits: "",
        decimal: false,
        rest: c.encode_utf8(&mut text),
    };
    Ok(parts.render(spec))
}

/// `format(float, spec)`: the text `PyOS_double_to_string` makes, then signed and padded.
fn format_float(f: f64, spec: &Spec, type_name: &str) -> Result<String, Exc> {
    match spec.kind {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {}
        Some(k) => return Err(unknown_code(k, type_name)),
    }
    if let Some(p) = spec.precision {
        if p > i32::MAX as usize {
            return Err(value_error("precision too big"));
        }
        check_bytes(p)?;
    }
    let text = float_text(f.abs(), spec);
    // Python drops the sign of a NaN, and `z` drops it from a zero, also one that the
    // precision rounded to zero (`-0.0001` as `z.1f` is `0.0`).
    let negative = f.is_sign_negative() && !f.is_nan() && !(spec.no_neg_zero && shows_zero(&text));
    let digits_end = text.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, after) = text.split_at(digits_end);
    let (decimal, rest) = match after.strip_prefix('.') {
        Some(rest) => (true, rest),
        None => (false, after),
    };
    let parts = Parts {
        negative,
        prefix: "",
        digits,
        decimal,
        rest,
    };
    Ok(parts.render(spec))
}

/// Whether a float's text reads as zero: only zeros and a point before any exponent or `%`.
fn shows_zero(text: &str) -> bool {
    let number = text.trim_end_matches('%');
    let mantissa = number.split(['e', 'E']).next().unwrap_or(number);
    mantissa.bytes().all(|b| b == b'0' || b == b'.')
}

/// The text of a non-negative float (infinite and NaN too) by the spec's type,
/// precision and `#`.
fn float_text(f: f64, spec: &Spec) -> String {
    let f = if spec.kind == Some('%') { f * 100.0 } else { f };
    let mut text = if f.is_nan() {
        "nan".to_owned()
    } else if f.is_infinite() {
        "inf".to_owned()
    } else {
        let (digits, mode) = match (spec.kind, spec.precision) {
            // No type is `repr`, or with a precision 'g' that never ends in a bare
            // integer ("add dot 0"); 'n' is 'g' in the C locale.
            (None, None) => (shortest(f), Mode::Repr),
            (None, Some(p)) => general(f, p, true),
            (Some('g' | 'G' | 'n'), p) => general(f, p.unwrap_or(6), false),
            (Some('e' | 'E'), p) => {
                let n = p.unwrap_or(6) + 1;
                (significant(f, n), Mode::Exp(n))
            }
            // 'f', 'F', and '%' (of a hundred times the value).
            (_, p) => {
                let p = p.unwrap_or(6);
                (fixed(f, p), Mode::Fixed(p))
            }
        };
        layout(digits, mode, spec.alternate)
    };
    if matches!(spec.kind, Some('E' | 'F' | 'G')) {
        text.make_ascii_uppercase();
    }
    if spec.kind == Some('%') {
        text.push('%');
    }
    text
}

/// The digits and mode of 'g': a precision of 0 means 1.
fn general(f: f64, precision: usize, add_dot_0: bool) -> (Digits, Mode) {
    let precision = precision.max(1);
    let mode = Mode::General {
        precision,
        add_dot_0,
    };
    (significant(f, precision), mode)
}

/// The digits of a finite non-negative float, as `_Py_dg_dtoa` returns them: no trailing
/// zeros, and `point` the place of the decimal point counted from their start (`"12"`
/// with point 3 is 120, with point -1 is 0.012). Zero is `"0"` with point 1.
struct Digits {
    digits: String,
    point: i64,
}

impl Digits {
    /// From Rust's `{:e}` text (`1.2345e-7`), whose digits are exact and correctly rounded.
    fn from_exp(text: &str) -> Digits {
        let (mantissa, exp) = text.split_once('e').unwrap_or((text, "0"));
        let exp: i64 = exp.parse().unwrap_or(0);
        let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        Digits::trimmed(&digits, exp + 1)
    }

    /// Drops leading and trailing zeros, moving the point past the leading ones.
    fn trimmed(digits: &str, point: i64) -> Digits {
        let lead = digits.len() - digits.trim_start_matches('0').len();
        let digits = digits.trim_matches('0');
        if digits.is_empty() {
            return Digits {
                digits: "0".to_owned(),
                point: 1,
            };
        }
        Digits {
            digits: digits.to_owned(),
            point: point - lead as i64,
        }
    }
}

/// The shortest digits that read back as `f` (dtoa mode 0, `repr`).
fn shortest(f: f64) -> Digits {
    Digits::from_exp(&shortest_exp(f))
}

/// More significant digits than any f64's exact decimal value has (at most 767): past
/// them every digit is a zero, which `layout` pads with.
const MAX_SIGNIFICANT: usize = 800;

/// More digits after the point than any f64's exact decimal value has (at most 1074).
const MAX_FRACTION: usize = 1100;

/// `n` significant digits, correctly rounded (dtoa mode 2). Rust's formatter refuses a
/// precision above 65,535, so the exact digits are asked for and `layout` adds the zeros.
fn significant(f: f64, n: usize) -> Digits {
    Digits::from_exp(&format!("{:.*e}", n.min(MAX_SIGNIFICANT) - 1, f))
}

/// `n` digits after the point, correctly rounded (dtoa mode 3); capped as `significant`.
fn fixed(f: f64, n: usize) -> Digits {
    let n = n.min(MAX_FRACTION);
    let text = format!("{f:.n$}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    Digits::trimmed(&format!("{int}{frac}"), int.len() as i64)
}

/// How `layout` places the digits, one variant per `PyOS_double_to_string` type.
#[derive(Clone, Copy)]
enum Mode {
    /// 'e': always an exponent, this many significant digits.
    Exp(usize),
    /// 'f': this many digits after the point.
    Fixed(usize),
    /// 'g': an exponent only for small or large values, trailing zeros dropped unless `#`.
    General { precision: usize, add_dot_0: bool },
    /// `repr`: an exponent below 1e-4 and from 1e16 on, and always a point.
    Repr,
}

/// CPython's `format_float_short`: writes `digits` with the point in place, padded with
/// zeros on the left (`0.00012`) and on the right up to the precision, or as
/// `d.ddde+XX`. A point with nothing after it is dropped unless `alternate` (`#`).
fn layout(d: Digits, mode: Mode, alternate: bool) -> String {
    let Digits { digits, mut point } = d;
    let len = digits.len() as i64;
    // Whether to use an exponent, how many digits to show (zeros pad up to it), and
    // whether an integer value must still show a point (`3.0`).
    let (use_exp, end, add_dot_0) = match mode {
        Mode::Exp(n) => (true, n as i64, false),
        Mode::Fixed(n) => (false, point + n as i64, false),
        Mode::General {
            precision,
            add_dot_0,
        } => {
            let p = precision as i64;
            // With "add dot 0", 3.0 at precision 1 must not read as the integer 3, so
            // it takes an exponent one place sooner: `3e+00`.
            let limit = if add_dot_0 { p - 1 } else { p };
            let end = if alternate { p } else { len };
            (point <= -4 || point > limit, end, add_dot_0)
        }
        Mode::Repr => (point <= -4 || point > 16, len, true),
    };
    let mut exp = 0;
    if use_exp {
        exp = point - 1;
        point = 1;
    }
    let end = if !use_exp && add_dot_0 {
        end.max(point + 1)
    } else {
        end.max(point)
    };
    let zeros = |n: i64| "0".repeat(n.max(0) as usize);
    let mut out = String::new();
    if point <= 0 {
        out.push_str("0.");
        out.push_str(&zeros(-point));
        out.push_str(&digits);
        out.push_str(&zeros(end - len));
    } else if point <= len {
        let (int, frac) = digits.split_at(point as usize);
        let _ = write!(out, "{int}.{frac}{}", zeros(end - len));
    } else {
        let _ = write!(out, "{digits}{}.{}", zeros(point - len), zeros(end - point));
    }
    if out.ends_with('.') && !alternate {
        out.pop();
    }
    if use_exp {
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    out
}

/// A number cut up as CPython's `calc_number_widths` sees it: `-` `0x` `1234` `.` `5e+06`.
/// Only `digits` is grouped and zero padded; the `rest` after the point (or a `c`
/// character, or `inf`) is copied as it is.
struct Parts<'a> {
    negative: bool,
    prefix: &'a str,
    digits: &'a str,
    decimal: bool,
    rest: &'a str,
}

impl Parts<'_> {
    /// Lays the number out as `<left pad><sign><prefix><inner pad><digits>.<rest><right pad>`.
    /// A `0` fill with `=` alignment pads the digits themselves with grouped zeros, which
    /// may make the result a character wider than asked (`{1234:08,}` is `0,001,234`).
    fn render(&self, spec: &Spec) -> String {
        let sign = match (self.negative, spec.sign) {
            (true, _) => "-",
            (false, Some('+')) => "+",
            (false, Some(' ')) => " ",
            _ => "",
        };
        let fixed_len =
            sign.len() + self.prefix.len() + usize::from(self.decimal) + self.rest.chars().count();
        let min_width = if spec.fill == '0' && spec.align == '=' {
            spec.width.saturating_sub(fixed_len)
        } else {
            0
        };
        // `inf` and a `c` character have no digits to group or zero pad.
        let grouped = if self.digits.is_empty() {
            String::new()
        } else {
            group(self.digits, min_width, spec.grouping)
        };
        let pad = spec.width.saturating_sub(fixed_len + grouped.len());
        let (left, right) = split_padding(spec.align, pad);
        let inner = if spec.align == '=' { pad } else { 0 };
        let mut body = format!("{sign}{}", self.prefix);
        body.extend(std::iter::repeat_n(spec.fill, inner));
        body.push_str(&grouped);
        if self.decimal {
            body.push('.');
        }
        body.push_str(self.rest);
        padded(&body, spec.fill, left, right)
    }
}

/// CPython's `_PyUnicode_InsertThousandsGrouping`: a separator every `size` digits from
/// the right and, for zero padding up to `min_width`, leading zeros grouped the same way.
/// Separators count toward `min_width`, but the text never starts with one: where the
/// width runs out just after a separator, one more zero follows (`0,001,234` for 8).
fn group(digits: &str, min_width: usize, grouping: Option<Grouping>) -> String {
    let Some(Grouping { sep, size }) = grouping else {
        return format!(
            "{}{digits}",
            "0".repeat(min_width.saturating_sub(digits.len()))
        );
    };
    let mut remaining = digits.len();
    let mut min_width = min_width as i64;
    let mut groups = Vec::new();
    loop {
        let width = size.min(remaining.max(min_width.max(1) as usize));
        let taken = remaining.min(width);
        let mut group = "0".repeat(width - taken);
        group.push_str(&digits[remaining - taken..remaining]);
        groups.push(group);
        remaining -= taken;
        min_width -= width as i64;
        if remaining == 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    groups.reverse();
    groups.join(sep.encode_utf8(&mut [0; 4]))
}

/// How alignment splits `pad` fill characters between the left and the right (`=` puts
/// them after the sign, counted by the caller, so neither side here).
fn split_padding(align: char, pad: usize) -> (usize, usize) {
    match align {
        '<' => (0, pad),
        '^' => (pad / 2, pad - pad / 2),
        '=' => (0, 0),
        _ => (pad, 0),
    }
}

fn padded(body: &str, fill: char, left: usize, right: usize) -> String {
    let mut out = String::with_capacity(body.len() + left + right);
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(body);
    out.extend(std::iter::repeat_n(fill, right));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(v: Value, s: &str) -> String {
        format_spec(&v, s).unwrap_or_else(|e| format!("{} {}", e.kind, e.message))
    }

    #[test]
    fn specs_as_python() {
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

    #[test]
    fn zero_padding_goes_after_sign_and_prefix_and_is_grouped() {
        assert_eq!(f(Value::Int(255), "#010x"), "0x000000ff");
        assert_eq!(f(Value::Int(-255), "#010x"), "-0x00000ff");
        assert_eq!(f(Value::Int(65536), "_x"), "1_0000");
        assert_eq!(f(Value::Int(1234), "08,"), "0,001,234");
        assert_eq!(f(Value::Int(-7), "08,"), "-000,007");
        assert_eq!(f(Value::Float(1234.5), "010,.1f"), "0,001,234.5");
        assert_eq!(f(Value::Float(f64::INFINITY), "010"), "0000000inf");
    }

    #[test]
    fn float_forms_as_python() {
        assert_eq!(f(Value::Float(0.0), "#g"), "0.00000");
        assert_eq!(f(Value::Float(2.5), "#.0f"), "2.");
        assert_eq!(f(Value::Float(3.0), "#.0e"), "3.e+00");
        assert_eq!(f(Value::Float(3.0), ".0"), "3e+00");
        assert_eq!(f(Value::Float(3.0), ".2"), "3.0");
        assert_eq!(f(Value::Float(30.0), ".2"), "3e+01");
        assert_eq!(f(Value::Float(3.25), ".2"), "3.2");
        assert_eq!(f(Value::Float(100000.0), ",g"), "100,000");
        assert_eq!(f(Value::Float(0.125), ".2f"), "0.12");
        assert_eq!(f(Value::Float(1e16), "#"), "1.e+16");
        assert_eq!(f(Value::Float(-0.0001), "z.1f"), "0.0");
        assert_eq!(f(Value::Float(f64::INFINITY), "%"), "inf%");
        assert_eq!(f(Value::Float(f64::NAN), "G"), "NAN");
        assert_eq!(f(Value::Float(-f64::NAN), "+"), "+nan");
    }

    #[test]
    fn ints_and_bools_as_python() {
        assert_eq!(f(Value::Int(65), "c"), "A");
        assert_eq!(f(Value::Int(65), "05c"), "0000A");
        assert_eq!(f(Value::Int(1234567), "n"), "1234567");
        assert_eq!(f(Value::Int(7), "e"), "7.000000e+00");
        assert_eq!(f(Value::Bool(true), "d"), "1");
        assert_eq!(f(Value::Bool(true), ">5"), "    1");
        assert_eq!(f(Value::Bool(true), ""), "true");
        assert_eq!(f(Value::Int(i64::MIN), "x"), "-8000000000000000");
    }

    #[test]
    fn errors_of_the_right_kind() {
        let kind = |v: Value, s: &str| format_spec(&v, s).err().map(|e| e.kind);
        assert_eq!(kind(Value::Int(7), ".2"), Some(ExcKind::ValueError));
        assert_eq!(kind(Value::Int(7), ",x"), Some(ExcKind::ValueError));
        assert_eq!(kind(Value::Int(7), "q"), Some(ExcKind::ValueError));
        assert_eq!(kind(Value::Int(-1), "c"), Some(ExcKind::OverflowError));
        assert_eq!(kind(Value::str("ab"), "+"), Some(ExcKind::ValueError));
        assert_eq!(kind(Value::str("ab"), "=5"), Some(ExcKind::ValueError));
        assert_eq!(kind(Value::None, ">5"), Some(ExcKind::TypeError));
        assert_eq!(kind(Value::list(vec![]), "s"), Some(ExcKind::TypeError));
        assert_eq!(kind(Value::None, ""), None);
    }

    /// Rust's formatter panics on a precision above 65,535; Python prints the digits.
    #[test]
    fn any_precision_python_accepts() {
        for spec in [".65536f", ".65536e", ".65536%", "#.70000g"] {
            let text = f(Value::Float(1.5), spec);
            assert!(
                text.len() > 65536,
                "{spec}: {}",
                &text[..text.len().min(80)]
            );
        }
        let fixed = f(Value::Float(1.5), ".65536f");
        assert_eq!(fixed.len(), 2 + 65536);
        assert!(fixed.starts_with("1.5000") && fixed.ends_with("000"));
        let exp = f(Value::Float(0.1), ".70000e");
        assert!(
            exp.starts_with("1.000000000000000055511151231257827"),
            "{}",
            &exp[..40]
        );
        assert!(exp.ends_with("0e-01"));
        assert_eq!(f(Value::Float(1.5), ".65536g"), "1.5");
        assert_eq!(f(Value::Float(1.5), ".65536").len(), 3);
    }
}
