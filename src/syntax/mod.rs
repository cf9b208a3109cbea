//! Text to a typed syntax tree: the layout pass, the pest grammar, and lowering.
//!
//! **Invariant:** pest's types never leave this module; the rest of the pipeline sees only
//! `ast` and `ParseError`.

pub mod ast;
mod error;
mod expected;
mod hints;
mod layout;
mod literal;
mod lower;
mod lower_expr;
mod span;

use pest::Parser;

pub use error::ParseError;
pub use layout::MAX_NESTING;
pub use span::{MAX_SOURCE_LEN, Span};

use ast::Script;
use layout::LayoutProblem;
use lower::Lower;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/tasks.pest"]
struct TasksParser;

/// Whether `src` is the start of an input that goes on: a bracket or block still open at
/// its end (and nothing closed that was never opened), or a last line that ends with a
/// `\` continuation. An interactive host reads another line instead of reporting the
/// "never closed" error.
pub fn is_incomplete(src: &str) -> bool {
    if src.trim_end_matches([' ', '\t']).ends_with('\\') {
        return true;
    }
    let layout = layout::layout(src);
    let mut unclosed = false;
    for problem in &layout.problems {
        match problem {
            LayoutProblem::Unclosed { .. } => unclosed = true,
            _ => return false,
        }
    }
    unclosed
}

/// Parses a whole script. On failure, returns every error found: after a syntax error the
/// parser resumes at the next statement, so one run reports them all.
pub fn parse(src: &str) -> Result<Script, Vec<ParseError>> {
    if src.len() > MAX_SOURCE_LEN {
        return Err(vec![ParseError::NotText {
            message: format!("the script is larger than {} MiB", MAX_SOURCE_LEN >> 20),
            at: Span::new(0, 0).into(),
        }]);
    }
    let layout = layout::layout(src);
    if let Some(LayoutProblem::TooDeep { at }) = layout.problems.last() {
        return Err(vec![ParseError::TooDeep {
            limit: MAX_NESTING,
            at: (*at).into(),
        }]);
    }
    let text = layout.text.as_str();
    let mut errors: Vec<ParseError> = layout
        .problems
        .iter()
        .map(|p| layout_error(p, src.len()))
        .collect();
    if errors.is_empty()
        && let Ok(mut pairs) = TasksParser::parse(Rule::program, text)
    {
        let lower = Lower::new(0);
        let body = pairs.next().map(|p| lower.program(p)).unwrap_or_default();
        let errors = lower.errors.into_inner();
        return if errors.is_empty() {
            Ok(Script { body })
        } else {
            Err(errors)
        };
    }
    // Only a failed parse needs pest's record of what each position expected, and
    // keeping it costs most of a successful parse's time, so it is switched on here. The
    // switch is process-wide and never switched off again: a parse in another thread
    // that is recovering from errors of its own must keep its detail.
    pest::set_error_detail(true);
    let mut found = recover(text, &errors);
    // After a bracket that is never closed, the rest of the file reads as inside it: later
    // syntax errors are echoes of that one.
    if let Some(opened) = layout
        .problems
        .iter()
        .filter_map(|p| match p {
            LayoutProblem::Unclosed { at, .. } => Some(at.start as usize),
            _ => None,
        })
        .min()
    {
        found.retain(|e| e.offset() < opened);
    }
    errors.extend(found);
    errors.sort_by_key(ParseError::offset);
    errors.dedup_by_key(|e| e.offset());
    Err(errors)
}

