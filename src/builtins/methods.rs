//! Methods of lists, strings and maps.

use std::rc::Rc;

use super::Args;
use super::core::sort_values;
use crate::rt::Rt;
use crate::vm::arith;
use crate::vm::value::{Key, List, Map, Set, Tuple};
use crate::vm::{Exc, ExcKind, Site, Value, exc, format, iter, type_error, value_error};

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
    Add => "add",
    Discard => "discard",
    Union => "union",
    Intersection => "intersection",
    Difference => "difference",
    SymmetricDifference => "symmetric_difference",
    Issubset => "issubset",
    Issuperset => "issuperset",
    Isdisjoint => "isdisjoint",
    Popitem => "popitem",
    Format => "format",
    Splitlines => "splitlines",
    Expandtabs => "expandtabs",
}

/// The methods of each builtin type: one list per type, which `has_method` (a method taken
/// as a value, `let f = s.title`) and the dispatchers below agree on (a unit test checks
/// that every listed method is dispatched).
pub const LIST_METHODS: &[Method] = {
    use Method::*;
    &[
        Append, Pop, Insert, Index, Extend, Remove, Reverse, Sort, Clear, Copy, Count,
    ]
};
pub const STR_METHODS: &[Method] = {
    use Method::*;
    &[
        Split,
        Lines,
        Strip,
        Lstrip,
        Rstrip,
        Upper,
        Lower,
        Startswith,
        Endswith,
        Contains,
        Join,
        Replace,
        Find,
        Rfind,
        Rsplit,
        Ljust,
        Rjust,
        Center,
        Zfill,
        Isdigit,
        Isalpha,
        Isalnum,
        Isspace,
        Islower,
        Isupper,
        Title,
        Capitalize,
        Removeprefix,
        Removesuffix,
        Partition,
        Count,
        Index,
        Format,
        Splitlines,
        Expandtabs,
    ]
};
pub const MAP_METHODS: &[Method] = {
    use Method::*;
    &[
        Keys, Values, Items, Get, Update, Pop, Clear, Copy, Setdefault, Popitem,
    ]
};
pub const SET_METHODS: &[Method] = {
    use Method::*;
    &[
        Add,
        Remove,
        Discard,
        Pop,
        Clear,
        Copy,
        Union,
        Intersection,
        Difference,
        SymmetricDifference,
        Issubset,
        Issuperset,
        Isdisjoint,
        Update,
    ]
};
pub const TUPLE_METHODS: &[Method] = {
    use Method::*;
    &[Count, Index]
};
pub const TASK_METHODS: &[Method] = {
    use Method::*;
    &[Result, Exception, Done, Cancelled, Cancel, GetName, SetName]
};
pub const FUTURE_METHODS: &[Method] = {
    use Method::*;
    &[Result, Exception, Done, Cancelled, Cancel]
};

/// The methods `value`'s type has.
pub fn methods_of(value: &Value) -> &'static [Method] {
    match value {
        Value::List(_) => LIST_METHODS,
        Value::Str(_) => STR_METHODS,
        Value::Map(_) => MAP_METHODS,
        Value::Set(_) => SET_METHODS,
        Value::Tuple(_) => TUPLE_METHODS,
        Value::Task(_) => TASK_METHODS,
        Value::Future(_) => FUTURE_METHODS,
        _ => &[],
    }
}

