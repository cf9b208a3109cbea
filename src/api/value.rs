//! Values across the boundary: what a host passes into a script (arguments, globals) and
//! gets back (results, globals), with conversions from and to Rust types.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use indexmap::IndexMap;

use super::Error;
use crate::vm::{self, Key, Str};

/// A script's value as a host sees it: an int, a float, a bool, `none`, a string, a list, a
/// map, or one of the objects scripts make (a task, a function...). Values are
/// single-threaded: they are made and read on the thread the session runs on.
///
/// ```
/// use runner::{FromValue, IntoValue, Value};
///
/// let v = vec![1, 2, 3].into_value();
/// assert_eq!(v.to_string(), "[1, 2, 3]");
/// assert_eq!(Vec::<i64>::from_value(&v).unwrap(), [1, 2, 3]);
/// assert_eq!(Value::from("hi").as_str(), Some("hi"));
/// assert!(i64::from_value(&Value::from("hi")).is_err());
/// ```
#[derive(Clone, Default)]
pub struct Value(pub(crate) vm::Value);

impl Value {
    /// `none`.
    pub fn none() -> Value {
        Value(vm::Value::None)
    }

    /// Whether it is `none`.
    pub fn is_none(&self) -> bool {
        matches!(self.0, vm::Value::None)
    }

    /// The name `type(v)` gives in a script: `"int"`, `"str"`, `"list"`, `"map"`...
    pub fn type_name(&self) -> &'static str {
        self.0.type_name()
    }

    /// The int, if it is one (a bool is not).
    pub fn as_int(&self) -> Option<i64> {
        match self.0 {
            vm::Value::Int(n) => Some(n),
            _ => None,
        }
    }

    /// The number as a float, if it is an int or a float.
    pub fn as_float(&self) -> Option<f64> {
        match self.0 {
            vm::Value::Int(n) => Some(n as f64),
            vm::Value::Float(f) => Some(f),
            _ => None,
        }
    }

    /// The bool, if it is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self.0 {
            vm::Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The text, if it is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.0 {
            vm::Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The items of a list, if it is one.
    pub fn to_list(&self) -> Option<Vec<Value>> {
        match &self.0 {
            vm::Value::List(list) => Some(list.borrow().iter().cloned().map(Value).collect()),
            _ => None,
        }
    }

    /// The entries of a map in their order, if it is one.
    pub fn to_map(&self) -> Option<Vec<(Value, Value)>> {
        match &self.0 {
            vm::Value::Map(map) => Some(
                map.borrow()
                    .iter()
                    .map(|(k, v)| (Value(k.0.clone()), Value(v.clone())))
                    .collect(),
            ),
            _ => None,
        }
    }

    /// What `bool(v)` gives in a script.
    pub fn truthy(&self) -> bool {
        self.0.truthy()
    }

    /// A list of the items.
    pub fn list(items: impl IntoIterator<Item = impl IntoValue>) -> Value {
        Value(vm::Value::list(
            items.into_iter().map(|i| i.into_value().0).collect(),
        ))
    }

    /// A map of the entries, in their order; a key that cannot be one (a list) is a
    /// `TypeError`.
    pub fn map<K: IntoValue, V: IntoValue>(
        entries: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Value, Error> {
        let mut map = IndexMap::new();
        for (k, v) in entries {
            let key = Key::new(k.into_value().0).map_err(|e| Error::from_exc(&e))?;
            map.insert(key, v.into_value().0);
        }
        Ok(Value(vm::Value::map(map)))
    }

    pub(crate) fn from_vm(v: vm::Value) -> Value {
        Value(v)
    }
}

/// What `str(v)` gives in a script: strings as they are, everything else as `repr`.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            vm::Value::Str(s) => f.write_str(s),
            other => f.write_str(&vm::format::repr(other)),
        }
    }
}

/// What `repr(v)` gives in a script.
impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&vm::format::repr(&self.0))
    }
}

/// `==` in a script (`1 == 1.0`; lists and maps by their contents).
impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        vm::arith::compare(crate::syntax::ast::CmpOp::Eq, &self.0, &other.0).unwrap_or(false)
    }
}

/// A Rust value a script can receive.
pub trait IntoValue {
    /// The value a script sees.
    fn into_value(self) -> Value;
}

/// A Rust value a script's value can become; the error is a `TypeError` (or an
/// `OverflowError` for an int out of range) naming what was expected.
pub trait FromValue: Sized {
    /// The Rust value, or the error saying what was expected.
    fn from_value(value: &Value) -> Result<Self, Error>;
}

