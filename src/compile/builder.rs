//! Assembling one code object: instructions with their spans, constant and call-site tables,
//! jump patching.

use std::sync::Arc;

use crate::syntax::Span;
use crate::vm::ExcKind;
use crate::vm::{CallSite, CodeBody, CodeKind, Const, FormatSpec, Op, Source, Sym};

#[derive(Default)]
pub struct Builder {
    pub ops: Vec<Op>,
    /// Instruction indexes some jump lands on: two instructions around one may not be
    /// fused into one.
    labels: std::collections::HashSet<u32>,
    pub spans: Vec<Span>,
    consts: Vec<Const>,
    sites: Vec<CallSite>,
    syms: Vec<Sym>,
    catch_kinds: Vec<Box<[ExcKind]>>,
    formats: Vec<FormatSpec>,
}

/// A jump whose target is not known yet.
#[must_use]
pub struct Hole(usize);

impl Builder {
    pub fn emit(&mut self, op: Op, span: Span) -> usize {
        if let Some(at) = self.fuse(op, span) {
            return at;
        }
        self.ops.push(op);
        self.spans.push(span);
        self.ops.len() - 1
    }

    /// Fuses `op` with the instructions before it into one superinstruction, for the
    /// shapes plain calls and loops are made of (`n - 1`, `return n`). Returns where the
    /// fused instruction is, or `None` to emit `op` as it is. Nothing is fused across a
    /// jump target, and the fused instruction takes `op`'s span: the part that can fail.
    fn fuse(&mut self, op: Op, span: Span) -> Option<usize> {
        let n = self.ops.len();
        if self.labels.contains(&(n as u32)) {
            return None;
        }
        let fused = match (op, self.ops.as_slice()) {
            (Op::Binary(bop), [.., Op::LoadLocal(a), Op::SmallInt(k)])
                if !self.labels.contains(&(n as u32 - 1)) =>
            {
                let a = u16::try_from(*a).ok()?;
                (2, Op::BinaryLocalInt(bop, a, *k))
            }
            (Op::Return, [.., Op::LoadLocal(a)]) => (1, Op::ReturnLocal(*a)),
            _ => return None,
        };
        let (replaced, op) = fused;
        let at = n - replaced;
        self.ops.truncate(at);
        self.spans.truncate(at);
        self.ops.push(op);
        self.spans.push(span);
        Some(at)
    }

    /// The index the next instruction will have.
    pub fn here(&self) -> u32 {
        self.ops.len() as u32
    }

    /// The index the next instruction will have, as the target of a jump back to it
    /// (a loop's start), so that nothing is fused into the instruction before it.
    pub fn label_here(&mut self) -> u32 {
        let here = self.here();
        self.labels.insert(here);
        here
    }

    /// Emits a jump-like instruction whose target is patched later. A `JumpIfFalse` right
    /// after a `Compare` becomes one `CompareJumpIfFalse`, unless a jump lands between.
    pub fn emit_hole(&mut self, make: fn(u32) -> Op, span: Span) -> Hole {
        let op = make(u32::MAX);
        if let (Op::JumpIfFalse(_), Some(&Op::Compare(cmp))) = (op, self.ops.last())
            && !self.labels.contains(&self.here())
        {
            let at = self.ops.len() - 1;
            // `x < 2`: the constant operand goes into the instruction too.
            if let Some(&Op::SmallInt(k)) = at.checked_sub(1).and_then(|i| self.ops.get(i))
                && let Ok(k) = i16::try_from(k)
                && !self.labels.contains(&(at as u32))
            {
                let compare_span = self.spans[at];
                // `n < 2`: and the local too, when it and the constant fit.
                if let Some(&Op::LoadLocal(local)) = at.checked_sub(2).and_then(|i| self.ops.get(i))
                    && let (Ok(local), Ok(k)) = (u8::try_from(local), i8::try_from(k))
                    && !self.labels.contains(&(at as u32 - 1))
                {
                    self.ops.truncate(at - 1);
                    self.spans.truncate(at - 1);
                    self.spans[at - 2] = compare_span;
                    self.ops[at - 2] = Op::CompareLocalIntJumpIfFalse(cmp, local, k, u32::MAX);
                    return Hole(at - 2);
                }
                self.ops.truncate(at);
                self.spans.truncate(at);
                self.spans[at - 1] = compare_span;
                self.ops[at - 1] = Op::CompareIntJumpIfFalse(cmp, k, u32::MAX);
                return Hole(at - 1);
            }
            self.ops[at] = Op::CompareJumpIfFalse(cmp, u32::MAX);
            return Hole(at);
        }
        Hole(self.emit(op, span))
    }