/// Parses `text` one statement at a time, collecting every error. After an error it skips
/// to the next line (inside brackets the layout pass has already joined lines), and a stray
/// `}` left over from a broken block is skipped.
fn recover(text: &str, layout_errors: &[ParseError]) -> Vec<ParseError> {
    let mut errors = Vec::new();
    let mut pos = 0;
    loop {
        pos = skip_separators(text, pos);
        if pos >= text.len() {
            break;
        }
        if text.as_bytes()[pos] == b'}' {
            pos = skip_closing_line(text, pos);
            continue;
        }
        match parse_stmt(&text[pos..]) {
            Ok(mut pairs) => {
                let Some(pair) = pairs.next() else { break };
                let end = pos + pair.as_span().end();
                let lower = Lower::new(pos);
                lower.stmt_alone(pair);
                errors.extend(lower.errors.into_inner());
                pos = end.max(pos + 1);
            }
            Err(err) => {
                let error = expected::from_pest(&err, &text[pos..], pos);
                // A layout problem already explains an error at the end of the file.
                let at_end = error.offset() + 1 >= text.trim_end().len();
                if !at_end || layout_errors.is_empty() {
                    errors.push(error);
                }
                pos = next_line(text, pos.max(error_offset(&errors).unwrap_or(pos)));
            }
        }
    }
    errors
}

/// Parses one statement at the start of `rest`. A failing pest parse finds the error's
/// line by scanning back from the end of its input, so parsing every broken statement
/// against the whole rest of the file is quadratic in a file full of errors. This parses
/// a window of whole lines first and trusts its error when it lies before the window's
/// end: then no attempt reached the cut, and more text would change nothing. Otherwise
/// (an error at the cut, or a success that might continue past it) the window doubles.
fn parse_stmt(rest: &str) -> Result<pest::iterators::Pairs<'_, Rule>, pest::error::Error<Rule>> {
    let mut window = line_end(rest, 0);
    while window < rest.len() {
        match TasksParser::parse(Rule::stmt_alone, &rest[..window]) {
            Err(e) if furthest(&e) < window => return Err(e),
            Ok(_) => break,
            Err(_) => window = line_end(rest, window.saturating_mul(2)),
        }
    }
    TasksParser::parse(Rule::stmt_alone, rest)
}

/// The end of the line holding byte `at` of `text`, past its newline.
fn line_end(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text.as_bytes()[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |n| at + n + 1)
}

/// The furthest position a failed parse reached.
fn furthest(err: &pest::error::Error<Rule>) -> usize {
    let at = match err.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((_, e)) => e,
    };
    err.parse_attempts().map_or(at, |a| a.max_position.max(at))
}

fn error_offset(errors: &[ParseError]) -> Option<usize> {
    errors.last().map(ParseError::offset)
}

fn skip_separators(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    while pos < bytes.len() {
        match bytes[pos] {
            b' ' | b'\t' | b'\r' | b'\n' | b';' => pos += 1,
            b'#' => pos = next_line(text, pos),
            _ => break,
        }
    }
    pos
}

fn next_line(text: &str, pos: usize) -> usize {
    text[pos.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |n| pos + n + 1)
}

/// Skips a `}` that closes a block whose opening line failed, and the `else`/`catch`/...
/// header that may follow it on the same line, so they do not cause errors of their own.
fn skip_closing_line(text: &str, pos: usize) -> usize {
    let rest = text[pos + 1..].trim_start_matches([' ', '\t']);
    let continues = ["else", "elif", "catch", "finally"]
        .iter()
        .any(|kw| rest.starts_with(kw));
    if continues {
        let line_end = next_line(text, pos);
        match text[pos..line_end].rfind('{') {
            Some(brace) => pos + brace + 1,
            None => line_end,
        }
    } else {
        pos + 1
    }
}

fn layout_error(problem: &LayoutProblem, src_len: usize) -> ParseError {
    let end = Span::new(src_len.saturating_sub(1), src_len);
    match *problem {
        LayoutProblem::Unclosed { opener, at } => ParseError::Unclosed {
            open: opener.open_char(),
            close: opener.close_char(),
            at: at.into(),
            end: end.into(),
        },
        LayoutProblem::Mismatched {
            opener,
            opened_at,
            closer,
            at,
        } => ParseError::Mismatched {
            open: opener.open_char(),
            close: closer,
            opened_at: opened_at.into(),
            at: at.into(),
            expected: opener.close_char(),
        },
        LayoutProblem::Unopened { closer, at } => ParseError::Unopened {
            close: closer,
            at: at.into(),
        },
        LayoutProblem::TooDeep { at } => ParseError::TooDeep {
            limit: MAX_NESTING,
            at: at.into(),
        },
    }
}