/// Whether `value` has `method` (for taking `xs.append` as a value).
pub fn has_method(value: &Value, method: Method) -> bool {
    methods_of(value).contains(&method)
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

pub fn list_method(
    rt: &mut Rt,
    list: &Rc<List>,
    method: Method,
    args: &Args<'_>,
    site: &Site,
) -> Result<Value, Exc> {
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
            args.accept(0, 0, &["key", "reverse"])?;
            let mut items = list.borrow().clone();
            let reverse = args.kw("reverse").is_some_and(Value::truthy);
            sort_values(rt, &mut items, args.kw("key"), reverse, site)?;
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
                .map(|(k, v)| Value::tuple(vec![k.0.clone(), v.clone()]))
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
            args.accept(0, 1, &[])?;
            let mut entries: Vec<(Key, Value)> = match args.pos.first() {
                None => Vec::new(),
                Some(Value::Map(other)) => other
                    .borrow()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
                Some(pairs) => {
                    let mut entries = Vec::new();
                    for pair in iter::collect(pairs)? {
                        let [k, v]: [Value; 2] = iter::collect(&pair)?.try_into().map_err(
                            |_| value_error("dictionary update sequence element has length other than 2; 2 is required"),
                        )?;
                        entries.push((Key::new(k)?, v));
                    }
                    entries
                }
            };
            for (name, value) in args.names.iter().zip(args.values) {
                entries.push((Key(Value::str(name)), value.clone()));
            }
            map.borrow_mut().extend(entries);
            Ok(Value::None)
        }
        Method::Popitem => {
            args.accept(0, 0, &[])?;
            match map.borrow_mut().pop() {
                Some((k, v)) => Ok(Value::tuple(vec![k.0, v])),
                None => Err(crate::vm::Exception::with_arg(
                    ExcKind::KeyError,
                    Value::str("popitem(): dictionary is empty"),
                )),
            }
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

/// The methods of a tuple: `count` and `index`.
pub fn tuple_method(tuple: &Tuple, method: Method, args: &Args<'_>) -> Result<Value, Exc> {
    match method {
        Method::Count => {
            args.accept(1, 1, &[])?;
            let mut n = 0;
            for item in tuple.iter() {
                if arith::equal(item, &args.pos[0])? {
                    n += 1;
                }
            }
            Ok(Value::Int(n))
        }
        Method::Index => {
            args.accept(1, 3, &[])?;
            let n = tuple.len() as i64;
            let bound = |v: Option<&Value>, default: i64| -> Result<usize, Exc> {
                let i = match v {
                    None => default,
                    Some(v) => v
                        .as_int()
                        .ok_or_else(|| type_error("slice indices must be integers"))?,
                };
                Ok((if i < 0 { (i + n).max(0) } else { i.min(n) }) as usize)
            };
            let (from, to) = (bound(args.pos.get(1), 0)?, bound(args.pos.get(2), n)?);
            for (i, item) in tuple.iter().enumerate().take(to).skip(from) {
                if arith::equal(item, &args.pos[0])? {
                    return Ok(Value::Int(i as i64));
                }
            }
            Err(value_error("tuple.index(x): x not in tuple"))
        }
        other => Err(no_method("tuple", other)),
    }
}

/// The sets that a set method's arguments are: any iterables, as Python's methods take.
fn other_sets(args: &Args<'_>) -> Result<Vec<indexmap::IndexSet<Key>>, Exc> {
    args.pos.iter().map(super::iterables::set_from).collect()
}

/// The methods of a set.
pub fn set_method(set: &Rc<Set>, method: Method, args: &Args<'_>) -> Result<Value, Exc> {
    use crate::syntax::ast::BinOp;
    let key = |i: usize| Key::new(args.pos[i].clone());
    match method {
        Method::Add => {
            args.accept(1, 1, &[])?;
            let k = key(0)?;
            set.borrow_mut().insert(k);
            Ok(Value::None)
        }
        Method::Remove => {
            args.accept(1, 1, &[])?;
            if set.borrow_mut().shift_remove(&key(0)?) {
                Ok(Value::None)
            } else {
                Err(crate::vm::Exception::with_arg(
                    ExcKind::KeyError,
                    args.pos[0].clone(),
                ))
            }
        }
        Method::Discard => {
            args.accept(1, 1, &[])?;
            set.borrow_mut().shift_remove(&key(0)?);
            Ok(Value::None)
        }
        Method::Pop => {
            args.accept(0, 0, &[])?;
            let first = set.borrow_mut().shift_remove_index(0);
            first
                .map(|k| k.0)
                .ok_or_else(|| exc(ExcKind::KeyError, "pop from an empty set"))
        }
        Method::Clear => {
            args.accept(0, 0, &[])?;
            set.borrow_mut().clear();
            Ok(Value::None)
        }
        Method::Copy => {
            args.accept(0, 0, &[])?;
            Ok(Value::set(set.borrow().clone()))
        }
        Method::Union | Method::Intersection | Method::Difference | Method::SymmetricDifference => {
            if method == Method::SymmetricDifference {
                args.accept(1, 1, &[])?;
            } else {
                args.accept(0, usize::MAX, &[])?;
            }
            let op = match method {
                Method::Union => BinOp::BitOr,
                Method::Intersection => BinOp::BitAnd,
                Method::Difference => BinOp::Sub,
                _ => BinOp::BitXor,
            };
            let mut result = set.borrow().clone();
            for other in other_sets(args)? {
                match arith::set_op(op, &result, &other)? {
                    Value::Set(s) => result = s.borrow().clone(),
                    _ => return Err(type_error("internal error: a set operation")),
                }
            }
            Ok(Value::set(result))
        }
        Method::Update => {
            args.accept(0, usize::MAX, &[])?;
            for other in other_sets(args)? {
                set.borrow_mut().extend(other);
            }
            Ok(Value::None)
        }
        Method::Issubset | Method::Issuperset | Method::Isdisjoint => {
            args.accept(1, 1, &[])?;
            let other = super::iterables::set_from(&args.pos[0])?;
            let me = set.borrow();
            Ok(Value::Bool(match method {
                Method::Issubset => me.is_subset(&other),
                Method::Issuperset => me.is_superset(&other),
                _ => me.is_disjoint(&other),
            }))
        }
        other => Err(no_method("set", other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every method each type lists is one its dispatcher answers: called with no
    /// arguments it may complain about them, never that the method is missing; and each
    /// can be taken as a value.
    #[test]
    fn every_listed_method_is_dispatched() {
        let samples = [
            ("[3, 1]", LIST_METHODS),
            ("\"ab\"", STR_METHODS),
            ("{\"a\": 1}", MAP_METHODS),
            ("{1, 2}", SET_METHODS),
            ("(1, 2)", TUPLE_METHODS),
        ];
        let mut script = String::new();
        for (value, methods) in samples {
            for m in methods {
                let name = m.name();
                script.push_str(&format!(
                    "let f_{name}_{n} = ({value}).{name}\ntry {{ ({value}).{name}() }} catch AttributeError as e {{ print(\"missing\", e) }} catch e {{ }}\n",
                    n = script.len()
                ));
            }
        }
        let engine = crate::Engine::new();
        let compiled = engine.compile("methods.tasks", &script).expect("compiles");
        let out = crate::SharedBuffer::default();
        let mut session = engine.session(&compiled);
        session.set_output(out.clone());
        session.on_report(|_| {});
        session.run_blocking().expect("runs");
        assert_eq!(out.text(), "");
    }
}
