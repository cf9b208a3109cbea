//! The state of a `for` loop over a range, list, string or map.

use std::rc::Rc;

use super::exception::{Exc, ExcKind, exc, type_error};
use super::str::Str;
use super::value::{List, Map, Set, Tuple, Value};

pub enum Iter {
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    List {
        list: Rc<List>,
        index: usize,
    },
    Str {
        text: Str,
        pos: usize,
    },
    Keys {
        map: Rc<Map>,
        index: usize,
        len: usize,
    },
    Tuple {
        tuple: Rc<Tuple>,
        index: usize,
    },
    Set {
        set: Rc<Set>,
        index: usize,
        len: usize,
    },
}

impl Iter {
    /// The iterator over `value`, as Python's `iter()`.
    pub fn new(value: &Value) -> Result<Iter, Exc> {
        Ok(match value {
            Value::Range(r) => Iter::Range {
                next: r.start,
                stop: r.stop,
                step: r.step,
            },
            Value::List(list) => Iter::List {
                list: list.clone(),
                index: 0,
            },
            Value::Str(text) => Iter::Str {
                text: text.clone(),
                pos: 0,
            },
            Value::Map(map) => Iter::Keys {
                map: map.clone(),
                index: 0,
                len: map.borrow().len(),
            },
            Value::Tuple(tuple) => Iter::Tuple {
                tuple: tuple.clone(),
                index: 0,
            },
            Value::Set(set) => Iter::Set {
                set: set.clone(),
                index: 0,
                len: set.borrow().len(),
            },
            Value::Gen(_) => {
                return Err(type_error(
                    "an async generator is iterated with `for await x in ...`, not `for x in ...`",
                ));
            }
            other => {
                return Err(type_error(format!(
                    "'{}' object is not iterable",
                    super::value::python_type_name(other)
                )));
            }
        })
    }

    /// The next item if it is an int (advancing past it), else `None` with nothing
    /// advanced: `for` over a range or a list of ints takes this path, which hands the
    /// int over in a register instead of a whole `Value` through memory.
    #[inline]
    pub fn next_int(&mut self) -> Option<i64> {
        match self {
            Iter::Range { next, stop, step } => range_next(next, *stop, *step),
            Iter::List { list, index } => match list.borrow().get(*index) {
                Some(&Value::Int(n)) => {
                    *index += 1;
                    Some(n)
                }
                _ => None,
            },
            _ => None,
        }
    }

    pub fn next(&mut self) -> Result<Option<Value>, Exc> {
        Ok(match self {
            Iter::Range { next, stop, step } => range_next(next, *stop, *step).map(Value::Int),
            Iter::List { list, index } => {
                let item = list.borrow().get(*index).cloned();
                *index += 1;
                item
            }
            Iter::Str { text, pos } => {
                let ch = text[*pos..].chars().next();
                ch.map(|c| {
                    let start = *pos;
                    *pos += c.len_utf8();
                    Value::Str(Str::from(&text[start..*pos]))
                })
            }
            Iter::Keys { map, index, len } => {
                let map = map.borrow();
                if map.len() != *len {
                    return Err(exc(
                        ExcKind::RuntimeError,
                        "dictionary changed size during iteration",
                    ));
                }
                let key = map.get_index(*index).map(|(k, _)| k.0.clone());
                *index += 1;
                key
            }
            Iter::Tuple { tuple, index } => {
                let item = tuple.get(*index).cloned();
                *index += 1;
                item
            }
            Iter::Set { set, index, len } => {
                let set = set.borrow();
                if set.len() != *len {
                    return Err(exc(
                        ExcKind::RuntimeError,
                        "Set changed size during iteration",
                    ));
                }
                let item = set.get_index(*index).map(|k| k.0.clone());
                *index += 1;
                item
            }
        })
    }
}

/// A range's next int, advancing `next`.
#[inline]
fn range_next(next: &mut i64, stop: i64, step: i64) -> Option<i64> {
    let more = if step > 0 { *next < stop } else { *next > stop };
    if !more {
        return None;
    }
    let value = *next;
    // Past the end, the range is exhausted; saturate instead of overflowing.
    *next = next.checked_add(step).unwrap_or(stop);
    Some(value)
}

/// All the items of an iterable value, for `list()`, `sorted()`, unpacking and spreads.
pub fn collect(value: &Value) -> Result<Vec<Value>, Exc> {
    if let Value::List(list) = value {
        return Ok(list.borrow().clone());
    }
    if let Value::Tuple(tuple) = value {
        return Ok(tuple.to_vec());
    }
    if let Value::Str(s) = value {
        // Every character becomes a string of its own.
        super::arith::check_strings(s.len())?;
    }
    let mut iter = Iter::new(value)?;
    let mut items = Vec::new();
    while let Some(item) = iter.next()? {
        items.push(item);
        if items.len() % 65536 == 0 {
            super::arith::check_items(items.len())?;
        }
    }
    crate::rt::work::spend(items.len());
    Ok(items)
}
