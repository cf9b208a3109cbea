//! Compiling one body: its scopes, loops and `try` regions, and name resolution.

use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Arc;

use super::Globals;
use super::builder::{Builder, CodeHead, Hole};
use super::error::CompileError;
use super::lint::Lint;
use crate::builtins::BuiltinFn;
use crate::builtins::table::Found;
use crate::syntax::Span;
use crate::syntax::ast::{Block, FnDecl, ParamKind, Stmt, StmtKind};
use crate::vm::{Capture, CodeBody, CodeKind, Const, ExcKind, Op, Source};

/// The most local slots one body may have (`JumpIfBound` holds a slot in 16 bits).
const MAX_LOCALS: u32 = u16::MAX as u32;

pub(super) struct FnCompiler<'a> {
    pub globals: &'a Globals,
    pub source: &'a Arc<Source>,
    pub b: Builder,
    pub kind: CodeKind,
    pub fn_name: Rc<str>,
    /// Block scopes, innermost last; empty at the top level of the main body, where `let`
    /// declares a global.
    scopes: Vec<Vec<(Rc<str>, u32)>>,
    n_locals: u32,
    pub loops: Vec<LoopCtx>,
    /// Active `try` regions, innermost last, as the run-time handler stack will hold them.
    pub regions: Vec<Region<'a>>,
    /// The hidden slots holding the exception each enclosing `catch` is handling.
    pub catch_slots: Vec<u32>,
    /// In the main body: which globals' `let` has been compiled so far.
    main_declared: Vec<bool>,
    /// The names nested functions of this body use: a local with one of these names is
    /// a cell (`captures.rs`).
    captured: HashSet<Rc<str>>,
    /// The local slots that are cells.
    cells: HashSet<u32>,
    /// The variables of the enclosing bodies this one captured, by name; the index is the
    /// `LoadFree` operand.
    free: Vec<Rc<str>>,
    /// Where each of `free` comes from in the enclosing frame.
    captures: Vec<Capture>,
    /// Every name the enclosing bodies had in scope, for "did you mean" suggestions.
    outer_names: Vec<Rc<str>>,
    pub errors: Vec<CompileError>,
    pub lints: Vec<Lint>,
}

pub(super) struct LoopCtx {
    pub start: u32,
    pub breaks: Vec<Hole>,
    /// `regions.len()` when the loop began.
    pub region_depth: usize,
    /// A `for` loop keeps its iterator on the stack; `break` must pop it.
    pub has_iterator: bool,
}

#[derive(Clone, Copy)]
pub(super) enum Region<'a> {
    /// A `try` body with `catch` clauses: its handler is on the run-time stack.
    Catch,
    /// A `try` body or `catch` clause whose `finally` must run on the way out.
    Finally(&'a Block),
    /// An `async with` body: the manager in this hidden slot exits on the way out.
    With(u32),
}

/// What a name refers to.
pub(super) enum Resolved {
    Local(u32),
    Global(u32),
    /// A local that closures capture: it lives in a cell.
    Cell(u32),
    /// A variable of an enclosing body, captured.
    Free(u32),
    /// A declared `fn` or `task`: a global that is never reassigned.
    Decl(u32, Rc<FnDecl>),
    Builtin(&'static BuiltinFn),
    /// A host function: its index in the engine's table.
    Host(u32),
    Exception(ExcKind),
    /// A top-level `let` that the main body reaches before it is declared.
    NotYetDeclared(Span),
    Missing,
}

type Compiled = (CodeBody, Vec<CompileError>, Vec<Lint>);

impl<'a> FnCompiler<'a> {
    fn new(
        globals: &'a Globals,
        source: &'a Arc<Source>,
        kind: CodeKind,
        fn_name: Rc<str>,
    ) -> Self {
        FnCompiler {
            globals,
            source,
            b: Builder::default(),
            kind,
            fn_name,
            scopes: Vec::new(),
            n_locals: 0,
            loops: Vec::new(),
            regions: Vec::new(),
            catch_slots: Vec::new(),
            // What an earlier entry of the session declared is there already.
            main_declared: (0..globals.slot_count())
                .map(|slot| slot < globals.entry_start)
                .collect(),
            captured: HashSet::new(),
            cells: HashSet::new(),
            free: Vec::new(),
            captures: Vec::new(),
            outer_names: Vec::new(),
            errors: Vec::new(),
            lints: Vec::new(),
        }
    }

