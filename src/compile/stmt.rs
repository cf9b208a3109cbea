//! Emitting statements. Every statement leaves the value stack as it found it.
//!
//! `try`/`catch`/`finally` uses the run-time handler stack: `PushHandler` before the body,
//! `PopHandler` on the normal way out. A `finally` body is emitted once per way out (normal,
//! exception, and each `break`, `continue` or `return` that leaves it), as CPython does.

use super::error::CompileError;
use super::function::{FnCompiler, LoopCtx, Region, Resolved};
use super::lint::{self, LintKind};
use crate::syntax::Span;
use crate::syntax::ast::{Block, Catch, Expr, ExprKind, Ident, Stmt, StmtKind};
use crate::vm::{CodeKind, ExcKind, Op};

impl<'a> FnCompiler<'a> {
    pub fn stmt(&mut self, stmt: &'a Stmt) {
        let span = stmt.span;
        match &stmt.kind {
            StmtKind::Decl(decl) => {
                if !self.is_main_top_level() {
                    // Hoisted by `block_stmts`: the name is a local of this block already.
                    self.closure(decl, decl.head_span);
                    self.store_name(&decl.name.name, decl.name.span);
                }
            }
            StmtKind::Let { names, value } => self.let_stmt(names, value.as_ref(), span),
            StmtKind::Assign { targets, value } => {
                self.expr(value);
                if targets.len() == 1 {
                    self.store_target(&targets[0]);
                } else {
                    self.b.emit(Op::Unpack(targets.len() as u32), value.span);
                    for target in targets {
                        self.store_target(target);
                    }
                }
            }
            StmtKind::Update { target, op, value } => self.update_stmt(target, *op, value),
            StmtKind::Expr(expr) => {
                lint::check_discarded(self, expr);
                self.expr(expr);
                self.b.emit(Op::Pop, span);
            }
            StmtKind::If {
                branches,
                otherwise,
            } => {
                let mut ends = Vec::new();
                for (cond, body) in branches {
                    self.expr(cond);
                    let next = self.b.emit_hole(Op::JumpIfFalse, cond.span);
                    self.block(body);
                    ends.push(self.b.emit_hole(Op::Jump, cond.span));
                    self.b.patch_here(next);
                }
                if let Some(body) = otherwise {
                    self.block(body);
                }
                for end in ends {
                    self.b.patch_here(end);
                }
            }
            StmtKind::While { cond, body } => self.while_stmt(cond, body),
            StmtKind::For {
                is_await,
                names,
                iter,
                body,
            } => self.for_stmt(*is_await, names, iter, body, span),
            StmtKind::Break => self.break_stmt(span),
            StmtKind::Continue => self.continue_stmt(span),
            StmtKind::Return(value) => self.return_stmt(value.as_ref(), span),
            StmtKind::Raise(value) => match value {
                Some(value) => {
                    self.expr(value);
                    self.b.emit(Op::Raise, span);
                }
                None => match self.catch_slots.last() {
                    Some(&slot) => {
                        self.b.emit(Op::LoadLocal(slot), span);
                        self.b.emit(Op::Reraise, span);
                    }
                    None => self
                        .errors
                        .push(CompileError::BareRaise { at: span.into() }),
                },
            },
            StmtKind::Assert { cond, message } => {
                self.expr(cond);
                match message {
                    Some(m) => self.expr(m),
                    None => {
                        self.b.emit(Op::PushNone, span);
                    }
                }
                self.b.emit(Op::Assert, span);
            }
            StmtKind::Yield(value) => {
                if self.kind != CodeKind::Generator {
                    self.errors
                        .push(CompileError::YieldOutsideTask { at: span.into() });
                }
                match value {
                    Some(v) => self.expr(v),
                    None => {
                        self.b.emit(Op::PushNone, span);
                    }
                }
                self.b.emit(Op::Yield, span);
            }
            StmtKind::Try {
                body,
                catches,
                finally,
            } => self.try_stmt(body, catches, finally.as_ref(), span),
            StmtKind::AsyncWith {
                manager,
                name,
                body,
            } => self.async_with_stmt(manager, name.as_ref(), body, span),
        }
    }

