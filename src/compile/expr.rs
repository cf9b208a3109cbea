//! Emitting expressions. Each leaves exactly one value on the stack.

use std::rc::Rc;
use std::sync::Arc;

use super::error::CompileError;
use super::function::{FnCompiler, Resolved};
use super::lint;
use crate::builtins;
use crate::syntax::Span;
use crate::syntax::ast::{
    Arg, CompClause, CompKind, Expr, ExprKind, FPart, FnDecl, ParamKind, SpecPart, UnaryOp,
};
use crate::vm::{CallSite, CodeKind, Const, FormatSpec, Op};

impl<'a> FnCompiler<'a> {
    pub fn expr(&mut self, expr: &'a Expr) {
        let span = expr.span;
        match &expr.kind {
            ExprKind::Int(n) => {
                match i32::try_from(*n) {
                    Ok(small) => self.b.emit(Op::SmallInt(small), span),
                    Err(_) => {
                        let i = self.b.constant(Const::Int(*n));
                        self.b.emit(Op::Const(i), span)
                    }
                };
            }
            ExprKind::Float(f) => {
                let i = self.b.constant(Const::Float(*f));
                self.b.emit(Op::Const(i), span);
            }
            ExprKind::Str(s) => {
                let i = self.b.constant(Const::Str(Arc::from(&**s)));
                self.b.emit(Op::Const(i), span);
            }
            ExprKind::FStr(parts) => {
                for part in parts {
                    match part {
                        FPart::Text(text) => {
                            let i = self.b.constant(Const::Str(Arc::from(&**text)));
                            self.b.emit(Op::Const(i), span);
                        }
                        FPart::Hole { expr, repr, spec } => {
                            self.fstring_hole(expr, *repr, spec.as_deref())
                        }
                    }
                }
                self.b.emit(Op::BuildString(parts.len() as u32), span);
            }
            ExprKind::Bool(true) => {
                self.b.emit(Op::PushTrue, span);
            }
            ExprKind::Bool(false) => {
                self.b.emit(Op::PushFalse, span);
            }
            ExprKind::None => {
                self.b.emit(Op::PushNone, span);
            }
            ExprKind::Name(name) => self.load_name(name, span),
            ExprKind::List(items) => {
                for item in items {
                    self.expr(item);
                }
                self.b.emit(Op::BuildList(items.len() as u32), span);
            }
            ExprKind::Map(entries) => {
                for (k, v) in entries {
                    self.expr(k);
                    self.expr(v);
                }
                self.b.emit(Op::BuildMap(entries.len() as u32), span);
            }
            ExprKind::Tuple(items) => {
                for item in items {
                    self.expr(item);
                }
                self.b.emit(Op::BuildTuple(items.len() as u32), span);
            }
            ExprKind::Set(items) => {
                for item in items {
                    self.expr(item);
                }
                self.b.emit(Op::BuildSet(items.len() as u32), span);
            }
            ExprKind::Comp {
                kind,
                elem,
                value,
                clauses,
            } => self.comprehension(*kind, elem, value.as_deref(), clauses, span),
            ExprKind::Lambda(decl) => self.closure(decl, span),
            ExprKind::Unary { op, operand } => {
                self.expr(operand);
                self.b.emit(
                    match op {
                        UnaryOp::Neg => Op::Neg,
                        UnaryOp::Pos => Op::Pos,
                        UnaryOp::Invert => Op::Invert,
                    },
                    span,
                );
            }
            ExprKind::IfElse {
                cond,
                then,
                otherwise,
            } => {
                self.expr(cond);
                let to_else = self.b.emit_hole(Op::JumpIfFalse, cond.span);
                self.expr(then);
                let to_end = self.b.emit_hole(Op::Jump, span);
                self.b.patch_here(to_else);
                self.expr(otherwise);
                self.b.patch_here(to_end);
            }
            ExprKind::Not(operand) => {
                self.expr(operand);
                self.b.emit(Op::Not, span);
            }
            ExprKind::Binary { op, lhs, rhs } => {
                self.expr(lhs);
                self.expr(rhs);
                self.b.emit(Op::Binary(*op), span);
            }
            ExprKind::Logic { is_and, lhs, rhs } => {
                self.expr(lhs);
                let end = self.b.emit_hole(
                    if *is_and {
                        Op::JumpIfFalseOrPop
                    } else {
                        Op::JumpIfTrueOrPop
                    },
                    span,
                );
                self.expr(rhs);
                self.b.patch_here(end);
            }
            ExprKind::Compare { first, rest } => {
                self.expr(first);
                if let [(op, rhs)] = rest.as_slice() {
                    self.expr(rhs);
                    self.b.emit(Op::Compare(*op), span);
                } else {
                    // `a < b < c`: `b` is evaluated once and kept in a hidden slot.
                    let tmp = self.hidden_slot();
                    let mut ends = Vec::new();
                    for (i, (op, rhs)) in rest.iter().enumerate() {
                        self.expr(rhs);
                        let last = i + 1 == rest.len();
                        if !last {
                            self.b.emit(Op::StoreLocal(tmp), rhs.span);
                            self.b.emit(Op::LoadLocal(tmp), rhs.span);
                        }
                        self.b.emit(Op::Compare(*op), span);
                        if !last {
                            ends.push(self.b.emit_hole(Op::JumpIfFalseOrPop, span));
                            self.b.emit(Op::LoadLocal(tmp), rhs.span);
                        }
                    }
                    for end in ends {
                        self.b.patch_here(end);
                    }
                }
            }
            ExprKind::Call { callee, args } => self.call(callee, args, span, false),
            ExprKind::Index { object, index } => {
                self.expr(object);
                self.expr(index);
                self.b.emit(Op::Index, span);
            }
            ExprKind::Slice {
                object,
                lo,
                hi,
                step,
            } => {
                self.expr(object);
                for part in [lo, hi, step] {
                    match part {
                        Some(e) => self.expr(e),
                        None => {
                            self.b.emit(Op::PushNone, span);
                        }
                    }
                }
                self.b.emit(Op::Slice, span);
            }
            ExprKind::Attr { object, name } => {
                self.expr(object);
                let sym = self.b.sym(&name.name);
                self.b.emit(Op::GetAttr(sym), span);
            }
            ExprKind::Await(inner) => self.await_expr(inner, span),
            ExprKind::Spawn { target, options } => self.spawn_expr(target, options, span),
        }
    }

