import asyncio
from _runner import run, show


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def waiter(name):
    show(name, "waits; is_set", ev.is_set())
    r = await ev.wait()
    show(name, "woke with", r, "is_set", ev.is_set())


async def main():
    global ev
    ev = asyncio.Event()
    asyncio.create_task(ticker(14))
    asyncio.create_task(waiter("w1"))
    asyncio.create_task(waiter("w2"))
    await asyncio.sleep(0)
    asyncio.create_task(waiter("w3"))
    await asyncio.sleep(0)
    print("main sets")
    ev.set()
    show("is_set", ev.is_set())
    show("main's own wait returns at once:", await ev.wait())
    ev.set()
    print("a second set() changes nothing")
    await asyncio.sleep(0)
    print("main after one turn")
    asyncio.create_task(waiter("w4"))
    await asyncio.sleep(0)
    ev.clear()
    show("cleared; is_set", ev.is_set())
    asyncio.create_task(waiter("w5"))
    asyncio.create_task(waiter("w6"))
    await asyncio.sleep(0)
    print("main sets and clears at once")
    ev.set()
    ev.clear()
    asyncio.create_task(waiter("w7"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("main sets again")
    ev.set()
    await asyncio.sleep(0)
    print("main done")


run(main)
