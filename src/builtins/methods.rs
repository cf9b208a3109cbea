//! Methods of lists, strings and maps.

use std::rc::Rc;

use super::Args;
use super::core::sort_values;
use crate::vm::arith;
use crate::vm::value::{Key, List, Map};
use crate::vm::{Exc, ExcKind, Value, exc, format, iter, type_error, value_error};

macro_rules! methods {
    ($($variant:ident => $name:literal,)*) => {
        /// A method name known to some builtin type, resolved when the script is compiled.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Method { $($variant,)* }

        impl Method {
            pub fn from_name(name: &str) -> Option<Method> {
                match name { $($name => Some(Method::$variant),)* _ => None }
            }

            pub fn name(self) -> &'static str {
                match self { $(Method::$variant => $name,)* }
            }
        }
    };
}

methods! {
    Append => "append",
    Pop => "pop",
    Insert => "insert",
    Index => "index",
    Extend => "extend",
    Remove => "remove",
    Reverse => "reverse",
    Sort => "sort",
    Clear => "clear",
    Copy => "copy",
    Count => "count",
    Split => "split",
    Lines => "lines",
    Strip => "strip",
    Lstrip => "lstrip",
    Rstrip => "rstrip",
    Upper => "upper",
    Lower => "lower",
    Startswith => "startswith",
    Endswith => "endswith",
    Contains => "contains",
    Join => "join",
    Replace => "replace",
    Find => "find",
    Rfind => "rfind",
    Rsplit => "rsplit",
    Ljust => "ljust",
    Rjust => "rjust",
    Center => "center",
    Zfill => "zfill",
    Isdigit => "isdigit",
    Isalpha => "isalpha",
    Isalnum => "isalnum",
    Isspace => "isspace",
    Islower => "islower",
    Isupper => "isupper",
    Title => "title",
    Capitalize => "capitalize",
    Removeprefix => "removeprefix",
    Removesuffix => "removesuffix",
    Partition => "partition",
    Setdefault => "setdefault",
    Keys => "keys",
    Values => "values",
    Items => "items",
    Get => "get",
    Update => "update",
    Result => "result",
    Exception => "exception",
    Done => "done",
    Cancelled => "cancelled",
    Cancel => "cancel",
    GetName => "get_name",
    SetName => "set_name",
    Json => "json",
}

/// Whether `value` has `method` (for taking `xs.append` as a value).
pub fn has_method(value: &Value, method: Method) -> bool {
    use Method::*;
    match value {
        Value::List(_) => matches!(
            method,
            Append | Pop | Insert | Index | Extend | Remove | Reverse | Sort | Clear | Copy | Count
        ),
        Value::Str(_) => matches!(
            method,
            Split
                | Lines
                | Strip
                | Lstrip
                | Rstrip
                | Upper
                | Lower
                | Startswith
                | Endswith
                | Contains
                | Join
                | Replace
                | Find
                | Count
                | Index
        ),
        Value::Map(_) => matches!(
            method,
            Keys | Values | Items | Get | Update | Pop | Clear | Copy
        ),
        Value::Task(_) => matches!(
            method,
            Result | Exception | Done | Cancelled | Cancel | GetName | SetName
        ),
        Value::Future(_) => matches!(method, Result | Exception | Done | Cancelled | Cancel),
        _ => false,
    }
}

fn no_method(type_name: &str, method: Method) -> Exc {
    exc(
        ExcKind::AttributeError,
        format!("'{type_name}' object has no attribute '{}'", method.name()),
    )
}

/// `list.append(item)`.
pub fn append(list: &List, item: &Value) -> Result<Value, Exc> {
    let mut items = list.borrow_mut();
    arith::reserve_items(&mut items, 1)?;
    items.push(item.clone());
    Ok(Value::None)
}