    /// One `{expr!r:spec}` hole: the value, formatted by a spec that is text, or built at
    /// run time when it has fields of its own (`{x:{width}.{precision}f}`).
    fn fstring_hole(&mut self, expr: &'a Expr, repr: bool, spec: Option<&'a [SpecPart]>) {
        self.expr(expr);
        let text_only: Option<String> = spec
            .map(|parts| {
                parts
                    .iter()
                    .map(|p| match p {
                        SpecPart::Text(t) => Some(&**t),
                        SpecPart::Field(_) => None,
                    })
                    .collect::<Option<String>>()
            })
            .unwrap_or(Some(String::new()));
        match (spec, text_only) {
            (None, _) if !repr => {
                self.b.emit(Op::Format(u32::MAX), expr.span);
            }
            (_, Some(text)) => {
                let spec = (!text.is_empty()).then(|| Arc::from(text));
                let format = self.b.format(FormatSpec { repr, spec });
                self.b.emit(Op::Format(format), expr.span);
            }
            (Some(parts), None) => {
                // Python evaluates the spec's fields after the value.
                for part in parts {
                    match part {
                        SpecPart::Text(t) => {
                            let i = self.b.constant(Const::Str(Arc::from(&**t)));
                            self.b.emit(Op::Const(i), expr.span);
                        }
                        SpecPart::Field(field) => {
                            self.expr(field);
                            self.b.emit(Op::Format(u32::MAX), field.span);
                        }
                    }
                }
                self.b.emit(Op::BuildString(parts.len() as u32), expr.span);
                self.b.emit(Op::FormatWith { repr }, expr.span);
            }
            (None, None) => {}
        }
    }

