//! `Queue(maxsize)`, `PriorityQueue(maxsize)` and `LifoQueue(maxsize)`: asyncio's queues.
//! A blocked `get` or `put` waits on a private future in the queue's deque of getters or
//! putters; whoever makes room or an item wakes the first one, which then checks again (a
//! newcomer may have taken the item meanwhile), as CPython's `while self.empty()` does.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use super::event::{Event, EventWait};
use super::{cancel, cancelled, coroutine, done, remove, set_result, waiter};
use crate::builtins::Args;
use crate::rt::awaitable::{Awaitable, Continuation, Next, Started, wait_on};
use crate::rt::event_loop::Rt;
use crate::rt::task::Future;
use crate::syntax::ast::CmpOp;
use crate::vm::{Exc, ExcKind, NativeObject, Site, Value, arith, exc, value_error};

/// Which end items come out of.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Fifo,
    Lifo,
    /// The smallest first, by `<`, kept as a binary heap as Python's `heapq` keeps it.
    Priority,
}

/// The state of a queue.
pub struct Queue {
    order: Order,
    maxsize: i64,
    items: RefCell<VecDeque<Value>>,
    getters: RefCell<VecDeque<Rc<Future>>>,
    putters: RefCell<VecDeque<Rc<Future>>>,
    unfinished: Cell<u64>,
    finished: Rc<Event>,
}

/// A queue as a script sees it.
pub struct QueueObj(pub Rc<Queue>);

impl Queue {
    pub fn new(order: Order, maxsize: i64, rt: &mut Rt) -> Queue {
        let finished = Rc::new(Event::default());
        finished.set(rt);
        Queue {
            order,
            maxsize,
            items: RefCell::new(VecDeque::new()),
            getters: RefCell::new(VecDeque::new()),
            putters: RefCell::new(VecDeque::new()),
            unfinished: Cell::new(0),
            finished,
        }
    }

    fn qsize(&self) -> usize {
        self.items.borrow().len()
    }

    fn empty(&self) -> bool {
        self.items.borrow().is_empty()
    }

    fn full(&self) -> bool {
        self.maxsize > 0 && self.qsize() as i64 >= self.maxsize
    }

    /// `put_nowait(item)`.
    pub fn put_nowait(&self, rt: &mut Rt, item: Value) -> Result<(), Exc> {
        if self.full() {
            return Err(exc(ExcKind::QueueFull, ""));
        }
        self.push(item)?;
        self.unfinished.set(self.unfinished.get() + 1);
        self.finished.clear();
        wakeup_next(rt, &self.getters);
        Ok(())
    }

    /// `get_nowait()`.
    pub fn get_nowait(&self, rt: &mut Rt) -> Result<Value, Exc> {
        if self.empty() {
            return Err(exc(ExcKind::QueueEmpty, ""));
        }
        let item = self.pop()?;
        wakeup_next(rt, &self.putters);
        Ok(item)
    }

    fn push(&self, item: Value) -> Result<(), Exc> {
        let mut items = self.items.borrow_mut();
        crate::vm::arith::check_items(items.len() + 1)?;
        items.push_back(item);
        if self.order == Order::Priority {
            let last = items.len() - 1;
            sift_down(&mut items, 0, last)?;
        }
        Ok(())
    }

    fn pop(&self) -> Result<Value, Exc> {
        let mut items = self.items.borrow_mut();
        let item = match self.order {
            Order::Fifo => items.pop_front(),
            Order::Lifo => items.pop_back(),
            Order::Priority => {
                // heapq.heappop: the last item fills the root's place, then sifts.
                let last = items.pop_back();
                match last {
                    Some(last) if !items.is_empty() => {
                        let first = std::mem::replace(&mut items[0], last);
                        sift_up(&mut items, 0)?;
                        Some(first)
                    }
                    other => other,
                }
            }
        };
        Ok(item.unwrap_or_default())
    }

