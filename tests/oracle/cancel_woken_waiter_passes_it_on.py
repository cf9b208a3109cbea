import asyncio
from _runner import run, show


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def acquirer(name, prim):
    try:
        await prim.acquire()
    except asyncio.CancelledError:
        show(name, "cancelled in acquire; locked", prim.locked())
        raise
    print(name, "acquired")
    await asyncio.sleep(0)
    print(name, "releases")
    prim.release()


async def getter(name, q):
    try:
        item = await q.get()
        print(name, "got", item)
    except asyncio.CancelledError:
        print(name, "cancelled in get; qsize", q.qsize())
        raise


async def cond_waiter(name, c):
    async with c:
        try:
            await c.wait()
            print(name, "never")
        except asyncio.CancelledError:
            show(name, "cancelled in wait; holds the lock:", c.locked())
            raise
        finally:
            print(name, "leaves the block")


def run_all(ts):
    return asyncio.gather(*ts, return_exceptions=True)


async def main():
    asyncio.create_task(ticker(40))
    for kind in ["Lock", "Semaphore"]:
        print("--", kind)
        prim = asyncio.Lock() if kind == "Lock" else asyncio.Semaphore(1)
        await prim.acquire()
        ts = [asyncio.create_task(acquirer("a", prim)), asyncio.create_task(acquirer("b", prim)),
              asyncio.create_task(acquirer("c", prim))]
        await asyncio.sleep(0)
        prim.release()
        show("released: a is woken, then cancelled before it runs:", ts[0].cancel())
        await run_all(ts)
        show("locked at the end", prim.locked())
    print("-- Queue")
    q = asyncio.Queue()
    gs = [asyncio.create_task(getter("g1", q)), asyncio.create_task(getter("g2", q)),
          asyncio.create_task(getter("g3", q))]
    await asyncio.sleep(0)
    show("cancel g2 before any put:", gs[1].cancel())
    q.put_nowait("item")
    show("put: g1 is woken, then cancelled before it runs:", gs[0].cancel())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("qsize", q.qsize())
    await run_all(gs)
    print("-- Condition")
    c = asyncio.Condition()
    w = asyncio.create_task(cond_waiter("w", c))
    await asyncio.sleep(0)
    await c.acquire()
    show("main holds the lock and cancels the waiter:", w.cancel())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("main releases")
    c.release()
    r = await run_all([w])
    show("waiter result", type(r[0]).__name__, "locked", c.locked())


run(main)