    /// Points a jump at the next instruction.
    pub fn patch_here(&mut self, hole: Hole) {
        let target = self.here();
        self.patch(hole, target);
    }

    pub fn patch(&mut self, hole: Hole, target: u32) {
        self.labels.insert(target);
        let op = &mut self.ops[hole.0];
        *op = match *op {
            Op::Jump(_) => Op::Jump(target),
            Op::JumpIfFalse(_) => Op::JumpIfFalse(target),
            Op::CompareJumpIfFalse(cmp, _) => Op::CompareJumpIfFalse(cmp, target),
            Op::CompareIntJumpIfFalse(cmp, k, _) => Op::CompareIntJumpIfFalse(cmp, k, target),
            Op::CompareLocalIntJumpIfFalse(cmp, local, k, _) => {
                Op::CompareLocalIntJumpIfFalse(cmp, local, k, target)
            }
            Op::JumpIfFalseOrPop(_) => Op::JumpIfFalseOrPop(target),
            Op::JumpIfTrueOrPop(_) => Op::JumpIfTrueOrPop(target),
            Op::JumpIfBound(local, _) => Op::JumpIfBound(local, target),
            Op::ForIter(_) => Op::ForIter(target),
            Op::ForAwait(_) => Op::ForAwait(target),
            Op::PushHandler(_) => Op::PushHandler(target),
            other => other,
        };
    }

    pub fn constant(&mut self, value: Const) -> u32 {
        self.consts.push(value);
        (self.consts.len() - 1) as u32
    }

    pub fn site(&mut self, site: CallSite) -> u32 {
        self.sites.push(site);
        (self.sites.len() - 1) as u32
    }

    pub fn sym(&mut self, name: &str) -> u32 {
        if let Some(i) = self.syms.iter().position(|s| &*s.name == name) {
            return i as u32;
        }
        self.syms.push(Sym {
            name: Arc::from(name),
            method: crate::builtins::Method::from_name(name),
        });
        (self.syms.len() - 1) as u32
    }

    pub fn catch_kinds(&mut self, kinds: Vec<ExcKind>) -> u32 {
        self.catch_kinds.push(kinds.into_boxed_slice());
        (self.catch_kinds.len() - 1) as u32
    }

    pub fn format(&mut self, spec: FormatSpec) -> u32 {
        self.formats.push(spec);
        (self.formats.len() - 1) as u32
    }
}

/// What a finished body needs besides its instructions.
pub struct CodeHead {
    pub name: Arc<str>,
    pub kind: CodeKind,
    pub params: Vec<Arc<str>>,
    pub n_required: u32,
    pub n_locals: u32,
    pub captures: Vec<crate::vm::Capture>,
    pub varargs: bool,
    pub varkw: bool,
    pub source: Arc<Source>,
    pub span: Span,
}

impl Builder {
    pub fn finish(self, head: CodeHead) -> CodeBody {
        let plain_arity = if head.varargs || head.varkw {
            u32::MAX
        } else {
            head.params.len() as u32
        };
        CodeBody {
            name: head.name,
            kind: head.kind,
            captures: head.captures.into_boxed_slice(),
            varargs: head.varargs,
            varkw: head.varkw,
            plain_arity,
            params: head.params.into_boxed_slice(),
            n_required: head.n_required,
            n_locals: head.n_locals,
            max_stack: max_stack(&self.ops, &self.sites),
            ops: self.ops.into_boxed_slice(),
            spans: self.spans.into_boxed_slice(),
            constants: self.consts.into_boxed_slice(),
            sites: self.sites.into_boxed_slice(),
            syms: self.syms.into_boxed_slice(),
            catch_kinds: self.catch_kinds.into_boxed_slice(),
            formats: self.formats.into_boxed_slice(),
            source: head.source,
            span: head.span,
        }
    }
}

