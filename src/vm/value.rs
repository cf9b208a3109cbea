//! Values: what a script computes with. Single-threaded (`Rc`, not `Arc`); ints, floats,
//! bools and `none` live inline with no heap allocation.

use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use indexmap::{IndexMap, IndexSet};

use super::code::Code;
use super::coro::{AsyncGen, Coro};
use super::exception::{Exc, ExcKind, Exception, type_error};
use super::iter::Iter;
use super::release::release;
use super::str::Str;
use crate::builtins::{BuiltinFn, Method};
use crate::rt::{Future, Task};

/// A list's items. A newtype, not a bare `RefCell`, only so that its `Drop` can hand the
/// items to [`release`] (a list nested a million deep must not overflow the stack).
#[derive(Default)]
pub struct List(RefCell<Vec<Value>>);

/// A map's entries, in insertion order; a newtype for the same reason as [`List`].
#[derive(Default)]
pub struct Map(RefCell<IndexMap<Key, Value>>);

/// A tuple's items: fixed once made. A newtype for the same reason as [`List`].
pub struct Tuple(Box<[Value]>);

/// A set's members, in insertion order (Python's order is the hash order: a documented
/// difference); a newtype for the same reason as [`List`].
#[derive(Default)]
pub struct Set(RefCell<IndexSet<Key>>);

/// A variable that closures capture: the enclosing body's slot and every closure that
/// uses it share this one cell, so an assignment in either place is seen by the other.
pub struct Cell(pub RefCell<Value>);

impl Tuple {
    pub fn new(items: Vec<Value>) -> Tuple {
        Tuple(items.into_boxed_slice())
    }
}

impl std::ops::Deref for Tuple {
    type Target = [Value];
    fn deref(&self) -> &[Value] {
        &self.0
    }
}

impl Drop for Tuple {
    fn drop(&mut self) {
        let items = std::mem::take(&mut self.0);
        if !items.is_empty() {
            release(items);
        }
    }
}

impl Set {
    pub fn new(members: IndexSet<Key>) -> Set {
        Set(RefCell::new(members))
    }
}

