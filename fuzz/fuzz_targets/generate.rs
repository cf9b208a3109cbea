//! Programs built from fuzzer bytes: an `arbitrary`-derived syntax tree printed as source.
//!
//! Byte-level fuzzing spends its time in the parser, since almost every random input is a
//! syntax error. This tree prints only scripts that parse, and almost only ones that
//! compile: every variable is declared before the body runs, calls to declared functions
//! take the right number of arguments, `await` appears only inside tasks, loops are
//! bounded. So nearly every input reaches the VM, the runtime and the builtins, with
//! generated arguments and format specs (a generated `{x:.65536f}` found a panic that
//! byte fuzzing never reached).

use std::fmt::Write;

use arbitrary::{Arbitrary, Unstructured};

/// How many variables each body has (`v0`..`v5`), declared at its top.
const VARS: u8 = 6;
/// How many `fn`s and `task`s a program declares at most.
const DECLS: usize = 4;
/// How deep statements and expressions nest.
const MAX_DEPTH: u32 = 4;

#[derive(Debug)]
pub struct Program {
    decls: Vec<Decl>,
    main: Vec<Stmt>,
}

#[derive(Debug, Arbitrary)]
enum DeclKind {
    Fn,
    Task,
    Generator,
}

#[derive(Debug)]
struct Decl {
    kind: DeclKind,
    params: u8,
    body: Vec<Stmt>,
}

#[derive(Debug)]
enum Stmt {
    Let(u8, Expr),
    Assign(u8, Expr),
    Update(u8, BinOp, Expr),
    StoreIndex(u8, Expr, Expr),
    Print(Vec<Expr>),
    Expr(Expr),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    For(u8, Expr, Vec<Stmt>),
    While(u8, Vec<Stmt>),
    Try(Vec<Stmt>, Option<Catch>, Vec<Stmt>),
    Return(Option<Expr>),
    Raise(Kind, Expr),
    Yield(Expr),
    Break,
    Continue,
    Assert(Expr),
    ForAwait(u8, usize, Vec<Expr>, Vec<Stmt>),
}

#[derive(Debug, Arbitrary, Clone, Copy)]
enum Kind {
    Error,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    ZeroDivisionError,
    OverflowError,
    RuntimeError,
    TimeoutError,
    CancelledError,
    MemoryError,
    RecursionError,
}

#[derive(Debug)]
struct Catch {
    kinds: Vec<Kind>,
    bind: bool,
    body: Vec<Stmt>,
}

#[derive(Debug, Arbitrary, Clone, Copy)]
enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
}

#[derive(Debug, Arbitrary, Clone, Copy)]
enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
    Is,
}

