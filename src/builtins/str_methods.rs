//! Methods of strings, with Python's rules: indexes count characters, search methods take
//! optional `start` and `end`, whitespace is what `str.isspace` accepts, and `lines()`
//! breaks where `str.splitlines()` does.

use crate::vm::Str;

use super::Args;
use super::methods::Method;
use crate::vm::arith::{check_bytes, check_strings};
use crate::vm::{Exc, ExcKind, Value, exc, iter, type_error, value_error};

/// Python's `str.isspace` for one character (Rust's `is_whitespace` lacks \x1c-\x1f).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Where `str.splitlines` breaks a line.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{b}'
            | '\u{c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

fn str_arg<'a>(args: &'a Args<'_>, i: usize) -> Result<&'a Str, Exc> {
    match args.pos.get(i) {
        Some(Value::Str(s)) => Ok(s),
        Some(other) => Err(type_error(format!(
            "{}() argument must be a string, not '{}'",
            args.name,
            other.type_name()
        ))),
        None => Err(type_error(format!(
            "{}() is missing an argument",
            args.name
        ))),
    }
}

/// The byte range of `s` that `start` and `end` (character indexes, possibly negative or
/// none, clamped like a slice) select, and the character index where it begins.
fn window(
    s: &Str,
    start: Option<&Value>,
    end: Option<&Value>,
) -> Result<(usize, usize, usize), Exc> {
    let n = s.char_len() as i64;
    let bound = |v: Option<&Value>, default: i64| -> Result<i64, Exc> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = v
                    .as_int()
                    .ok_or_else(|| type_error("slice indices must be integers or none"))?;
                Ok(if i < 0 { (i + n).max(0) } else { i.min(n) })
            }
        }
    };
    let (first, last) = (bound(start, 0)?, bound(end, n)?);
    let byte_at = |ci: i64| s.byte_offset(ci as usize);
    if first > last {
        return Ok((s.len(), s.len(), first as usize));
    }
    Ok((byte_at(first), byte_at(last), first as usize))
}

fn text(t: impl Into<Str>) -> Result<Value, Exc> {
    Ok(Value::Str(t.into()))
}