    /// `task_done()`.
    pub fn task_done(&self, rt: &mut Rt) -> Result<(), Exc> {
        if self.unfinished.get() == 0 {
            return Err(value_error("task_done() called too many times"));
        }
        self.unfinished.set(self.unfinished.get() - 1);
        if self.unfinished.get() == 0 {
            self.finished.set(rt);
        }
        Ok(())
    }
}

/// `_wakeup_next`: wakes the first waiter not done yet, dropping the done ones before it.
fn wakeup_next(rt: &mut Rt, waiters: &RefCell<VecDeque<Rc<Future>>>) {
    loop {
        let next = waiters.borrow_mut().pop_front();
        let Some(fut) = next else {
            return;
        };
        if !done(&fut) {
            set_result(rt, &fut, Value::None);
            return;
        }
    }
}

fn less(a: &Value, b: &Value) -> Result<bool, Exc> {
    arith::compare(CmpOp::Lt, a, b)
}

/// `heapq._siftdown`: moves the item at `pos` up towards `start` while it is smaller than
/// its parent.
fn sift_down(heap: &mut VecDeque<Value>, start: usize, mut pos: usize) -> Result<(), Exc> {
    while pos > start {
        let parent = (pos - 1) >> 1;
        if less(&heap[pos], &heap[parent])? {
            heap.swap(pos, parent);
            pos = parent;
        } else {
            break;
        }
    }
    Ok(())
}

/// `heapq._siftup`: moves the smaller child up until a leaf, then sifts the item down.
fn sift_up(heap: &mut VecDeque<Value>, mut pos: usize) -> Result<(), Exc> {
    let end = heap.len();
    let start = pos;
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end && !less(&heap[child], &heap[right])? {
            child = right;
        }
        heap.swap(pos, child);
        pos = child;
        child = 2 * pos + 1;
    }
    sift_down(heap, start, pos)
}

/// `await q.get()`.
struct Get(Rc<Queue>);

impl Awaitable for Get {
    fn start(self: Box<Self>, rt: &mut Rt, _site: &Site) -> Result<Started, Exc> {
        if !self.0.empty() {
            return Ok(Started::Ready(self.0.get_nowait(rt)?));
        }
        Ok(Started::Block(block_getter(self.0)))
    }
}

fn block_getter(queue: Rc<Queue>) -> crate::rt::task::Waiter {
    let fut = waiter();
    queue.getters.borrow_mut().push_back(fut.clone());
    wait_on(
        &fut,
        Getting {
            queue,
            fut: fut.clone(),
        },
    )
}

struct Getting {
    queue: Rc<Queue>,
    fut: Rc<Future>,
}

impl Continuation for Getting {
    fn resume(self: Box<Self>, rt: &mut Rt, outcome: Result<Value, Exc>) -> Next {
        if let Err(e) = outcome {
            // CPython's bare `except:` around `await getter`.
            cancel(rt, &self.fut);
            remove(&mut self.queue.getters.borrow_mut(), &self.fut);
            if !self.queue.empty() && !cancelled(&self.fut) {
                wakeup_next(rt, &self.queue.getters);
            }
            return Next::Resume(Err(e));
        }
        if self.queue.empty() {
            return Next::Block(block_getter(self.queue));
        }
        Next::Resume(self.queue.get_nowait(rt))
    }
}

/// `await q.put(item)`.
struct Put(Rc<Queue>, Value);

impl Awaitable for Put {
    fn start(self: Box<Self>, rt: &mut Rt, _site: &Site) -> Result<Started, Exc> {
        if !self.0.full() {
            self.0.put_nowait(rt, self.1)?;
            return Ok(Started::Ready(Value::None));
        }
        Ok(Started::Block(block_putter(self.0, self.1)))
    }
}

fn block_putter(queue: Rc<Queue>, item: Value) -> crate::rt::task::Waiter {
    let fut = waiter();
    queue.putters.borrow_mut().push_back(fut.clone());
    wait_on(
        &fut,
        Putting {
            queue,
            fut: fut.clone(),
            item,
        },
    )
}

