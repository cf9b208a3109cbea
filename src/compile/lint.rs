//! Async lints: code that compiles but is almost certainly a mistake in an asyncio program.
//! Shown by `runner check` and as warnings before a run; a comment
//! `# runner: allow(NAME)` on the line silences one (`# runner: allow` silences all).

use miette::{Diagnostic, Severity, SourceSpan};
use thiserror::Error;

use super::function::{FnCompiler, Resolved};
use crate::builtins;
use crate::builtins::table::Found;
use crate::syntax::Span;
use crate::syntax::ast::{Block, Expr, ExprKind, Stmt, StmtKind};
use crate::vm::CodeKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LintKind {
    /// `work()` as a statement, where `work` is a task: the coroutine is never run.
    DiscardedCoroutine,
    /// `while true { }` in a task with no `await`: it holds the thread forever.
    BusyLoop,
    /// `await 5`, `await f()` with `f` a plain `fn`.
    NotAwaitable,
    /// `wait_for(work(), t)` where `work` never awaits: the timeout cannot interrupt it.
    TimeoutNeverAwaits,
}

impl LintKind {
    pub fn name(self) -> &'static str {
        match self {
            LintKind::DiscardedCoroutine => "discarded-coroutine",
            LintKind::BusyLoop => "busy-loop",
            LintKind::NotAwaitable => "not-awaitable",
            LintKind::TimeoutNeverAwaits => "timeout-never-awaits",
        }
    }
}

/// A likely mistake, with where it is and what to do instead.
#[derive(Clone, Debug, Error, PartialEq)]
#[error("{message}")]
pub struct Lint {
    pub kind: LintKind,
    pub message: String,
    pub at: SourceSpan,
    pub help: String,
}

impl Diagnostic for Lint {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(format!("runner::lint::{}", self.kind.name())))
    }

    fn severity(&self) -> Option<Severity> {
        Some(Severity::Warning)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(format!(
            "{}\n(silence with `# runner: allow({})` on the line)",
            self.help,
            self.kind.name()
        )))
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_with_span(Some("here".to_owned()), self.at),
        )))
    }
}

pub(super) fn push(
    c: &mut FnCompiler<'_>,
    kind: LintKind,
    span: Span,
    message: String,
    help: String,
) {
    if silenced(&c.source.text, span, kind) {
        return;
    }
    c.lints.push(Lint {
        kind,
        message,
        at: span.into(),
        help,
    });
}

/// Whether the line holding `span` carries `# runner: allow` for this lint.
fn silenced(text: &str, span: Span, kind: LintKind) -> bool {
    let start = (span.start as usize).min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[line_start..line_end];
    let Some(at) = line.find("runner: allow") else {
        return false;
    };
    let rest = &line[at + "runner: allow".len()..];
    match rest.strip_prefix('(') {
        Some(list) => list
            .split([',', ')'])
            .any(|name| name.trim() == kind.name()),
        None => true,
    }
}

/// A call statement whose coroutine nobody awaits or spawns.
pub(super) fn check_discarded(c: &mut FnCompiler<'_>, expr: &Expr) {
    let ExprKind::Call { callee, .. } = &expr.kind else {
        return;
    };
    let ExprKind::Name(name) = &callee.kind else {
        return;
    };
    let what = match c.resolve(name) {
        Resolved::Decl(_, decl) if decl.is_task => "task",
        Resolved::Builtin(b) if c.globals.table.returns_coroutine(Found::Native(b)) => "builtin",
        Resolved::Host(i) if c.globals.table.returns_coroutine(Found::Host(i)) => "host function",
        _ => return,
    };
    let _ = what;
    c.note_lint(
        LintKind::DiscardedCoroutine,
        expr.span,
        format!("the coroutine from `{name}(...)` is never awaited, so it never runs"),
        format!("write `await {name}(...)` to run it here, or `spawn {name}(...)` to run it concurrently"),
    );
}

