//! The interface of objects that builtins return: fetch responses, native coroutines such
//! as `wait(...)`, and `as_completed` iterators.

use std::any::Any;

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
    fn as_any(&self) -> &dyn Any;
}