    /// Compiles a top-level `fn` or `task` declaration.
    pub fn compile_decl(
        decl: &'a FnDecl,
        globals: &'a Globals,
        source: &'a Arc<Source>,
    ) -> Compiled {
        Self::compile_fn(decl, globals, source, &[])
    }

    /// Compiles a nested declaration or an anonymous function where it stands, and emits
    /// the `MakeClosure` that makes it a value.
    pub fn closure(&mut self, decl: &'a FnDecl, span: Span) {
        let view = self.enclosing_view();
        let (body, mut errors, mut lints) =
            Self::compile_fn(decl, self.globals, self.source, &view);
        self.errors.append(&mut errors);
        self.lints.append(&mut lints);
        let i = self.b.constant(Const::Code(Arc::new(body)));
        self.b.emit(Op::MakeClosure(i), span);
    }

    /// What a function nested here can capture: every visible cell local (innermost
    /// first, so a shadowing one wins) and every variable this body captured itself.
    fn enclosing_view(&self) -> Vec<(Rc<str>, Capture)> {
        let mut view = Vec::new();
        for scope in self.scopes.iter().rev() {
            for (name, slot) in scope.iter().rev() {
                if self.cells.contains(slot) {
                    view.push((name.clone(), Capture::Local(*slot)));
                } else {
                    // A plain local of that name hides any outer one: nothing to capture.
                    view.push((name.clone(), Capture::Free(u32::MAX)));
                }
            }
        }
        for (i, name) in self.free.iter().enumerate() {
            view.push((name.clone(), Capture::Free(i as u32)));
        }
        view
    }

    fn compile_fn(
        decl: &'a FnDecl,
        globals: &'a Globals,
        source: &'a Arc<Source>,
        enclosing: &[(Rc<str>, Capture)],
    ) -> Compiled {
        let kind = if !decl.is_task {
            CodeKind::Fn
        } else if contains_yield(&decl.body.stmts) {
            CodeKind::Generator
        } else {
            CodeKind::Task
        };
        let mut c = FnCompiler::new(globals, source, kind, decl.name.name.clone());
        c.captured = super::captures::captured_by_nested(&decl.body.stmts);
        c.outer_names = enclosing.iter().map(|(n, _)| n.clone()).collect();
        if !enclosing.is_empty() {
            let mut free: Vec<Rc<str>> = super::captures::free_names(decl).into_iter().collect();
            free.sort();
            for name in free {
                let found = enclosing.iter().find(|(n, _)| *n == name);
                if let Some(&(_, from)) = found
                    && from != Capture::Free(u32::MAX)
                {
                    c.free.push(name);
                    c.captures.push(from);
                }
            }
        }
        c.scopes.push(Vec::new());
        let mut n_required = decl
            .params
            .iter()
            .filter(|p| p.kind == ParamKind::Plain)
            .count() as u32;
        let mut varargs = false;
        let mut varkw = false;
        for (i, param) in decl.params.iter().enumerate() {
            match param.kind {
                ParamKind::Rest if varargs || varkw => c.errors.push(CompileError::BadCall {
                    message: "`*rest` comes once, before any `**options`".to_owned(),
                    at: param.name.span.into(),
                    label: "out of place".to_owned(),
                    declared: None,
                }),
                ParamKind::Rest => varargs = true,
                ParamKind::Options if varkw => c.errors.push(CompileError::BadCall {
                    message: "`**options` comes once, last".to_owned(),
                    at: param.name.span.into(),
                    label: "out of place".to_owned(),
                    declared: None,
                }),
                ParamKind::Options => varkw = true,
                ParamKind::Plain if varargs || varkw => c.errors.push(CompileError::BadCall {
                    message: "a parameter cannot follow `*rest` or `**options`".to_owned(),
                    at: param.name.span.into(),
                    label: "after the gathering parameter".to_owned(),
                    declared: Some(decl.head_span.into()),
                }),
                ParamKind::Plain => {}
            }
            if c.scope_lookup_innermost(&param.name.name).is_some() {
                c.errors.push(CompileError::Duplicate {
                    name: param.name.name.to_string(),
                    at: param.name.span.into(),
                    first: decl.params[..i]
                        .iter()
                        .find(|p| p.name.name == param.name.name)
                        .map_or(param.name.span, |p| p.name.span)
                        .into(),
                    help: None,
                });
            }
            c.declare_param(&param.name.name);
            if param.kind != ParamKind::Plain {
                continue;
            }
            if param.default.is_some() {
                n_required = n_required.min(i as u32);
            } else if n_required < i as u32 {
                c.errors.push(CompileError::BadCall {
                    message: "a parameter without a default cannot follow one with a default"
                        .to_owned(),
                    at: param.name.span.into(),
                    label: "needs a default".to_owned(),
                    declared: None,
                });
            }
        }
        // Defaults run in the callee, at each call that leaves them out.
        for (i, param) in decl.params.iter().enumerate() {
            if let Some(default) = &param.default {
                let skip = c.b.emit_hole(|t| Op::JumpIfBound(0, t), default.span);
                if let Some(Op::JumpIfBound(local, _)) = c.b.ops.last_mut() {
                    *local = i as u16;
                }
                c.expr(default);
                c.b.emit(Op::StoreLocal(i as u32), default.span);
                c.b.patch_here(skip);
            }
        }
        // Captured parameters become cells once their defaults have run.
        for slot in 0..decl.params.len() as u32 {
            if c.cells.contains(&slot) {
                c.b.emit(Op::MakeCell(slot), decl.head_span);
            }
        }
        c.block_stmts(&decl.body.stmts);
        let end = Span::new(decl.body.span.end as usize - 1, decl.body.span.end as usize);
        c.b.emit(Op::PushNone, end);
        c.b.emit(Op::Return, end);
        let head = CodeHead {
            name: Arc::from(&*decl.name.name),
            kind,
            params: decl
                .params
                .iter()
                .filter(|p| p.kind == ParamKind::Plain)
                .map(|p| Arc::from(&*p.name.name))
                .collect(),
            n_required,
            n_locals: c.n_locals,
            captures: std::mem::take(&mut c.captures),
            varargs,
            varkw,
            source: source.clone(),
            span: decl.head_span,
        };
        c.finish(head)
    }

