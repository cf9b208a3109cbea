//! Host functions: Rust closures a script calls by name, sync or async, registered on an
//! `Engine` and resolved by the compiler like any builtin.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::{Error, FromValue, IntoValue, Value};
use crate::vm::ExcKind;

/// The future an async host function returns: awaited on the session's thread, so it
/// need not be `Send`.
pub(crate) type HostFuture = Pin<Box<dyn Future<Output = Result<Value, Error>>>>;

/// How a host function runs.
pub(crate) enum HostCall {
    /// Runs at once and returns a value or raises.
    Sync(Box<dyn Fn(Args) -> Result<Value, Error> + Send + Sync>),
    /// Makes a future; the script awaits it like any coroutine.
    Async(Box<dyn Fn(Args) -> HostFuture + Send + Sync>),
}

/// A function a host registered ([`Engine::register_fn`](crate::Engine::register_fn),
/// [`Engine::register_async_fn`](crate::Engine::register_async_fn)).
pub struct HostFn {
    pub(crate) name: Arc<str>,
    pub(crate) call: HostCall,
}

impl HostFn {
    /// The name scripts call it by.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether calling it makes a coroutine the script must await.
    pub fn is_async(&self) -> bool {
        matches!(self.call, HostCall::Async(_))
    }

    pub(crate) fn sync<R: IntoValue>(
        name: &str,
        f: impl Fn(Args) -> Result<R, Error> + Send + Sync + 'static,
    ) -> HostFn {
        HostFn {
            name: Arc::from(name),
            call: HostCall::Sync(Box::new(move |args| f(args).map(IntoValue::into_value))),
        }
    }

    pub(crate) fn asynchronous<R, Fut>(
        name: &str,
        f: impl Fn(Args) -> Fut + Send + Sync + 'static,
    ) -> HostFn
    where
        R: IntoValue,
        Fut: Future<Output = Result<R, Error>> + 'static,
    {
        HostFn {
            name: Arc::from(name),
            call: HostCall::Async(Box::new(move |args| {
                let fut = f(args);
                Box::pin(async move { fut.await.map(IntoValue::into_value) })
            })),
        }
    }
}

impl std::fmt::Debug for HostFn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<host function {}>", self.name)
    }
}

/// The arguments a script called a host function with: positional ones, then keyword ones.
///
/// ```
/// # use runner::{Args, Error};
/// fn greet(args: Args) -> Result<String, Error> {
///     let name: String = args.get(0)?;
///     let times: i64 = args.keyword("times")?.unwrap_or(1);
///     Ok(format!("hello {name}").repeat(times as usize))
/// }
/// ```
pub struct Args {
    pub(crate) function: Arc<str>,
    pub(crate) positional: Vec<Value>,
    pub(crate) keywords: Vec<(String, Value)>,
}

impl Args {
    /// How many positional arguments there are.
    pub fn len(&self) -> usize {
        self.positional.len()
    }

    /// Whether there are no positional arguments.
    pub fn is_empty(&self) -> bool {
        self.positional.is_empty()
    }

    /// Positional argument `i`, converted; a `TypeError` for the script if it is missing
    /// or of the wrong type.
    pub fn get<T: FromValue>(&self, i: usize) -> Result<T, Error> {
        let value = self.positional.get(i).ok_or_else(|| {
            Error::exception(
                ExcKind::TypeError,
                format!("{}() is missing argument {}", self.function, i + 1),
            )
        })?;
        T::from_value(value).map_err(|e| self.in_argument(&format!("argument {}", i + 1), e))
    }

    /// Keyword argument `name`, converted, if it was given.
    pub fn keyword<T: FromValue>(&self, name: &str) -> Result<Option<T>, Error> {
        match self.keywords.iter().find(|(k, _)| k == name) {
            Some((_, v)) => T::from_value(v)
                .map(Some)
                .map_err(|e| self.in_argument(&format!("argument '{name}'"), e)),
            None => Ok(None),
        }
    }

    /// The positional arguments as they are.
    pub fn positional(&self) -> &[Value] {
        &self.positional
    }

    /// The keyword arguments as they are, in the order written.
    pub fn keywords(&self) -> &[(String, Value)] {
        &self.keywords
    }

    /// The name the function was called by.
    pub fn function(&self) -> &str {
        &self.function
    }

    fn in_argument(&self, which: &str, e: Error) -> Error {
        match e.kind() {
            super::ErrorKind::Exception(kind) => Error::exception(
                kind,
                format!("{}() {which}: {}", self.function, e.message()),
            ),
            _ => e,
        }
    }
}
