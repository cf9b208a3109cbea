//! Bytecode: the instructions the dispatch loop executes, and the code object of one
//! function, task or script body, with a source span for every instruction.
//!
//! **Invariant:** the VM never sees the syntax tree; everything it needs is here.

use std::fmt;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

use super::exception::ExcKind;
use super::value::Value;
use crate::builtins::{BuiltinFn, Method};
use crate::syntax::Span;
use crate::syntax::ast::{BinOp, CmpOp};

/// One instruction. Operands are indexes into the code object's tables or jump targets
/// (instruction indexes). Stack effects are noted as `before -> after`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    /// `x ->`
    Pop,
    /// `-> consts[i]`
    Const(u32),
    SmallInt(i32),
    PushNone,
    PushTrue,
    PushFalse,
    LoadLocal(u32),
    /// `x ->`
    StoreLocal(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    /// Makes local `i` a cell that closures can capture (see `value::Cell`), holding the
    /// value the slot holds; a slot that is a cell already stays the one cell, so every
    /// closure made in a loop shares it, as Python's do.
    MakeCell(u32),
    /// `-> *local[i]`: reads a captured local through its cell.
    LoadCell(u32),
    /// `x ->`: `*local[i] = x`.
    StoreCell(u32),
    /// `-> *captured[i]`: reads a variable of an enclosing body that this closure captured.
    LoadFree(u32),
    /// `x ->`: assigns a captured variable of an enclosing body.
    StoreFree(u32),
    /// `-> closure`: the function `consts[i]`, capturing what its `CodeBody::captures` says
    /// from this frame.
    MakeClosure(u32),

    /// `a b -> a op b`
    Binary(BinOp),
    /// `a b -> a op= b`: like `Binary`, but a list on the left is changed in place
    /// (`xs += ys` extends `xs`, as Python's `__iadd__`).
    Update(BinOp),
    /// `a b -> a op b` (bool)
    Compare(CmpOp),
    /// `a b ->`, jumps when `a op b` is false: a comparison and the `JumpIfFalse` of an
    /// `if`/`while` condition in one.
    CompareJumpIfFalse(CmpOp, u32),
    Neg,
    Pos,
    Not,
    /// `x -> ~x`
    Invert,

    Jump(u32),
    /// `c ->`, jumps when `c` is falsy.
    JumpIfFalse(u32),
    /// `a and b`: if `a` is falsy, jump keeping it; else pop it.
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    /// Jumps when local `.0` is bound; a parameter's default runs only when it is not.
    JumpIfBound(u16, u32),

    /// `a b c -> [a, b, c]`
    BuildList(u32),
    /// `k1 v1 k2 v2 -> {k1: v1, k2: v2}`
    BuildMap(u32),
    /// `a b c -> (a, b, c)`
    BuildTuple(u32),
    /// `a b c -> {a, b, c}`
    BuildSet(u32),
    /// `x ->`: appends `x` to the list (or adds it to the set) in local `i`: one item of a
    /// comprehension.
    CompAppend(u32),
    /// `k v ->`: `local[i][k] = v`, one entry of a map comprehension.
    CompInsert(u32),
    /// Concatenates `n` strings: an f-string.
    BuildString(u32),
    /// `x -> str(x)` formatted by `formats[i]`, or by `str()` when `i == u32::MAX`.
    Format(u32),
    /// `x spec -> x formatted by spec`, for a spec built at run time (`{x:{w}}`).
    FormatWith {
        repr: bool,
    },
    /// `obj i -> obj[i]`
    Index,
    /// `value obj i ->`: `obj[i] = value`.
    StoreIndex,
    /// `obj lo hi step -> obj[lo:hi:step]`
    Slice,
    /// `obj -> obj.name` for `syms[i]`.
    GetAttr(u32),
    /// `xs -> xs[n-1] ... xs[0]`: unpacks exactly `n` items, the first on top.
    Unpack(u32),

    /// `f a1 .. an -> f(a1, .., an)`
    Call(u32),
    /// A call with keyword or spread arguments, described by `sites[i]`.
    CallSite(u32),
    /// `obj a1 .. an -> obj.method(a1, .., an)` described by `sites[i]`.
    CallMethod(u32),
    /// `f a1 .. an -> await f(a1, .., an)`: calling a task and awaiting its coroutine at
    /// once pushes a frame without ever making the coroutine object.
    CallAwait(u32),
    /// `a1 .. an -> f(a1, .., an)` for the `fn` declared in global `slot`, called with
    /// exactly its parameters: a declaration is constant and bound before the script runs,
    /// so the callee is not pushed, looked up or classified.
    CallFn {
        slot: u32,
        argc: u16,
    },
    /// `a1 .. an -> task`: `spawn f(a1, .., an)` for the task (not generator) declared in
    /// global `slot`, with exactly its parameters: the task is made from the arguments on
    /// the stack, with no callee pushed and no coroutine made.
    SpawnTask {
        slot: u32,
        argc: u16,
    },
    /// `x ->` returns from the frame.
    Return,
    /// `->` returns local `i`: `LoadLocal(i)` and `Return` in one.
    ReturnLocal(u32),
    /// `-> local op k`: `LoadLocal`, `SmallInt` and `Binary` in one (`n - 1`).
    BinaryLocalInt(BinOp, u16, i32),
    /// `a ->`, jumps when `a op k` is false: `SmallInt` and `CompareJumpIfFalse` in one
    /// (`if n < 2`).
    CompareIntJumpIfFalse(CmpOp, i16, u32),
    /// `->`, jumps when `local op k` is false: `LoadLocal` and `CompareIntJumpIfFalse` in
    /// one, for a local in the first 256 slots and a constant in `i8` (`if n < 2`).
    CompareLocalIntJumpIfFalse(CmpOp, u8, i8, u32),

    /// `x -> iter(x)`
    GetIter,
    /// `it -> it next`, or pops `it` and jumps when it is exhausted.
    ForIter(u32),
    /// `agen -> agen next`, or pops `agen` and jumps when it is exhausted. Suspends the
    /// task while the generator awaits.
    ForAwait(u32),

    /// `aw -> result`: awaits a coroutine, task, future or native awaitable.
    Await,
    /// `delay -> none`: `await sleep(delay)` without making a coroutine object.
    Sleep,
    /// `coro -> task`; with a name: `coro name -> task`.
    Spawn {
        named: bool,
    },
    /// `x ->`: an async generator hands `x` to its consumer and suspends.
    Yield,

    /// `manager -> coroutine` of `async with`'s entry, which the next `Await` awaits; or
    /// `manager -> value` when the entry finished at once, skipping that `Await`.
    WithEnter,
    /// `manager exc_or_none -> coroutine` of its exit (then `Await`), or `-> value` (skipping
    /// it): a true value swallows the exception.
    WithExit,

    /// Enters a `try`: an exception unwinds the value stack to its current height, pushes
    /// itself and jumps to the handler.
    PushHandler(u32),
    PopHandler,
    /// `exc ->` raises: an exception value, or an exception kind, which is constructed.
    Raise,
    /// `exc ->` raises again without adding the current frame twice.
    Reraise,
    /// `exc -> exc matched` for `catch_kinds[i]`.
    CatchMatch(u32),
    /// `cond msg ->` raises `AssertionError(msg)` when `cond` is falsy.
    Assert,
}