/// `while true` inside a task (or the main body) with no way to let other tasks run.
pub(super) fn check_busy_loop(c: &mut FnCompiler<'_>, cond: &Expr, body: &Block) {
    if c.kind == CodeKind::Fn || !matches!(cond.kind, ExprKind::Bool(true)) {
        return;
    }
    if block_may_pause_or_leave(&body.stmts) {
        return;
    }
    c.note_lint(
        LintKind::BusyLoop,
        cond.span.to(Span::new(
            body.span.start as usize,
            body.span.start as usize + 1,
        )),
        "this loop never awaits and never ends: every other task waits forever".to_owned(),
        "add `await sleep(0)` in the loop to give other tasks a turn, or a `break`".to_owned(),
    );
}

/// `wait_for(work(...), t)` where `work` is a task that never awaits: it runs to its end
/// in one step, so the timeout can only be noticed after it has finished.
pub(super) fn check_timeout(
    c: &mut FnCompiler<'_>,
    callee: &Expr,
    args: &[crate::syntax::ast::Arg],
) {
    let ExprKind::Name(name) = &callee.kind else {
        return;
    };
    if !matches!(c.resolve(name), Resolved::Builtin(b) if std::ptr::eq(b, &builtins::WAIT_FOR)) {
        return;
    }
    let Some(first) = args.first().filter(|a| a.name.is_none() && !a.spread) else {
        return;
    };
    let ExprKind::Call { callee: inner, .. } = &first.value.kind else {
        return;
    };
    let Some(decl) = c.known_decl(inner) else {
        return;
    };
    if !decl.is_task || awaits_anywhere(&decl.body.stmts) {
        return;
    }
    c.note_lint(
        LintKind::TimeoutNeverAwaits,
        first.value.span,
        format!("`{}` never awaits, so `wait_for` cannot interrupt it: the timeout is only seen after it ends", decl.name.name),
        format!("add an `await` (such as `await sleep(0)`) inside `{}`'s long-running loop", decl.name.name),
    );
}

/// Whether a body awaits anywhere (`await`, `for await`, `yield`).
fn awaits_anywhere(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Yield(_) => true,
        StmtKind::Expr(e)
        | StmtKind::Assign { value: e, .. }
        | StmtKind::Update { value: e, .. } => expr_awaits(e),
        StmtKind::Let { value, .. } | StmtKind::Return(value) | StmtKind::Raise(value) => {
            value.as_ref().is_some_and(expr_awaits)
        }
        StmtKind::Assert { cond, message } => {
            expr_awaits(cond) || message.as_ref().is_some_and(expr_awaits)
        }
        StmtKind::If {
            branches,
            otherwise,
        } => {
            branches
                .iter()
                .any(|(c, b)| expr_awaits(c) || awaits_anywhere(&b.stmts))
                || otherwise
                    .as_ref()
                    .is_some_and(|b| awaits_anywhere(&b.stmts))
        }
        StmtKind::While { cond, body } => expr_awaits(cond) || awaits_anywhere(&body.stmts),
        StmtKind::For {
            is_await,
            iter,
            body,
            ..
        } => *is_await || expr_awaits(iter) || awaits_anywhere(&body.stmts),
        StmtKind::Try {
            body,
            catches,
            finally,
        } => {
            awaits_anywhere(&body.stmts)
                || catches.iter().any(|c| awaits_anywhere(&c.body.stmts))
                || finally.as_ref().is_some_and(|b| awaits_anywhere(&b.stmts))
        }
        StmtKind::AsyncWith { .. } => true,
        StmtKind::Decl(_) | StmtKind::Break | StmtKind::Continue => false,
    })
}

/// `await` of a value that can never be awaited.
pub(super) fn check_awaitable(c: &mut FnCompiler<'_>, inner: &Expr, span: Span) {
    let what = match &inner.kind {
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::FStr(_)
        | ExprKind::Bool(_)
        | ExprKind::None
        | ExprKind::List(_)
        | ExprKind::Map(_) => "a literal".to_owned(),
        ExprKind::Call { callee, .. } => match c.known_decl(callee) {
            Some(decl) if !decl.is_task => {
                format!("the result of the plain `fn {}`", decl.name.name)
            }
            _ => return,
        },
        _ => return,
    };
    c.note_lint(
        LintKind::NotAwaitable,
        span,
        format!("`await` of {what}, which is not awaitable"),
        "await a coroutine (a task call), a task, or a builtin like `sleep`; this raises TypeError when it runs"
            .to_owned(),
    );
}