    fn let_stmt(&mut self, names: &[Ident], value: Option<&'a Expr>, span: Span) {
        match value {
            Some(value) => self.expr(value),
            None => {
                self.b.emit(Op::PushNone, span);
            }
        }
        if names.len() > 1 {
            let at = value.map_or(span, |v| v.span);
            self.b.emit(Op::Unpack(names.len() as u32), at);
        }
        for name in names {
            if self.is_main_top_level() {
                if let Some((slot, _)) = self.globals.get(&name.name) {
                    self.mark_declared(slot);
                    self.b.emit(Op::StoreGlobal(slot), name.span);
                }
            } else {
                let slot = self.declare_local(&name.name, name.span);
                self.store_slot(slot, name.span);
            }
        }
    }

    /// Stores the value on the stack into an assignment target.
    fn store_target(&mut self, target: &'a Expr) {
        match &target.kind {
            ExprKind::Name(name) => self.store_name(name, target.span),
            ExprKind::Index { object, index } => {
                self.expr(object);
                self.expr(index);
                self.b.emit(Op::StoreIndex, target.span);
            }
            // The parser has already reported any other target.
            _ => {
                self.b.emit(Op::Pop, target.span);
            }
        }
    }

    fn update_stmt(&mut self, target: &'a Expr, op: crate::syntax::ast::BinOp, value: &'a Expr) {
        match &target.kind {
            ExprKind::Name(name) => {
                self.load_name(name, target.span);
                self.expr(value);
                self.b.emit(Op::Update(op), target.span.to(value.span));
                self.store_name(name, target.span);
            }
            ExprKind::Index { object, index } => {
                // `xs[i] += v` evaluates `xs` and `i` once.
                let (obj_slot, idx_slot) = (self.hidden_slot(), self.hidden_slot());
                self.expr(object);
                self.b.emit(Op::StoreLocal(obj_slot), object.span);
                self.expr(index);
                self.b.emit(Op::StoreLocal(idx_slot), index.span);
                self.b.emit(Op::LoadLocal(obj_slot), object.span);
                self.b.emit(Op::LoadLocal(idx_slot), index.span);
                self.b.emit(Op::Index, target.span);
                self.expr(value);
                self.b.emit(Op::Update(op), target.span.to(value.span));
                self.b.emit(Op::LoadLocal(obj_slot), object.span);
                self.b.emit(Op::LoadLocal(idx_slot), index.span);
                self.b.emit(Op::StoreIndex, target.span);
            }
            _ => {}
        }
    }

    fn while_stmt(&mut self, cond: &'a Expr, body: &'a Block) {
        lint::check_busy_loop(self, cond, body);
        let start = self.b.label_here();
        let always = matches!(cond.kind, ExprKind::Bool(true));
        let exit = if always {
            None
        } else {
            self.expr(cond);
            Some(self.b.emit_hole(Op::JumpIfFalse, cond.span))
        };
        self.loop_body(start, false, |c| c.block(body));
        self.b.emit(Op::Jump(start), cond.span);
        if let Some(exit) = exit {
            self.b.patch_here(exit);
        }
        self.end_loop();
    }

