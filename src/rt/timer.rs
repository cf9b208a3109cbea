//! The timer heap: deadlines ordered by time, ties by the order they were scheduled.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::rc::{Rc, Weak};
use std::time::Instant;

use super::combinators::AsCompleted;
use super::task::{Future, SleepState, Task, WaitOn};

/// What a timer does when it fires (it runs as a callback in the loop's batch).
pub enum TimerAction {
    /// `sleep(d)` is over: complete the task's sleep (the token tells an old sleep from
    /// the current one).
    Sleep(Rc<Task>, u64),
    /// A timeout: complete the waiter future if it still exists and is pending.
    ReleaseWaiter(Weak<Future>),
    /// `as_completed(..., timeout=)` ran out.
    AsCompletedTimeout(Weak<AsCompleted>),
    /// A primitive's timer (`timeout()`'s); it knows itself whether it was cancelled.
    Hook(Rc<dyn super::task::Hook>),
}

impl TimerAction {
    /// Whether firing it can still do anything; dead timers are dropped unseen.
    fn is_live(&self) -> bool {
        match self {
            TimerAction::Sleep(task, token) => matches!(
                &task.waiter.borrow().on,
                WaitOn::Sleep { token: t, state: SleepState::Pending } if t == token
            ),
            TimerAction::ReleaseWaiter(w) => w.strong_count() > 0,
            TimerAction::AsCompletedTimeout(w) => w.strong_count() > 0,
            TimerAction::Hook(hook) => hook.is_live(),
        }
    }
}

struct Entry {
    when: Instant,
    seq: u64,
    action: TimerAction,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Entry) -> bool {
        self.when == other.when && self.seq == other.seq
    }
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Entry) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    /// Reversed, so the max-heap pops the earliest deadline first.
    fn cmp(&self, other: &Entry) -> Ordering {
        (other.when, other.seq).cmp(&(self.when, self.seq))
    }
}

#[derive(Default)]
pub struct Timers {
    heap: BinaryHeap<Entry>,
    seq: u64,
}

impl Timers {
    pub fn push(&mut self, when: Instant, action: TimerAction) {
        self.seq += 1;
        self.heap.push(Entry {
            when,
            seq: self.seq,
            action,
        });
    }

    /// Pops the earliest timer whose deadline is before `end`.
    pub fn pop_expired(&mut self, end: Instant) -> Option<TimerAction> {
        loop {
            let top = self.heap.peek()?;
            if top.when >= end {
                return None;
            }
            let entry = self.heap.pop()?;
            if entry.action.is_live() {
                return Some(entry.action);
            }
        }
    }

    /// The earliest live deadline; dead timers at the top are dropped on the way.
    pub fn next_deadline(&mut self) -> Option<Instant> {
        while let Some(top) = self.heap.peek() {
            if top.action.is_live() {
                return Some(top.when);
            }
            self.heap.pop();
        }
        None
    }

    pub fn clear(&mut self) {
        self.heap.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}