    /// Compiles the top-level statements as the main task's body.
    pub fn compile_main(
        body: &'a [Stmt],
        globals: &'a Globals,
        source: &'a Arc<Source>,
    ) -> Compiled {
        let mut c = FnCompiler::new(globals, source, CodeKind::Main, "main".into());
        c.captured = super::captures::captured_by_nested(body);
        let end = Span::new(source.text.len(), source.text.len());
        // The main body's value is its last statement's, when that is an expression: what
        // `Session::run` and `eval` return, and what the REPL echoes.
        match body.split_last() {
            Some((last, rest)) if matches!(last.kind, StmtKind::Expr(_)) => {
                c.block_stmts(rest);
                if let StmtKind::Expr(expr) = &last.kind {
                    super::lint::check_discarded(&mut c, expr);
                    c.expr(expr);
                }
            }
            _ => {
                c.block_stmts(body);
                c.b.emit(Op::PushNone, end);
            }
        }
        c.b.emit(Op::Return, end);
        let head = CodeHead {
            name: "main".into(),
            kind: CodeKind::Main,
            params: Vec::new(),
            n_required: 0,
            n_locals: c.n_locals,
            captures: Vec::new(),
            varargs: false,
            varkw: false,
            source: source.clone(),
            span: Span::new(0, 0),
        };
        c.finish(head)
    }

    fn finish(mut self, head: CodeHead) -> Compiled {
        if self.n_locals > MAX_LOCALS {
            self.errors.push(CompileError::TooLarge {
                what: format!(
                    "{} local variables (the limit is {MAX_LOCALS})",
                    self.n_locals
                ),
                at: head.span.into(),
            });
        }
        let lints = std::mem::take(&mut self.lints);
        let errors = std::mem::take(&mut self.errors);
        (self.b.finish(head), errors, lints)
    }

    pub fn is_main_top_level(&self) -> bool {
        self.kind == CodeKind::Main && self.scopes.is_empty()
    }

    /// Runs `f` in a new block scope.
    pub fn scoped<R>(&mut self, f: impl FnOnce(&mut Self) -> R) -> R {
        self.scopes.push(Vec::new());
        let result = f(self);
        self.scopes.pop();
        result
    }

    /// Declares a local in the innermost scope and returns its slot. A local that
    /// closures capture is made a cell here (`MakeCell`), before its first store.
    pub fn declare_local(&mut self, name: &Rc<str>, span: Span) -> u32 {
        let slot = self.new_slot();
        if let Some(scope) = self.scopes.last_mut() {
            scope.push((name.clone(), slot));
        }
        if self.captured.contains(name) {
            self.cells.insert(slot);
            self.b.emit(Op::MakeCell(slot), span);
        }
        slot
    }