    fn for_stmt(
        &mut self,
        is_await: bool,
        names: &'a [Ident],
        iter: &'a Expr,
        body: &'a Block,
        span: Span,
    ) {
        if is_await
            && !matches!(
                self.kind,
                CodeKind::Task | CodeKind::Generator | CodeKind::Main
            )
        {
            self.errors.push(CompileError::AwaitOutsideTask {
                at: span.into(),
                function: self.where_am_i(),
                help: Some("declare it with `task` instead of `fn`".to_owned()),
            });
        }
        self.expr(iter);
        if !is_await {
            self.b.emit(Op::GetIter, iter.span);
        }
        let start = self.b.label_here();
        let head = span.to(iter.span);
        let exit = self
            .b
            .emit_hole(if is_await { Op::ForAwait } else { Op::ForIter }, head);
        self.loop_body(start, true, |c| {
            c.scoped(|c| {
                if names.len() > 1 {
                    c.b.emit(Op::Unpack(names.len() as u32), head);
                }
                for name in names {
                    c.bind_loop_variable(name);
                }
                c.block_stmts(&body.stmts);
            })
        });
        self.b.emit(Op::Jump(start), head);
        self.b.patch_here(exit);
        self.end_loop();
    }

    /// A loop variable assigns an existing variable of the same name (as Python's does, so
    /// it keeps its last value after the loop); otherwise it is new, local to the loop.
    fn bind_loop_variable(&mut self, name: &Ident) {
        match self.resolve(&name.name) {
            Resolved::Local(slot) => {
                self.b.emit(Op::StoreLocal(slot), name.span);
            }
            Resolved::Cell(slot) => {
                self.b.emit(Op::StoreCell(slot), name.span);
            }
            Resolved::Global(slot) if self.kind == CodeKind::Main => {
                self.b.emit(Op::StoreGlobal(slot), name.span);
            }
            _ => {
                let slot = self.declare_local(&name.name, name.span);
                self.store_slot(slot, name.span);
            }
        }
    }

    fn loop_body(&mut self, start: u32, has_iterator: bool, body: impl FnOnce(&mut Self)) {
        self.loops.push(LoopCtx {
            start,
            breaks: Vec::new(),
            region_depth: self.regions.len(),
            has_iterator,
        });
        body(self);
    }

    fn end_loop(&mut self) {
        if let Some(ctx) = self.loops.pop() {
            for hole in ctx.breaks {
                self.b.patch_here(hole);
            }
        }
    }

    fn break_stmt(&mut self, span: Span) {
        let Some(depth) = self.loops.last().map(|l| l.region_depth) else {
            self.errors.push(CompileError::OutsideLoop {
                what: "break",
                at: span.into(),
            });
            return;
        };
        self.leave_regions(depth, span);
        if self.loops.last().is_some_and(|l| l.has_iterator) {
            self.b.emit(Op::Pop, span);
        }
        let hole = self.b.emit_hole(Op::Jump, span);
        if let Some(ctx) = self.loops.last_mut() {
            ctx.breaks.push(hole);
        }
    }

    fn continue_stmt(&mut self, span: Span) {
        let Some((depth, start)) = self.loops.last().map(|l| (l.region_depth, l.start)) else {
            self.errors.push(CompileError::OutsideLoop {
                what: "continue",
                at: span.into(),
            });
            return;
        };
        self.leave_regions(depth, span);
        self.b.emit(Op::Jump(start), span);
    }

    fn return_stmt(&mut self, value: Option<&'a Expr>, span: Span) {
        if self.kind == CodeKind::Main {
            self.errors
                .push(CompileError::ReturnAtTopLevel { at: span.into() });
        }
        match value {
            Some(v) => {
                if self.kind == CodeKind::Generator {
                    self.errors
                        .push(CompileError::ReturnValueInGenerator { at: span.into() });
                }
                self.expr(v);
            }
            None => {
                self.b.emit(Op::PushNone, span);
            }
        }
        self.leave_regions(0, span);
        self.b.emit(Op::Return, span);
    }