fn expected(what: &str, value: &Value) -> Error {
    Error::exception(
        vm::ExcKind::TypeError,
        format!("expected {what}, not '{}'", value.type_name()),
    )
}

impl IntoValue for Value {
    fn into_value(self) -> Value {
        self
    }
}

impl FromValue for Value {
    fn from_value(value: &Value) -> Result<Value, Error> {
        Ok(value.clone())
    }
}

impl IntoValue for () {
    fn into_value(self) -> Value {
        Value::none()
    }
}

impl FromValue for () {
    fn from_value(value: &Value) -> Result<(), Error> {
        match value.0 {
            vm::Value::None => Ok(()),
            _ => Err(expected("none", value)),
        }
    }
}

impl IntoValue for bool {
    fn into_value(self) -> Value {
        Value(vm::Value::Bool(self))
    }
}

impl FromValue for bool {
    fn from_value(value: &Value) -> Result<bool, Error> {
        value.as_bool().ok_or_else(|| expected("a bool", value))
    }
}

macro_rules! ints {
    ($($t:ty),*) => {$(
        impl IntoValue for $t {
            fn into_value(self) -> Value {
                Value(vm::Value::Int(i64::from(self)))
            }
        }
    )*};
}
ints!(i8, i16, i32, i64, u8, u16, u32);

macro_rules! wide_ints {
    ($($t:ty),*) => {$(
        /// Ints are 64-bit signed: one past `i64::MAX` becomes the nearest float.
        impl IntoValue for $t {
            fn into_value(self) -> Value {
                match i64::try_from(self) {
                    Ok(n) => Value(vm::Value::Int(n)),
                    Err(_) => Value(vm::Value::Float(self as f64)),
                }
            }
        }
    )*};
}
wide_ints!(u64, usize, isize);

macro_rules! ints_from {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_value(value: &Value) -> Result<$t, Error> {
                let n = value.0.as_int().ok_or_else(|| expected("an int", value))?;
                <$t>::try_from(n).map_err(|_| {
                    Error::exception(
                        vm::ExcKind::OverflowError,
                        format!("{n} does not fit in {}", stringify!($t)),
                    )
                })
            }
        }
    )*};
}
ints_from!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize);

impl IntoValue for f64 {
    fn into_value(self) -> Value {
        Value(vm::Value::Float(self))
    }
}

impl IntoValue for f32 {
    fn into_value(self) -> Value {
        Value(vm::Value::Float(f64::from(self)))
    }
}

impl FromValue for f64 {
    fn from_value(value: &Value) -> Result<f64, Error> {
        value.as_float().ok_or_else(|| expected("a number", value))
    }
}

impl IntoValue for &str {
    fn into_value(self) -> Value {
        Value(vm::Value::Str(Str::from(self)))
    }
}

impl IntoValue for String {
    fn into_value(self) -> Value {
        Value(vm::Value::Str(Str::from(self)))
    }
}

impl IntoValue for &String {
    fn into_value(self) -> Value {
        self.as_str().into_value()
    }
}

impl FromValue for String {
    fn from_value(value: &Value) -> Result<String, Error> {
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| expected("a string", value))
    }
}

impl<T: IntoValue> IntoValue for Option<T> {
    fn into_value(self) -> Value {
        self.map_or_else(Value::none, IntoValue::into_value)
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: &Value) -> Result<Option<T>, Error> {
        if value.is_none() {
            return Ok(None);
        }
        T::from_value(value).map(Some)
    }
}

impl<T: IntoValue> IntoValue for Vec<T> {
    fn into_value(self) -> Value {
        Value::list(self)
    }
}

impl<T: IntoValue + Clone> IntoValue for &[T] {
    fn into_value(self) -> Value {
        Value::list(self.iter().cloned())
    }
}

impl<T: FromValue> FromValue for Vec<T> {
    fn from_value(value: &Value) -> Result<Vec<T>, Error> {
        let items = value.to_list().ok_or_else(|| expected("a list", value))?;
        items.iter().map(T::from_value).collect()
    }
}

fn string_map<T: IntoValue>(entries: impl IntoIterator<Item = (String, T)>) -> Value {
    let map = entries
        .into_iter()
        .map(|(k, v)| (Key(vm::Value::Str(Str::from(k))), v.into_value().0))
        .collect();
    Value(vm::Value::map(map))
}

fn map_entries<T: FromValue>(value: &Value) -> Result<Vec<(String, T)>, Error> {
    let entries = value.to_map().ok_or_else(|| expected("a map", value))?;
    entries
        .iter()
        .map(|(k, v)| {
            let key = k
                .as_str()
                .ok_or_else(|| expected("a string key", k))?
                .to_owned();
            Ok((key, T::from_value(v)?))
        })
        .collect()
}