/// The most values `ops` keep on the stack above the locals, following the instructions in
/// order: every instruction pops its operands before it pushes its result, so the highest
/// point is the highest running sum of their net effects. Branches make this an estimate
/// (code after a jump continues from the height before it); it only sizes a new task's
/// stack, which grows when the estimate is short.
fn max_stack(ops: &[Op], sites: &[CallSite]) -> u32 {
    let n_args = |i: u32| sites.get(i as usize).map_or(0, |s| s.n_args as i64);
    let mut depth: i64 = 0;
    let mut max: i64 = 0;
    for &op in ops {
        depth += match op {
            Op::Const(_)
            | Op::SmallInt(_)
            | Op::PushNone
            | Op::PushTrue
            | Op::PushFalse
            | Op::LoadLocal(_)
            | Op::LoadGlobal(_)
            | Op::LoadCell(_)
            | Op::LoadFree(_)
            | Op::MakeClosure(_)
            | Op::BinaryLocalInt(..)
            | Op::ForIter(_)
            | Op::ForAwait(_)
            | Op::CatchMatch(_) => 1,
            Op::Pop
            | Op::StoreLocal(_)
            | Op::StoreGlobal(_)
            | Op::StoreCell(_)
            | Op::StoreFree(_)
            | Op::CompAppend(_)
            | Op::Binary(_)
            | Op::Update(_)
            | Op::Compare(_)
            | Op::JumpIfFalse(_)
            | Op::JumpIfFalseOrPop(_)
            | Op::JumpIfTrueOrPop(_)
            | Op::FormatWith { .. }
            | Op::Index
            | Op::Return
            | Op::CompareIntJumpIfFalse(..)
            | Op::Yield
            | Op::WithExit
            | Op::Raise
            | Op::Reraise => -1,
            Op::CompareJumpIfFalse(..) | Op::Assert => -2,
            Op::StoreIndex | Op::Slice => -3,
            Op::Spawn { named } => -i64::from(named),
            Op::BuildList(n) | Op::BuildString(n) => 1 - i64::from(n),
            Op::BuildMap(n) => 1 - 2 * i64::from(n),
            Op::BuildTuple(n) | Op::BuildSet(n) => 1 - i64::from(n),
            Op::CompInsert(_) => -2,
            Op::Unpack(n) => i64::from(n) - 1,
            Op::Call(n) | Op::CallAwait(n) => -i64::from(n),
            Op::CallFn { argc, .. } | Op::SpawnTask { argc, .. } => 1 - i64::from(argc),
            Op::CallSite(i) | Op::CallMethod(i) => -n_args(i),
            Op::Neg
            | Op::Pos
            | Op::Not
            | Op::Invert
            | Op::MakeCell(_)
            | Op::Jump(_)
            | Op::JumpIfBound(..)
            | Op::Format(_)
            | Op::GetAttr(_)
            | Op::ReturnLocal(_)
            | Op::GetIter
            | Op::Await
            | Op::WithEnter
            | Op::Sleep
            | Op::PushHandler(_)
            | Op::PopHandler
            | Op::CompareLocalIntJumpIfFalse(..) => 0,
        };
        max = max.max(depth);
    }
    u32::try_from(max).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::vm::Source;

    /// Each declaration's `max_stack`, by name, for a script that compiles.
    fn max_stacks(text: &str) -> Vec<(String, u32)> {
        let script = crate::syntax::parse(text).unwrap_or_else(|_| panic!("parses: {text}"));
        let table = crate::builtins::table::Table::default();
        let (program, _) =
            super::super::compile(&script, Arc::new(Source::new("t.tasks", text)), &table, &[])
                .unwrap_or_else(|_| panic!("compiles: {text}"));
        let mut found: Vec<(String, u32)> = program
            .decls
            .iter()
            .map(|(_, code)| (code.name.to_string(), code.max_stack))
            .collect();
        found.sort();
        found
    }

    /// A new task's stack is sized by this estimate, so it must cover what the body
    /// pushes without the slack `n_locals + 4` used to add.
    #[test]
    fn max_stack_is_the_deepest_point_above_the_locals() {
        let text = "task one(i) {\n    await sleep(0)\n    return i\n}\n\
                    task sleeper(ms) {\n    await sleep(ms / 1000)\n    return ms\n}\n\
                    fn sum3(a, b, c) {\n    return a + b * c + [a, b, c][0]\n}\n";
        assert_eq!(
            max_stacks(text),
            [
                ("one".to_owned(), 1),
                ("sleeper".to_owned(), 1),
                ("sum3".to_owned(), 4),
            ]
        );
    }
}