impl std::ops::Deref for Set {
    type Target = RefCell<IndexSet<Key>>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Drop for Set {
    fn drop(&mut self) {
        let members = std::mem::take(self.0.get_mut());
        if !members.is_empty() {
            release(members);
        }
    }
}

impl Drop for Cell {
    fn drop(&mut self) {
        let value = std::mem::take(self.0.get_mut());
        if !value.is_scalar() {
            release(value);
        }
    }
}

impl List {
    pub fn new(items: Vec<Value>) -> List {
        List(RefCell::new(items))
    }
}

impl Map {
    pub fn new(entries: IndexMap<Key, Value>) -> Map {
        Map(RefCell::new(entries))
    }
}

impl std::ops::Deref for List {
    type Target = RefCell<Vec<Value>>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::Deref for Map {
    type Target = RefCell<IndexMap<Key, Value>>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Drop for List {
    fn drop(&mut self) {
        let items = std::mem::take(self.0.get_mut());
        if !items.is_empty() {
            release(items);
        }
    }
}

impl Drop for Map {
    fn drop(&mut self) {
        let entries = std::mem::take(self.0.get_mut());
        if !entries.is_empty() {
            release(entries);
        }
    }
}

#[derive(Default)]
pub enum Value {
    #[default]
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Str),
    List(Rc<List>),
    Map(Rc<Map>),
    Tuple(Rc<Tuple>),
    Set(Rc<Set>),
    /// A declared `fn` or `task`.
    Func(Rc<Code>),
    Builtin(&'static BuiltinFn),
    /// A function the host registered.
    Host(std::sync::Arc<crate::api::HostFn>),
    /// `xs.append` taken as a value, without calling it.
    Method(Rc<(Value, Method)>),
    /// `ValueError` and the other kinds: callable to construct, named in `catch`.
    ExcType(ExcKind),
    Exc(Rc<Exception>),
    Coro(Rc<Coro>),
    Task(Rc<Task>),
    Future(Rc<Future>),
    Gen(Rc<AsyncGen>),
    Range(Rc<Range>),
    /// The state of a `for` loop; never visible to scripts.
    Iter(Rc<RefCell<Iter>>),
    /// Objects builtins return: native coroutines, fetch responses, `as_completed` iterators.
    Native(Rc<dyn super::native::NativeObject>),
    /// A local that closures capture (see [`Cell`]); never visible to scripts.
    Cell(Rc<Cell>),
    /// An unbound slot: a parameter whose default has not run yet, a global read before its
    /// `let`. Never visible to scripts.
    Undef,
}

impl Clone for Value {
    /// Written out rather than derived so it inlines into the dispatch loop: copying an
    /// int or a local is the most common thing the loop does.
    #[inline]
    fn clone(&self) -> Value {
        match self {
            Value::None => Value::None,
            Value::Bool(b) => Value::Bool(*b),
            Value::Int(n) => Value::Int(*n),
            Value::Float(f) => Value::Float(*f),
            Value::Str(s) => Value::Str(s.clone()),
            Value::List(x) => Value::List(x.clone()),
            Value::Map(x) => Value::Map(x.clone()),
            Value::Tuple(x) => Value::Tuple(x.clone()),
            Value::Set(x) => Value::Set(x.clone()),
            Value::Cell(x) => Value::Cell(x.clone()),
            Value::Func(x) => Value::Func(x.clone()),
            Value::Builtin(b) => Value::Builtin(b),
            Value::Host(h) => Value::Host(h.clone()),
            Value::Method(x) => Value::Method(x.clone()),
            Value::ExcType(k) => Value::ExcType(*k),
            Value::Exc(x) => Value::Exc(x.clone()),
            Value::Coro(x) => Value::Coro(x.clone()),
            Value::Task(x) => Value::Task(x.clone()),
            Value::Future(x) => Value::Future(x.clone()),
            Value::Gen(x) => Value::Gen(x.clone()),
            Value::Range(x) => Value::Range(x.clone()),
            Value::Iter(x) => Value::Iter(x.clone()),
            Value::Native(x) => Value::Native(x.clone()),
            Value::Undef => Value::Undef,
        }
    }
}

/// `range(start, stop, step)`, lazy like Python's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    /// How many ints it holds. Up to 2^64 - 1 (`range(-2**63, 2**63 - 1)`), so a `u64`;
    /// `len()` of one past `i64::MAX` is an `OverflowError` (see [`Range::checked_len`]).
    pub fn len(&self) -> u64 {
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 {
            (stop - start + step - 1) / step
        } else {
            (start - stop - step - 1) / -step
        };
        n.max(0) as u64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `len(r)`, which like Python's must fit the largest int.
    pub fn checked_len(&self) -> Result<i64, Exc> {
        i64::try_from(self.len()).map_err(|_| {
            Exception::new(
                ExcKind::OverflowError,
                "Python int too large to convert to C ssize_t",
            )
        })
    }

    /// The `i`th int, for `i < len()`.
    pub fn get(&self, i: u64) -> i64 {
        (self.start as i128 + i as i128 * self.step as i128) as i64
    }

    /// Where `n` is in the range, if it is there.
    pub fn position(&self, n: i64) -> Option<u64> {
        let offset = n as i128 - self.start as i128;
        let step = self.step as i128;
        if offset % step != 0 {
            return None;
        }
        let i = offset / step;
        (i >= 0 && (i as u128) < self.len() as u128).then_some(i as u64)
    }
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Str::from(s))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(List::new(items)))
    }

    pub fn map(entries: IndexMap<Key, Value>) -> Value {
        Value::Map(Rc::new(Map::new(entries)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(Tuple::new(items)))
    }

    pub fn set(members: IndexSet<Key>) -> Value {
        Value::Set(Rc::new(Set::new(members)))
    }

    /// The name `type(v)` returns.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "none",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::Map(_) => "map",
            Value::Tuple(_) => "tuple",
            Value::Set(_) => "set",
            Value::Cell(_) => "cell",
            Value::Func(code) if code.is_generator() => "async_generator_function",
            Value::Func(code) if code.is_task() => "task_function",
            Value::Func(_) => "function",
            Value::Builtin(_) | Value::Method(_) | Value::Host(_) => "builtin",
            Value::ExcType(_) => "type",
            Value::Exc(e) => e.kind.name(),
            Value::Coro(_) => "coroutine",
            Value::Task(_) => "task",
            Value::Future(_) => "future",
            Value::Gen(_) => "async_generator",
            Value::Range(_) => "range",
            Value::Iter(_) => "iterator",
            Value::Native(obj) => obj.type_name(),
            Value::Undef => "undefined",
        }
    }

    /// Whether the value owns nothing (an int, a float, a bool, `none`, an unbound slot,
    /// a builtin or an exception kind), so that forgetting it leaks nothing.
    #[inline]
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            Value::None
                | Value::Bool(_)
                | Value::Int(_)
                | Value::Float(_)
                | Value::Builtin(_)
                | Value::ExcType(_)
                | Value::Undef
        )
    }

    pub fn truthy(&self) -> bool {
        match self {
            Value::None | Value::Undef => false,
            Value::Bool(b) => *b,
            Value::Int(n) => *n != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Map(m) => !m.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Set(s) => !s.borrow().is_empty(),
            Value::Range(r) => !r.is_empty(),
            _ => true,
        }
    }

    /// Identity, for `is` and for the hash of objects without value equality.
    pub fn identity(&self) -> usize {
        match self {
            Value::Str(s) => s.as_ptr() as usize,
            Value::List(x) => Rc::as_ptr(x) as usize,
            Value::Map(x) => Rc::as_ptr(x) as usize,
            Value::Tuple(x) => Rc::as_ptr(x) as usize,
            Value::Set(x) => Rc::as_ptr(x) as usize,
            Value::Cell(x) => Rc::as_ptr(x) as usize,
            Value::Func(x) => Rc::as_ptr(x) as usize,
            Value::Builtin(b) => *b as *const BuiltinFn as usize,
            Value::Host(h) => std::sync::Arc::as_ptr(h) as usize,
            Value::Method(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Exc(x) => Rc::as_ptr(x) as usize,
            Value::Coro(x) => Rc::as_ptr(x) as usize,
            Value::Task(x) => Rc::as_ptr(x) as usize,
            Value::Future(x) => Rc::as_ptr(x) as usize,
            Value::Gen(x) => Rc::as_ptr(x) as usize,
            Value::Range(x) => Rc::as_ptr(x) as usize,
            Value::Iter(x) => Rc::as_ptr(x) as usize,
            Value::Native(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::ExcType(k) => *k as usize,
            Value::None | Value::Undef | Value::Bool(_) | Value::Int(_) | Value::Float(_) => 0,
        }
    }

    /// Python's `is`: the same object, or the same immediate value.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::ExcType(a), Value::ExcType(b)) => a == b,
            (a, b) => {
                std::mem::discriminant(a) == std::mem::discriminant(b)
                    && a.identity() == b.identity()
                    && a.identity() != 0
            }
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(n) => Some(*n),
            Value::Bool(b) => Some(*b as i64),
            _ => None,
        }
    }
}

