//! Decoding literals: integers in any base, floats, and string escapes.

/// Parses an `int` token (`1_000`, `0xff`, `0b101`, `0o17`); `None` if it does not fit i64.
pub fn parse_int(text: &str) -> Option<i64> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let (digits, radix) = match clean.get(..2) {
        Some("0x" | "0X") => (&clean[2..], 16),
        Some("0o" | "0O") => (&clean[2..], 8),
        Some("0b" | "0B") => (&clean[2..], 2),
        _ => (clean.as_str(), 10),
    };
    i64::from_str_radix(digits, radix).ok()
}

/// Whether an `int` token is 2^63: too large alone, but `-9223372036854775808` is the
/// smallest 64-bit integer.
pub fn is_two_to_63(text: &str) -> bool {
    text.chars().filter(|&c| c != '_').collect::<String>() == "9223372036854775808"
}

/// Parses a `float` token.
pub fn parse_float(text: &str) -> f64 {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    // The grammar only admits valid float syntax, which Rust's parser accepts.
    clean.parse().unwrap_or(f64::NAN)
}

/// A string escape that is not one of ours: its text and its byte range within the input.
pub struct BadEscape {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// For `\xHH` and `\uHHHH` cut short (`\u12`), the form it should have had.
    pub truncated: Option<&'static str>,
}

/// Decodes backslash escapes in the body of a string (without its quotes). In an f-string's
/// text, `{{` and `}}` also stand for one brace.
pub fn unescape(body: &str, braces: bool) -> Result<String, BadEscape> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                let Some((_, e)) = chars.next() else {
                    return Err(bad(body, i, i + 1));
                };
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    '0' => out.push('\0'),
                    '\\' => out.push('\\'),
                    '"' => out.push('"'),
                    '\'' => out.push('\''),
                    '{' => out.push('{'),
                    '}' => out.push('}'),
                    'x' => {
                        let hex = hex_digits(&body[i + 2..], 2);
                        if hex.len() < 2 {
                            return Err(truncated(body, i, i + 2 + hex.len(), "\\xXX"));
                        }
                        // Two hex digits always make a code point below 256.
                        let b = u8::from_str_radix(hex, 16).unwrap_or(0);
                        out.push(char::from(b));
                        chars.next();
                        chars.next();
                    }
                    'u' => {
                        let rest = &body[i + 2..];
                        let (hex, used) = if let Some(inner) = rest.strip_prefix('{') {
                            match inner.find('}') {
                                Some(close) => (&inner[..close], close + 2),
                                None => return Err(bad(body, i, body.len())),
                            }
                        } else {
                            // Exactly four hex digits, as Python's `\uXXXX`.
                            let hex = hex_digits(rest, 4);
                            if hex.len() < 4 {
                                return Err(truncated(body, i, i + 2 + hex.len(), "\\uXXXX"));
                            }
                            (hex, 4)
                        };
                        let ch = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
                        match ch {
                            Some(ch) if !hex.is_empty() => out.push(ch),
                            _ => return Err(bad(body, i, (i + 2 + used).min(body.len()))),
                        }
                        for _ in 0..used {
                            chars.next();
                        }
                    }
                    _ => return Err(bad(body, i, i + 1 + e.len_utf8())),
                }
            }
            '{' | '}' if braces && chars.peek().map(|&(_, n)| n) == Some(c) => {
                chars.next();
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}

fn bad(body: &str, start: usize, end: usize) -> BadEscape {
    BadEscape {
        text: body[start..end].to_owned(),
        start,
        end,
        truncated: None,
    }
}

fn truncated(body: &str, start: usize, end: usize, form: &'static str) -> BadEscape {
    BadEscape {
        truncated: Some(form),
        ..bad(body, start, end)
    }
}

/// The hex digits at the start of `text`, at most `max` of them.
fn hex_digits(text: &str, max: usize) -> &str {
    let n = text
        .bytes()
        .take(max)
        .take_while(u8::is_ascii_hexdigit)
        .count();
    &text[..n]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints() {
        assert_eq!(parse_int("1_000"), Some(1000));
        assert_eq!(parse_int("0xff"), Some(255));
        assert_eq!(parse_int("0b101"), Some(5));
        assert_eq!(parse_int("9223372036854775807"), Some(i64::MAX));
        assert_eq!(parse_int("9223372036854775808"), None);
    }

    #[test]
    fn escapes() {
        assert_eq!(
            unescape(r"a\nb\t\\\u{1F600}\x41", false).ok().as_deref(),
            Some("a\nb\t\\😀A")
        );
        assert_eq!(unescape("{{x}}", true).ok().as_deref(), Some("{x}"));
        let err = unescape(r"a\qb", false).err().map(|e| e.text);
        assert_eq!(err.as_deref(), Some(r"\q"));
        assert_eq!(unescape(r"\u00e9\x41", false).ok().as_deref(), Some("éA"));
    }

    #[test]
    fn short_hex_escapes_are_truncated() {
        for (text, escape, form) in [
            (r"\u1", r"\u1", r"\uXXXX"),
            (r"a\u123", r"\u123", r"\uXXXX"),
            (r"\u12g4", r"\u12", r"\uXXXX"),
            (r"\u", r"\u", r"\uXXXX"),
            (r"\x4", r"\x4", r"\xXX"),
            (r"\x4g", r"\x4", r"\xXX"),
        ] {
            let err = unescape(text, false).err();
            assert_eq!(
                err.as_ref().map(|e| e.text.as_str()),
                Some(escape),
                "{text}"
            );
            assert_eq!(err.and_then(|e| e.truncated), Some(form), "{text}");
        }
    }
}