pub fn str_method(s: &Str, method: Method, args: &Args<'_>) -> Result<Value, Exc> {
    match method {
        Method::Split | Method::Rsplit => split(s, method, args),
        Method::Format => text(super::str_format::format(s, args)?),
        Method::Expandtabs => {
            args.accept(0, 1, &["tabsize"])?;
            let size = match args.get(0, "tabsize") {
                None => 8,
                Some(v) => v.as_int().ok_or_else(|| {
                    type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        crate::vm::value::python_type_name(v)
                    ))
                })?,
            };
            let mut out = String::with_capacity(s.len());
            let mut column: i64 = 0;
            for c in s.chars() {
                match c {
                    '\t' => {
                        if size > 0 {
                            let pad = size - column % size;
                            crate::vm::arith::check_bytes(out.len() + pad as usize)?;
                            out.extend(std::iter::repeat_n(' ', pad as usize));
                            column += pad;
                        }
                    }
                    '\n' | '\r' => {
                        out.push(c);
                        column = 0;
                    }
                    c => {
                        out.push(c);
                        column += 1;
                    }
                }
            }
            text(out)
        }
        Method::Splitlines if args.kw("keepends").is_some_and(Value::truthy) => {
            args.accept(0, 0, &["keepends"])?;
            let mut lines = Vec::new();
            let mut rest: &str = s;
            while !rest.is_empty() {
                match rest.char_indices().find(|&(_, c)| is_line_break(c)) {
                    Some((i, c)) => {
                        let skip = if c == '\r' && rest[i + 1..].starts_with('\n') {
                            2
                        } else {
                            c.len_utf8()
                        };
                        lines.push(Value::str(&rest[..i + skip]));
                        rest = &rest[i + skip..];
                    }
                    None => {
                        lines.push(Value::str(rest));
                        break;
                    }
                }
            }
            Ok(Value::list(lines))
        }
        Method::Lines | Method::Splitlines => {
            args.accept(0, 0, &["keepends"])?;
            check_strings(s.chars().filter(|&c| is_line_break(c)).count())?;
            let mut lines = Vec::new();
            let mut rest: &str = s;
            while !rest.is_empty() {
                match rest.char_indices().find(|&(_, c)| is_line_break(c)) {
                    Some((i, c)) => {
                        lines.push(Value::str(&rest[..i]));
                        let skip = if c == '\r' && rest[i + 1..].starts_with('\n') {
                            2
                        } else {
                            c.len_utf8()
                        };
                        rest = &rest[i + skip..];
                    }
                    None => {
                        lines.push(Value::str(rest));
                        break;
                    }
                }
            }
            Ok(Value::list(lines))
        }
        Method::Strip | Method::Lstrip | Method::Rstrip => {
            args.accept(0, 1, &[])?;
            let set: Option<Vec<char>> = match args.pos.first() {
                None | Some(Value::None) => None,
                Some(Value::Str(c)) => Some(c.chars().collect()),
                Some(other) => {
                    return Err(type_error(format!(
                        "strip arg must be none or a string, not '{}'",
                        other.type_name()
                    )));
                }
            };
            let strip = |c: char| match &set {
                Some(set) => set.contains(&c),
                None => is_space(c),
            };
            text(match method {
                Method::Strip => s.trim_matches(strip),
                Method::Lstrip => s.trim_start_matches(strip),
                _ => s.trim_end_matches(strip),
            })
        }
        Method::Upper => {
            args.accept(0, 0, &[])?;
            text(s.to_uppercase())
        }
        Method::Lower => {
            args.accept(0, 0, &[])?;
            text(s.to_lowercase())
        }
        Method::Title | Method::Capitalize => {
            args.accept(0, 0, &[])?;
            // Python's rule: a cased character after an uncased one starts a word, and
            // takes its Unicode titlecase (`ß` -> `Ss`, `ǆ` -> `ǅ`), not its uppercase.
            let mut out = String::with_capacity(s.len());
            let mut previous_cased = false;
            for (i, c) in s.chars().enumerate() {
                let starts = if method == Method::Title {
                    !previous_cased
                } else {
                    i == 0
                };
                if starts {
                    push_titlecase(&mut out, c);
                } else {
                    out.extend(c.to_lowercase());
                }
                previous_cased = is_cased(c);
            }
            text(out)
        }
        Method::Startswith | Method::Endswith => {
            args.accept(1, 3, &[])?;
            let (from, to, _) = window(s, args.pos.get(1), args.pos.get(2))?;
            let part = &s[from..to];
            let candidates: Vec<Value> = match &args.pos[0] {
                Value::Str(_) => vec![args.pos[0].clone()],
                Value::List(l) => l.borrow().clone(),
                other => {
                    return Err(type_error(format!(
                        "{}() takes a string or a list of strings, not '{}'",
                        args.name,
                        other.type_name()
                    )));
                }
            };
            for c in candidates {
                let Value::Str(c) = c else {
                    return Err(type_error("expected a string"));
                };
                let hit = if method == Method::Startswith {
                    part.starts_with(&*c)
                } else {
                    part.ends_with(&*c)
                };
                if hit {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        Method::Contains => {
            args.accept(1, 1, &[])?;
            Ok(Value::Bool(s.contains(&**str_arg(args, 0)?)))
        }
        Method::Join => {
            args.accept(1, 1, &[])?;
            let items = iter::collect(&args.pos[0])?;
            let mut out = String::new();
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(s);
                }
                let Value::Str(part) = item else {
                    return Err(type_error(format!(
                        "sequence item {i}: expected str instance, {} found",
                        item.type_name()
                    )));
                };
                check_bytes(out.len().saturating_add(part.len()))?;
                out.push_str(part);
            }
            text(out)
        }
        Method::Replace => {
            args.accept(2, 3, &[])?;
            let (old, new) = (str_arg(args, 0)?, str_arg(args, 1)?);
            match args.pos.get(2).and_then(Value::as_int) {
                Some(n) if n >= 0 => text(s.replacen(&**old, new, n as usize)),
                _ => {
                    let count = if old.is_empty() {
                        s.char_len() + 1
                    } else {
                        s.matches(&**old).count()
                    };
                    check_bytes(s.len() + count.saturating_mul(new.len()))?;
                    text(s.replace(&**old, new))
                }
            }
        }
        Method::Find | Method::Rfind | Method::Index | Method::Count => {
            args.accept(1, 3, &[])?;
            let needle = str_arg(args, 0)?;
            let (from, to, first_char) = window(s, args.pos.get(1), args.pos.get(2))?;
            let part = &s[from..to];
            if method == Method::Count {
                let n = if needle.is_empty() {
                    part.chars().count() + 1
                } else {
                    part.matches(&**needle).count()
                };
                return Ok(Value::Int(n as i64));
            }
            let found = if method == Method::Rfind {
                part.rfind(&**needle)
            } else {
                part.find(&**needle)
            };
            match found {
                Some(byte) => Ok(Value::Int(
                    (first_char + part[..byte].chars().count()) as i64,
                )),
                None if method == Method::Index => Err(value_error("substring not found")),
                None => Ok(Value::Int(-1)),
            }
        }
        Method::Ljust | Method::Rjust | Method::Center => {
            args.accept(1, 2, &[])?;
            let width = args.pos[0]
                .as_int()
                .ok_or_else(|| type_error("the width must be an integer"))?;
            let fill = match args.pos.get(1) {
                None => ' ',
                Some(Value::Str(f)) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
                Some(_) => {
                    return Err(type_error(
                        "the fill character must be exactly one character long",
                    ));
                }
            };
            let len = s.char_len() as i64;
            let pad = (width - len).max(0) as usize;
            check_bytes(s.len().saturating_add(pad.saturating_mul(fill.len_utf8())))?;
            let fills = |n: usize| std::iter::repeat_n(fill, n).collect::<String>();
            text(match method {
                Method::Ljust => format!("{s}{}", fills(pad)),
                Method::Rjust => format!("{}{s}", fills(pad)),
                // Python puts the odd extra fill on the left when the width is odd.
                _ => {
                    let left = pad / 2 + (pad & width as usize & 1);
                    format!("{}{s}{}", fills(left), fills(pad - left))
                }
            })
        }
        Method::Zfill => {
            args.accept(1, 1, &[])?;
            let width = args.pos[0]
                .as_int()
                .ok_or_else(|| type_error("the width must be an integer"))?;
            let len = s.char_len() as i64;
            let pad = (width - len).max(0) as usize;
            check_bytes(s.len().saturating_add(pad))?;
            let (sign, digits) = match s.chars().next() {
                Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
                _ => (String::new(), &s[..]),
            };
            text(format!("{sign}{}{digits}", "0".repeat(pad)))
        }
        Method::Isdigit
        | Method::Isalpha
        | Method::Isalnum
        | Method::Isspace
        | Method::Islower
        | Method::Isupper => {
            args.accept(0, 0, &[])?;
            let all = |f: fn(char) -> bool| !s.is_empty() && s.chars().all(f);
            Ok(Value::Bool(match method {
                Method::Isdigit => all(|c| c.is_ascii_digit() || c.is_numeric()),
                Method::Isalpha => all(char::is_alphabetic),
                Method::Isalnum => all(char::is_alphanumeric),
                Method::Isspace => all(is_space),
                Method::Islower => {
                    s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)
                }
                _ => s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase),
            }))
        }
        Method::Removeprefix => {
            args.accept(1, 1, &[])?;
            text(s.strip_prefix(&**str_arg(args, 0)?).unwrap_or(s))
        }
        Method::Removesuffix => {
            args.accept(1, 1, &[])?;
            text(s.strip_suffix(&**str_arg(args, 0)?).unwrap_or(s))
        }
        Method::Partition => {
            args.accept(1, 1, &[])?;
            let sep = str_arg(args, 0)?;
            if sep.is_empty() {
                return Err(value_error("empty separator"));
            }
            Ok(Value::list(match s.split_once(&**sep) {
                Some((a, b)) => vec![Value::str(a), Value::Str(sep.clone()), Value::str(b)],
                None => vec![Value::Str(s.clone()), Value::str(""), Value::str("")],
            }))
        }
        other => Err(exc(
            ExcKind::AttributeError,
            format!("'str' object has no attribute '{}'", other.name()),
        )),
    }
}