    /// Leaves every `try` region deeper than `depth`: pops its handler and runs its
    /// `finally`, innermost first.
    fn leave_regions(&mut self, depth: usize, span: Span) {
        let saved = self.regions.clone();
        for i in (depth..saved.len()).rev() {
            self.b.emit(Op::PopHandler, span);
            // While the `finally` body or the exit runs, it is outside its own region.
            match saved[i] {
                Region::Finally(block) => {
                    self.regions.truncate(i);
                    self.block(block);
                }
                Region::With(manager) => {
                    self.regions.truncate(i);
                    self.with_exit(manager, None, span);
                    self.b.emit(Op::Pop, span);
                }
                Region::Catch => {}
            }
        }
        self.regions = saved;
    }

    /// `async with m as name { body }`, as CPython compiles it: enter (awaiting the
    /// manager's entry if it is a coroutine), the body under a handler, then the exit with
    /// no exception, or on the handler's path with the exception, which a true exit result
    /// swallows.
    fn async_with_stmt(
        &mut self,
        manager: &'a Expr,
        name: Option<&'a Ident>,
        body: &'a Block,
        span: Span,
    ) {
        let head = Span::new(span.start as usize, manager.span.end as usize);
        if !matches!(
            self.kind,
            CodeKind::Task | CodeKind::Generator | CodeKind::Main
        ) {
            self.errors.push(CompileError::AwaitOutsideTask {
                at: head.into(),
                function: self.where_am_i(),
                help: Some(
                    "`async with` awaits its manager: declare it with `task` instead of `fn`"
                        .to_owned(),
                ),
            });
        }
        self.expr(manager);
        let slot = self.hidden_slot();
        self.b.emit(Op::StoreLocal(slot), head);
        self.b.emit(Op::LoadLocal(slot), head);
        self.b.emit(Op::WithEnter, head);
        self.b.emit(Op::Await, head);
        self.regions.push(Region::With(slot));
        let handler = self.b.emit_hole(Op::PushHandler, head);
        self.scoped(|c| {
            match name {
                Some(name) => {
                    let local = c.declare_local(&name.name, name.span);
                    c.store_slot(local, name.span);
                }
                None => {
                    c.b.emit(Op::Pop, head);
                }
            }
            c.block_stmts(&body.stmts);
        });
        self.b.emit(Op::PopHandler, head);
        self.regions.pop();
        self.with_exit(slot, None, head);
        self.b.emit(Op::Pop, head);
        let end = self.b.emit_hole(Op::Jump, head);
        self.b.patch_here(handler);
        // The exception is on the stack: the exit sees it, and a true result swallows it.
        let exc_slot = self.hidden_slot();
        self.b.emit(Op::StoreLocal(exc_slot), head);
        self.with_exit(slot, Some(exc_slot), head);
        let reraise = self.b.emit_hole(Op::JumpIfFalse, head);
        let swallowed = self.b.emit_hole(Op::Jump, head);
        self.b.patch_here(reraise);
        self.b.emit(Op::LoadLocal(exc_slot), head);
        self.b.emit(Op::Reraise, head);
        self.b.patch_here(end);
        self.b.patch_here(swallowed);
    }

    /// `-> result` of the manager in `slot` exiting, with the exception in `exc`, if any.
    fn with_exit(&mut self, slot: u32, exc: Option<u32>, span: Span) {
        self.b.emit(Op::LoadLocal(slot), span);
        match exc {
            Some(exc) => self.b.emit(Op::LoadLocal(exc), span),
            None => self.b.emit(Op::PushNone, span),
        };
        self.b.emit(Op::WithExit, span);
        self.b.emit(Op::Await, span);
    }