// Instructions stay two words wide: the dispatch loop copies one per step.
const _: () = assert!(std::mem::size_of::<Op>() == 8);

/// What sort of body a code object is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    /// A plain `fn`: runs at once, may not await.
    Fn,
    /// A `task`: calling it makes a coroutine.
    Task,
    /// A `task` whose body yields: calling it makes an async generator.
    Generator,
    /// The top-level statements: the main task.
    Main,
}

/// A call with keyword arguments, spread arguments or a method name.
#[derive(Clone, Debug)]
pub struct CallSite {
    /// Arguments on the stack, keyword ones last.
    pub n_args: u32,
    /// Names of the keyword arguments, which are the last `kwnames.len()` on the stack.
    pub kwnames: Box<[Arc<str>]>,
    /// Which positional arguments are `*spread` lists.
    pub spread: Box<[bool]>,
    /// For `CallMethod`: the method.
    pub method: Option<Sym>,
}

impl CallSite {
    pub fn n_positional(&self) -> usize {
        self.n_args as usize - self.kwnames.len()
    }

    /// Whether every argument is positional and none is spread: the arguments on the
    /// stack are the call's arguments as they are.
    pub fn is_plain(&self) -> bool {
        self.kwnames.is_empty() && !self.spread.contains(&true)
    }
}

