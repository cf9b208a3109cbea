import asyncio
from _runner import run, show


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def work(name, k):
    print(name, "starts")
    for i in range(k):
        await asyncio.sleep(0)
    print(name, "finishes")
    return name


async def main():
    asyncio.create_task(ticker(14))
    await asyncio.sleep(0)
    print("main gathers coroutines")
    r = await asyncio.gather(work("a", 1), work("b", 3))
    show("gathered", r)
    t1 = asyncio.create_task(work("c", 0))
    t2 = asyncio.create_task(work("d", 2))
    print("main gathers tasks")
    r = await asyncio.gather(t1, t2)
    show("gathered", r)
    print("main gathers done tasks")
    r = await asyncio.gather(t1, t2)
    show("gathered", r)
    print("main gathers nothing")
    r = await asyncio.gather()
    show("gathered", r)
    print("main end")


run(main)
