//! Reading JSON the way Python's `json.loads` reads it: `NaN`, `Infinity` and `-Infinity`
//! are accepted, a number with a fraction or exponent is a float (`1E400` is `inf`), the
//! last of repeated keys wins, and an error names the line, column and character offset.

use crate::vm::Str;

use indexmap::IndexMap;

use crate::vm::{Exc, ExcKind, Key, Value, exc, value_error};

/// How deeply arrays and objects may nest.
const MAX_DEPTH: usize = 500;

pub fn parse(text: &str) -> Result<Value, Exc> {
    let mut p = Parser {
        text,
        pos: 0,
        depth: 0,
    };
    p.skip_ws();
    let value = p.value()?;
    p.skip_ws();
    if p.pos < text.len() {
        return Err(p.error("Extra data", p.pos));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    /// `json.JSONDecodeError`'s message (a `ValueError`).
    fn error(&self, what: &str, at: usize) -> Exc {
        let before = &self.text[..at.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.chars().count()
            - before
                .rfind('\n')
                .map_or(0, |i| before[..=i].chars().count())
            + 1;
        let offset = before.chars().count();
        value_error(format!(
            "{what}: line {line} column {column} (char {offset})"
        ))
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, word: &str) -> bool {
        let found = self.text[self.pos..].starts_with(word);
        if found {
            self.pos += word.len();
        }
        found
    }

    fn value(&mut self) -> Result<Value, Exc> {
        let start = self.pos;
        match self.peek() {
            Some(b'{') => self.nested(Self::object),
            Some(b'[') => self.nested(Self::array),
            Some(b'"') => Ok(Value::Str(Str::from(self.string()?))),
            _ if self.eat("null") => Ok(Value::None),
            _ if self.eat("true") => Ok(Value::Bool(true)),
            _ if self.eat("false") => Ok(Value::Bool(false)),
            _ if self.eat("NaN") => Ok(Value::Float(f64::NAN)),
            _ if self.eat("Infinity") => Ok(Value::Float(f64::INFINITY)),
            _ if self.eat("-Infinity") => Ok(Value::Float(f64::NEG_INFINITY)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error("Expecting value", start)),
        }
    }

    fn nested(&mut self, read: fn(&mut Self) -> Result<Value, Exc>) -> Result<Value, Exc> {
        if self.depth >= MAX_DEPTH {
            return Err(exc(
                ExcKind::RecursionError,
                "json_parse(): the document nests too deeply",
            ));
        }
        self.depth += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn object(&mut self) -> Result<Value, Exc> {
        self.pos += 1;
        let mut map = IndexMap::new();
        self.skip_ws();
        if self.eat("}") {
            return Ok(Value::map(map));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error(
                    "Expecting property name enclosed in double quotes",
                    self.pos,
                ));
            }
            let key = self.string()?;
            self.skip_ws();
            if !self.eat(":") {
                return Err(self.error("Expecting ':' delimiter", self.pos));
            }
            self.skip_ws();
            let value = self.value()?;
            map.insert(Key(Value::Str(Str::from(key))), value);
            self.skip_ws();
            if self.eat("}") {
                return Ok(Value::map(map));
            }
            if !self.eat(",") {
                return Err(self.error("Expecting ',' delimiter", self.pos));
            }
        }
    }

    fn array(&mut self) -> Result<Value, Exc> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.eat("]") {
            return Ok(Value::list(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value()?);
            self.skip_ws();
            if self.eat("]") {
                return Ok(Value::list(items));
            }
            if !self.eat(",") {
                return Err(self.error("Expecting ',' delimiter", self.pos));
            }
        }
    }

    fn number(&mut self) -> Result<Value, Exc> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let digits_from = |mut i: usize| {
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            i
        };
        let mut i = start + usize::from(bytes.get(start) == Some(&b'-'));
        match bytes.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => i = digits_from(i),
            _ => return Err(self.error("Expecting value", start)),
        }
        let mut is_float = false;
        if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i = digits_from(i + 1);
            is_float = true;
        }
        if matches!(bytes.get(i), Some(b'e' | b'E')) {
            let j = i + 1 + usize::from(matches!(bytes.get(i + 1), Some(b'+' | b'-')));
            if bytes.get(j).is_some_and(u8::is_ascii_digit) {
                i = digits_from(j);
                is_float = true;
            }
        }
        self.pos = i;
        let text = &self.text[start..i];
        if is_float {
            return Ok(Value::Float(text.parse().unwrap_or(f64::NAN)));
        }
        text.parse::<i64>().map(Value::Int).map_err(|_| {
            exc(
                ExcKind::OverflowError,
                format!("json_parse(): the integer {text} does not fit in 64 bits"),
            )
        })
    }

    /// The string whose opening quote is at `pos`.
    fn string(&mut self) -> Result<String, Exc> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.text[self.pos..].chars().next() else {
                return Err(self.error("Unterminated string starting at", start));
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                '\\' => out.push(self.escape()?),
                c if (c as u32) < 0x20 => {
                    return Err(self.error("Invalid control character at", self.pos));
                }
                c => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    /// The escape whose backslash is at `pos`.
    fn escape(&mut self) -> Result<char, Exc> {
        let at = self.pos;
        let e = self.text[at + 1..].chars().next();
        self.pos += 1 + e.map_or(0, char::len_utf8);
        Ok(match e {
            Some('"') => '"',
            Some('\\') => '\\',
            Some('/') => '/',
            Some('b') => '\u{8}',
            Some('f') => '\u{c}',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('t') => '\t',
            Some('u') => {
                let first = self.hex4(at)?;
                let mut code = first;
                if (0xD800..0xDC00).contains(&first) && self.text[self.pos..].starts_with("\\u") {
                    let save = self.pos;
                    self.pos += 2;
                    let second = self.hex4(at)?;
                    if (0xDC00..0xE000).contains(&second) {
                        code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                    } else {
                        self.pos = save;
                    }
                }
                // A lone surrogate cannot be held in a string here.
                char::from_u32(code).unwrap_or('\u{fffd}')
            }
            _ => return Err(self.error("Invalid \\escape", at)),
        })
    }

    /// Four hex digits at `pos`.
    fn hex4(&mut self, escape_at: usize) -> Result<u32, Exc> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        match digits.and_then(|d| u32::from_str_radix(d, 16).ok()) {
            Some(code) => {
                self.pos += 4;
                Ok(code)
            }
            None => Err(self.error("Invalid \\uXXXX escape", escape_at)),
        }
    }
}
