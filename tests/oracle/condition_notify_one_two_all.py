import asyncio
from _runner import run, show

items = []


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def consumer(name):
    async with cond:
        print(name, "waits")
        r = await cond.wait()
        show(name, "woke with", r, "locked", cond.locked(), "items", items)
        if len(items) > 0:
            print(name, "takes", items.pop(0))
        await asyncio.sleep(0)
        print(name, "leaves the block")


async def main():
    global cond
    cond = asyncio.Condition()
    asyncio.create_task(ticker(24))
    for name in ["c1", "c2", "c3", "c4", "c5"]:
        asyncio.create_task(consumer(name))
    await asyncio.sleep(0)
    show("locked after the consumers wait:", cond.locked())
    async with cond:
        items.append("x")
        print("main: notify()")
        cond.notify()
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        print("main leaves its block")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("main: notify(2)")
    async with cond:
        items.extend(["y", "z"])
        cond.notify(2)
    show("main left; locked", cond.locked())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("main: notify_all()")
    await cond.acquire()
    cond.notify_all()
    cond.notify(3)
    print("notify with nobody left to wake is a no-op")
    cond.release()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    shared = asyncio.Lock()
    c2 = asyncio.Condition(lock=shared)
    await shared.acquire()
    show("a Condition on a given lock shares its state:", c2.locked())
    c2.release()
    show("released through the condition:", shared.locked())


run(main)