    /// A comprehension, as loops inline in this body: its variables are new locals of a
    /// scope of their own, so they do not leak, and the result is built in a hidden slot.
    fn comprehension(
        &mut self,
        kind: CompKind,
        elem: &'a Expr,
        value: Option<&'a Expr>,
        clauses: &'a [CompClause],
        span: Span,
    ) {
        self.b.emit(
            match kind {
                CompKind::List => Op::BuildList(0),
                CompKind::Set => Op::BuildSet(0),
                CompKind::Map => Op::BuildMap(0),
            },
            span,
        );
        let result = self.hidden_slot();
        self.b.emit(Op::StoreLocal(result), span);
        self.scoped(|c| c.comp_clauses(result, elem, value, clauses, span));
        self.b.emit(Op::LoadLocal(result), span);
    }

    fn comp_clauses(
        &mut self,
        result: u32,
        elem: &'a Expr,
        value: Option<&'a Expr>,
        clauses: &'a [CompClause],
        span: Span,
    ) {
        let Some((clause, rest)) = clauses.split_first() else {
            self.expr(elem);
            match value {
                Some(v) => {
                    self.expr(v);
                    self.b.emit(Op::CompInsert(result), span);
                }
                None => {
                    self.b.emit(Op::CompAppend(result), span);
                }
            }
            return;
        };
        match clause {
            CompClause::For {
                is_await,
                names,
                iter,
            } => {
                if *is_await
                    && !matches!(
                        self.kind,
                        CodeKind::Task | CodeKind::Generator | CodeKind::Main
                    )
                {
                    self.errors.push(CompileError::AwaitOutsideTask {
                        at: iter.span.into(),
                        function: self.where_am_i(),
                        help: Some(
                            "`for await` in a comprehension awaits: declare it with `task` instead of `fn`"
                                .to_owned(),
                        ),
                    });
                }
                self.expr(iter);
                if !*is_await {
                    self.b.emit(Op::GetIter, iter.span);
                }
                let start = self.b.label_here();
                let exit = self.b.emit_hole(
                    if *is_await { Op::ForAwait } else { Op::ForIter },
                    iter.span,
                );
                if names.len() > 1 {
                    self.b.emit(Op::Unpack(names.len() as u32), iter.span);
                }
                for name in names {
                    let slot = self.declare_local(&name.name, name.span);
                    self.store_slot(slot, name.span);
                }
                self.comp_clauses(result, elem, value, rest, span);
                self.b.emit(Op::Jump(start), iter.span);
                self.b.patch_here(exit);
            }
            CompClause::If(cond) => {
                self.expr(cond);
                let skip = self.b.emit_hole(Op::JumpIfFalse, cond.span);
                self.comp_clauses(result, elem, value, rest, span);
                self.b.patch_here(skip);
            }
        }
    }

    fn await_expr(&mut self, inner: &'a Expr, span: Span) {
        if self.kind == CodeKind::Fn {
            self.errors.push(CompileError::AwaitOutsideTask {
                at: span.into(),
                function: self.where_am_i(),
                help: Some(format!(
                    "declare it as `task {}(...)` and await its calls, or call the awaited work from a task",
                    self.where_am_i()
                )),
            });
        }
        lint::check_awaitable(self, inner, span);
        if let ExprKind::Call { callee, args } = &inner.kind {
            // `await sleep(d)` suspends without making a coroutine object.
            if let ExprKind::Name(name) = &callee.kind
                && let [arg] = args.as_slice()
                && arg.name.is_none()
                && !arg.spread
                && matches!(self.resolve(name), Resolved::Builtin(b) if std::ptr::eq(b, &builtins::SLEEP))
            {
                self.expr(&arg.value);
                self.b.emit(Op::Sleep, span);
                return;
            }
            self.call(callee, args, span, true);
            return;
        }
        self.expr(inner);
        self.b.emit(Op::Await, span);
    }

