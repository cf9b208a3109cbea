//! Frames and the per-task execution stack: a task is one object owning all of these, so
//! `await coro` and calls push a frame instead of recursing on the Rust stack.

use std::rc::Rc;

use super::code::Code;
use super::coro::AsyncGen;
use super::value::Value;

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
    pub handlers: Vec<Handler>,
}

impl Exec {
    /// Pushes a frame for `code` whose arguments are the top `n_args` values, reserving the
    /// rest of its locals. `ret_sp` is where its result will go.
    #[inline]
    pub fn push_frame(&mut self, code: Rc<Code>, n_args: usize, ret_sp: usize, kind: FrameKind) {
        let base = self.stack.len() - n_args;
        let n_locals = code.n_locals as usize;
        if n_locals > n_args {
            self.stack.resize(base + n_locals, Value::None);
        }
        self.frames.push(Frame {
            code,
            pc: 0,
            base: base as u32,
            ret_sp: ret_sp as u32,
            kind,
        });
    }

    /// The handlers of the innermost frame, taken off the stack (a generator's, when it
    /// yields). Call it while the frame is still on the stack.
    pub fn take_frame_handlers(&mut self) -> Vec<Handler> {
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
