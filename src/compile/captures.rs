//! Which variables closures capture, found before a body is compiled: a local that a nested
//! function uses must live in a cell from its first store, so the body has to know before
//! it emits the first instruction that touches it.
//!
//! The answer may name more variables than are truly captured (a name used inside a nested
//! function that resolves to one of its own locals, say): that costs a cell, never
//! correctness. It never names fewer.

use std::collections::HashSet;

use crate::syntax::ast::{CompClause, Expr, ExprKind, FPart, FnDecl, SpecPart, Stmt, StmtKind};

pub type Names = HashSet<std::rc::Rc<str>>;

/// The names the functions nested in `stmts` use from outside themselves.
pub fn captured_by_nested(stmts: &[Stmt]) -> Names {
    let mut walk = Walk::default();
    walk.stmts(stmts);
    walk.nested
}

/// The names `decl`'s body uses that are not its parameters: what it may capture.
pub fn free_names(decl: &FnDecl) -> Names {
    let mut walk = Walk::default();
    for param in &decl.params {
        if let Some(default) = &param.default {
            walk.expr(default);
        }
    }
    walk.stmts(&decl.body.stmts);
    let mut names = walk.refs;
    for param in &decl.params {
        names.remove(&param.name.name);
    }
    names
}

#[derive(Default)]
struct Walk {
    /// Every name used, including those nested functions use from outside themselves.
    refs: Names,
    /// Only those nested functions use.
    nested: Names,
}

impl Walk {
    fn nested_fn(&mut self, decl: &FnDecl) {
        let free = free_names(decl);
        self.refs.extend(free.iter().cloned());
        self.nested.extend(free);
    }

    fn stmts(&mut self, stmts: &[Stmt]) {
        for stmt in stmts {
            self.stmt(stmt);
        }
    }

    fn stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::Decl(decl) => {
                self.refs.insert(decl.name.name.clone());
                self.nested_fn(decl);
            }
            StmtKind::Let { names, value } => {
                self.refs.extend(names.iter().map(|n| n.name.clone()));
                if let Some(v) = value {
                    self.expr(v);
                }
            }
            StmtKind::Assign { targets, value } => {
                for t in targets {
                    self.expr(t);
                }
                self.expr(value);
            }
            StmtKind::Update { target, value, .. } => {
                self.expr(target);
                self.expr(value);
            }
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::If {
                branches,
                otherwise,
            } => {
                for (cond, body) in branches {
                    self.expr(cond);
                    self.stmts(&body.stmts);
                }
                if let Some(b) = otherwise {
                    self.stmts(&b.stmts);
                }
            }
            StmtKind::While { cond, body } => {
                self.expr(cond);
                self.stmts(&body.stmts);
            }
            StmtKind::For {
                names, iter, body, ..
            } => {
                self.refs.extend(names.iter().map(|n| n.name.clone()));
                self.expr(iter);
                self.stmts(&body.stmts);
            }
            StmtKind::Break | StmtKind::Continue => {}
            StmtKind::Return(v) | StmtKind::Raise(v) | StmtKind::Yield(v) => {
                if let Some(v) = v {
                    self.expr(v);
                }
            }
            StmtKind::Assert { cond, message } => {
                self.expr(cond);
                if let Some(m) = message {
                    self.expr(m);
                }
            }
            StmtKind::Try {
                body,
                catches,
                finally,
            } => {
                self.stmts(&body.stmts);
                for catch in catches {
                    self.refs.extend(catch.kinds.iter().map(|k| k.name.clone()));
                    if let Some(b) = &catch.binding {
                        self.refs.insert(b.name.clone());
                    }
                    self.stmts(&catch.body.stmts);
                }
                if let Some(f) = finally {
                    self.stmts(&f.stmts);
                }
            }
            StmtKind::AsyncWith {
                manager,
                name,
                body,
            } => {
                self.expr(manager);
                if let Some(n) = name {
                    self.refs.insert(n.name.clone());
                }
                self.stmts(&body.stmts);
            }
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
            | ExprKind::Bool(_)
            | ExprKind::None => {}
            ExprKind::Name(n) => {
                self.refs.insert(n.clone());
            }
            ExprKind::FStr(parts) => {
                for part in parts {
                    if let FPart::Hole { expr, spec, .. } = part {
                        self.expr(expr);
                        for s in spec.iter().flatten() {
                            if let SpecPart::Field(e) = s {
                                self.expr(e);
                            }
                        }
                    }
                }
            }
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                for item in items {
                    self.expr(item);
                }
            }
            ExprKind::Map(entries) => {
                for (k, v) in entries {
                    self.expr(k);
                    self.expr(v);
                }
            }
            ExprKind::Comp {
                elem,
                value,
                clauses,
                ..
            } => {
                self.expr(elem);
                if let Some(v) = value {
                    self.expr(v);
                }
                for clause in clauses {
                    match clause {
                        CompClause::For { names, iter, .. } => {
                            self.refs.extend(names.iter().map(|n| n.name.clone()));
                            self.expr(iter);
                        }
                        CompClause::If(cond) => self.expr(cond),
                    }
                }
            }
            ExprKind::Lambda(decl) => self.nested_fn(decl),
            ExprKind::Unary { operand, .. } | ExprKind::Not(operand) => self.expr(operand),
            ExprKind::Await(inner) => self.expr(inner),
            ExprKind::Binary { lhs, rhs, .. } | ExprKind::Logic { lhs, rhs, .. } => {
                self.expr(lhs);
                self.expr(rhs);
            }
            ExprKind::IfElse {
                cond,
                then,
                otherwise,
            } => {
                self.expr(cond);
                self.expr(then);
                self.expr(otherwise);
            }
            ExprKind::Compare { first, rest } => {
                self.expr(first);
                for (_, e) in rest {
                    self.expr(e);
                }
            }
            ExprKind::Call { callee, args } => {
                self.expr(callee);
                for a in args {
                    self.expr(&a.value);
                }
            }
            ExprKind::Index { object, index } => {
                self.expr(object);
                self.expr(index);
            }
            ExprKind::Slice {
                object,
                lo,
                hi,
                step,
            } => {
                self.expr(object);
                for part in [lo, hi, step].into_iter().flatten() {
                    self.expr(part);
                }
            }
            ExprKind::Attr { object, .. } => self.expr(object),
            ExprKind::Spawn { target, options } => {
                self.expr(target);
                for a in options {
                    self.expr(&a.value);
                }
            }
        }
    }
}