    fn spawn_expr(&mut self, target: &'a Expr, options: &'a [Arg], span: Span) {
        if let ExprKind::Call { callee, .. } = &target.kind
            && let Some(decl) = self.known_decl(callee)
            && !decl.is_task
        {
            self.errors.push(CompileError::NotAwaitable {
                message: format!("`{}` is a plain `fn`: calling it runs it at once, so there is nothing to spawn", decl.name.name),
                at: target.span.into(),
                label: "not a coroutine".to_owned(),
                help: Some(format!("declare it as `task {}(...)` to run it as a task", decl.name.name)),
            });
        }
        if options.is_empty()
            && let ExprKind::Call { callee, args } = &target.kind
            && let Some((slot, decl, argc)) = self.direct_call(callee, args)
            && decl.is_task
            && !super::function::contains_yield(&decl.body.stmts)
        {
            self.check_call(&decl, args, target.span);
            for arg in args {
                self.expr(&arg.value);
            }
            self.b.emit(Op::SpawnTask { slot, argc }, span);
            return;
        }
        self.expr(target);
        let mut named = false;
        for option in options {
            match option.name.as_ref().map(|n| &*n.name) {
                Some("name") => {
                    self.expr(&option.value);
                    named = true;
                }
                _ => self.errors.push(CompileError::BadCall {
                    message: "`spawn` takes one option: `name`".to_owned(),
                    at: option.value.span.into(),
                    label: "unknown option".to_owned(),
                    declared: None,
                }),
            }
        }
        self.b.emit(Op::Spawn { named }, span);
    }

    /// The declaration a callee names, when it is a declared `fn` or `task`.
    pub fn known_decl(&self, callee: &Expr) -> Option<Rc<FnDecl>> {
        self.known_decl_slot(callee).map(|(_, decl)| decl)
    }

    /// The declaration a callee names, with its global slot.
    fn known_decl_slot(&self, callee: &Expr) -> Option<(u32, Rc<FnDecl>)> {
        match &callee.kind {
            ExprKind::Name(name) => match self.resolve(name) {
                Resolved::Decl(slot, decl) => Some((slot, decl)),
                _ => None,
            },
            _ => None,
        }
    }

    /// A call that `CallFn` or `SpawnTask` can make: to a declaration, with every
    /// parameter given positionally and nothing spread. Its slot, declaration and count.
    fn direct_call(&self, callee: &Expr, args: &[Arg]) -> Option<(u32, Rc<FnDecl>, u16)> {
        let (slot, decl) = self.known_decl_slot(callee)?;
        let plain = args
            .iter()
            .all(|a| a.name.is_none() && !a.spread && !a.spread_map)
            && decl.params.iter().all(|p| p.kind == ParamKind::Plain);
        let argc = u16::try_from(args.len()).ok()?;
        (plain && args.len() == decl.params.len()).then_some((slot, decl, argc))
    }

    /// Emits a call; with `awaited`, the call's result is awaited too.
    fn call(&mut self, callee: &'a Expr, args: &'a [Arg], span: Span, awaited: bool) {
        lint::check_timeout(self, callee, args);
        let simple = args
            .iter()
            .all(|a| a.name.is_none() && !a.spread && !a.spread_map);
        if let ExprKind::Attr { object, name } = &callee.kind {
            self.expr(object);
            for arg in args {
                self.expr(&arg.value);
            }
            let method = Some(crate::vm::Sym {
                name: Arc::from(&*name.name),
                method: builtins::Method::from_name(&name.name),
            });
            let site = self.call_site(args, method);
            self.b.emit(Op::CallMethod(site), span);
            if awaited {
                self.b.emit(Op::Await, span);
            }
            return;
        }
        if let Some(decl) = self.known_decl(callee) {
            self.check_call(&decl, args, span);
        }
        if !awaited
            && let Some((slot, decl, argc)) = self.direct_call(callee, args)
            && !decl.is_task
        {
            for arg in args {
                self.expr(&arg.value);
            }
            self.b.emit(Op::CallFn { slot, argc }, span);
            return;
        }
        self.expr(callee);
        for arg in args {
            self.expr(&arg.value);
        }
        match (simple, awaited) {
            (true, true) => {
                // A task's frame is pushed directly and skips the `Await`; any other
                // callee's result is awaited by it.
                self.b.emit(Op::CallAwait(args.len() as u32), span);
                self.b.emit(Op::Await, span);
            }
            (true, false) => {
                self.b.emit(Op::Call(args.len() as u32), span);
            }
            (false, _) => {
                let site = self.call_site(args, None);
                self.b.emit(Op::CallSite(site), span);
                if awaited {
                    self.b.emit(Op::Await, span);
                }
            }
        }
    }

