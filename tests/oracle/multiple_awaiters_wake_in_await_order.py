import asyncio
from _runner import run, show


async def target():
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("target finishes")
    return "T"


async def waiter(name, delay_turns, t):
    for i in range(delay_turns):
        await asyncio.sleep(0)
    print(name, "starts awaiting")
    r = await t
    print(name, "got", r)


async def main():
    t = asyncio.create_task(target())
    asyncio.create_task(waiter("w1", 1, t))
    asyncio.create_task(waiter("w2", 0, t))
    asyncio.create_task(waiter("w3", 1, t))
    asyncio.create_task(waiter("w4", 0, t))
    print("main awaits too")
    print("main got", await t)


run(main)
