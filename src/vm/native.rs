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
    fn call(
        &self,
        _rt: &mut crate::rt::Rt,
        _name: &str,
        _args: &crate::builtins::Args<'_>,
        _site: &super::code::Site,
    ) -> Option<Result<Value, Exc>> {
        None
    }
    /// `async with obj`: the coroutine its entry awaits (asyncio's `__aenter__`), if it is
    /// an asynchronous context manager.
    fn enter(
        &self,
        _rt: &mut crate::rt::Rt,
        _site: &super::code::Site,
    ) -> Option<Result<Value, Exc>> {
        None
    }
    /// Its exit (`__aexit__`), given the exception that left the block, if one did: a
    /// coroutine to await, or its result at once; a true result swallows the exception.
    fn exit(
        &self,
        _rt: &mut crate::rt::Rt,
        _exc: Option<Exc>,
        _site: &super::code::Site,
    ) -> Option<Result<Value, Exc>> {
        None
    }
    /// `for await x in obj`: its next step, if it is an asynchronous iterator.
    fn anext(&self, _rt: &mut crate::rt::Rt) -> Option<crate::rt::awaitable::Anext> {
        None
    }
    fn as_any(&self) -> &dyn Any;
}
