//! The syntax tree to bytecode: resolves every name to a slot, checks what can be checked
//! before running, and emits one code object per `fn`, `task` and the script body.
//!
//! **Invariant:** every name in emitted code is a local slot, a global slot, or a constant
//! (builtin or exception kind); nothing is looked up by name at run time.

mod builder;
mod error;
mod expr;
mod function;
mod lint;
mod stmt;

use std::collections::HashMap;
use std::rc::Rc;

pub use error::CompileError;
pub use lint::Lint;

use crate::syntax::Span;
use crate::syntax::ast::{FnDecl, Script, StmtKind};
use crate::vm::{Code, Source, Value};
use function::FnCompiler;

/// A compiled script: the main body, and the initial values of the global slots.
pub struct Program {
    pub main: Rc<Code>,
    pub globals: Vec<Value>,
    pub global_names: Vec<Rc<str>>,
    /// Async lints: not errors, but likely mistakes, shown as warnings.
    pub lints: Vec<Lint>,
    /// The global the runtime fills with the script's arguments (unless the script
    /// declares its own `args`).
    pub args_slot: Option<u32>,
}

/// The global names of a program: top-level `let` bindings and declarations.
///
/// The REPL will keep one of these across entries, so each entry sees what earlier ones
/// declared.
#[derive(Default)]
pub struct Globals {
    names: HashMap<Rc<str>, u32>,
    slots: Vec<GlobalSlot>,
}

pub struct GlobalSlot {
    pub name: Rc<str>,
    pub span: Span,
    pub decl: Option<Rc<FnDecl>>,
    /// Set by the runtime before main starts (`args`): visible from the first line.
    pub provided: bool,
}

impl Globals {
    pub fn get(&self, name: &str) -> Option<(u32, &GlobalSlot)> {
        let &slot = self.names.get(name)?;
        Some((slot, &self.slots[slot as usize]))
    }

    fn declare(
        &mut self,
        name: Rc<str>,
        span: Span,
        decl: Option<Rc<FnDecl>>,
    ) -> Result<u32, Span> {
        if let Some(&slot) = self.names.get(&name) {
            return Err(self.slots[slot as usize].span);
        }
        let slot = self.slots.len() as u32;
        self.names.insert(name.clone(), slot);
        self.slots.push(GlobalSlot {
            name,
            span,
            decl,
            provided: false,
        });
        Ok(slot)
    }

    pub fn slot_count(&self) -> usize {
        self.slots.len()
    }
}

/// Compiles a parsed script. Reports every static error found, not only the first.
pub fn compile(script: &Script, source: Rc<Source>) -> Result<Program, Vec<CompileError>> {
    let mut globals = Globals::default();
    let mut errors = Vec::new();

    // Declarations and top-level `let`s are hoisted: every body can see every global.
    for stmt in &script.body {
        let declared: Vec<(Rc<str>, Span, Option<Rc<FnDecl>>)> = match &stmt.kind {
            StmtKind::Decl(decl) => {
                vec![(decl.name.name.clone(), decl.name.span, Some(decl.clone()))]
            }
            StmtKind::Let { names, .. } => names
                .iter()
                .map(|n| (n.name.clone(), n.span, None))
                .collect(),
            _ => Vec::new(),
        };
        for (name, span, decl) in declared {
            let is_fn = decl.is_some();
            if let Err(first) = globals.declare(name.clone(), span, decl) {
                errors.push(CompileError::Duplicate {
                    name: name.to_string(),
                    at: span.into(),
                    first: first.into(),
                    help: Some(if is_fn {
                        "give one of them another name".to_owned()
                    } else {
                        format!("to change it, assign without `let`: `{name} = ...`")
                    }),
                });
            }
        }
    }

    // `args` is a global the runtime provides, unless the script declares its own.
    let args_slot = match globals.get("args") {
        Some(_) => None,
        None => globals.declare("args".into(), Span::default(), None).ok(),
    };
    if let Some(slot) = args_slot {
        globals.slots[slot as usize].provided = true;
    }

    let mut lints = Vec::new();
    let mut initial: Vec<Value> = vec![Value::Undef; globals.slot_count()];
    let mut compiled = Vec::new();
    for stmt in &script.body {
        if let StmtKind::Decl(decl) = &stmt.kind {
            let (code, mut fn_errors, mut fn_lints) =
                FnCompiler::compile_decl(decl, &globals, &source);
            errors.append(&mut fn_errors);
            lints.append(&mut fn_lints);
            compiled.push((decl.name.name.clone(), code));
        }
    }
    for (name, code) in compiled {
        if let Some((slot, _)) = globals.get(&name) {
            initial[slot as usize] = Value::Func(Rc::new(code));
        }
    }
    let (main, mut main_errors, mut main_lints) =
        FnCompiler::compile_main(&script.body, &globals, &source);
    errors.append(&mut main_errors);
    lints.append(&mut main_lints);

    if !errors.is_empty() {
        errors.sort_by_key(error_offset);
        return Err(errors);
    }
    Ok(Program {
        main: Rc::new(main),
        globals: initial,
        global_names: globals.slots.iter().map(|s| s.name.clone()).collect(),
        lints,
        args_slot,
    })
}

fn error_offset(err: &CompileError) -> usize {
    use miette::Diagnostic;
    err.labels()
        .and_then(|mut labels| labels.next())
        .map_or(0, |l| l.offset())
}