    fn try_stmt(
        &mut self,
        body: &'a Block,
        catches: &'a [Catch],
        finally: Option<&'a Block>,
        span: Span,
    ) {
        let try_span = Span::new(span.start as usize, span.start as usize + 3);
        let finally_handler = finally.map(|block| {
            self.regions.push(Region::Finally(block));
            self.b.emit_hole(Op::PushHandler, try_span)
        });
        if catches.is_empty() {
            self.block(body);
        } else {
            self.regions.push(Region::Catch);
            let catch_handler = self.b.emit_hole(Op::PushHandler, try_span);
            self.block(body);
            self.b.emit(Op::PopHandler, try_span);
            self.regions.pop();
            let mut ends = vec![self.b.emit_hole(Op::Jump, try_span)];
            self.b.patch_here(catch_handler);
            // The exception is on the stack; each clause tests it in turn.
            for catch in catches {
                ends.push(self.catch_clause(catch));
            }
            self.b.emit(Op::Reraise, try_span);
            for end in ends {
                self.b.patch_here(end);
            }
        }
        if let (Some(block), Some(handler)) = (finally, finally_handler) {
            self.regions.pop();
            self.b.emit(Op::PopHandler, try_span);
            self.block(block);
            let end = self.b.emit_hole(Op::Jump, try_span);
            self.b.patch_here(handler);
            // On the exception path the `finally` runs with the exception saved, then
            // raises it again.
            let saved = self.hidden_slot();
            self.b.emit(Op::StoreLocal(saved), try_span);
            self.block(block);
            self.b.emit(Op::LoadLocal(saved), try_span);
            self.b.emit(Op::Reraise, try_span);
            self.b.patch_here(end);
        }
    }

    /// Emits one `catch` clause; returns the jump to the end of the `try` it ends with.
    fn catch_clause(&mut self, catch: &'a Catch) -> super::builder::Hole {
        let (kinds, binding) = self.catch_kinds(catch);
        let next = if kinds.is_empty() {
            None
        } else {
            let i = self.b.catch_kinds(kinds);
            self.b.emit(Op::CatchMatch(i), catch.span);
            Some(self.b.emit_hole(Op::JumpIfFalse, catch.span))
        };
        let exc_slot = self.hidden_slot();
        self.b.emit(Op::StoreLocal(exc_slot), catch.span);
        self.catch_slots.push(exc_slot);
        self.scoped(|c| {
            if let Some(binding) = binding {
                let slot = c.declare_local(&binding.name, binding.span);
                c.b.emit(Op::LoadLocal(exc_slot), binding.span);
                c.store_slot(slot, binding.span);
            }
            c.block_stmts(&catch.body.stmts);
        });
        self.catch_slots.pop();
        let end = self.b.emit_hole(Op::Jump, catch.span);
        if let Some(next) = next {
            self.b.patch_here(next);
        }
        end
    }

    /// The kinds a clause catches (empty: every `Error`) and the name it binds.
    /// `catch e { }` binds `e`; `catch ValueError { }` filters without binding.
    fn catch_kinds(&mut self, catch: &'a Catch) -> (Vec<ExcKind>, Option<&'a Ident>) {
        if catch.binding.is_none()
            && let [only] = catch.kinds.as_slice()
            && !matches!(self.resolve(&only.name), Resolved::Exception(_))
        {
            return (vec![ExcKind::Error], Some(only));
        }
        let mut kinds = Vec::new();
        for ident in &catch.kinds {
            match self.resolve(&ident.name) {
                Resolved::Exception(kind) => kinds.push(kind),
                _ => self.errors.push(CompileError::NotExceptionKind {
                    name: ident.name.to_string(),
                    at: ident.span.into(),
                    help: match &*ident.name {
                        "Exception" | "BaseException" => {
                            Some("the base of every kind is `Error`".to_owned())
                        }
                        "asyncio" => {
                            Some("write `CancelledError` or `TimeoutError` directly".to_owned())
                        }
                        _ => Some(format!(
                            "the kinds are {}",
                            ExcKind::ALL
                                .iter()
                                .map(|k| k.name())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    },
                }),
            }
        }
        if kinds.is_empty() {
            kinds.push(ExcKind::Error);
        }
        (kinds, catch.binding.as_ref())
    }

    pub fn note_lint(&mut self, kind: LintKind, span: Span, message: String, help: String) {
        lint::push(self, kind, span, message, help);
    }
}