#[derive(Debug)]
enum Expr {
    Int(i64),
    SmallInt(i8),
    Float(f64),
    Str(String),
    Bool(bool),
    None,
    Var(u8),
    List(Vec<Expr>),
    Map(Vec<(Expr, Expr)>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Compare(CmpOp, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    Index(Box<Expr>, Box<Expr>),
    Slice(
        Box<Expr>,
        Option<Box<Expr>>,
        Option<Box<Expr>>,
        Option<Box<Expr>>,
    ),
    Builtin(usize, Vec<Expr>, Vec<(usize, Expr)>),
    Method(Box<Expr>, usize, Vec<Expr>),
    Attr(Box<Expr>, usize),
    CallDecl(usize, Vec<Expr>),
    FString(Vec<FPart>),
    Await(Box<Expr>),
    Spawn(Box<Expr>),
    Sleep(u8),
    Exception(Kind, Box<Expr>),
}

#[derive(Debug)]
enum FPart {
    Text(String),
    Field(Expr, bool, Option<Spec>),
}

/// A format spec, assembled from parts so that most are valid and the rest nearly so.
#[derive(Debug, Arbitrary)]
struct Spec {
    fill: Option<char>,
    align: Option<u8>,
    sign: Option<u8>,
    z: bool,
    alternate: bool,
    zero: bool,
    width: Option<Width>,
    grouping: Option<u8>,
    precision: Option<Width>,
    kind: Option<u8>,
}

/// A width or precision: usually small, sometimes huge.
#[derive(Debug)]
enum Width {
    Small(u8),
    Large(u32),
}

impl<'a> Arbitrary<'a> for Width {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Width> {
        Ok(if u.ratio(1, 2)? {
            // Near the limits that formatting code has: Rust's 65,535, a u16, a u8.
            let near: u32 = *u.choose(&[65_536, 65_535, 100_000, 256, 1 << 20])?;
            Width::Large(near.wrapping_add(u32::from(u8::arbitrary(u)?)))
        } else {
            Width::Small(u8::arbitrary(u)?)
        })
    }
}

const BUILTINS: &[&str] = &[
    "print",
    "len",
    "type",
    "str",
    "repr",
    "int",
    "float",
    "bool",
    "list",
    "range",
    "abs",
    "divmod",
    "hex",
    "bin",
    "oct",
    "min",
    "max",
    "sum",
    "sorted",
    "round",
    "random",
    "randint",
    "env",
    "json_parse",
    "json_str",
    "sleep",
    "now",
    "gather",
    "wait",
    "wait_for",
    "as_completed",
    "current_task",
    "all_tasks",
];

const KEYWORDS: &[&str] = &[
    "sep",
    "end",
    "reverse",
    "start",
    "default",
    "base",
    "timeout",
    "return_when",
    "return_exceptions",
    "name",
];

const METHODS: &[&str] = &[
    "append",
    "pop",
    "insert",
    "index",
    "extend",
    "remove",
    "reverse",
    "sort",
    "clear",
    "copy",
    "count",
    "split",
    "lines",
    "strip",
    "lstrip",
    "rstrip",
    "upper",
    "lower",
    "startswith",
    "endswith",
    "contains",
    "join",
    "replace",
    "find",
    "rfind",
    "rsplit",
    "ljust",
    "rjust",
    "center",
    "zfill",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "islower",
    "isupper",
    "title",
    "capitalize",
    "removeprefix",
    "removesuffix",
    "partition",
    "setdefault",
    "keys",
    "values",
    "items",
    "get",
    "update",
    "result",
    "exception",
    "done",
    "cancelled",
    "cancel",
    "get_name",
    "set_name",
];

const ATTRS: &[&str] = &["name", "message", "kind", "status", "text", "url"];

const TYPE_CODES: &[u8] = b"bcdeEfFgGnosxX%?";

fn list<'a, T>(
    u: &mut Unstructured<'a>,
    max: usize,
    mut item: impl FnMut(&mut Unstructured<'a>) -> arbitrary::Result<T>,
) -> arbitrary::Result<Vec<T>> {
    let n = u.int_in_range(0..=max)?;
    (0..n).map(|_| item(u)).collect()
}

impl<'a> Arbitrary<'a> for Program {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Program> {
        let decls = list(u, DECLS, |u| {
            Ok(Decl {
                kind: DeclKind::arbitrary(u)?,
                params: u.int_in_range(0..=3)?,
                body: stmts(u, 0)?,
            })
        })?;
        Ok(Program {
            decls,
            main: stmts(u, 0)?,
        })
    }
}

fn stmts(u: &mut Unstructured<'_>, depth: u32) -> arbitrary::Result<Vec<Stmt>> {
    list(u, if depth == 0 { 12 } else { 4 }, |u| stmt(u, depth))
}

fn var(u: &mut Unstructured<'_>) -> arbitrary::Result<u8> {
    u.int_in_range(0..=VARS - 1)
}

fn stmt(u: &mut Unstructured<'_>, depth: u32) -> arbitrary::Result<Stmt> {
    let deeper = depth < MAX_DEPTH;
    let choice = u.int_in_range(0..=if deeper { 18 } else { 11 })?;
    Ok(match choice {
        0 => Stmt::Let(var(u)?, expr(u, depth)?),
        1 | 2 => Stmt::Assign(var(u)?, expr(u, depth)?),
        3 => Stmt::Update(var(u)?, BinOp::arbitrary(u)?, expr(u, depth)?),
        4 => Stmt::StoreIndex(var(u)?, expr(u, depth)?, expr(u, depth)?),
        5 => Stmt::Print(list(u, 3, |u| expr(u, depth))?),
        // A formatted line: the format-spec language gets most of its inputs here.
        6 => Stmt::Print(vec![format_string(u, depth)?]),
        7 => Stmt::Expr(expr(u, depth)?),
        8 => Stmt::Return(if bool::arbitrary(u)? {
            Some(expr(u, depth)?)
        } else {
            None
        }),
        9 => Stmt::Raise(Kind::arbitrary(u)?, expr(u, depth)?),
        10 => Stmt::Yield(expr(u, depth)?),
        11 => match u.int_in_range(0..=2)? {
            0 => Stmt::Break,
            1 => Stmt::Continue,
            _ => Stmt::Assert(expr(u, depth)?),
        },
        12 => Stmt::If(expr(u, depth)?, stmts(u, depth + 1)?, stmts(u, depth + 1)?),
        13 | 14 => Stmt::For(var(u)?, expr(u, depth)?, stmts(u, depth + 1)?),
        15 => Stmt::While(u.int_in_range(0..=20)?, stmts(u, depth + 1)?),
        16 | 17 => {
            let catch = if bool::arbitrary(u)? {
                Some(Catch {
                    kinds: list(u, 2, Kind::arbitrary)?,
                    bind: bool::arbitrary(u)?,
                    body: stmts(u, depth + 1)?,
                })
            } else {
                None
            };
            Stmt::Try(stmts(u, depth + 1)?, catch, stmts(u, depth + 1)?)
        }
        _ => Stmt::ForAwait(
            var(u)?,
            u.int_in_range(0..=DECLS - 1)?,
            list(u, 3, |u| expr(u, depth + 1))?,
            stmts(u, depth + 1)?,
        ),
    })
}

fn boxed(u: &mut Unstructured<'_>, depth: u32) -> arbitrary::Result<Box<Expr>> {
    Ok(Box::new(expr(u, depth + 1)?))
}

fn maybe(u: &mut Unstructured<'_>, depth: u32) -> arbitrary::Result<Option<Box<Expr>>> {
    Ok(if bool::arbitrary(u)? {
        Some(boxed(u, depth)?)
    } else {
        None
    })
}

fn text(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    // Short strings from a small alphabet that has the characters formatting and the
    // string methods care about, and sometimes anything at all.
    if u.ratio(1, 8)? {
        let s: String = String::arbitrary(u)?;
        return Ok(s.chars().take(24).collect());
    }
    const ALPHABET: &[char] = &[
        'a', 'b', 'A', ' ', '1', '0', '-', '.', ',', '{', '}', '\n', '\t', 'é', 'ß', '😀', '\'',
        '"', '\\', 'x',
    ];
    let n = u.int_in_range(0..=8)?;
    (0..n).map(|_| u.choose(ALPHABET).copied()).collect()
}

fn expr(u: &mut Unstructured<'_>, depth: u32) -> arbitrary::Result<Expr> {
    let leaf = depth >= MAX_DEPTH || u.ratio(1, 3)?;
    if leaf {
        return Ok(match u.int_in_range(0..=7)? {
            0 => Expr::Int(i64::arbitrary(u)?),
            1 | 2 => Expr::SmallInt(i8::arbitrary(u)?),
            3 => Expr::Float(f64::arbitrary(u)?),
            4 => Expr::Str(text(u)?),
            5 => Expr::Bool(bool::arbitrary(u)?),
            6 => Expr::None,
            _ => Expr::Var(var(u)?),
        });
    }
    Ok(match u.int_in_range(0..=26)? {
        0 | 1 => Expr::Var(var(u)?),
        2 => Expr::List(list(u, 4, |u| expr(u, depth + 1))?),
        3 => Expr::Map(list(u, 3, |u| {
            Ok((expr(u, depth + 1)?, expr(u, depth + 1)?))
        })?),
        4 | 5 => Expr::Binary(BinOp::arbitrary(u)?, boxed(u, depth)?, boxed(u, depth)?),
        6 => Expr::Compare(CmpOp::arbitrary(u)?, boxed(u, depth)?, boxed(u, depth)?),
        7 => Expr::And(boxed(u, depth)?, boxed(u, depth)?),
        8 => Expr::Or(boxed(u, depth)?, boxed(u, depth)?),
        9 => Expr::Not(boxed(u, depth)?),
        10 => Expr::Neg(boxed(u, depth)?),
        11 => Expr::Cond(boxed(u, depth)?, boxed(u, depth)?, boxed(u, depth)?),
        12 => Expr::Index(boxed(u, depth)?, boxed(u, depth)?),
        13 => Expr::Slice(
            boxed(u, depth)?,
            maybe(u, depth)?,
            maybe(u, depth)?,
            maybe(u, depth)?,
        ),
        14 | 15 | 16 => Expr::Builtin(
            u.choose_index(BUILTINS.len())?,
            list(u, 3, |u| expr(u, depth + 1))?,
            list(u, 1, |u| {
                Ok((u.choose_index(KEYWORDS.len())?, expr(u, depth + 1)?))
            })?,
        ),
        17 | 18 => Expr::Method(
            boxed(u, depth)?,
            u.choose_index(METHODS.len())?,
            list(u, 2, |u| expr(u, depth + 1))?,
        ),
        19 => Expr::Attr(boxed(u, depth)?, u.choose_index(ATTRS.len())?),
        20 => Expr::CallDecl(
            u.int_in_range(0..=DECLS - 1)?,
            list(u, 3, |u| expr(u, depth + 1))?,
        ),
        21 | 22 => format_string(u, depth)?,
        23 => Expr::Await(boxed(u, depth)?),
        24 => Expr::Spawn(boxed(u, depth)?),
        25 => Expr::Sleep(u.int_in_range(0..=3)?),
        _ => Expr::Exception(Kind::arbitrary(u)?, boxed(u, depth)?),
    })
}

/// An f-string whose holes mostly format numbers, with specs assembled from parts.
fn format_string(u: &mut Unstructured<'_>, depth: u32) -> arbitrary::Result<Expr> {
    Ok(Expr::FString(list(u, 3, |u| {
        Ok(if u.ratio(1, 3)? {
            FPart::Text(text(u)?)
        } else {
            let spec = if u.ratio(3, 4)? {
                Some(Spec::arbitrary(u)?)
            } else {
                None
            };
            // Mostly numbers: the format-spec language is richest for them.
            let value = match u.int_in_range(0..=4)? {
                0 | 1 => Expr::Float(f64::arbitrary(u)?),
                2 => Expr::Int(i64::arbitrary(u)?),
                _ => expr(u, depth + 1)?,
            };
            FPart::Field(value, u.ratio(1, 6)?, spec)
        })
    })?))
}

/// What the body being printed is: it decides whether `await` and `yield` may appear.
#[derive(Clone, Copy, PartialEq)]
enum Body {
    Main,
    Fn,
    Task,
    Generator,
}

struct Printer<'p> {
    out: String,
    program: &'p Program,
    body: Body,
    /// How many loops enclose the statement being printed.
    loops: u32,
    indent: usize,
    /// Numbers hidden loop counters apart.
    counters: u32,
}

impl Program {
    /// The program as a script.
    pub fn to_source(&self) -> String {
        let mut p = Printer {
            out: String::new(),
            program: self,
            body: Body::Main,
            loops: 0,
            indent: 0,
            counters: 0,
        };
        for (i, decl) in self.decls.iter().enumerate() {
            p.decl(i, decl);
        }
        p.body = Body::Main;
        p.vars();
        // Each statement of the main body in a `try` of its own: an exception in one
        // (most programs raise somewhere) does not keep the rest from running.
        for stmt in &self.main {
            p.line("try {");
            p.indent += 1;
            p.stmt(stmt);
            p.indent -= 1;
            p.line("} catch e {");
            p.line("}");
        }
        p.out
    }
}

impl Printer<'_> {
    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn vars(&mut self) {
        for v in 0..VARS {
            self.line(&format!("let v{v} = {v}"));
        }
    }

