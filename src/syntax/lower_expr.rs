//! Lowering expressions: pest's flat operator sequence folded by its Pratt parser, with the
//! precedence of LANGUAGE.md (loosest first): `or`, `and`, `not`, comparisons, `+ -`,
//! `* / // %`, unary `-`, `**`, `await`/`spawn`, then calls, indexing and attributes.

use std::rc::Rc;
use std::sync::LazyLock;

use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};

use super::Rule;
use super::ast::*;
use super::error::ParseError;
use super::literal;
use super::lower::{Lower, kids, placeholder, unreachable_rule};

use super::span::Span;

/// How deep one expression's tree may be; deeper trees are refused before the compiler, which
/// recurses over them, could exhaust the stack.
pub const MAX_EXPR_DEPTH: u32 = 1000;
/// How many prefix operators and `**` (the right-recursive parts) one expression may hold.
const MAX_RECURSIVE_OPS: usize = 256;

static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::or_op, Assoc::Left))
        .op(Op::infix(Rule::and_op, Assoc::Left))
        .op(Op::prefix(Rule::not_op))
        .op(Op::infix(Rule::eq_op, Assoc::Left)
            | Op::infix(Rule::ne_op, Assoc::Left)
            | Op::infix(Rule::lt_op, Assoc::Left)
            | Op::infix(Rule::le_op, Assoc::Left)
            | Op::infix(Rule::gt_op, Assoc::Left)
            | Op::infix(Rule::ge_op, Assoc::Left)
            | Op::infix(Rule::in_op, Assoc::Left)
            | Op::infix(Rule::not_in_op, Assoc::Left)
            | Op::infix(Rule::is_op, Assoc::Left)
            | Op::infix(Rule::is_not_op, Assoc::Left))
        .op(Op::infix(Rule::bitor_op, Assoc::Left))
        .op(Op::infix(Rule::bitxor_op, Assoc::Left))
        .op(Op::infix(Rule::bitand_op, Assoc::Left))
        .op(Op::infix(Rule::shl_op, Assoc::Left) | Op::infix(Rule::shr_op, Assoc::Left))
        .op(Op::infix(Rule::add_op, Assoc::Left) | Op::infix(Rule::sub_op, Assoc::Left))
        .op(Op::infix(Rule::mul_op, Assoc::Left)
            | Op::infix(Rule::div_op, Assoc::Left)
            | Op::infix(Rule::floordiv_op, Assoc::Left)
            | Op::infix(Rule::mod_op, Assoc::Left))
        .op(Op::prefix(Rule::neg) | Op::prefix(Rule::pos) | Op::prefix(Rule::invert))
        .op(Op::infix(Rule::pow_op, Assoc::Right))
        .op(Op::prefix(Rule::await_op) | Op::prefix(Rule::spawn_op))
        .op(Op::postfix(Rule::call) | Op::postfix(Rule::index) | Op::postfix(Rule::attr))
});

/// An expression on its way up the fold: its depth, and whether it was written in
/// parentheses (which stops `(a < b) < c` from chaining).
struct Node {
    expr: Expr,
    depth: u32,
    parenthesized: bool,
}

impl Node {
    fn new(kind: ExprKind, span: Span, depth: u32) -> Node {
        Node {
            expr: Expr { kind, span },
            depth,
            parenthesized: false,
        }
    }
}

impl Lower {
    pub fn expr(&self, pair: Pair<'_, Rule>) -> Expr {
        self.expr_node(pair).expr
    }

    /// Refuses a node deeper than `MAX_EXPR_DEPTH` as it is built, so no tree ever gets
    /// deep enough for the compiler (or dropping the tree) to exhaust the stack.
    fn guard(&self, node: Node) -> Node {
        if node.depth <= MAX_EXPR_DEPTH {
            return node;
        }
        let span = node.expr.span;
        if !self.too_complex.replace(true) {
            self.error(ParseError::TooComplex {
                limit: MAX_EXPR_DEPTH as usize,
                at: Span::new(span.start as usize, span.start as usize + 1).into(),
            });
        }
        Node::new(ExprKind::None, span, 1)
    }