struct Putting {
    queue: Rc<Queue>,
    fut: Rc<Future>,
    item: Value,
}

impl Continuation for Putting {
    fn resume(self: Box<Self>, rt: &mut Rt, outcome: Result<Value, Exc>) -> Next {
        if let Err(e) = outcome {
            cancel(rt, &self.fut);
            remove(&mut self.queue.putters.borrow_mut(), &self.fut);
            if !self.queue.full() && !cancelled(&self.fut) {
                wakeup_next(rt, &self.queue.putters);
            }
            return Next::Resume(Err(e));
        }
        if self.queue.full() {
            return Next::Block(block_putter(self.queue, self.item));
        }
        Next::Resume(self.queue.put_nowait(rt, self.item).map(|()| Value::None))
    }
}

/// `await q.join()`: waits for the queue's internal event when items are unfinished.
struct Join(Rc<Queue>);

impl Awaitable for Join {
    fn start(self: Box<Self>, rt: &mut Rt, site: &Site) -> Result<Started, Exc> {
        if self.0.unfinished.get() == 0 {
            return Ok(Started::Ready(Value::None));
        }
        let started = Box::new(EventWait(self.0.finished.clone())).start(rt, site)?;
        Ok(match started {
            Started::Ready(_) => Started::Ready(Value::None),
            Started::Block(mut waiter) => {
                // `join()` returns none, not the event's true.
                if let crate::rt::task::Then::Continue(inner) = std::mem::take(&mut waiter.then) {
                    waiter.then =
                        crate::rt::task::Then::Continue(Box::new(Box::new(GivesNone(*inner))));
                }
                Started::Block(waiter)
            }
            other => other,
        })
    }
}

/// A continuation whose result becomes `none`.
struct GivesNone(Box<dyn Continuation>);

impl Continuation for GivesNone {
    fn resume(self: Box<Self>, rt: &mut Rt, outcome: Result<Value, Exc>) -> Next {
        match self.0.resume(rt, outcome) {
            Next::Resume(result) => Next::Resume(result.map(|_| Value::None)),
            Next::Block(waiter) => Next::Block(waiter),
        }
    }
}

impl NativeObject for QueueObj {
    fn type_name(&self) -> &'static str {
        match self.0.order {
            Order::Fifo => "Queue",
            Order::Lifo => "LifoQueue",
            Order::Priority => "PriorityQueue",
        }
    }
    fn repr(&self) -> String {
        format!("<{} maxsize={}>", self.type_name(), self.0.maxsize)
    }
    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "maxsize" => Some(Value::Int(self.0.maxsize)),
            _ => None,
        }
    }
    fn call(
        &self,
        rt: &mut Rt,
        name: &str,
        args: &Args<'_>,
        site: &Site,
    ) -> Option<Result<Value, Exc>> {
        let q = &self.0;
        let result = match name {
            "put" => args
                .accept(1, 1, &[])
                .map(|()| coroutine(rt, Put(q.clone(), args.pos[0].clone()), "put", site)),
            "get" => args
                .accept(0, 0, &[])
                .map(|()| coroutine(rt, Get(q.clone()), "get", site)),
            "put_nowait" => args
                .accept(1, 1, &[])
                .and_then(|()| q.put_nowait(rt, args.pos[0].clone()).map(|()| Value::None)),
            "get_nowait" => args.accept(0, 0, &[]).and_then(|()| q.get_nowait(rt)),
            "qsize" => args
                .accept(0, 0, &[])
                .map(|()| Value::Int(q.qsize() as i64)),
            "empty" => args.accept(0, 0, &[]).map(|()| Value::Bool(q.empty())),
            "full" => args.accept(0, 0, &[]).map(|()| Value::Bool(q.full())),
            "task_done" => args
                .accept(0, 0, &[])
                .and_then(|()| q.task_done(rt).map(|()| Value::None)),
            "join" => args
                .accept(0, 0, &[])
                .map(|()| coroutine(rt, Join(q.clone()), "join", site)),
            _ => return None,
        };
        Some(result)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