    fn decl(&mut self, i: usize, decl: &Decl) {
        let (word, body) = match decl.kind {
            DeclKind::Fn => ("fn", Body::Fn),
            DeclKind::Task => ("task", Body::Task),
            DeclKind::Generator => ("task", Body::Generator),
        };
        let params: Vec<String> = (0..decl.params).map(|p| format!("p{p}")).collect();
        self.line(&format!("{word} d{i}({}) {{", params.join(", ")));
        self.indent += 1;
        self.body = body;
        self.vars();
        self.stmts(&decl.body);
        if body == Body::Generator {
            // A body that yields is a generator; make sure this one does.
            self.line("yield 0");
        }
        self.indent -= 1;
        self.line("}");
    }

    fn stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn block(&mut self, head: &str, body: &[Stmt]) {
        self.line(&format!("{head} {{"));
        self.indent += 1;
        self.stmts(body);
        self.indent -= 1;
        self.line("}");
    }

    fn awaits(&self) -> bool {
        matches!(self.body, Body::Main | Body::Task | Body::Generator)
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Let(v, e) => {
                let e = self.expr(e);
                self.line(&format!("v{v} = {e}"));
            }
            Stmt::Assign(v, e) => {
                let e = self.expr(e);
                self.line(&format!("v{v} = {e}"));
            }
            Stmt::Update(v, op, e) => {
                let e = self.expr(e);
                self.line(&format!("v{v} {}= {e}", binop(*op)));
            }
            Stmt::StoreIndex(v, i, e) => {
                let (i, e) = (self.expr(i), self.expr(e));
                self.line(&format!("v{v}[{i}] = {e}"));
            }
            Stmt::Print(args) => {
                let args: Vec<String> = args.iter().map(|a| self.expr(a)).collect();
                self.line(&format!("print({})", args.join(", ")));
            }
            Stmt::Expr(e) => {
                let e = self.expr(e);
                let n = self.next_counter();
                self.line(&format!("let _x{n} = {e}"));
            }
            Stmt::If(c, a, b) => {
                let c = self.expr(c);
                self.line(&format!("if {c} {{"));
                self.indent += 1;
                self.stmts(a);
                self.indent -= 1;
                self.line("} else {");
                self.indent += 1;
                self.stmts(b);
                self.indent -= 1;
                self.line("}");
            }
            Stmt::For(v, e, body) => {
                let e = self.expr(e);
                self.loops += 1;
                self.block(&format!("for v{v} in {e}"), body);
                self.loops -= 1;
            }
            Stmt::While(n, body) => {
                let c = self.next_counter();
                self.line(&format!("let _w{c} = 0"));
                self.loops += 1;
                self.line(&format!("while _w{c} < {n} {{"));
                self.indent += 1;
                self.line(&format!("_w{c} += 1"));
                self.stmts(body);
                self.indent -= 1;
                self.line("}");
                self.loops -= 1;
            }
            Stmt::Try(body, catch, finally) => {
                self.line("try {");
                self.indent += 1;
                self.stmts(body);
                self.indent -= 1;
                if let Some(c) = catch {
                    let kinds: Vec<&str> = c.kinds.iter().map(|k| kind(*k)).collect();
                    let head = match (kinds.len(), c.bind) {
                        (0, _) => "catch e".to_owned(),
                        (1, false) => format!("catch {}", kinds[0]),
                        (1, true) => format!("catch {} as e", kinds[0]),
                        (_, false) => format!("catch ({})", kinds.join(", ")),
                        (_, true) => format!("catch ({}) as e", kinds.join(", ")),
                    };
                    self.line(&format!("}} {head} {{"));
                    self.indent += 1;
                    self.stmts(&c.body);
                    self.indent -= 1;
                }
                if !finally.is_empty() || catch.is_none() {
                    self.line("} finally {");
                    self.indent += 1;
                    self.stmts(finally);
                    self.indent -= 1;
                }
                self.line("}");
            }
            Stmt::Return(e) => {
                if self.body == Body::Main {
                    return;
                }
                match (e, self.body) {
                    (Some(e), Body::Fn | Body::Task) => {
                        let e = self.expr(e);
                        self.line(&format!("return {e}"));
                    }
                    _ => self.line("return"),
                }
            }
            Stmt::Raise(k, e) => {
                let e = self.expr(e);
                self.line(&format!("raise {}(str({e}))", kind(*k)));
            }
            Stmt::Yield(e) => {
                if self.body == Body::Generator {
                    let e = self.expr(e);
                    self.line(&format!("yield {e}"));
                }
            }
            Stmt::Break if self.loops > 0 => self.line("break"),
            Stmt::Continue if self.loops > 0 => self.line("continue"),
            Stmt::Break | Stmt::Continue => {}
            Stmt::Assert(e) => {
                let e = self.expr(e);
                self.line(&format!("assert {e}, \"assertion\""));
            }
            Stmt::ForAwait(v, d, args, body) => {
                if !self.awaits() {
                    return;
                }
                let gen_index = self
                    .program
                    .decls
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| matches!(d.kind, DeclKind::Generator))
                    .map(|(i, _)| i)
                    .nth(*d % self.program.decls.len().max(1));
                let Some(i) = gen_index else {
                    return;
                };
                let call = self.call_decl(i, args);
                self.loops += 1;
                self.block(&format!("for await v{v} in {call}"), body);
                self.loops -= 1;
            }
        }
    }

    fn next_counter(&mut self) -> u32 {
        self.counters += 1;
        self.counters
    }

    /// A call of declaration `i` with exactly its parameters: missing ones are `none`,
    /// extra ones dropped, so the compiler's argument check passes.
    fn call_decl(&mut self, i: usize, args: &[Expr]) -> String {
        let params = self.program.decls[i].params as usize;
        let mut shown: Vec<String> = args.iter().take(params).map(|a| self.expr(a)).collect();
        while shown.len() < params {
            shown.push("none".to_owned());
        }
        format!("d{i}({})", shown.join(", "))
    }

    fn expr(&mut self, e: &Expr) -> String {
        match e {
            Expr::Int(n) if *n == i64::MIN => "(-9223372036854775807 - 1)".to_owned(),
            Expr::Int(n) if *n < 0 => format!("({n})"),
            Expr::Int(n) => n.to_string(),
            Expr::SmallInt(n) => format!("({n})"),
            Expr::Float(f) if f.is_finite() => format!("({f:?})"),
            Expr::Float(f) if f.is_nan() => "float(\"nan\")".to_owned(),
            Expr::Float(f) => format!("float(\"{f}\")"),
            Expr::Str(s) => string_literal(s),
            Expr::Bool(b) => b.to_string(),
            Expr::None => "none".to_owned(),
            Expr::Var(v) => format!("v{v}"),
            Expr::List(items) => {
                let items: Vec<String> = items.iter().map(|i| self.expr(i)).collect();
                format!("[{}]", items.join(", "))
            }
            Expr::Map(entries) => {
                let entries: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{}: {}", self.expr(k), self.expr(v)))
                    .collect();
                format!("{{{}}}", entries.join(", "))
            }
            Expr::Binary(op, a, b) => format!("({} {} {})", self.expr(a), binop(*op), self.expr(b)),
            Expr::Compare(op, a, b) => {
                format!("({} {} {})", self.expr(a), cmpop(*op), self.expr(b))
            }
            Expr::And(a, b) => format!("({} and {})", self.expr(a), self.expr(b)),
            Expr::Or(a, b) => format!("({} or {})", self.expr(a), self.expr(b)),
            Expr::Not(a) => format!("(not {})", self.expr(a)),
            Expr::Neg(a) => format!("(-{})", self.expr(a)),
            Expr::Cond(a, c, b) => {
                format!(
                    "({} if {} else {})",
                    self.expr(a),
                    self.expr(c),
                    self.expr(b)
                )
            }
            Expr::Index(a, i) => format!("{}[{}]", self.expr(a), self.expr(i)),
            Expr::Slice(a, lo, hi, step) => {
                let part = |p: &mut Self, e: &Option<Box<Expr>>| {
                    e.as_ref().map_or(String::new(), |e| p.expr(e))
                };
                let (a, lo, hi, step) = (
                    self.expr(a),
                    part(self, lo),
                    part(self, hi),
                    part(self, step),
                );
                format!("{a}[{lo}:{hi}:{step}]")
            }
            Expr::Builtin(i, args, kwargs) => {
                let mut shown: Vec<String> = args.iter().map(|a| self.expr(a)).collect();
                for (k, v) in kwargs {
                    let v = self.expr(v);
                    shown.push(format!("{}={v}", KEYWORDS[*k]));
                }
                let call = format!("{}({})", BUILTINS[*i], shown.join(", "));
                // Calling a coroutine builtin makes a coroutine: await it where that is
                // allowed, so it is not reported as never awaited.
                match BUILTINS[*i] {
                    "sleep" | "wait" | "wait_for" | "gather" if self.awaits() => {
                        format!("(await {call})")
                    }
                    _ => call,
                }
            }
            Expr::Method(r, m, args) => {
                // In parentheses: `1.count()` would read as the float `1.`.
                let r = self.expr(r);
                let args: Vec<String> = args.iter().map(|a| self.expr(a)).collect();
                format!("({r}).{}({})", METHODS[*m], args.join(", "))
            }
            Expr::Attr(r, a) => format!("({}).{}", self.expr(r), ATTRS[*a]),
            Expr::CallDecl(i, args) => {
                if self.program.decls.is_empty() {
                    return "none".to_owned();
                }
                let i = i % self.program.decls.len();
                let call = self.call_decl(i, args);
                match self.program.decls[i].kind {
                    DeclKind::Task if self.awaits() => format!("(await {call})"),
                    DeclKind::Task if self.body == Body::Fn => "none".to_owned(),
                    _ => call,
                }
            }
            Expr::FString(parts) => {
                let mut out = String::from("f\"");
                for part in parts {
                    match part {
                        FPart::Text(t) => {
                            for c in t.chars() {
                                match c {
                                    '{' => out.push_str("{{"),
                                    '}' => out.push_str("}}"),
                                    '"' => out.push_str("\\\""),
                                    '\\' => out.push_str("\\\\"),
                                    '\n' => out.push_str("\\n"),
                                    c if c.is_control() => {}
                                    c => out.push(c),
                                }
                            }
                        }
                        FPart::Field(e, repr, spec) => {
                            let e = self.expr(e);
                            let _ = write!(out, "{{({e})");
                            if *repr {
                                out.push_str("!r");
                            }
                            if let Some(spec) = spec {
                                out.push(':');
                                out.push_str(&spec_text(spec));
                            }
                            out.push('}');
                        }
                    }
                }
                out.push('"');
                out
            }
            Expr::Await(a) => {
                let a = self.expr(a);
                if self.awaits() {
                    format!("(await {a})")
                } else {
                    a
                }
            }
            Expr::Spawn(a) => {
                let a = self.expr(a);
                format!("(spawn {a})")
            }
            Expr::Sleep(n) => {
                if self.awaits() {
                    format!("(await sleep({n} / 100))")
                } else {
                    "none".to_owned()
                }
            }
            Expr::Exception(k, e) => format!("{}(str({}))", kind(*k), self.expr(e)),
        }
    }
}