    fn call_site(&mut self, args: &[Arg], method: Option<crate::vm::Sym>) -> u32 {
        // A `**m` is a keyword argument with no name: its entries are the names.
        let kwnames: Vec<Rc<str>> = args
            .iter()
            .filter(|a| a.name.is_some() || a.spread_map)
            .map(|a| {
                a.name
                    .as_ref()
                    .map_or_else(|| Rc::from("**"), |n| n.name.clone())
            })
            .collect();
        let spread = args
            .iter()
            .filter(|a| a.name.is_none() && !a.spread_map)
            .map(|a| a.spread)
            .collect::<Vec<_>>();
        self.b.site(CallSite {
            n_args: args.len() as u32,
            kwnames: kwnames.iter().map(|k| Arc::from(&**k)).collect(),
            spread: spread.into_boxed_slice(),
            method,
        })
    }

    /// Checks a call to a declared function against its parameters.
    fn check_call(&mut self, decl: &FnDecl, args: &[Arg], span: Span) {
        if args.iter().any(|a| a.spread || a.spread_map)
            || decl.params.iter().any(|p| p.kind != ParamKind::Plain)
        {
            return;
        }
        let n_params = decl.params.len();
        let n_required = decl
            .params
            .iter()
            .take_while(|p| p.default.is_none())
            .count();
        let positional = args.iter().filter(|a| a.name.is_none()).count();
        let mut bound = vec![false; n_params];
        for slot in bound.iter_mut().take(positional) {
            *slot = true;
        }
        let name = &decl.name.name;
        let mut problem = None;
        if positional > n_params {
            problem = Some((
                format!(
                    "`{name}` takes {} but {positional} were given",
                    plural(n_params, "argument")
                ),
                format!("{} too many", positional - n_params),
            ));
        }
        for arg in args.iter().filter(|a| a.name.is_some()) {
            let Some(kw) = &arg.name else { continue };
            match decl.params.iter().position(|p| p.name.name == kw.name) {
                Some(i) if bound[i] => {
                    problem = Some((
                        format!("`{name}` got `{}` twice", kw.name),
                        "given again here".to_owned(),
                    ));
                }
                Some(i) => bound[i] = true,
                None => {
                    problem = Some((
                        format!("`{name}` has no parameter named `{}`", kw.name),
                        format!("the parameters are: {}", param_list(decl)),
                    ));
                }
            }
        }
        if problem.is_none()
            && let Some(missing) = (0..n_required).find(|&i| !bound[i])
        {
            problem = Some((
                format!(
                    "`{name}` is missing its argument `{}`",
                    decl.params[missing].name.name
                ),
                format!("`{name}` takes {}", param_list(decl)),
            ));
        }
        if let Some((message, label)) = problem {
            self.errors.push(CompileError::BadCall {
                message,
                at: span.into(),
                label,
                declared: Some(decl.head_span.into()),
            });
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn param_list(decl: &FnDecl) -> String {
    if decl.params.is_empty() {
        return "no arguments".to_owned();
    }
    decl.params
        .iter()
        .map(|p| format!("`{}`", p.name.name))
        .collect::<Vec<_>>()
        .join(", ")
}
