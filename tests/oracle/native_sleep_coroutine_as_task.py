import asyncio
from _runner import run, show


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def main():
    asyncio.create_task(ticker(12))
    s = asyncio.create_task(asyncio.sleep(0))
    print("spawned sleep is", s.get_name())
    show("its result", await s)
    show("gather of sleeps", await asyncio.gather(asyncio.sleep(0), asyncio.sleep(0)))
    show("wait_for of sleep", await asyncio.wait_for(asyncio.sleep(0), 5))
    c = asyncio.sleep(0)
    show("inline", await c)
    t = asyncio.create_task(asyncio.sleep(0))
    print("next task is", t.get_name())
    await t
    print("end")


run(main)
