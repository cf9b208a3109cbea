//! The interface of objects that builtins return: fetch responses, native coroutines such
//! as `wait(...)`, and `as_completed` iterators.

use std::any::Any;

use super::exception::Exc;
use super::value::Value;

pub trait NativeObject: Any {
    /// The name `type(v)` returns.
    fn type_name(&self) -> &'static str;
    /// How `print` shows it.
    fn repr(&self) -> String;
    /// `obj.name`, if it has such an attribute.
    fn attr(&self, _name: &str) -> Option<Value> {
        None
    }
    /// `obj.name(args)`, if it has such a method.
    fn call(&self, _name: &str, _args: &crate::builtins::Args<'_>) -> Option<Result<Value, Exc>> {
        None
    }
    fn as_any(&self) -> &dyn Any;
}
