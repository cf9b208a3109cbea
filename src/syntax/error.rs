//! Parse errors: what the script got wrong, where, and in the language's own words.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// An error found while reading a script, before anything is compiled.
#[derive(Clone, Debug, Error, Diagnostic, PartialEq)]
pub enum ParseError {
    /// The text stops making sense at `at`: `print(1 2)`.
    #[error("{message}")]
    #[diagnostic(code(runner::parse::syntax))]
    Syntax {
        message: String,
        #[label("{label}")]
        at: SourceSpan,
        label: String,
        #[help]
        help: Option<String>,
    },

    /// `task f() {` with no `}`.
    #[error("this `{open}` is never closed")]
    #[diagnostic(code(runner::parse::unclosed), help("add the missing `{close}`"))]
    Unclosed {
        open: char,
        close: char,
        #[label("opened here")]
        at: SourceSpan,
        #[label("the file ends here")]
        end: SourceSpan,
    },

    /// `f(1]`.
    #[error("`{close}` does not close this `{open}`")]
    #[diagnostic(code(runner::parse::mismatched))]
    Mismatched {
        open: char,
        close: char,
        #[label("`{open}` opened here")]
        opened_at: SourceSpan,
        #[label("expected `{expected}` here")]
        at: SourceSpan,
        expected: char,
    },

    /// `print(1))`.
    #[error("`{close}` closes nothing")]
    #[diagnostic(
        code(runner::parse::unopened),
        help("remove it, or add the opening bracket it belongs to")
    )]
    Unopened {
        close: char,
        #[label("nothing is open here")]
        at: SourceSpan,
    },

    /// 10,000 nested parentheses.
    #[error("brackets and blocks nest too deeply (the limit is {limit})")]
    #[diagnostic(
        code(runner::parse::too_deep),
        help("split the expression with `let` bindings or helper functions")
    )]
    TooDeep {
        limit: usize,
        #[label("this opens level {limit}")]
        at: SourceSpan,
    },

    /// `1 + 1 + 1 + ...` with thousands of terms in one expression.
    #[error("this expression is too complex (more than {limit} nested operations)")]
    #[diagnostic(code(runner::parse::too_complex), help("split it with `let` bindings"))]
    TooComplex {
        limit: usize,
        #[label("the expression that starts here")]
        at: SourceSpan,
    },

    /// `"\q"`.
    #[error("unknown escape `{escape}` in a string")]
    #[diagnostic(
        code(runner::parse::bad_escape),
        help(
            "the escapes are \\n \\t \\r \\0 \\\\ \\\" \\' \\xHH and \\u{{HHHH}}; write \\\\ for a backslash"
        )
    )]
    BadEscape {
        escape: String,
        #[label("not an escape")]
        at: SourceSpan,
    },

    /// `"\u12"`: a `\uXXXX` or `\xXX` escape with too few hex digits.
    #[error("truncated {form} escape `{escape}` in a string")]
    #[diagnostic(
        code(runner::parse::truncated_escape),
        help("`\\u` takes exactly four hex digits (`\\u00e9`, or `\\u{{e9}}`), `\\x` two")
    )]
    TruncatedEscape {
        escape: String,
        form: &'static str,
        #[label("too few hex digits")]
        at: SourceSpan,
    },

    /// `9223372036854775808`.
    #[error("this integer does not fit in 64 bits")]
    #[diagnostic(
        code(runner::parse::int_too_large),
        help("integers are 64-bit signed: at most 9223372036854775807")
    )]
    IntTooLarge {
        #[label("too large")]
        at: SourceSpan,
    },

    /// `f() = 1`, `a + b += 1`.
    #[error("cannot assign to {what}")]
    #[diagnostic(
        code(runner::parse::bad_target),
        help("the left of `=` must be a name, `xs[i]` or `m[\"key\"]`")
    )]
    BadTarget {
        what: String,
        #[label("not something that can be assigned")]
        at: SourceSpan,
    },

    /// A script that is not text.
    #[error("{message}")]
    #[diagnostic(code(runner::parse::not_text))]
    NotText {
        message: String,
        #[label("here")]
        at: SourceSpan,
    },
}

impl ParseError {
    /// Where the error is, for ordering and de-duplication.
    pub fn offset(&self) -> usize {
        let span = match self {
            ParseError::Syntax { at, .. }
            | ParseError::Unclosed { at, .. }
            | ParseError::Mismatched { at, .. }
            | ParseError::Unopened { at, .. }
            | ParseError::TooDeep { at, .. }
            | ParseError::TooComplex { at, .. }
            | ParseError::BadEscape { at, .. }
            | ParseError::TruncatedEscape { at, .. }
            | ParseError::IntTooLarge { at, .. }
            | ParseError::BadTarget { at, .. }
            | ParseError::NotText { at, .. } => at,
        };
        span.offset()
    }
}