    /// Declares a parameter: like `declare_local`, but a captured one becomes a cell only
    /// after the defaults have run (`compile_fn`).
    fn declare_param(&mut self, name: &Rc<str>) -> u32 {
        let slot = self.new_slot();
        if let Some(scope) = self.scopes.last_mut() {
            scope.push((name.clone(), slot));
        }
        if self.captured.contains(name) {
            self.cells.insert(slot);
        }
        slot
    }

    /// Stores the value on the stack into a named local: through its cell if it has one.
    pub fn store_slot(&mut self, slot: u32, span: Span) {
        if self.cells.contains(&slot) {
            self.b.emit(Op::StoreCell(slot), span);
        } else {
            self.b.emit(Op::StoreLocal(slot), span);
        }
    }

    /// A slot no name refers to: temporaries, caught exceptions.
    pub fn hidden_slot(&mut self) -> u32 {
        self.new_slot()
    }

    fn new_slot(&mut self) -> u32 {
        self.n_locals += 1;
        self.n_locals - 1
    }

    fn scope_lookup_innermost(&self, name: &str) -> Option<u32> {
        let scope = self.scopes.last()?;
        scope
            .iter()
            .rev()
            .find(|(n, _)| &**n == name)
            .map(|&(_, s)| s)
    }

    /// Marks a top-level `let` as compiled: main code after it may use the name.
    pub fn mark_declared(&mut self, slot: u32) {
        if let Some(flag) = self.main_declared.get_mut(slot as usize) {
            *flag = true;
        }
    }

    pub fn resolve(&self, name: &str) -> Resolved {
        for scope in self.scopes.iter().rev() {
            if let Some(&(_, slot)) = scope.iter().rev().find(|(n, _)| &**n == name) {
                if self.cells.contains(&slot) {
                    return Resolved::Cell(slot);
                }
                return Resolved::Local(slot);
            }
        }
        if let Some(i) = self.free.iter().position(|n| &**n == name) {
            return Resolved::Free(i as u32);
        }
        if let Some((slot, global)) = self.globals.get(name) {
            if let Some(decl) = &global.decl {
                return Resolved::Decl(slot, decl.clone());
            }
            if self.kind == CodeKind::Main && !global.provided && !self.main_declared[slot as usize]
            {
                return Resolved::NotYetDeclared(global.span);
            }
            return Resolved::Global(slot);
        }
        if let Some(kind) = ExcKind::from_name(name) {
            return Resolved::Exception(kind);
        }
        match self.globals.table.lookup(name) {
            Some(Found::Native(builtin)) => Resolved::Builtin(builtin),
            Some(Found::Host(i)) => Resolved::Host(i),
            None => Resolved::Missing,
        }
    }

    /// Emits a load of `name`, reporting it when it resolves to nothing.
    pub fn load_name(&mut self, name: &Rc<str>, span: Span) {
        match self.resolve(name) {
            Resolved::Local(slot) => {
                self.b.emit(Op::LoadLocal(slot), span);
            }
            Resolved::Cell(slot) => {
                self.b.emit(Op::LoadCell(slot), span);
            }
            Resolved::Free(i) => {
                self.b.emit(Op::LoadFree(i), span);
            }
            Resolved::Global(slot) | Resolved::Decl(slot, _) => {
                self.b.emit(Op::LoadGlobal(slot), span);
            }
            Resolved::Builtin(builtin) => {
                let i = self.b.constant(Const::Builtin(builtin));
                self.b.emit(Op::Const(i), span);
            }
            Resolved::Host(index) => {
                let i = self.b.constant(Const::Host(index));
                self.b.emit(Op::Const(i), span);
            }
            Resolved::Exception(kind) => {
                let i = self.b.constant(Const::ExcType(kind));
                self.b.emit(Op::Const(i), span);
            }
            Resolved::NotYetDeclared(declared) => {
                let line = line_of(&self.source.text, declared.start as usize);
                self.errors.push(CompileError::Undefined {
                    name: name.to_string(),
                    at: span.into(),
                    help: Some(format!(
                        "`{name}` is declared by a `let` further down, on line {line}; the top level runs in order, so move the `let` up"
                    )),
                });
                self.b.emit(Op::PushNone, span);
            }
            Resolved::Missing => {
                self.errors.push(CompileError::Undefined {
                    name: name.to_string(),
                    at: span.into(),
                    help: undefined_help(name, self),
                });
                self.b.emit(Op::PushNone, span);
            }
        }
    }

