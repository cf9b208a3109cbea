import asyncio
from _runner import run, show


async def main():
    b = asyncio.BoundedSemaphore(2)
    await b.acquire()
    b.release()
    try:
        b.release()
        print("never")
    except ValueError as e:
        print("BoundedSemaphore:", type(e).__name__, str(e))
    show("b locked", b.locked())
    await b.acquire()
    await b.acquire()
    show("both taken; locked", b.locked())
    b.release()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print("again:", str(e))
    plain = asyncio.BoundedSemaphore()
    try:
        plain.release()
    except ValueError as e:
        print("BoundedSemaphore() defaults to 1:", str(e))
    l = asyncio.Lock()
    try:
        l.release()
    except RuntimeError as e:
        print("Lock:", type(e).__name__, str(e))
    async with l:
        show("inside async with: locked", l.locked())
    try:
        l.release()
    except RuntimeError as e:
        print("after async with:", str(e))
    c = asyncio.Condition()
    try:
        await c.wait()
    except RuntimeError as e:
        print("Condition.wait:", str(e))
    try:
        c.notify()
    except RuntimeError as e:
        print("Condition.notify:", str(e))
    try:
        c.notify_all()
    except RuntimeError as e:
        print("Condition.notify_all:", str(e))
    try:
        c.release()
    except RuntimeError as e:
        print("Condition.release:", str(e))
    q = asyncio.Queue()
    q.put_nowait(1)
    print("got", q.get_nowait())
    q.task_done()
    try:
        q.task_done()
    except ValueError as e:
        print("Queue.task_done:", str(e))
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("Semaphore(-1):", str(e))
    zero = asyncio.Semaphore(0)
    show("Semaphore(0) locked", zero.locked())
    zero.release()
    show("after a release", zero.locked())


run(main)