/// An attribute or method name, resolved to a builtin method when one has that name.
#[derive(Clone, Debug)]
pub struct Sym {
    pub name: Arc<str>,
    pub method: Option<Method>,
}

/// An f-string hole's formatting: `{x!r:>8}`.
#[derive(Clone, Debug)]
pub struct FormatSpec {
    pub repr: bool,
    pub spec: Option<Arc<str>>,
}

/// A script's text and name, shared by every code object compiled from it and by the
/// reports that quote it.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: Arc<str>,
    pub text: Arc<str>,
    /// Where each line starts, built the first time a report needs a line number, and
    /// shared by every report on this source so that reporting many errors stays linear.
    pub lines: Arc<OnceLock<Box<[usize]>>>,
}

impl Source {
    pub fn new(name: &str, text: &str) -> Source {
        Source {
            name: Arc::from(name),
            text: Arc::from(text),
            lines: Arc::default(),
        }
    }
}

/// Where a closure's captured variable comes from, in the frame that makes the closure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capture {
    /// That frame's local (a cell).
    Local(u32),
    /// A variable that frame itself captured.
    Free(u32),
}

/// A constant of compiled code as every session shares it; each session makes it into a
/// value when it instantiates the code (`Code::consts`).
#[derive(Clone, Debug)]
pub enum Const {
    Int(i64),
    Float(f64),
    Str(Arc<str>),
    Builtin(&'static BuiltinFn),
    /// The host function at this index of the engine's builtin table.
    Host(u32),
    ExcType(ExcKind),
    /// A nested `fn`/`task` or an anonymous function: `MakeClosure` makes it a value.
    Code(Arc<CodeBody>),
}

/// A compiled function, task, generator or script body, as every session that runs it
/// shares it: `Send + Sync`, so a script compiles once and runs on many threads.
pub struct CodeBody {
    pub name: Arc<str>,
    pub kind: CodeKind,
    pub params: Box<[Arc<str>]>,
    /// Parameters before the first one with a default.
    pub n_required: u32,
    /// Parameters plus every `let` and hidden slot; the frame reserves this many.
    pub n_locals: u32,
    /// How many values the body pushes above its locals at most, estimated by the
    /// compiler; a new task's stack starts with room for `n_locals + max_stack`. Only a
    /// capacity: a wrong estimate costs a reallocation, never correctness.
    pub max_stack: u32,
    pub ops: Box<[Op]>,
    /// The source span of each instruction, for reports.
    pub spans: Box<[Span]>,
    /// The constants, made into values by each session (`Code::consts`).
    pub constants: Box<[Const]>,
    /// What a closure of this body captures from the frame that makes it (`MakeClosure`),
    /// in the order its `LoadFree`/`StoreFree` number them.
    pub captures: Box<[Capture]>,
    /// `*rest`: the local after the parameters gathers the extra positional arguments.
    pub varargs: bool,
    /// `**options`: the local after those gathers the extra keyword arguments.
    pub varkw: bool,
    /// `params.len()` when every call fills exactly the parameters, `u32::MAX` when `*rest`
    /// or `**options` gather more: what the call fast path compares the count with.
    pub plain_arity: u32,
    pub sites: Box<[CallSite]>,
    pub syms: Box<[Sym]>,
    pub catch_kinds: Box<[Box<[ExcKind]>]>,
    pub formats: Box<[FormatSpec]>,
    pub source: Arc<Source>,
    /// The declaration's head: `task fetch(url)`.
    pub span: Span,
}

/// A body as one session runs it: the shared body, with its constants made into the
/// session's values. Frames, coroutines and tasks hold these (`Rc`: a call clones no
/// atomic count). Every field of the body is read through it (`Deref`).
pub struct Code {
    pub name: Rc<str>,
    pub body: Arc<CodeBody>,
    /// Shared by every closure made from the same body.
    pub consts: Rc<[Value]>,
    /// The cells a closure captured (`Value::Cell`), numbered as `CodeBody::captures`.
    pub captured: Box<[Value]>,
}

impl std::ops::Deref for Code {
    type Target = CodeBody;
    #[inline]
    fn deref(&self) -> &CodeBody {
        &self.body
    }
}

impl Code {
    /// The body instantiated for one session: constants become values, a host function
    /// the session's handle on it (`host(i)`).
    pub fn instantiate(body: &Arc<CodeBody>, host: &dyn Fn(u32) -> Value) -> Code {
        let consts = body
            .constants
            .iter()
            .map(|c| match c {
                Const::Int(n) => Value::Int(*n),
                Const::Float(f) => Value::Float(*f),
                Const::Str(s) => Value::Str(super::Str::from(&**s)),
                Const::Builtin(b) => Value::Builtin(b),
                Const::Host(i) => host(*i),
                Const::ExcType(k) => Value::ExcType(*k),
                Const::Code(inner) => Value::Func(Rc::new(Code::instantiate(inner, host))),
            })
            .collect();
        Code {
            name: Rc::from(&*body.name),
            body: body.clone(),
            consts,
            captured: Box::default(),
        }
    }

