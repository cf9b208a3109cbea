//! Frames and the per-task execution stack: a task is one object owning all of these, so
//! `await coro` and calls push a frame instead of recursing on the Rust stack.

use std::rc::Rc;

use thin_vec::ThinVec;

use super::code::Code;
use super::coro::AsyncGen;
use super::value::Value;
use crate::syntax::ast::BinOp;

/// One running call. Kept small: every call and return moves one.
pub struct Frame {
    pub code: Rc<Code>,
    /// The next instruction; while the frame is suspended, the one after the `await`.
    pub pc: u32,
    /// Where local 0 is on the value stack.
    pub base: u32,
    /// How high the value stack is left on return, before the result is pushed.
    pub ret_sp: u32,
    pub kind: FrameKind,
}

/// An active `try`: where to jump, how high the stack was (relative to the frame's base, so
/// a generator's frame can move), and which frame it belongs to.
#[derive(Clone, Copy, Debug)]
pub struct Handler {
    pub target: u32,
    pub depth: u32,
    pub frame: u32,
}

pub enum FrameKind {
    /// A `fn` call or an awaited coroutine: returns to the frame below.
    Call,
    /// An async generator's body, resumed by a `for await` in the frame below.
    Generator(Rc<AsyncGen>),
    /// The task's own coroutine: returning from it finishes the task.
    Bottom,
}

/// A task's execution state.
#[derive(Default)]
pub struct Exec {
    pub frames: Vec<Frame>,
    pub stack: Vec<Value>,
    /// The active `try` handlers of every frame, innermost last. A frame's handlers are
    /// all popped before it returns (the compiler emits a `PopHandler` on every way out),
    /// so only an exception or a generator's `yield` finds handlers to take along.
    pub handlers: ThinVec<Handler>,
}

impl Exec {
    /// Pushes a frame for `code` whose arguments are the top `n_args` values, reserving the
    /// rest of its locals. `ret_sp` is where its result will go.
    #[inline(always)]
    pub fn push_frame(&mut self, code: Rc<Code>, n_args: usize, ret_sp: usize, kind: FrameKind) {
        let base = self.stack.len() - n_args;
        let n_locals = code.n_locals as usize;
        if n_locals > n_args {
            self.reserve_locals(base + n_locals);
        }
        if self.frames.len() == self.frames.capacity() {
            self.grow_frames();
        }
        let len = self.frames.len();
        let frame = Frame {
            code,
            pc: 0,
            base: base as u32,
            ret_sp: ret_sp as u32,
            kind,
        };
        // SAFETY: as in `push_int`: `len < capacity`, so slot `len` is allocated and
        // unused. `Vec::push` here built the frame in a temporary and copied it.
        unsafe {
            self.frames.as_mut_ptr().add(len).write(frame);
            self.frames.set_len(len + 1);
        }
    }

    #[inline(never)]
    #[cold]
    fn grow_frames(&mut self) {
        if self.frames.capacity() == 0 {
            // A task's first frame: most tasks never call deeper, so room for one.
            self.frames.reserve_exact(1);
        } else {
            self.frames.reserve(1);
        }
    }

    /// Grows the stack to `len` with `none` in every new slot: the locals after the
    /// arguments. Out of line, so that a call pushing no extra locals stays small.
    #[inline(never)]
    fn reserve_locals(&mut self, len: usize) {
        self.stack.resize(len, Value::None);
    }

    /// Pushes an int. The hot instructions push ints through here rather than
    /// `stack.push(Value::Int(n))`: with room reserved first (out of line), the int is
    /// written straight into its slot instead of being built in a temporary and copied.
    #[inline(always)]
    pub fn push_int(&mut self, n: i64) {
        if self.stack.len() == self.stack.capacity() {
            self.grow_stack();
        }
        let len = self.stack.len();
        // SAFETY: `len < capacity` (ensured just above), so slot `len` is allocated and
        // holds no value; writing it and then counting it is exactly `Vec::push`, minus
        // the capacity check whose grow path made the value go through a temporary.
        unsafe {
            self.stack.as_mut_ptr().add(len).write(Value::Int(n));
            self.stack.set_len(len + 1);
        }
    }

    #[inline(never)]
    #[cold]
    fn grow_stack(&mut self) {
        // One more slot: `Vec` doubles the capacity, and a task keeps its small one.
        self.stack.reserve(1);
    }

    /// `a b -> a op b` for two ints whose result is an int, computed in the slot of `a`
    /// without popping and pushing. False (and nothing done) for anything else.
    #[inline(always)]
    pub fn int_op_in_place(&mut self, op: BinOp) -> bool {
        let n = self.stack.len();
        if n >= 2
            && let (Value::Int(x), Value::Int(y)) = (&self.stack[n - 2], &self.stack[n - 1])
            && let Some(r) = super::arith::int_fast(op, *x, *y)
        {
            self.pop_scalar();
            if let Value::Int(slot) = &mut self.stack[n - 2] {
                *slot = r;
            }
            return true;
        }
        false
    }

    /// Pops the top value, which the caller has just seen to be an int, a float, a bool or
    /// `none`: forgetting it skips the drop glue every other value needs.
    #[inline]
    pub fn pop_scalar(&mut self) {
        if let Some(v) = self.stack.pop() {
            debug_assert!(v.is_scalar());
            std::mem::forget(v);
        }
    }

    /// Shrinks the value stack to `len`, calling the drop glue only for values that own
    /// something: a returning frame mostly leaves ints behind.
    #[inline]
    pub fn truncate(&mut self, len: usize) {
        while self.stack.len() > len {
            match self.stack.pop() {
                Some(v) if v.is_scalar() => std::mem::forget(v),
                other => drop(other),
            }
        }
    }

    /// The handlers of the innermost frame, taken off the stack (a generator's, when it
    /// yields). Call it while the frame is still on the stack.
    pub fn take_frame_handlers(&mut self) -> ThinVec<Handler> {
        let frame = self.frames.len().saturating_sub(1) as u32;
        let keep = self
            .handlers
            .iter()
            .rposition(|h| h.frame < frame)
            .map_or(0, |i| i + 1);
        self.handlers.split_off(keep)
    }

    /// Puts back a resumed generator's handlers, for the frame now innermost.
    pub fn restore_frame_handlers(&mut self, handlers: &[Handler]) {
        let frame = (self.frames.len() - 1) as u32;
        self.handlers
            .extend(handlers.iter().map(|h| Handler { frame, ..*h }));
    }
}