    /// An `expr`: an operator expression, or `then if cond else otherwise`.
    fn expr_node(&self, pair: Pair<'_, Rule>) -> Node {
        if pair.as_rule() == Rule::op_expr {
            return self.op_expr_node(pair);
        }
        let span = self.span(&pair);
        let mut parts = kids(pair);
        let Some(first) = parts.next() else {
            return Node::new(ExprKind::None, span, 1);
        };
        let then = self.op_expr_node(first);
        let (Some(cond), Some(otherwise)) = (parts.next(), parts.next()) else {
            return then;
        };
        let (cond, otherwise) = (self.op_expr_node(cond), self.expr_node(otherwise));
        let depth = then.depth.max(cond.depth).max(otherwise.depth) + 1;
        let kind = ExprKind::IfElse {
            cond: Box::new(cond.expr),
            then: Box::new(then.expr),
            otherwise: Box::new(otherwise.expr),
        };
        self.guard(Node::new(kind, span, depth))
    }

    /// An operator expression, folded by the Pratt parser.
    fn op_expr_node(&self, pair: Pair<'_, Rule>) -> Node {
        let span = self.span(&pair);
        let recursive = pair
            .clone()
            .into_inner()
            .filter(|p| {
                matches!(
                    p.as_rule(),
                    Rule::neg
                        | Rule::pos
                        | Rule::invert
                        | Rule::not_op
                        | Rule::await_op
                        | Rule::spawn_op
                        | Rule::pow_op
                )
            })
            .count();
        if recursive > MAX_RECURSIVE_OPS {
            self.error(ParseError::TooComplex {
                limit: MAX_RECURSIVE_OPS,
                at: Span::new(span.start as usize, span.start as usize + 1).into(),
            });
            return Node::new(ExprKind::None, span, 1);
        }
        // `-9223372036854775808` is the smallest integer, though its digits alone are too
        // large: fold the minus into the literal (unless `**` follows, which binds tighter).
        let pairs: Vec<Pair<'_, Rule>> = pair.into_inner().collect();
        let mut kept = Vec::with_capacity(pairs.len());
        let mut i = 0;
        while i < pairs.len() {
            let folds = pairs[i].as_rule() == Rule::neg
                && pairs
                    .get(i + 1)
                    .is_some_and(|p| p.as_rule() == Rule::int && literal::is_two_to_63(p.as_str()))
                && pairs.get(i + 2).is_none_or(|p| p.as_rule() != Rule::pow_op);
            if folds {
                self.negated_min
                    .borrow_mut()
                    .push(pairs[i + 1].as_span().start() + self.offset);
                i += 1;
                continue;
            }
            kept.push(pairs[i].clone());
            i += 1;
        }
        PRATT
            .map_primary(|p| self.primary(p))
            .map_prefix(|op, rhs| self.guard(self.prefix(op, rhs)))
            .map_postfix(|lhs, op| self.guard(self.postfix(lhs, op)))
            .map_infix(|lhs, op, rhs| self.guard(self.infix(lhs, op, rhs)))
            .parse(kept.into_iter())
    }