/// Whether running these statements can await, yield, or leave the loop.
fn block_may_pause_or_leave(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Break | StmtKind::Return(_) | StmtKind::Raise(_) | StmtKind::Yield(_) => true,
        StmtKind::Expr(e)
        | StmtKind::Assign { value: e, .. }
        | StmtKind::Update { value: e, .. } => expr_awaits(e),
        StmtKind::Let { value, .. } => value.as_ref().is_some_and(expr_awaits),
        StmtKind::Assert { .. } => true,
        StmtKind::If {
            branches,
            otherwise,
        } => {
            branches
                .iter()
                .any(|(cond, b)| expr_awaits(cond) || block_may_pause_or_leave(&b.stmts))
                || otherwise
                    .as_ref()
                    .is_some_and(|b| block_may_pause_or_leave(&b.stmts))
        }
        StmtKind::While { cond, body } => expr_awaits(cond) || block_awaits(&body.stmts),
        StmtKind::For {
            is_await,
            iter,
            body,
            ..
        } => *is_await || expr_awaits(iter) || block_awaits(&body.stmts),
        StmtKind::Try {
            body,
            catches,
            finally,
        } => {
            block_may_pause_or_leave(&body.stmts)
                || catches
                    .iter()
                    .any(|c| block_may_pause_or_leave(&c.body.stmts))
                || finally
                    .as_ref()
                    .is_some_and(|b| block_may_pause_or_leave(&b.stmts))
        }
        StmtKind::AsyncWith { .. } => true,
        StmtKind::Decl(_) | StmtKind::Continue => false,
    })
}

/// Whether these statements contain an await (an inner loop's `break` leaves only it).
fn block_awaits(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Yield(_) | StmtKind::Return(_) | StmtKind::Raise(_) => true,
        StmtKind::Expr(e)
        | StmtKind::Assign { value: e, .. }
        | StmtKind::Update { value: e, .. } => expr_awaits(e),
        StmtKind::Let { value, .. } => value.as_ref().is_some_and(expr_awaits),
        StmtKind::If {
            branches,
            otherwise,
        } => {
            branches
                .iter()
                .any(|(cond, b)| expr_awaits(cond) || block_awaits(&b.stmts))
                || otherwise.as_ref().is_some_and(|b| block_awaits(&b.stmts))
        }
        StmtKind::While { cond, body } => expr_awaits(cond) || block_awaits(&body.stmts),
        StmtKind::For {
            is_await,
            iter,
            body,
            ..
        } => *is_await || expr_awaits(iter) || block_awaits(&body.stmts),
        StmtKind::Try {
            body,
            catches,
            finally,
        } => {
            block_awaits(&body.stmts)
                || catches.iter().any(|c| block_awaits(&c.body.stmts))
                || finally.as_ref().is_some_and(|b| block_awaits(&b.stmts))
        }
        StmtKind::AsyncWith { .. } => true,
        _ => false,
    })
}

fn expr_awaits(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Await(_) => true,
        ExprKind::Unary { operand, .. } | ExprKind::Not(operand) => expr_awaits(operand),
        ExprKind::IfElse {
            cond,
            then,
            otherwise,
        } => expr_awaits(cond) || expr_awaits(then) || expr_awaits(otherwise),
        ExprKind::Binary { lhs, rhs, .. } | ExprKind::Logic { lhs, rhs, .. } => {
            expr_awaits(lhs) || expr_awaits(rhs)
        }
        ExprKind::Compare { first, rest } => {
            expr_awaits(first) || rest.iter().any(|(_, e)| expr_awaits(e))
        }
        ExprKind::Call { callee, args } => {
            expr_awaits(callee) || args.iter().any(|a| expr_awaits(&a.value))
        }
        ExprKind::Index { object, index } => expr_awaits(object) || expr_awaits(index),
        ExprKind::Attr { object, .. } => expr_awaits(object),
        ExprKind::List(items) => items.iter().any(expr_awaits),
        ExprKind::Map(entries) => entries
            .iter()
            .any(|(k, v)| expr_awaits(k) || expr_awaits(v)),
        ExprKind::Spawn { target, .. } => expr_awaits(target),
        _ => false,
    }
}
