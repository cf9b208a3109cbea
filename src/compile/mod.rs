//! The syntax tree to bytecode: resolves every name to a slot, checks what can be checked
//! before running, and emits one code object per `fn`, `task` and the script body.
//!
//! **Invariant:** every name in emitted code is a local slot, a global slot, or a constant
//! (builtin or exception kind); nothing is looked up by name at run time.

mod builder;
mod captures;
mod error;
mod expr;
mod function;
mod lint;
mod stmt;

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

pub use error::CompileError;
pub use lint::Lint;

use crate::builtins::table::Table;
use crate::syntax::Span;
use crate::syntax::ast::{FnDecl, Script, StmtKind};
use crate::vm::{Code, CodeBody, Source, Value};
use function::FnCompiler;

/// A compiled script: the main body, and the declarations that fill global slots. It
/// holds no values, so it is `Send + Sync`: each session instantiates it.
pub struct Program {
    pub main: Arc<CodeBody>,
    /// Each declaration, with the global slot it fills.
    pub decls: Vec<(u32, Arc<CodeBody>)>,
    pub global_names: Vec<Arc<str>>,
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
#[derive(Default, Clone)]
pub struct Globals {
    names: HashMap<Rc<str>, u32>,
    slots: Vec<GlobalSlot>,
    /// The builtins and host functions names resolve to after globals.
    pub table: Table,
    /// Slots below this were declared by an earlier entry of the same session (`eval`):
    /// they exist already, and a new declaration of the name replaces them.
    pub entry_start: usize,
}

#[derive(Clone)]
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

    /// The globals a new session starts with: the script's `args`, and the names the host
    /// provides (`Engine::with_global`), all set by the runtime before the main body runs.
    pub fn new(table: Table, provided: &[Arc<str>]) -> Globals {
        let mut globals = Globals {
            table,
            ..Globals::default()
        };
        for name in std::iter::once("args").chain(provided.iter().map(|n| &**n)) {
            if let Ok(slot) = globals.declare(Rc::from(name), Span::default(), None) {
                globals.slots[slot as usize].provided = true;
            }
        }
        globals.entry_start = globals.slots.len();
        globals
    }

    fn declare(
        &mut self,
        name: Rc<str>,
        span: Span,
        decl: Option<Rc<FnDecl>>,
    ) -> Result<u32, Span> {
        if let Some(&slot) = self.names.get(&name) {
            if (slot as usize) < self.entry_start {
                // Declared by an earlier entry: this one takes the slot over.
                let old = &mut self.slots[slot as usize];
                old.span = span;
                old.decl = decl;
                old.provided = false;
                return Ok(slot);
            }
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
/// The globals are returned too: a session that evaluates more code (`Session::eval`)
/// compiles it against them.
pub fn compile(
    script: &Script,
    source: Arc<Source>,
    table: &Table,
    provided: &[Arc<str>],
) -> Result<(Program, Globals), Vec<CompileError>> {
    let mut globals = Globals::new(table.clone(), provided);
    let mut program = compile_entry(script, source, &mut globals)?;
    program.args_slot = globals
        .get("args")
        .filter(|(_, g)| g.provided)
        .map(|(slot, _)| slot);
    Ok((program, globals))
}

/// Compiles one more entry of a session (`Session::eval`, the REPL) against the globals
/// the earlier ones declared; they see the entry's new globals afterwards. A failed entry
/// leaves them as they were.
pub fn compile_entry(
    script: &Script,
    source: Arc<Source>,
    globals: &mut Globals,
) -> Result<Program, Vec<CompileError>> {
    let before = globals.clone();
    let result = compile_with(script, source, globals);
    match result {
        Ok(program) => {
            globals.entry_start = globals.slot_count();
            Ok(program)
        }
        Err(errors) => {
            *globals = before;
            Err(errors)
        }
    }
}

fn compile_with(
    script: &Script,
    source: Arc<Source>,
    globals: &mut Globals,
) -> Result<Program, Vec<CompileError>> {
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
    let globals = &*globals;

    let mut lints = Vec::new();
    let mut compiled = Vec::new();
    for stmt in &script.body {
        if let StmtKind::Decl(decl) = &stmt.kind {
            let (code, mut fn_errors, mut fn_lints) =
                FnCompiler::compile_decl(decl, globals, &source);
            errors.append(&mut fn_errors);
            lints.append(&mut fn_lints);
            compiled.push((decl.name.name.clone(), code));
        }
    }
    let decls = compiled
        .into_iter()
        .filter_map(|(name, code)| Some((globals.get(&name)?.0, Arc::new(code))))
        .collect();
    let (main, mut main_errors, mut main_lints) =
        FnCompiler::compile_main(&script.body, globals, &source);
    errors.append(&mut main_errors);
    lints.append(&mut main_lints);

    if !errors.is_empty() {
        errors.sort_by_key(error_offset);
        return Err(errors);
    }
    Ok(Program {
        main: Arc::new(main),
        decls,
        global_names: globals.slots.iter().map(|s| Arc::from(&*s.name)).collect(),
        lints,
        args_slot: None,
    })
}

/// A program as one session runs it: its code with the session's values.
pub struct Instance {
    pub main: Rc<Code>,
    /// The initial value of every global slot: declarations bound, the rest unbound.
    pub globals: Vec<Value>,
    pub global_names: Vec<Rc<str>>,
}

impl Program {
    /// The program's code instantiated for one session; `host(i)` is the session's value
    /// for host function `i` of the builtin table.
    pub fn instantiate(&self, host: &dyn Fn(u32) -> Value) -> Instance {
        let mut globals = vec![Value::Undef; self.global_names.len()];
        for (slot, body) in &self.decls {
            globals[*slot as usize] = Value::Func(Rc::new(Code::instantiate(body, host)));
        }
        Instance {
            main: Rc::new(Code::instantiate(&self.main, host)),
            globals,
            global_names: self.global_names.iter().map(|n| Rc::from(&**n)).collect(),
        }
    }
}

fn error_offset(err: &CompileError) -> usize {
    use miette::Diagnostic;
    err.labels()
        .and_then(|mut labels| labels.next())
        .map_or(0, |l| l.offset())
}
