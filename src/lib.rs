//! runner: a scriptable async task runner with the semantics of Python's asyncio.
pub mod syntax;
