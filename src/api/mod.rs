//! What an embedding host touches besides `Engine` and `Session`: values and their
//! conversions, errors as data, and host functions with their arguments.

mod error;
mod host_fn;
mod value;

pub use error::{Error, ErrorKind, Frame, Location};
pub use host_fn::{Args, HostFn};
pub(crate) use host_fn::{HostCall, HostFuture};
pub use value::{FromValue, IntoValue, Value};
#[cfg(feature = "serde")]
pub use value::{from_value, to_value};
