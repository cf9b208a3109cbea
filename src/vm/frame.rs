//! Frames and the per-task execution stack: a task is one object owning all of these, so
//! `await coro` and calls push a frame instead of recursing on the Rust stack.

use std::rc::Rc;

use super::code::Code;
use super::coro::AsyncGen;
use super::value::Value;

/// One running call.
pub struct Frame {
    pub code: Rc<Code>,
    /// The next instruction; while the frame is suspended, the one after the `await`.
    pub pc: u32,
    /// Where local 0 is on the value stack.
    pub base: u32,
    /// How high the value stack is left on return, before the result is pushed.
    pub ret_sp: u32,
    /// The active `try` handlers, innermost last.
    pub handlers: Vec<Handler>,
    pub kind: FrameKind,
}

/// An active `try`: where to jump, and how high the stack was (relative to the frame's
/// base, so a generator's frame can move).
#[derive(Clone, Copy, Debug)]
pub struct Handler {
    pub target: u32,
    pub depth: u32,
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
}

impl Exec {
    /// Pushes a frame for `code` whose arguments are the top `n_args` values, reserving the
    /// rest of its locals. `ret_sp` is where its result will go.
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
            handlers: Vec::new(),
            kind,
        });
    }
}
