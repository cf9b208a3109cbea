//! Lowering pest's pairs to the typed tree: statements. One method per grammar rule, named
//! after it; expressions are in `lower_expr.rs`.

use std::cell::RefCell;
use std::rc::Rc;

use pest::iterators::Pair;

use super::Rule;
use super::ast::*;
use super::error::ParseError;
use super::span::Span;

/// The lowering context: where the text being lowered starts in the script, and the errors
/// found so far (lowering never stops at the first one).
pub(super) struct Lower {
    pub offset: usize,
    pub errors: RefCell<Vec<ParseError>>,
    /// Whether a too-complex expression was reported (once is enough).
    pub too_complex: std::cell::Cell<bool>,
    /// Offsets of `9223372036854775808` literals written right after a minus sign.
    pub negated_min: RefCell<Vec<usize>>,
}

impl Lower {
    pub fn new(offset: usize) -> Lower {
        Lower {
            offset,
            errors: RefCell::new(Vec::new()),
            too_complex: std::cell::Cell::new(false),
            negated_min: RefCell::new(Vec::new()),
        }
    }

    pub fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        Span::new(s.start() + self.offset, s.end() + self.offset)
    }

    pub fn error(&self, err: ParseError) {
        self.errors.borrow_mut().push(err);
    }

    fn syntax_error(&self, message: &str, at: Span, label: &str, help: Option<&str>) {
        self.error(ParseError::Syntax {
            message: message.to_owned(),
            at: at.into(),
            label: label.to_owned(),
            help: help.map(str::to_owned),
        });
    }

    pub fn program(&self, pair: Pair<'_, Rule>) -> Vec<Stmt> {
        kids(pair)
            .filter(|p| p.as_rule() != Rule::EOI)
            .map(|p| self.stmt(p))
            .collect()
    }

    /// Lowers a `stmt_alone`: the statement inside it.
    pub fn stmt_alone(&self, pair: Pair<'_, Rule>) -> Option<Stmt> {
        kids(pair).next().map(|p| self.stmt(p))
    }

    pub fn stmt(&self, pair: Pair<'_, Rule>) -> Stmt {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::fn_decl => self.decl(pair, false),
            Rule::task_decl => self.decl(pair, true),
            Rule::let_stmt => self.let_stmt(pair),
            Rule::if_stmt => self.if_stmt(pair),
            Rule::while_stmt => self.while_stmt(pair),
            Rule::for_stmt => self.for_stmt(pair),
            Rule::try_stmt => self.try_stmt(pair, span),
            Rule::async_with_stmt => self.async_with_stmt(pair, span),
            Rule::return_stmt => StmtKind::Return(kids(pair).next().map(|p| self.expr_list(p))),
            Rule::break_stmt => StmtKind::Break,
            Rule::continue_stmt => StmtKind::Continue,
            Rule::raise_stmt => StmtKind::Raise(self.opt_expr(pair)),
            Rule::yield_stmt => StmtKind::Yield(self.opt_expr(pair)),
            Rule::assert_stmt => {
                let mut inner = kids(pair);
                let cond = self.next_expr(&mut inner, span);
                let message = inner.next().map(|p| self.expr(p));
                StmtKind::Assert { cond, message }
            }
            Rule::simple_stmt => self.simple_stmt(pair, span),
            rule => unreachable_rule(rule),
        };
        Stmt { kind, span }
    }

    pub fn block(&self, pair: Pair<'_, Rule>) -> Block {
        let span = self.span(&pair);
        Block {
            stmts: kids(pair).map(|p| self.stmt(p)).collect(),
            span,
        }
    }

    fn decl(&self, pair: Pair<'_, Rule>, is_task: bool) -> StmtKind {
        let start = self.span(&pair);
        let mut inner = kids(pair);
        let (name, params, body) = (inner.next(), inner.next(), inner.next());
        let (Some(name), Some(params), Some(body)) = (name, params, body) else {
            return StmtKind::Expr(placeholder(start));
        };
        let head_span = start.to(self.span(&params));
        let head_span = Span {
            start: start.start,
            ..head_span
        };
        StmtKind::Decl(Rc::new(FnDecl {
            is_task,
            name: self.ident(name),
            params: kids(params).map(|p| self.param(p)).collect(),
            body: self.block(body),
            head_span,
        }))
    }

    pub fn param(&self, pair: Pair<'_, Rule>) -> Param {
        let mut inner = kids(pair);
        let first = inner.next();
        let (kind, name) = match first {
            Some(p) if p.as_rule() == Rule::star_args => {
                (ParamKind::Rest, kids(p).next().map(|p| self.ident(p)))
            }
            Some(p) if p.as_rule() == Rule::star_kwargs => {
                (ParamKind::Options, kids(p).next().map(|p| self.ident(p)))
            }
            Some(p) if p.as_rule() == Rule::ident => (ParamKind::Plain, Some(self.ident(p))),
            // A `lambda_param` wraps the same alternatives.
            Some(p) => return self.param(p),
            None => (ParamKind::Plain, None),
        };
        let default = inner.next().map(|p| self.expr(p));
        Param {
            name: name.unwrap_or_else(|| Ident {
                name: "_".into(),
                span: Span::default(),
            }),
            default,
            kind,
        }
    }

    pub fn ident(&self, pair: Pair<'_, Rule>) -> Ident {
        Ident {
            span: self.span(&pair),
            name: pair.as_str().into(),
        }
    }

    fn let_stmt(&self, pair: Pair<'_, Rule>) -> StmtKind {
        let mut names = Vec::new();
        let mut value = None;
        for p in kids(pair) {
            match p.as_rule() {
                Rule::ident => names.push(self.ident(p)),
                _ => value = Some(self.expr_list(p)),
            }
        }
        StmtKind::Let { names, value }
    }

    fn if_stmt(&self, pair: Pair<'_, Rule>) -> StmtKind {
        let mut branches = Vec::new();
        let mut otherwise = None;
        let mut inner = kids(pair).peekable();
        while let Some(p) = inner.next() {
            match p.as_rule() {
                Rule::expr => {
                    let cond = self.expr(p);
                    if let Some(b) = inner.next() {
                        branches.push((cond, self.block(b)));
                    }
                }
                Rule::elif_clause => {
                    let mut clause = kids(p);
                    if let (Some(c), Some(b)) = (clause.next(), clause.next()) {
                        branches.push((self.expr(c), self.block(b)));
                    }
                }
                Rule::else_clause => otherwise = kids(p).next().map(|b| self.block(b)),
                rule => unreachable_rule(rule),
            }
        }
        StmtKind::If {
            branches,
            otherwise,
        }
    }

    fn while_stmt(&self, pair: Pair<'_, Rule>) -> StmtKind {
        let span = self.span(&pair);
        let mut inner = kids(pair);
        let cond = self.next_expr(&mut inner, span);
        let body = inner
            .next()
            .map(|b| self.block(b))
            .unwrap_or_else(|| empty_block(span));
        StmtKind::While { cond, body }
    }

    fn for_stmt(&self, pair: Pair<'_, Rule>) -> StmtKind {
        let span = self.span(&pair);
        let mut is_await = false;
        let mut names = Vec::new();
        let mut iter = None;
        let mut body = None;
        for p in kids(pair) {
            match p.as_rule() {
                Rule::await_kw => is_await = true,
                Rule::ident => names.push(self.ident(p)),
                Rule::expr => iter = Some(self.expr(p)),
                Rule::block => body = Some(self.block(p)),
                rule => unreachable_rule(rule),
            }
        }
        StmtKind::For {
            is_await,
            names,
            iter: iter.unwrap_or_else(|| placeholder(span)),
            body: body.unwrap_or_else(|| empty_block(span)),
        }
    }

    fn async_with_stmt(&self, pair: Pair<'_, Rule>, span: Span) -> StmtKind {
        let mut manager = None;
        let mut name = None;
        let mut body = None;
        for p in kids(pair) {
            match p.as_rule() {
                Rule::expr => manager = Some(self.expr(p)),
                Rule::ident => name = Some(self.ident(p)),
                Rule::block => body = Some(self.block(p)),
                rule => unreachable_rule(rule),
            }
        }
        StmtKind::AsyncWith {
            manager: manager.unwrap_or_else(|| placeholder(span)),
            name,
            body: body.unwrap_or_else(|| empty_block(span)),
        }
    }

    fn try_stmt(&self, pair: Pair<'_, Rule>, span: Span) -> StmtKind {
        let mut body = None;
        let mut catches = Vec::new();
        let mut finally = None;
        for p in kids(pair) {
            match p.as_rule() {
                Rule::block => body = Some(self.block(p)),
                Rule::catch_clause => catches.push(self.catch_clause(p)),
                Rule::finally_clause => finally = kids(p).next().map(|b| self.block(b)),
                rule => unreachable_rule(rule),
            }
        }
        if catches.is_empty() && finally.is_none() {
            self.syntax_error(
                "a `try` needs a `catch` or a `finally`",
                Span::new(span.start as usize, span.start as usize + 3),
                "this `try` has neither",
                Some("add `catch e { ... }` to handle errors, or `finally { ... }` for clean-up"),
            );
        }
        StmtKind::Try {
            body: body.unwrap_or_else(|| empty_block(span)),
            catches,
            finally,
        }
    }

    fn catch_clause(&self, pair: Pair<'_, Rule>) -> Catch {
        let span = self.span(&pair);
        let mut kinds = Vec::new();
        let mut binding = None;
        let mut body = None;
        for p in kids(pair) {
            match p.as_rule() {
                Rule::catch_types => kinds.extend(kids(p).map(|i| self.ident(i))),
                Rule::catch_as => binding = kids(p).next().map(|i| self.ident(i)),
                Rule::block => body = Some(self.block(p)),
                rule => unreachable_rule(rule),
            }
        }
        Catch {
            kinds,
            binding,
            body: body.unwrap_or_else(|| empty_block(span)),
            span,
        }
    }

    fn simple_stmt(&self, pair: Pair<'_, Rule>, span: Span) -> StmtKind {
        let mut inner = kids(pair);
        let Some(first) = inner.next() else {
            return StmtKind::Expr(placeholder(span));
        };
        let first_span = self.span(&first);
        let mut exprs: Vec<Expr> = kids(first).map(|p| self.expr(p)).collect();
        match inner.next() {
            None => {
                if exprs.len() > 1 {
                    self.syntax_error(
                        "a list of expressions separated by commas is not a statement",
                        first_span,
                        "not a statement",
                        Some(
                            "for a list write `[a, b]`; to assign several names write `a, b = ...`",
                        ),
                    );
                }
                StmtKind::Expr(exprs.swap_remove(0))
            }
            Some(tail) if tail.as_rule() == Rule::assign_tail => {
                for target in &exprs {
                    self.check_target(target);
                }
                let value = tail
                    .into_inner()
                    .next()
                    .map(|p| self.expr_list(p))
                    .unwrap_or_else(|| placeholder(span));
                StmtKind::Assign {
                    targets: exprs,
                    value,
                }
            }
            Some(tail) => {
                let mut parts = kids(tail);
                let op = match parts.next().map(|p| p.as_str().to_owned()).as_deref() {
                    Some("+=") => BinOp::Add,
                    Some("-=") => BinOp::Sub,
                    Some("*=") => BinOp::Mul,
                    Some("/=") => BinOp::Div,
                    Some("//=") => BinOp::FloorDiv,
                    Some("%=") => BinOp::Mod,
                    Some("&=") => BinOp::BitAnd,
                    Some("|=") => BinOp::BitOr,
                    Some("^=") => BinOp::BitXor,
                    Some("<<=") => BinOp::Shl,
                    Some(">>=") => BinOp::Shr,
                    _ => BinOp::Pow,
                };
                let value = parts
                    .next()
                    .map(|p| self.expr(p))
                    .unwrap_or_else(|| placeholder(span));
                if exprs.len() > 1 {
                    self.syntax_error(
                        "an update like `+=` takes one target",
                        first_span,
                        "several targets",
                        None,
                    );
                }
                let target = exprs.swap_remove(0);
                self.check_target(&target);
                StmtKind::Update { target, op, value }
            }
        }
    }

    /// An `expr_list` as one expression: a single expression, or a tuple of several, as
    /// in Python (`let a, b = 1, 2`, `return a, b`).
    pub fn expr_list(&self, pair: Pair<'_, Rule>) -> Expr {
        let span = self.span(&pair);
        let mut exprs: Vec<Expr> = kids(pair).map(|p| self.expr(p)).collect();
        if exprs.len() == 1 {
            exprs.swap_remove(0)
        } else {
            Expr {
                kind: ExprKind::Tuple(exprs),
                span,
            }
        }
    }

    fn check_target(&self, target: &Expr) {
        let what = match &target.kind {
            ExprKind::Name(_) | ExprKind::Index { .. } => return,
            ExprKind::Call { .. } => "a call",
            ExprKind::Attr { .. } => "an attribute",
            ExprKind::Slice { .. } => "a slice",
            ExprKind::Await(_) => "an `await` expression",
            ExprKind::Spawn { .. } => "a `spawn` expression",
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
            | ExprKind::FStr(_)
            | ExprKind::Bool(_)
            | ExprKind::None => "a literal",
            ExprKind::List(_) | ExprKind::Map(_) | ExprKind::Tuple(_) | ExprKind::Set(_) => {
                "a list, tuple, map or set literal"
            }
            ExprKind::Comp { .. } => "a comprehension",
            ExprKind::Lambda(_) => "an anonymous function",
            _ => "an operator expression",
        };
        self.error(ParseError::BadTarget {
            what: what.to_owned(),
            at: target.span.into(),
        });
    }

    fn opt_expr(&self, pair: Pair<'_, Rule>) -> Option<Expr> {
        kids(pair).next().map(|p| self.expr(p))
    }

    fn next_expr<'i>(&self, inner: &mut impl Iterator<Item = Pair<'i, Rule>>, span: Span) -> Expr {
        inner
            .next()
            .map(|p| self.expr(p))
            .unwrap_or_else(|| placeholder(span))
    }
}