    /// A closure of this code (a nested body's template) with `captured` cells.
    pub fn closure(&self, captured: Box<[Value]>) -> Code {
        Code {
            name: self.name.clone(),
            body: self.body.clone(),
            consts: self.consts.clone(),
            captured,
        }
    }

    /// How many argument slots a frame of it starts with: the parameters, then `*rest`
    /// and `**options` when it has them.
    pub fn n_arg_slots(&self) -> usize {
        self.params.len() + usize::from(self.varargs) + usize::from(self.varkw)
    }
}

impl CodeBody {
    pub fn is_task(&self) -> bool {
        matches!(self.kind, CodeKind::Task | CodeKind::Main)
    }

    pub fn is_generator(&self) -> bool {
        self.kind == CodeKind::Generator
    }

    /// The span of the instruction at `pc`.
    pub fn span_at(&self, pc: usize) -> Span {
        self.spans.get(pc).copied().unwrap_or(self.span)
    }

    /// A readable listing, for tests and `--dump`.
    pub fn disassemble(&self) -> String {
        use std::fmt::Write;
        let mut out = format!(
            "{} {}({})\n",
            self.kind_word(),
            self.name,
            self.params.join(", ")
        );
        for (pc, op) in self.ops.iter().enumerate() {
            let detail = match op {
                Op::Const(i) => format!("  ; {}", self.constants[*i as usize].shown()),
                Op::GetAttr(i) => format!("  ; .{}", self.syms[*i as usize].name),
                Op::CallMethod(i) => {
                    let site = &self.sites[*i as usize];
                    let name = site.method.as_ref().map_or("?", |s| &s.name);
                    format!("  ; .{name}/{}", site.n_args)
                }
                _ => String::new(),
            };
            let _ = writeln!(out, "{pc:4} {op:?}{detail}");
        }
        out
    }

    fn kind_word(&self) -> &'static str {
        match self.kind {
            CodeKind::Fn => "fn",
            CodeKind::Task => "task",
            CodeKind::Generator => "task*",
            CodeKind::Main => "main",
        }
    }
}

impl Const {
    /// How a listing shows it.
    fn shown(&self) -> String {
        match self {
            Const::Int(n) => n.to_string(),
            Const::Float(f) => super::format::float_repr(*f),
            Const::Str(s) => super::format::repr(&Value::str(s)),
            Const::Builtin(b) => format!("<builtin {}>", b.name),
            Const::Host(i) => format!("<host function {i}>"),
            Const::ExcType(k) => format!("<class '{k}'>"),
            Const::Code(body) => format!("<code {}>", body.name),
        }
    }
}

impl fmt::Debug for CodeBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} {}>", self.kind_word(), self.name)
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} {}>", self.kind_word(), self.name)
    }
}

/// A place in compiled code: an instruction of a code object.
#[derive(Clone)]
pub struct Site {
    pub code: Rc<Code>,
    pub pc: u32,
}

impl Site {
    pub fn span(&self) -> Span {
        self.code.span_at(self.pc as usize)
    }
}

impl fmt::Debug for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}@{}", self.code, self.pc)
    }
}
