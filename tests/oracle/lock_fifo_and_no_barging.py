import asyncio
from _runner import run, show


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def holder(name, turns):
    show(name, "wants the lock; locked", lock.locked())
    try:
        async with lock:
            print(name, "has the lock")
            for i in range(turns):
                await asyncio.sleep(0)
            print(name, "releases")
    except asyncio.CancelledError:
        print(name, "cancelled while waiting")
        raise
    show(name, "released; locked", lock.locked())


async def main():
    global lock
    lock = asyncio.Lock()
    asyncio.create_task(ticker(16))
    show("acquire returns", await lock.acquire(), "locked", lock.locked())
    ts = [asyncio.create_task(holder("a", 2)), asyncio.create_task(holder("b", 0)),
          asyncio.create_task(holder("c", 1)), asyncio.create_task(holder("d", 1))]
    await asyncio.sleep(0)
    show("cancel c:", ts[2].cancel())
    await asyncio.sleep(0)
    lock.release()
    show("main released; locked", lock.locked())
    late = asyncio.create_task(holder("late", 0))
    print("main acquires again")
    await lock.acquire()
    print("main has the lock again")
    lock.release()
    await asyncio.gather(ts[0], ts[1], ts[3], late)
    try:
        await ts[2]
    except asyncio.CancelledError:
        show("c cancelled", ts[2].cancelled())
    show("locked at the end", lock.locked())


run(main)