/// `split(sep=none, maxsplit=-1)` and `rsplit`.
fn split(s: &str, method: Method, args: &Args<'_>) -> Result<Value, Exc> {
    args.accept(0, 2, &["sep", "maxsplit"])?;
    let max = match args.get(1, "maxsplit") {
        None => None,
        Some(v) => v.as_int().filter(|&n| n >= 0).map(|n| n as usize),
    };
    let from_right = method == Method::Rsplit;
    // Count the pieces before making them: "x " * 2**29 splits into 2**29 strings.
    let pieces = match args.get(0, "sep") {
        Some(Value::Str(sep)) if !sep.is_empty() => s.matches(&**sep).count() + 1,
        _ => s.split(is_space).filter(|w| !w.is_empty()).count(),
    };
    check_strings(max.map_or(pieces, |m| pieces.min(m.saturating_add(1))))?;
    let parts: Vec<String> = match args.get(0, "sep") {
        None | Some(Value::None) => split_space(s, max, from_right),
        Some(Value::Str(sep)) => {
            if sep.is_empty() {
                return Err(value_error("empty separator"));
            }
            match (max, from_right) {
                (None, _) => s.split(&**sep).map(String::from).collect(),
                (Some(max), false) => s.splitn(max + 1, &**sep).map(String::from).collect(),
                (Some(max), true) => {
                    let mut parts: Vec<String> =
                        s.rsplitn(max + 1, &**sep).map(String::from).collect();
                    parts.reverse();
                    parts
                }
            }
        }
        Some(other) => {
            return Err(type_error(format!(
                "split() separator must be a string, not '{}'",
                other.type_name()
            )));
        }
    };
    Ok(Value::list(
        parts
            .into_iter()
            .map(|p| Value::Str(Str::from(p)))
            .collect(),
    ))
}