pub fn list_method(list: &Rc<List>, method: Method, args: &Args<'_>) -> Result<Value, Exc> {
    match method {
        Method::Append => {
            args.accept(1, 1, &[])?;
            append(list, &args.pos[0])
        }
        Method::Pop => {
            args.accept(0, 1, &[])?;
            let mut items = list.borrow_mut();
            if items.is_empty() {
                return Err(exc(ExcKind::IndexError, "pop from empty list"));
            }
            let len = items.len() as i64;
            let i = match args.pos.first() {
                None => len - 1,
                Some(v) => v
                    .as_int()
                    .ok_or_else(|| type_error("list indices must be integers"))?,
            };
            let i = if i < 0 { i + len } else { i };
            if !(0..len).contains(&i) {
                return Err(exc(ExcKind::IndexError, "pop index out of range"));
            }
            Ok(items.remove(i as usize))
        }
        Method::Insert => {
            args.accept(2, 2, &[])?;
            let mut items = list.borrow_mut();
            let len = items.len() as i64;
            let i = args.pos[0]
                .as_int()
                .ok_or_else(|| type_error("list indices must be integers"))?;
            let i = if i < 0 { (i + len).max(0) } else { i.min(len) };
            arith::reserve_items(&mut items, 1)?;
            items.insert(i as usize, args.pos[1].clone());
            Ok(Value::None)
        }
        Method::Index => {
            args.accept(1, 3, &[])?;
            let items = list.borrow().clone();
            let n = items.len() as i64;
            let bound = |v: Option<&Value>, default: i64| -> Result<usize, Exc> {
                let i = match v {
                    None => default,
                    Some(v) => v
                        .as_int()
                        .ok_or_else(|| type_error("list indices must be integers"))?,
                };
                Ok((if i < 0 { (i + n).max(0) } else { i.min(n) }) as usize)
            };
            let (from, to) = (bound(args.pos.get(1), 0)?, bound(args.pos.get(2), n)?);
            for (i, item) in items.iter().enumerate().take(to).skip(from) {
                if arith::equal(item, &args.pos[0])? {
                    return Ok(Value::Int(i as i64));
                }
            }
            Err(value_error(format!(
                "{} is not in list",
                format::repr(&args.pos[0])
            )))
        }
        Method::Count => {
            args.accept(1, 1, &[])?;
            let items = list.borrow().clone();
            let mut n = 0;
            for item in &items {
                if arith::equal(item, &args.pos[0])? {
                    n += 1;
                }
            }
            Ok(Value::Int(n))
        }
        Method::Extend => {
            args.accept(1, 1, &[])?;
            let more = iter::collect(&args.pos[0])?;
            let mut items = list.borrow_mut();
            arith::reserve_items(&mut items, more.len())?;
            items.extend(more);
            Ok(Value::None)
        }
        Method::Remove => {
            args.accept(1, 1, &[])?;
            let items = list.borrow().clone();
            for (i, item) in items.iter().enumerate() {
                if arith::equal(item, &args.pos[0])? {
                    list.borrow_mut().remove(i);
                    return Ok(Value::None);
                }
            }
            Err(value_error("list.remove(x): x not in list"))
        }
        Method::Reverse => {
            args.accept(0, 0, &[])?;
            list.borrow_mut().reverse();
            Ok(Value::None)
        }
        Method::Sort => {
            args.accept(0, 0, &["reverse"])?;
            let mut items = list.borrow().clone();
            sort_values(&mut items, args.kw("reverse").is_some_and(Value::truthy))?;
            *list.borrow_mut() = items;
            Ok(Value::None)
        }
        Method::Clear => {
            args.accept(0, 0, &[])?;
            list.borrow_mut().clear();
            Ok(Value::None)
        }
        Method::Copy => {
            args.accept(0, 0, &[])?;
            Ok(Value::list(list.borrow().clone()))
        }
        other => Err(no_method("list", other)),
    }
}

pub fn map_method(map: &Rc<Map>, method: Method, args: &Args<'_>) -> Result<Value, Exc> {
    match method {
        Method::Keys => {
            args.accept(0, 0, &[])?;
            Ok(Value::list(
                map.borrow().keys().map(|k| k.0.clone()).collect(),
            ))
        }
        Method::Values => {
            args.accept(0, 0, &[])?;
            Ok(Value::list(map.borrow().values().cloned().collect()))
        }
        Method::Items => {
            args.accept(0, 0, &[])?;
            let pairs = map
                .borrow()
                .iter()
                .map(|(k, v)| Value::list(vec![k.0.clone(), v.clone()]))
                .collect();
            Ok(Value::list(pairs))
        }
        Method::Get => {
            args.accept(1, 2, &[])?;
            let key = Key::new(args.pos[0].clone())?;
            Ok(map
                .borrow()
                .get(&key)
                .cloned()
                .unwrap_or_else(|| args.pos.get(1).cloned().unwrap_or(Value::None)))
        }
        Method::Pop => {
            args.accept(1, 2, &[])?;
            let key = Key::new(args.pos[0].clone())?;
            match map.borrow_mut().shift_remove(&key) {
                Some(v) => Ok(v),
                None => args.pos.get(1).cloned().ok_or_else(|| {
                    crate::vm::Exception::with_arg(ExcKind::KeyError, args.pos[0].clone())
                }),
            }
        }
        Method::Setdefault => {
            args.accept(1, 2, &[])?;
            let key = Key::new(args.pos[0].clone())?;
            let default = args.pos.get(1).cloned().unwrap_or(Value::None);
            Ok(map.borrow_mut().entry(key).or_insert(default).clone())
        }
        Method::Update => {
            args.accept(1, 1, &[])?;
            let Value::Map(other) = &args.pos[0] else {
                return Err(type_error("update() takes a map"));
            };
            let entries: Vec<_> = other
                .borrow()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            map.borrow_mut().extend(entries);
            Ok(Value::None)
        }
        Method::Clear => {
            args.accept(0, 0, &[])?;
            map.borrow_mut().clear();
            Ok(Value::None)
        }
        Method::Copy => {
            args.accept(0, 0, &[])?;
            Ok(Value::map(map.borrow().clone()))
        }
        other => Err(no_method("map", other)),
    }
}