/// The children of a pair, without the keyword tokens (`k_if`...), which say nothing the
/// parent rule does not.
pub(super) fn kids<'i>(pair: Pair<'i, Rule>) -> impl Iterator<Item = Pair<'i, Rule>> {
    pair.into_inner().filter(|p| !is_keyword(p.as_rule()))
}

fn is_keyword(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::k_and
            | Rule::k_as
            | Rule::k_assert
            | Rule::k_async
            | Rule::k_with
            | Rule::k_await
            | Rule::k_break
            | Rule::k_catch
            | Rule::k_continue
            | Rule::k_elif
            | Rule::k_else
            | Rule::k_false
            | Rule::k_finally
            | Rule::k_for
            | Rule::k_if
            | Rule::k_in
            | Rule::k_is
            | Rule::k_let
            | Rule::k_none
            | Rule::k_not
            | Rule::k_or
            | Rule::k_raise
            | Rule::k_return
            | Rule::k_spawn
            | Rule::k_true
            | Rule::k_try
            | Rule::k_while
            | Rule::k_yield
            | Rule::k_fn
            | Rule::k_task
    )
}

/// Stands in for a part the grammar guarantees but a malformed tree lacks.
pub(super) fn placeholder(span: Span) -> Expr {
    Expr {
        kind: ExprKind::None,
        span,
    }
}

fn empty_block(span: Span) -> Block {
    Block {
        stmts: Vec::new(),
        span,
    }
}

/// The grammar admits only the rules each lowering function matches, so this is never
/// reached by any input (the parse fuzz target checks it); if a grammar change breaks that,
/// the CLI reports the panic as an internal error.
#[cold]
pub(super) fn unreachable_rule(rule: Rule) -> ! {
    panic!("internal error: the grammar produced {rule:?} where lowering does not expect it") // ok: no input reaches it
}
