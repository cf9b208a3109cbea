//! The constructors of asyncio's synchronisation primitives: `Queue`, `PriorityQueue`,
//! `LifoQueue`, `Event`, `Lock`, `Semaphore`, `BoundedSemaphore`, `Condition`. The
//! primitives themselves are in `rt::sync`.

use std::rc::Rc;

use super::{Args, BuiltinFn};
use crate::rt::Rt;
use crate::rt::sync::condition::{Condition, ConditionObj};
use crate::rt::sync::event::{Event, EventObj};
use crate::rt::sync::lock::{Lock, LockObj};
use crate::rt::sync::queue::{Order, Queue, QueueObj};
use crate::rt::sync::semaphore::{Semaphore, SemaphoreObj};
use crate::vm::{Exc, Site, Value, type_error};

pub static QUEUE: BuiltinFn = BuiltinFn {
    name: "Queue",
    run: |rt, args, _| queue(rt, args, Order::Fifo),
};
pub static PRIORITY_QUEUE: BuiltinFn = BuiltinFn {
    name: "PriorityQueue",
    run: |rt, args, _| queue(rt, args, Order::Priority),
};
pub static LIFO_QUEUE: BuiltinFn = BuiltinFn {
    name: "LifoQueue",
    run: |rt, args, _| queue(rt, args, Order::Lifo),
};
pub static EVENT: BuiltinFn = BuiltinFn {
    name: "Event",
    run: event,
};
pub static LOCK: BuiltinFn = BuiltinFn {
    name: "Lock",
    run: lock,
};
pub static SEMAPHORE: BuiltinFn = BuiltinFn {
    name: "Semaphore",
    run: |_, args, _| semaphore(args, false),
};
pub static BOUNDED_SEMAPHORE: BuiltinFn = BuiltinFn {
    name: "BoundedSemaphore",
    run: |_, args, _| semaphore(args, true),
};
pub static CONDITION: BuiltinFn = BuiltinFn {
    name: "Condition",
    run: condition,
};
pub static TASK_GROUP: BuiltinFn = BuiltinFn {
    name: "TaskGroup",
    run: task_group,
};
pub static TIMEOUT: BuiltinFn = BuiltinFn {
    name: "timeout",
    run: timeout,
};
pub static TIMEOUT_AT: BuiltinFn = BuiltinFn {
    name: "timeout_at",
    run: timeout_at,
};
pub static SHIELD: BuiltinFn = BuiltinFn {
    name: "shield",
    run: shield,
};

fn task_group(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(0, 0, &[])?;
    let group = crate::rt::taskgroup::TaskGroup::default();
    Ok(Value::Native(Rc::new(crate::rt::taskgroup::TaskGroupObj(
        Rc::new(group),
    ))))
}

/// `timeout(delay)`: the deadline is `now() + delay`, fixed when it is called.
fn timeout(rt: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(1, 1, &[])?;
    let when = crate::rt::timeout::deadline_arg(&args.pos[0], "timeout()")?.map(|d| rt.now() + d);
    timeout_value(when)
}

/// `timeout_at(when)`: a deadline on the `now()` clock.
fn timeout_at(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(1, 1, &[])?;
    let when = crate::rt::timeout::deadline_arg(&args.pos[0], "timeout_at()")?;
    timeout_value(when)
}

fn timeout_value(when: Option<f64>) -> Result<Value, Exc> {
    let timeout = crate::rt::timeout::Timeout::new(when);
    Ok(Value::Native(Rc::new(crate::rt::timeout::TimeoutObj(
        Rc::new(timeout),
    ))))
}

fn shield(rt: &mut Rt, args: &Args<'_>, site: &Site) -> Result<Value, Exc> {
    args.accept(1, 1, &[])?;
    crate::rt::combinators::shield::shield(rt, &args.pos[0], site)
}

fn queue(rt: &mut Rt, args: &Args<'_>, order: Order) -> Result<Value, Exc> {
    args.accept(0, 1, &["maxsize"])?;
    let maxsize = crate::rt::sync::int_arg(args.get(0, "maxsize"), 0, "maxsize")?;
    let queue = Queue::new(order, maxsize, rt);
    Ok(Value::Native(Rc::new(QueueObj(Rc::new(queue)))))
}

fn event(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(0, 0, &[])?;
    Ok(Value::Native(Rc::new(EventObj(Rc::new(Event::default())))))
}

fn lock(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(0, 0, &[])?;
    Ok(Value::Native(Rc::new(LockObj(Rc::new(Lock::default())))))
}

fn semaphore(args: &Args<'_>, bounded: bool) -> Result<Value, Exc> {
    args.accept(0, 1, &["value"])?;
    let value = crate::rt::sync::int_arg(args.get(0, "value"), 1, "value")?;
    let sem = Semaphore::new(value, bounded)?;
    Ok(Value::Native(Rc::new(SemaphoreObj(Rc::new(sem)))))
}

fn condition(_: &mut Rt, args: &Args<'_>, _: &Site) -> Result<Value, Exc> {
    args.accept(0, 1, &["lock"])?;
    let lock = match args.get(0, "lock") {
        None | Some(Value::None) => Rc::new(Lock::default()),
        Some(Value::Native(obj)) => match obj.as_any().downcast_ref::<LockObj>() {
            Some(lock) => lock.0.clone(),
            None => return Err(type_error("Condition(lock) takes a Lock")),
        },
        Some(other) => {
            return Err(type_error(format!(
                "Condition(lock) takes a Lock, not '{}'",
                other.type_name()
            )));
        }
    };
    let cond = Condition::new(lock);
    Ok(Value::Native(Rc::new(ConditionObj(Rc::new(cond)))))
}