impl<T: IntoValue> IntoValue for HashMap<String, T> {
    fn into_value(self) -> Value {
        // A HashMap has no order of its own: its keys go in sorted, so a script sees the
        // same map on every run.
        let mut entries: Vec<(String, T)> = self.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        string_map(entries)
    }
}

impl<T: FromValue> FromValue for HashMap<String, T> {
    fn from_value(value: &Value) -> Result<HashMap<String, T>, Error> {
        Ok(map_entries(value)?.into_iter().collect())
    }
}

impl<T: IntoValue> IntoValue for BTreeMap<String, T> {
    fn into_value(self) -> Value {
        string_map(self)
    }
}

impl<T: FromValue> FromValue for BTreeMap<String, T> {
    fn from_value(value: &Value) -> Result<BTreeMap<String, T>, Error> {
        Ok(map_entries(value)?.into_iter().collect())
    }
}

macro_rules! tuples {
    ($(($($name:ident),+))*) => {$(
        /// A tuple becomes a list (the language has no tuples yet).
        impl<$($name: IntoValue),+> IntoValue for ($($name,)+) {
            #[allow(non_snake_case)]
            fn into_value(self) -> Value {
                let ($($name,)+) = self;
                Value(vm::Value::list(vec![$($name.into_value().0),+]))
            }
        }

        /// A tuple is read from a list of exactly its length.
        impl<$($name: FromValue),+> FromValue for ($($name,)+) {
            fn from_value(value: &Value) -> Result<Self, Error> {
                let items = value.to_list().ok_or_else(|| expected("a list", value))?;
                let want = [$(stringify!($name)),+].len();
                if items.len() != want {
                    return Err(Error::exception(
                        vm::ExcKind::ValueError,
                        format!("expected a list of {want} items, not {}", items.len()),
                    ));
                }
                let mut items = items.iter();
                Ok(($($name::from_value(items.next().unwrap_or(&Value::none()))?,)+))
            }
        }
    )*};
}
tuples! {
    (A)
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
}

#[cfg(feature = "serde")]
mod json {
    use super::*;

    impl IntoValue for serde_json::Value {
        fn into_value(self) -> Value {
            match self {
                serde_json::Value::Null => Value::none(),
                serde_json::Value::Bool(b) => b.into_value(),
                serde_json::Value::Number(n) => match n.as_i64() {
                    Some(i) => i.into_value(),
                    None => n.as_f64().unwrap_or(f64::NAN).into_value(),
                },
                serde_json::Value::String(s) => s.into_value(),
                serde_json::Value::Array(items) => Value::list(items),
                serde_json::Value::Object(entries) => string_map(entries),
            }
        }
    }

    impl FromValue for serde_json::Value {
        fn from_value(value: &Value) -> Result<serde_json::Value, Error> {
            Ok(match &value.0 {
                vm::Value::None => serde_json::Value::Null,
                vm::Value::Bool(b) => serde_json::Value::Bool(*b),
                vm::Value::Int(n) => serde_json::Value::from(*n),
                vm::Value::Float(f) => serde_json::Number::from_f64(*f)
                    .map(serde_json::Value::Number)
                    .ok_or_else(|| {
                        Error::exception(vm::ExcKind::ValueError, format!("{f} has no JSON number"))
                    })?,
                vm::Value::Str(s) => serde_json::Value::String(s.to_string()),
                vm::Value::List(_) => serde_json::Value::Array(Vec::from_value(value)?),
                vm::Value::Map(_) => {
                    serde_json::Value::Object(map_entries(value)?.into_iter().collect())
                }
                _ => return Err(expected("a JSON value", value)),
            })
        }
    }

    /// Any `Serialize` type as a script value, through its JSON form.
    pub fn to_value<T: serde::Serialize + ?Sized>(value: &T) -> Result<Value, Error> {
        serde_json::to_value(value)
            .map(IntoValue::into_value)
            .map_err(|e| Error::exception(vm::ExcKind::ValueError, e.to_string()))
    }

    /// A script value as any `Deserialize` type, through its JSON form.
    pub fn from_value<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, Error> {
        let json = serde_json::Value::from_value(value)?;
        serde_json::from_value(json)
            .map_err(|e| Error::exception(vm::ExcKind::TypeError, e.to_string()))
    }
}

#[cfg(feature = "serde")]
pub use json::{from_value, to_value};

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        s.into_value()
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        s.into_value()
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        n.into_value()
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Value {
        f.into_value()
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        b.into_value()
    }
}
