//! Static errors: mistakes found after parsing and before anything runs.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

#[derive(Clone, Debug, Error, Diagnostic, PartialEq)]
pub enum CompileError {
    /// `print(nmae)`.
    #[error("`{name}` is not defined")]
    #[diagnostic(code(runner::compile::undefined))]
    Undefined {
        name: String,
        #[label("not defined")]
        at: SourceSpan,
        #[help]
        help: Option<String>,
    },

    /// `x = 1` with no `let x` anywhere.
    #[error("`{name}` is assigned but never declared")]
    #[diagnostic(
        code(runner::compile::undeclared_assign),
        help("declare it first: `let {name} = ...`")
    )]
    UndeclaredAssign {
        name: String,
        #[label("no `let {name}` is in scope")]
        at: SourceSpan,
    },

    /// `let x = 1` twice at the top level, or `fn f` twice.
    #[error("`{name}` is already declared")]
    #[diagnostic(code(runner::compile::duplicate))]
    Duplicate {
        name: String,
        #[label("declared again here")]
        at: SourceSpan,
        #[label("first declared here")]
        first: SourceSpan,
        #[help]
        help: Option<String>,
    },

    /// `print = 3`, `f = 3` where `fn f` is declared.
    #[error("cannot assign to {what} `{name}`")]
    #[diagnostic(
        code(runner::compile::assign_to_constant),
        help("use a different name, or `let {name} = ...` in a block to shadow it")
    )]
    AssignToConstant {
        name: String,
        what: &'static str,
        #[label("not assignable")]
        at: SourceSpan,
    },

    /// `await` in a plain `fn`.
    #[error("`await` is only allowed inside a `task`")]
    #[diagnostic(code(runner::compile::await_outside_task))]
    AwaitOutsideTask {
        #[label("inside `fn {function}`")]
        at: SourceSpan,
        function: String,
        #[help]
        help: Option<String>,
    },

    /// `yield` outside a task body.
    #[error("`yield` is only allowed inside a `task` (which makes it an async generator)")]
    #[diagnostic(code(runner::compile::yield_outside_task))]
    YieldOutsideTask {
        #[label("not inside a task")]
        at: SourceSpan,
    },

    /// `return 1` in an async generator.
    #[error("an async generator cannot return a value")]
    #[diagnostic(
        code(runner::compile::return_in_generator),
        help("use `yield value` to produce values and a bare `return` to stop")
    )]
    ReturnValueInGenerator {
        #[label("returns a value")]
        at: SourceSpan,
    },

    /// `break` outside a loop.
    #[error("`{what}` outside a loop")]
    #[diagnostic(code(runner::compile::outside_loop))]
    OutsideLoop {
        what: &'static str,
        #[label("not inside `while` or `for`")]
        at: SourceSpan,
    },

    /// `return` at the top level.
    #[error("`return` outside a `fn` or `task`")]
    #[diagnostic(
        code(runner::compile::return_at_top),
        help("the top level is the main task; it ends when its last statement has run")
    )]
    ReturnAtTopLevel {
        #[label("at the top level")]
        at: SourceSpan,
    },

    /// A bare `raise` outside a `catch`.
    #[error("a bare `raise` re-raises the exception being handled, but none is here")]
    #[diagnostic(
        code(runner::compile::bare_raise),
        help("use it inside `catch`, or raise a new one: `raise ValueError(\"...\")`")
    )]
    BareRaise {
        #[label("not inside `catch`")]
        at: SourceSpan,
    },

    /// `catch Foo as e` where `Foo` is not an exception kind.
    #[error("`{name}` is not an exception kind")]
    #[diagnostic(code(runner::compile::not_exception_kind))]
    NotExceptionKind {
        name: String,
        #[label("expected a kind like `ValueError`")]
        at: SourceSpan,
        #[help]
        help: Option<String>,
    },

    /// `f(1, 2, 3)` for `fn f(a, b)`.
    #[error("{message}")]
    #[diagnostic(code(runner::compile::bad_call))]
    BadCall {
        message: String,
        #[label("{label}")]
        at: SourceSpan,
        label: String,
        #[label("declared here")]
        declared: Option<SourceSpan>,
    },

    /// `await f()` where `f` is a plain `fn`, `spawn f()` likewise.
    #[error("{message}")]
    #[diagnostic(code(runner::compile::not_awaitable))]
    NotAwaitable {
        message: String,
        #[label("{label}")]
        at: SourceSpan,
        label: String,
        #[help]
        help: Option<String>,
    },

    /// Too many local variables, parameters or constants in one body.
    #[error("this body is too large: {what}")]
    #[diagnostic(code(runner::compile::too_large))]
    TooLarge {
        what: String,
        #[label("here")]
        at: SourceSpan,
    },
}