fn spec_text(spec: &Spec) -> String {
    let mut out = String::new();
    if let Some(align) = spec.align {
        if let Some(fill) = spec
            .fill
            .filter(|c| !matches!(c, '{' | '}' | '"' | '\\') && !c.is_control())
        {
            out.push(fill);
        }
        out.push(['<', '>', '^', '='][align as usize % 4]);
    }
    if let Some(sign) = spec.sign {
        out.push(['+', '-', ' '][sign as usize % 3]);
    }
    if spec.z {
        out.push('z');
    }
    if spec.alternate {
        out.push('#');
    }
    if spec.zero {
        out.push('0');
    }
    let width = |w: &Width| match w {
        Width::Small(n) => n.to_string(),
        Width::Large(n) => n.to_string(),
    };
    if let Some(w) = &spec.width {
        out.push_str(&width(w));
    }
    if let Some(g) = spec.grouping {
        out.push([',', '_'][g as usize % 2]);
    }
    if let Some(p) = &spec.precision {
        out.push('.');
        out.push_str(&width(p));
    }
    if let Some(k) = spec.kind {
        out.push(TYPE_CODES[k as usize % TYPE_CODES.len()] as char);
    }
    out
}

fn string_literal(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn binop(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "**",
    }
}

fn cmpop(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::Ne => "!=",
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
        CmpOp::Is => "is",
    }
}

fn kind(k: Kind) -> &'static str {
    match k {
        Kind::Error => "Error",
        Kind::ValueError => "ValueError",
        Kind::TypeError => "TypeError",
        Kind::KeyError => "KeyError",
        Kind::IndexError => "IndexError",
        Kind::ZeroDivisionError => "ZeroDivisionError",
        Kind::OverflowError => "OverflowError",
        Kind::RuntimeError => "RuntimeError",
        Kind::TimeoutError => "TimeoutError",
        Kind::CancelledError => "CancelledError",
        Kind::MemoryError => "MemoryError",
        Kind::RecursionError => "RecursionError",
    }
}