    fn primary(&self, pair: Pair<'_, Rule>) -> Node {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::int => match literal::parse_int(pair.as_str()) {
                Some(n) => ExprKind::Int(n),
                None if self.negated_min.borrow().contains(&(span.start as usize)) => {
                    ExprKind::Int(i64::MIN)
                }
                None => {
                    self.error(ParseError::IntTooLarge { at: span.into() });
                    ExprKind::Int(0)
                }
            },
            Rule::float => ExprKind::Float(literal::parse_float(pair.as_str())),
            Rule::string => ExprKind::Str(self.string(&pair)),
            Rule::fstring => return self.fstring(pair),
            Rule::true_lit => ExprKind::Bool(true),
            Rule::false_lit => ExprKind::Bool(false),
            Rule::none_lit => ExprKind::None,
            Rule::ident => ExprKind::Name(pair.as_str().into()),
            Rule::list => {
                let mut nodes = Vec::new();
                let mut comp = None;
                for p in pair.into_inner() {
                    match p.as_rule() {
                        Rule::comp => comp = Some(p),
                        _ => nodes.push(self.expr_node(p)),
                    }
                }
                let depth = max_depth(&nodes) + 1;
                if let Some(comp) = comp {
                    let elem = nodes.pop().map_or_else(|| placeholder(span), |n| n.expr);
                    return self.comprehension(CompKind::List, elem, None, comp, span, depth);
                }
                return Node::new(
                    ExprKind::List(nodes.into_iter().map(|n| n.expr).collect()),
                    span,
                    depth,
                );
            }
            Rule::map => return self.braces(pair, span),
            Rule::paren => {
                let mut inner = pair.into_inner();
                let Some(first) = inner.next() else {
                    return Node::new(ExprKind::Tuple(Vec::new()), span, 1);
                };
                let mut node = self.expr_node(first);
                if let Some(tail) = inner.next() {
                    let mut nodes = vec![node];
                    nodes.extend(tail.into_inner().map(|p| self.expr_node(p)));
                    let depth = max_depth(&nodes) + 1;
                    let items = nodes.into_iter().map(|n| n.expr).collect();
                    return self.guard(Node::new(ExprKind::Tuple(items), span, depth));
                }
                node.parenthesized = true;
                return node;
            }
            Rule::lambda => return self.lambda(pair, span),
            Rule::spawn_call => return self.spawn_call(pair, span),
            rule => unreachable_rule(rule),
        };
        Node::new(kind, span, 1)
    }

    fn prefix(&self, op: Pair<'_, Rule>, rhs: Node) -> Node {
        let span = self.span(&op).to(rhs.expr.span);
        let depth = rhs.depth + 1;
        let operand = Box::new(rhs.expr);
        let kind = match op.as_rule() {
            Rule::neg => ExprKind::Unary {
                op: UnaryOp::Neg,
                operand,
            },
            Rule::pos => ExprKind::Unary {
                op: UnaryOp::Pos,
                operand,
            },
            Rule::invert => ExprKind::Unary {
                op: UnaryOp::Invert,
                operand,
            },
            Rule::not_op => ExprKind::Not(operand),
            Rule::await_op => ExprKind::Await(operand),
            Rule::spawn_op => ExprKind::Spawn {
                target: operand,
                options: Vec::new(),
            },
            rule => unreachable_rule(rule),
        };
        Node::new(kind, span, depth)
    }

    fn postfix(&self, lhs: Node, op: Pair<'_, Rule>) -> Node {
        let span = lhs.expr.span.to(self.span(&op));
        let mut depth = lhs.depth + 1;
        let object = Box::new(lhs.expr);
        let kind = match op.as_rule() {
            Rule::call => {
                let (args, args_depth) = self.args(op.into_inner());
                depth = depth.max(args_depth + 1);
                ExprKind::Call {
                    callee: object,
                    args,
                }
            }
            Rule::index => {
                let Some(inner) = op.into_inner().next() else {
                    return Node::new(ExprKind::None, span, depth);
                };
                if inner.as_rule() == Rule::slice {
                    let (mut lo, mut hi, mut step) = (None, None, None);
                    for part in inner.into_inner() {
                        let rule = part.as_rule();
                        let Some(e) = part.into_inner().next() else {
                            continue;
                        };
                        let node = self.expr_node(e);
                        depth = depth.max(node.depth + 1);
                        let slot = match rule {
                            Rule::slice_lo => &mut lo,
                            Rule::slice_hi => &mut hi,
                            _ => &mut step,
                        };
                        *slot = Some(Box::new(node.expr));
                    }
                    ExprKind::Slice {
                        object,
                        lo,
                        hi,
                        step,
                    }
                } else {
                    let index = self.expr_node(inner);
                    depth = depth.max(index.depth + 1);
                    ExprKind::Index {
                        object,
                        index: Box::new(index.expr),
                    }
                }
            }
            Rule::attr => {
                let Some(name) = op.into_inner().next() else {
                    return Node::new(ExprKind::None, span, depth);
                };
                ExprKind::Attr {
                    object,
                    name: self.ident(name),
                }
            }
            rule => unreachable_rule(rule),
        };
        Node::new(kind, span, depth)
    }

    fn infix(&self, lhs: Node, op: Pair<'_, Rule>, rhs: Node) -> Node {
        let span = lhs.expr.span.to(rhs.expr.span);
        let depth = lhs.depth.max(rhs.depth) + 1;
        let arith = match op.as_rule() {
            Rule::add_op => Some(BinOp::Add),
            Rule::sub_op => Some(BinOp::Sub),
            Rule::mul_op => Some(BinOp::Mul),
            Rule::div_op => Some(BinOp::Div),
            Rule::floordiv_op => Some(BinOp::FloorDiv),
            Rule::mod_op => Some(BinOp::Mod),
            Rule::pow_op => Some(BinOp::Pow),
            Rule::bitand_op => Some(BinOp::BitAnd),
            Rule::bitor_op => Some(BinOp::BitOr),
            Rule::bitxor_op => Some(BinOp::BitXor),
            Rule::shl_op => Some(BinOp::Shl),
            Rule::shr_op => Some(BinOp::Shr),
            _ => None,
        };
        if let Some(op) = arith {
            let kind = ExprKind::Binary {
                op,
                lhs: Box::new(lhs.expr),
                rhs: Box::new(rhs.expr),
            };
            return Node::new(kind, span, depth);
        }
        let cmp = match op.as_rule() {
            Rule::and_op | Rule::or_op => {
                let kind = ExprKind::Logic {
                    is_and: op.as_rule() == Rule::and_op,
                    lhs: Box::new(lhs.expr),
                    rhs: Box::new(rhs.expr),
                };
                return Node::new(kind, span, depth);
            }
            Rule::eq_op => CmpOp::Eq,
            Rule::ne_op => CmpOp::Ne,
            Rule::lt_op => CmpOp::Lt,
            Rule::le_op => CmpOp::Le,
            Rule::gt_op => CmpOp::Gt,
            Rule::ge_op => CmpOp::Ge,
            Rule::in_op => CmpOp::In,
            Rule::not_in_op => CmpOp::NotIn,
            Rule::is_op => CmpOp::Is,
            Rule::is_not_op => CmpOp::IsNot,
            rule => unreachable_rule(rule),
        };
        // `a < b < c` arrives as `(a < b) < c`: extend the chain unless the left side was
        // written in parentheses.
        if !lhs.parenthesized
            && let ExprKind::Compare { first, mut rest } = lhs.expr.kind
        {
            rest.push((cmp, rhs.expr));
            return Node::new(ExprKind::Compare { first, rest }, span, depth);
        }
        let kind = ExprKind::Compare {
            first: Box::new(lhs.expr),
            rest: vec![(cmp, rhs.expr)],
        };
        Node::new(kind, span, depth)
    }

    /// Lowers call arguments; returns them with the deepest argument's depth.
    fn args<'i>(&self, pairs: impl Iterator<Item = Pair<'i, Rule>>) -> (Vec<Arg>, u32) {
        let mut args = Vec::new();
        let mut depth = 0;
        let mut seen_keyword = false;
        for arg in pairs {
            let span = self.span(&arg);
            let Some(inner) = arg.into_inner().next() else {
                continue;
            };
            let mut spread_map = false;
            let (name, spread, value_pair) = match inner.as_rule() {
                Rule::kwarg => {
                    let mut kv = inner.into_inner();
                    let (Some(k), Some(v)) = (kv.next(), kv.next()) else {
                        continue;
                    };
                    (Some(self.ident(k)), false, v)
                }
                Rule::spread => {
                    let Some(v) = inner.into_inner().next() else {
                        continue;
                    };
                    (None, true, v)
                }
                Rule::spread_map => {
                    let Some(v) = inner.into_inner().next() else {
                        continue;
                    };
                    spread_map = true;
                    (None, false, v)
                }
                _ => (None, false, inner),
            };
            if name.is_some() || spread_map {
                seen_keyword = true;
            } else if seen_keyword {
                self.error(ParseError::Syntax {
                    message: "a positional argument cannot follow a keyword argument".to_owned(),
                    at: span.into(),
                    label: "positional argument after `name = value`".to_owned(),
                    help: Some("put positional arguments first".to_owned()),
                });
            }
            let node = self.expr_node(value_pair);
            depth = depth.max(node.depth);
            args.push(Arg {
                name,
                spread,
                spread_map,
                value: node.expr,
            });
        }
        (args, depth)
    }

    fn spawn_call(&self, pair: Pair<'_, Rule>, span: Span) -> Node {
        let (mut args, depth) = self.args(kids(pair));
        let target = if args.first().is_some_and(|a| a.name.is_none() && !a.spread) {
            args.remove(0).value
        } else {
            self.error(ParseError::Syntax {
                message: "`spawn(...)` takes the coroutine to run first".to_owned(),
                at: span.into(),
                label: "no coroutine given".to_owned(),
                help: Some("write `spawn(work(), name = \"worker\")`".to_owned()),
            });
            placeholder(span)
        };
        for extra in &args {
            if extra.name.is_none() {
                self.error(ParseError::Syntax {
                    message: "`spawn(...)` takes one coroutine; the rest must be options like `name = \"x\"`"
                        .to_owned(),
                    at: extra.value.span.into(),
                    label: "extra argument".to_owned(),
                    help: None,
                });
            }
        }
        Node::new(
            ExprKind::Spawn {
                target: Box::new(target),
                options: args,
            },
            span,
            depth + 1,
        )
    }

    /// Decodes a `string` token; its span includes the quotes.
    fn string(&self, pair: &Pair<'_, Rule>) -> Rc<str> {
        let text = pair.as_str();
        let quotes = if text.starts_with("\"\"\"") || text.starts_with("'''") {
            3
        } else {
            1
        };
        let body = &text[quotes..text.len() - quotes];
        let body_start = self.span(pair).start as usize + quotes;
        self.decode(body, body_start, false)
    }

    fn decode(&self, body: &str, body_start: usize, braces: bool) -> Rc<str> {
        match literal::unescape(body, braces) {
            Ok(s) => s.into(),
            Err(bad) => {
                let at = Span::new(body_start + bad.start, body_start + bad.end).into();
                self.error(match bad.truncated {
                    Some(form) => ParseError::TruncatedEscape {
                        escape: bad.text,
                        form,
                        at,
                    },
                    None => ParseError::BadEscape {
                        escape: bad.text,
                        at,
                    },
                });
                "".into()
            }
        }
    }

    fn fstring(&self, pair: Pair<'_, Rule>) -> Node {
        let span = self.span(&pair);
        let mut parts = Vec::new();
        let mut depth = 0;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::fs_text_dq | Rule::fs_text_sq => {
                    let start = self.span(&part).start as usize;
                    parts.push(FPart::Text(self.decode(part.as_str(), start, true)));
                }
                Rule::fs_expr => {
                    let mut expr = None;
                    let mut repr = false;
                    let mut spec = None;
                    for p in part.into_inner() {
                        match p.as_rule() {
                            Rule::expr => {
                                let node = self.expr_node(p);
                                depth = depth.max(node.depth);
                                expr = Some(node.expr);
                            }
                            Rule::fs_conv => repr = p.as_str() == "!r",
                            Rule::fs_spec => {
                                let mut parts = Vec::new();
                                for piece in p.into_inner() {
                                    match piece.as_rule() {
                                        Rule::fs_spec_text => {
                                            parts.push(SpecPart::Text(Rc::from(piece.as_str())))
                                        }
                                        _ => {
                                            let Some(e) = piece.into_inner().next() else {
                                                continue;
                                            };
                                            let node = self.expr_node(e);
                                            depth = depth.max(node.depth);
                                            parts.push(SpecPart::Field(node.expr));
                                        }
                                    }
                                }
                                spec = Some(parts);
                            }
                            rule => unreachable_rule(rule),
                        }
                    }
                    if let Some(expr) = expr {
                        parts.push(FPart::Hole { expr, repr, spec });
                    }
                }
                rule => unreachable_rule(rule),
            }
        }
        self.guard(Node::new(ExprKind::FStr(parts), span, depth + 1))
    }
}

