//! `str.format`: Python's replacement fields (`{}`, `{0}`, `{name}`, `{x!r:>8}`, a spec with
//! fields of its own `{:{width}}`), with Python's errors for a malformed format string.

use super::Args;
use crate::vm::{Exc, ExcKind, Exception, Value, exc, format, value_error};

/// `template.format(*args, **kwargs)`.
pub fn format(template: &str, args: &Args<'_>) -> Result<String, Exc> {
    let mut fields = Fields {
        args,
        auto: 0,
        manual: false,
        automatic: false,
    };
    fields.expand(template, 0)
}

struct Fields<'a, 'b> {
    args: &'a Args<'b>,
    /// The next automatic field number.
    auto: usize,
    manual: bool,
    automatic: bool,
}

impl Fields<'_, '_> {
    fn expand(&mut self, template: &str, depth: usize) -> Result<String, Exc> {
        if depth > 1 {
            return Err(value_error("Max string recursion exceeded"));
        }
        let mut out = String::with_capacity(template.len());
        let mut chars = template.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '{' if matches!(chars.peek(), Some((_, '{'))) => {
                    chars.next();
                    out.push('{');
                }
                '}' if matches!(chars.peek(), Some((_, '}'))) => {
                    chars.next();
                    out.push('}');
                }
                '}' => return Err(value_error("Single '}' encountered in format string")),
                '{' => {
                    // The field runs to its matching `}`, braces of the spec nesting.
                    let mut nesting = 1;
                    let mut end = None;
                    for (j, d) in chars.by_ref() {
                        match d {
                            '{' => nesting += 1,
                            '}' => {
                                nesting -= 1;
                                if nesting == 0 {
                                    end = Some(j);
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                    let Some(end) = end else {
                        return Err(value_error("expected '}' before end of string"));
                    };
                    let text = self.field(&template[i + 1..end], depth)?;
                    crate::vm::arith::check_bytes(out.len().saturating_add(text.len()))?;
                    out.push_str(&text);
                }
                c => out.push(c),
            }
        }
        Ok(out)
    }

    /// One `name!conv:spec` field.
    fn field(&mut self, field: &str, depth: usize) -> Result<String, Exc> {
        let (head, spec) = match field.find(':') {
            Some(at) => (&field[..at], Some(&field[at + 1..])),
            None => (field, None),
        };
        let (name, conv) = match head.find('!') {
            Some(at) => (&head[..at], Some(&head[at + 1..])),
            None => (head, None),
        };
        let value = self.lookup(name)?;
        let shown = match conv {
            None => value,
            Some("r") | Some("a") => Value::str(&format::try_repr(&value)?),
            Some("s") => Value::str(&format::to_str(&value)?),
            Some(other) => {
                return Err(value_error(format!("Unknown conversion specifier {other}")));
            }
        };
        match spec {
            None | Some("") => format::to_str(&shown),
            Some(spec) => {
                let spec = if spec.contains('{') {
                    self.expand(spec, depth + 1)?
                } else {
                    spec.to_owned()
                };
                format::format_spec(&shown, &spec)
            }
        }
    }

    fn lookup(&mut self, name: &str) -> Result<Value, Exc> {
        if name.contains(['.', '[']) {
            return Err(value_error(
                "format fields with attributes or indexes (`{0.x}`, `{0[1]}`) are not supported",
            ));
        }
        if name.is_empty() {
            if self.manual {
                return Err(value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            self.automatic = true;
            let i = self.auto;
            self.auto += 1;
            return self.positional(i);
        }
        if let Ok(i) = name.parse::<usize>() {
            if self.automatic {
                return Err(value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            self.manual = true;
            return self.positional(i);
        }
        self.args
            .kw(name)
            .cloned()
            .ok_or_else(|| Exception::with_arg(ExcKind::KeyError, Value::str(name)))
    }

    fn positional(&self, i: usize) -> Result<Value, Exc> {
        self.args.pos.get(i).cloned().ok_or_else(|| {
            exc(
                ExcKind::IndexError,
                format!("Replacement index {i} out of range for positional args tuple"),
            )
        })
    }
}
