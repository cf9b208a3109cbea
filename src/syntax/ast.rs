//! The typed syntax tree. Every node carries the byte span of the text it came from.
//!
//! The tree says what the script wrote and nothing more: names are not resolved and nothing
//! is checked here beyond what the grammar guarantees. `compile` does both.

use std::rc::Rc;

use super::span::Span;

pub type Name = Rc<str>;

/// A name as written, with where it was written.
#[derive(Clone, Debug)]
pub struct Ident {
    pub name: Name,
    pub span: Span,
}

/// A whole script: its top-level statements, declarations among them.
#[derive(Debug, Default)]
pub struct Script {
    pub body: Vec<Stmt>,
}

#[derive(Debug)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    /// From `{` to `}`.
    pub span: Span,
}

#[derive(Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Debug)]
pub enum StmtKind {
    /// `fn name(params) { }` or `task name(params) { }`.
    Decl(Rc<FnDecl>),
    /// `let a = e`, `let a, b = e`, `let a`.
    Let {
        names: Vec<Ident>,
        value: Option<Expr>,
    },
    /// `a = e`, `xs[i] = e`, `a, b = e`.
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    /// `a += e` and the other updates.
    Update {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    Expr(Expr),
    If {
        branches: Vec<(Expr, Block)>,
        otherwise: Option<Block>,
    },
    While {
        cond: Expr,
        body: Block,
    },
    For {
        is_await: bool,
        names: Vec<Ident>,
        iter: Expr,
        body: Block,
    },
    Break,
    Continue,
    Return(Option<Expr>),
    Raise(Option<Expr>),
    Assert {
        cond: Expr,
        message: Option<Expr>,
    },
    Yield(Option<Expr>),
    Try {
        body: Block,
        catches: Vec<Catch>,
        finally: Option<Block>,
    },
    /// `async with manager as name { }`.
    AsyncWith {
        manager: Expr,
        name: Option<Ident>,
        body: Block,
    },
}

/// A `fn` or `task` declaration.
#[derive(Debug)]
pub struct FnDecl {
    pub is_task: bool,
    pub name: Ident,
    pub params: Vec<Param>,
    pub body: Block,
    /// From the keyword to the closing `)` of the parameters: what a report points at.
    pub head_span: Span,
}

#[derive(Debug)]
pub struct Param {
    pub name: Ident,
    pub default: Option<Expr>,
    pub kind: ParamKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    Plain,
    /// `*rest`
    Rest,
    /// `**options`
    Options,
}

/// One `catch` clause. `catch e { }` catches every `Error` and binds it; `catch ValueError
/// { }` filters by kind without binding; `catch (A, B) as e { }` does both.
#[derive(Debug)]
pub struct Catch {
    /// The kinds written, or empty for "every `Error`". Which names are kinds and which is a
    /// binding (`catch e`) is decided in `compile`, where names are resolved.
    pub kinds: Vec<Ident>,
    pub binding: Option<Ident>,
    pub body: Block,
    pub span: Span,
}

#[derive(Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug)]
pub enum ExprKind {
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    FStr(Vec<FPart>),
    Bool(bool),
    None,
    Name(Name),
    List(Vec<Expr>),
    Map(Vec<(Expr, Expr)>),
    Tuple(Vec<Expr>),
    Set(Vec<Expr>),
    /// `[e for x in xs if c]`, `{e for ...}`, `{k: v for ...}`.
    Comp {
        kind: CompKind,
        elem: Box<Expr>,
        /// A map comprehension's value (`elem` is the key).
        value: Option<Box<Expr>>,
        clauses: Vec<CompClause>,
    },
    /// `fn(x) => e`, `fn(x) { }`, `task(x) { }`: a declaration with no name.
    Lambda(Rc<FnDecl>),
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `a and b`, `a or b`: the right side runs only when needed.
    Logic {
        is_and: bool,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Not(Box<Expr>),
    /// `then if cond else otherwise`.
    IfElse {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
    /// `a < b <= c`: Python's chained comparison, each operand evaluated once.
    Compare {
        first: Box<Expr>,
        rest: Vec<(CmpOp, Expr)>,
    },
    Call {
        callee: Box<Expr>,
        args: Vec<Arg>,
    },
    Index {
        object: Box<Expr>,
        index: Box<Expr>,
    },
    Slice {
        object: Box<Expr>,
        lo: Option<Box<Expr>>,
        hi: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
    Attr {
        object: Box<Expr>,
        name: Ident,
    },
    Await(Box<Expr>),
    /// `spawn e` or `spawn(e, name = n)`.
    Spawn {
        target: Box<Expr>,
        options: Vec<Arg>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompKind {
    List,
    Set,
    Map,
}

/// One `for` or `if` clause of a comprehension.
#[derive(Debug)]
pub enum CompClause {
    For {
        is_await: bool,
        names: Vec<Ident>,
        iter: Expr,
    },
    If(Expr),
}

#[derive(Debug)]
pub enum FPart {
    Text(Rc<str>),
    Hole {
        expr: Expr,
        repr: bool,
        spec: Option<Vec<SpecPart>>,
    },
}

/// A piece of an f-string hole's format spec: text, or a field (`{width}`) of its own.
#[derive(Debug)]
pub enum SpecPart {
    Text(Rc<str>),
    Field(Expr),
}

#[derive(Debug)]
pub struct Arg {
    /// `name = value` for a keyword argument.
    pub name: Option<Ident>,
    /// `*xs`: the list's items as separate arguments.
    pub spread: bool,
    /// `**m`: the map's entries as keyword arguments.
    pub spread_map: bool,
    pub value: Expr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
    Is,
    IsNot,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
        }
    }
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
        }
    }
}