impl Lower {
    /// `{...}`: a map, a set, or a comprehension of either. `{}` is an empty map.
    fn braces(&self, pair: Pair<'_, Rule>, span: Span) -> Node {
        let mut depth = 0;
        let mut entries = Vec::new();
        let mut comp = None;
        for entry in pair.into_inner() {
            if entry.as_rule() == Rule::comp {
                comp = Some(entry);
                continue;
            }
            let mut kv = entry.into_inner();
            let Some(k) = kv.next() else { continue };
            let k = self.expr_node(k);
            depth = depth.max(k.depth);
            let v = kv.next().map(|v| self.expr_node(v));
            if let Some(v) = &v {
                depth = depth.max(v.depth);
            }
            entries.push((k.expr, v.map(|v| v.expr)));
        }
        let is_map = entries.first().is_none_or(|(_, v)| v.is_some());
        if entries.iter().any(|(_, v)| v.is_some() != is_map) {
            let at = entries
                .iter()
                .find(|(_, v)| v.is_some() != is_map)
                .map_or(span, |(k, _)| k.span);
            self.error(ParseError::Syntax {
                message: "a map's entries are `key: value`, a set's are values, and one `{ }` cannot mix them".to_owned(),
                at: at.into(),
                label: if is_map { "no `: value`" } else { "a `key: value` in a set" }.to_owned(),
                help: None,
            });
        }
        if let Some(comp) = comp {
            let (k, v) = entries.pop().unwrap_or_else(|| (placeholder(span), None));
            let kind = if v.is_some() {
                CompKind::Map
            } else {
                CompKind::Set
            };
            return self.comprehension(kind, k, v, comp, span, depth + 1);
        }
        let kind = if is_map {
            ExprKind::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, v.unwrap_or_else(|| placeholder(span))))
                    .collect(),
            )
        } else {
            ExprKind::Set(entries.into_iter().map(|(k, _)| k).collect())
        };
        self.guard(Node::new(kind, span, depth + 1))
    }

    fn comprehension(
        &self,
        kind: CompKind,
        elem: Expr,
        value: Option<Expr>,
        comp: Pair<'_, Rule>,
        span: Span,
        depth: u32,
    ) -> Node {
        let mut depth = depth;
        let mut clauses = Vec::new();
        for clause in comp.into_inner() {
            match clause.as_rule() {
                Rule::comp_for => {
                    let mut is_await = false;
                    let mut names = Vec::new();
                    let mut iter = None;
                    for p in kids(clause) {
                        match p.as_rule() {
                            Rule::await_kw => is_await = true,
                            Rule::ident => names.push(self.ident(p)),
                            _ => {
                                let node = self.expr_node(p);
                                depth = depth.max(node.depth + 1);
                                iter = Some(node.expr);
                            }
                        }
                    }
                    clauses.push(CompClause::For {
                        is_await,
                        names,
                        iter: iter.unwrap_or_else(|| placeholder(span)),
                    });
                }
                _ => {
                    let Some(cond) = kids(clause).next() else {
                        continue;
                    };
                    let node = self.expr_node(cond);
                    depth = depth.max(node.depth + 1);
                    clauses.push(CompClause::If(node.expr));
                }
            }
        }
        let kind = ExprKind::Comp {
            kind,
            elem: Box::new(elem),
            value: value.map(Box::new),
            clauses,
        };
        self.guard(Node::new(kind, span, depth))
    }

    /// `fn(x) => e`, `fn(x) { }` or `task(x) { }`.
    fn lambda(&self, pair: Pair<'_, Rule>, span: Span) -> Node {
        let is_task = pair.as_str().starts_with("task");
        let mut inner = kids(pair);
        let (Some(params), Some(body)) = (inner.next(), inner.next()) else {
            return Node::new(ExprKind::None, span, 1);
        };
        let head_span = Span {
            start: span.start,
            end: self.span(&params).end,
        };
        let params: Vec<Param> = kids(params).map(|p| self.param(p)).collect();
        let body = if body.as_rule() == Rule::block {
            self.block(body)
        } else {
            let expr = self.expr(body);
            let at = expr.span;
            Block {
                stmts: vec![Stmt {
                    kind: StmtKind::Return(Some(expr)),
                    span: at,
                }],
                span: at,
            }
        };
        let decl = FnDecl {
            is_task,
            name: Ident {
                name: "<lambda>".into(),
                span: head_span,
            },
            params,
            body,
            head_span,
        };
        Node::new(ExprKind::Lambda(Rc::new(decl)), span, 2)
    }
}

fn max_depth(nodes: &[Node]) -> u32 {
    nodes.iter().map(|n| n.depth).max().unwrap_or(0)
}