    /// Emits a store to `name` (the value is on the stack).
    pub fn store_name(&mut self, name: &Rc<str>, span: Span) {
        match self.resolve(name) {
            Resolved::Local(slot) => {
                self.b.emit(Op::StoreLocal(slot), span);
            }
            Resolved::Cell(slot) => {
                self.b.emit(Op::StoreCell(slot), span);
            }
            Resolved::Free(i) => {
                self.b.emit(Op::StoreFree(i), span);
            }
            Resolved::Global(slot) => {
                self.b.emit(Op::StoreGlobal(slot), span);
            }
            Resolved::Decl(_, decl) => {
                let what = if decl.is_task { "task" } else { "function" };
                self.errors.push(CompileError::AssignToConstant {
                    name: name.to_string(),
                    what,
                    at: span.into(),
                });
                self.b.emit(Op::Pop, span);
            }
            Resolved::Builtin(_) | Resolved::Host(_) | Resolved::Exception(_) => {
                self.errors.push(CompileError::AssignToConstant {
                    name: name.to_string(),
                    what: "builtin",
                    at: span.into(),
                });
                self.b.emit(Op::Pop, span);
            }
            Resolved::NotYetDeclared(_) | Resolved::Missing => {
                self.errors.push(CompileError::UndeclaredAssign {
                    name: name.to_string(),
                    at: span.into(),
                });
                self.b.emit(Op::Pop, span);
            }
        }
    }

    /// The name of the enclosing declaration, for messages.
    pub fn where_am_i(&self) -> String {
        self.fn_name.to_string()
    }

    pub fn block(&mut self, block: &'a Block) {
        self.scoped(|c| c.block_stmts(&block.stmts));
    }

    pub fn block_stmts(&mut self, stmts: &'a [Stmt]) {
        // Nested declarations are hoisted to the start of their block, so that two of
        // them can call each other.
        if !self.is_main_top_level() {
            for stmt in stmts {
                if let StmtKind::Decl(decl) = &stmt.kind {
                    self.declare_local(&decl.name.name, decl.name.span);
                }
            }
        }
        for stmt in stmts {
            self.stmt(stmt);
        }
    }
}

/// Whether a body holds a `yield` (which makes its task an async generator).
pub(super) fn contains_yield(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Yield(_) => true,
        StmtKind::If {
            branches,
            otherwise,
        } => {
            branches.iter().any(|(_, b)| contains_yield(&b.stmts))
                || otherwise.as_ref().is_some_and(|b| contains_yield(&b.stmts))
        }
        StmtKind::While { body, .. }
        | StmtKind::For { body, .. }
        | StmtKind::AsyncWith { body, .. } => contains_yield(&body.stmts),
        StmtKind::Try {
            body,
            catches,
            finally,
        } => {
            contains_yield(&body.stmts)
                || catches.iter().any(|c| contains_yield(&c.body.stmts))
                || finally.as_ref().is_some_and(|b| contains_yield(&b.stmts))
        }
        _ => false,
    })
}

/// The 1-based line of a byte offset.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

/// Suggests what an undefined name may have meant: Python's spellings, or a near name.
fn undefined_help(name: &str, c: &FnCompiler<'_>) -> Option<String> {
    let python = match name {
        "True" => Some("write `true`"),
        "False" => Some("write `false`"),
        "None" => Some("write `none`"),
        "asyncio" => {
            Some("the asyncio functions are builtins: `sleep`, `gather`, `wait`, `spawn`...")
        }
        "create_task" | "ensure_future" => {
            Some("write `spawn coro` (or `spawn(coro, name = \"x\")`)")
        }
        "Exception" | "BaseException" => Some("the base of every exception kind is `Error`"),
        "self" => Some("there are no classes; pass the value as a parameter"),
        _ => None,
    };
    if let Some(help) = python {
        return Some(help.to_owned());
    }
    let mut candidates: Vec<&str> = c.globals.table.names().collect();
    candidates.extend(c.globals.slots.iter().map(|s| &*s.name));
    for scope in &c.scopes {
        candidates.extend(scope.iter().map(|(n, _)| &**n));
    }
    candidates.extend(c.outer_names.iter().map(|n| &**n));
    candidates.extend(ExcKind::ALL.iter().map(|k| k.name()));
    let best = candidates
        .into_iter()
        .filter(|cand| *cand != name)
        .map(|cand| (edit_distance(name, cand), cand))
        .filter(|&(d, cand)| d <= 2 && d < cand.len().max(name.len()) / 2 + 1)
        .min_by_key(|&(d, _)| d)?;
    Some(format!("did you mean `{}`?", best.1))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}