/// Python's whitespace split: runs of whitespace separate, none are kept, and at most
/// `max` splits are made (from the right for `rsplit`).
fn split_space(s: &str, max: Option<usize>, from_right: bool) -> Vec<String> {
    let words: Vec<&str> = s.split(is_space).filter(|w| !w.is_empty()).collect();
    let Some(max) = max.filter(|&m| m < words.len().saturating_sub(1)) else {
        return words.into_iter().map(String::from).collect();
    };
    if from_right {
        let head_end = {
            // The text before the last `max` words, with its trailing space trimmed.
            let mut end = s.trim_end_matches(is_space).len();
            for _ in 0..max {
                end = s[..end].trim_end_matches(|c| !is_space(c)).len();
                end = s[..end].trim_end_matches(is_space).len();
            }
            end
        };
        let mut out = vec![s[..head_end].trim_start_matches(is_space).to_owned()];
        out.extend(words[words.len() - max..].iter().map(|w| w.to_string()));
        out
    } else {
        let mut rest = s.trim_start_matches(is_space);
        let mut out = Vec::new();
        for _ in 0..max {
            let end = rest.find(is_space).unwrap_or(rest.len());
            out.push(rest[..end].to_owned());
            rest = rest[end..].trim_start_matches(is_space);
        }
        if !rest.is_empty() {
            out.push(rest.to_owned());
        }
        out
    }
}

/// Whether `c` has case (Unicode's `Cased`, approximated by having a lower- or uppercase
/// form): what `title()` counts as part of a word.
fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase() || unicode_case_mapping::to_titlecase(c) != [0; 3]
}

/// Appends `c`'s titlecase mapping, which may be several characters.
fn push_titlecase(out: &mut String, c: char) {
    let mapped = unicode_case_mapping::to_titlecase(c);
    if mapped == [0; 3] {
        out.push(c);
        return;
    }
    out.extend(
        mapped
            .iter()
            .filter(|&&u| u != 0)
            .filter_map(|&u| char::from_u32(u)),
    );
}