/// A map key: a value that can be hashed. Equal numbers are equal keys whatever their type
/// (`1`, `1.0` and `true`), as in Python; objects such as tasks hash by identity.
#[derive(Clone)]
pub struct Key(pub Value);

impl Key {
    /// Checks that `value` can be a key: lists and maps cannot, as in Python.
    pub fn new(value: Value) -> Result<Key, Exc> {
        match value {
            Value::List(_) | Value::Map(_) | Value::Set(_) => Err(type_error(format!(
                "unhashable type: '{}'",
                python_type_name(&value)
            ))),
            Value::Tuple(ref items) => {
                for item in items.iter() {
                    Key::new(item.clone())?;
                }
                Ok(Key(value))
            }
            Value::Undef => Err(type_error("unhashable value")),
            value => Ok(Key(value)),
        }
    }
}

/// How numbers hash: an integral float hashes like the int it equals.
fn number_hash(value: &Value) -> Option<i64> {
    match value {
        Value::Int(n) => Some(*n),
        Value::Bool(b) => Some(*b as i64),
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Some(*f as i64),
        _ => None,
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        if let Some(n) = number_hash(&self.0) {
            0u8.hash(state);
            n.hash(state);
            return;
        }
        match &self.0 {
            Value::Str(s) => {
                1u8.hash(state);
                s.hash(state);
            }
            Value::Float(f) => {
                2u8.hash(state);
                f.to_bits().hash(state);
            }
            Value::None => 3u8.hash(state),
            Value::ExcType(k) => {
                4u8.hash(state);
                k.hash(state);
            }
            Value::Tuple(items) => {
                6u8.hash(state);
                items.len().hash(state);
                for item in items.iter() {
                    Key(item.clone()).hash(state);
                }
            }
            other => {
                5u8.hash(state);
                other.identity().hash(state);
            }
        }
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        match (&self.0, &other.0) {
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::None, Value::None) => true,
            (Value::ExcType(a), Value::ExcType(b)) => a == b,
            (Value::Tuple(a), Value::Tuple(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b.iter())
                        .all(|(x, y)| Key(x.clone()) == Key(y.clone()))
            }
            (a, b) => match (number_hash(a), number_hash(b)) {
                (Some(x), Some(y)) => {
                    x == y
                        && !matches!((a, b), (Value::Float(f), _) | (_, Value::Float(f)) if f.fract() != 0.0)
                }
                _ => match (a, b) {
                    (Value::Float(x), Value::Float(y)) => x == y,
                    _ => a.is(b),
                },
            },
        }
    }
}

impl Eq for Key {}

/// The name Python gives a value's type in messages (`dict` for a map), where it differs
/// from runner's own `type()` name.
pub fn python_type_name(value: &Value) -> &'static str {
    match value {
        Value::Map(_) => "dict",
        Value::None => "NoneType",
        other => other.type_name(),
    }
}
