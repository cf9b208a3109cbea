import asyncio
from _runner import run, show

turn = 0


async def ticker(n):
    global turn
    for i in range(n):
        turn = i
        print("tick", i)
        await asyncio.sleep(0)


async def getter(name, q):
    print(name, "waits to get at turn", turn)
    item = await q.get()
    print(name, "got", item, "at turn", turn)


async def putter(name, q, item):
    print(name, "puts", item, "at turn", turn)
    await q.put(item)
    print(name, "put", item, "done at turn", turn)


async def event_waiter(name, e):
    print(name, "waits for the event at turn", turn)
    await e.wait()
    print(name, "woke at turn", turn)


async def locker(name, l):
    print(name, "acquires at turn", turn)
    await l.acquire()
    print(name, "has it at turn", turn)
    l.release()


async def cond_waiter(name, c):
    async with c:
        print(name, "waits on the condition at turn", turn)
        await c.wait()
        print(name, "notified and holding the lock at turn", turn)


def phase(name):
    print("--", name, "at turn", turn)


async def main():
    asyncio.create_task(ticker(44))
    q = asyncio.Queue(maxsize=1)
    asyncio.create_task(getter("g", q))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    phase("put to a blocked getter")
    q.put_nowait("item1")
    for i in range(3):
        await asyncio.sleep(0)
    q.put_nowait("full")
    asyncio.create_task(putter("p", q, "item2"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    phase("get from a full queue with a blocked putter")
    print("main got", q.get_nowait())
    for i in range(3):
        await asyncio.sleep(0)
    print("main got", q.get_nowait())
    q2 = asyncio.Queue()
    asyncio.create_task(getter("g1", q2))
    asyncio.create_task(getter("g2", q2))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    phase("put, then steal the item before the woken getter runs")
    q2.put_nowait("x")
    print("main steals", q2.get_nowait())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    phase("put again: the first getter now waits behind the second")
    q2.put_nowait("y")
    for i in range(3):
        await asyncio.sleep(0)
    q2.put_nowait("z")
    for i in range(3):
        await asyncio.sleep(0)
    e = asyncio.Event()
    asyncio.create_task(event_waiter("e1", e))
    asyncio.create_task(event_waiter("e2", e))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    phase("event set")
    e.set()
    for i in range(3):
        await asyncio.sleep(0)
    l = asyncio.Lock()
    await l.acquire()
    asyncio.create_task(locker("l1", l))
    asyncio.create_task(locker("l2", l))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    phase("lock release")
    l.release()
    for i in range(4):
        await asyncio.sleep(0)
    s = asyncio.Semaphore(0)
    asyncio.create_task(locker("s1", s))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    phase("semaphore release")
    s.release()
    for i in range(3):
        await asyncio.sleep(0)
    c = asyncio.Condition()
    asyncio.create_task(cond_waiter("c1", c))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    phase("notify and release at once")
    async with c:
        c.notify()
    for i in range(3):
        await asyncio.sleep(0)
    phase("end")


run(main)
