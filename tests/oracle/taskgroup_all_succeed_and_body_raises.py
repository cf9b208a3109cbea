import asyncio
from _runner import run, show


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def work(name, turns, value):
    try:
        for i in range(turns):
            await asyncio.sleep(0)
        print(name, "returns", value)
        return value
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def spawner(tg):
    await asyncio.sleep(0)
    print("spawner adds a member")
    return await tg.create_task(work("late", 2, 40), name="late")


async def fails_now():
    print("fails_now raises")
    raise TypeError("bad type")


async def main():
    asyncio.create_task(ticker(20))
    ts = []
    async with asyncio.TaskGroup() as tg:
        ts.append(tg.create_task(work("a", 3, 10)))
        ts.append(tg.create_task(work("b", 1, 20)))
        ts.append(tg.create_task(work("c", 0, 30)))
        ts.append(tg.create_task(spawner(tg)))
        show("body ends; a done", ts[0].done())
    print("after the block: all done")
    for t in ts:
        print("result", t.result())
    async with asyncio.TaskGroup() as empty:
        print("an empty group")
    print("empty group left without waiting")
    ts2 = []
    try:
        async with asyncio.TaskGroup() as tg:
            ts2.append(tg.create_task(work("d", 5, 50)))
            ts2.append(tg.create_task(fails_now()))
            await asyncio.sleep(0)
            print("body raises")
            raise ValueError("body failed")
    except ExceptionGroup as eg:
        print("message:", eg.message)
        print("str:", str(eg))
        show("exceptions:", eg.exceptions)
    show("d cancelled", ts2[0].cancelled())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("e", 1, 60))
            raise ValueError("body fails alone")
    except ExceptionGroup as eg:
        print("str:", str(eg))
        show("exceptions:", eg.exceptions)


run(main)
