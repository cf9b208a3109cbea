//! The virtual machine: values, code objects, frames, and the dispatch loop that runs a
//! task's bytecode.

pub mod arith;
pub mod call;
pub mod callback;
pub mod code;
pub mod coro;
pub mod exception;
pub mod format;
pub mod format_spec;
pub mod frame;
mod interp;
pub mod iter;
pub mod native;
pub mod ops;
pub mod release;
pub mod str;
pub mod value;

pub use code::{
    CallSite, Capture, Code, CodeBody, CodeKind, Const, FormatSpec, Op, Site, Source, Sym,
};
pub use coro::AsyncGen;
pub use exception::{Exc, ExcKind, Exception, TraceEntry, exc, type_error, value_error};
pub use frame::{Exec, FrameKind};
pub use interp::{Halt, Resume, run};
pub use native::NativeObject;
pub use str::Str;
pub use value::{Key, Value};
