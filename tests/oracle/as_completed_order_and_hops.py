import asyncio
from _runner import run, show


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def work(name, k):
    for i in range(k):
        await asyncio.sleep(0)
    print(name, "finishes")
    return name


async def main():
    asyncio.create_task(ticker(16))
    ts = [asyncio.create_task(work("slow", 6)), asyncio.create_task(work("fast", 1)), asyncio.create_task(work("mid", 3))]
    print("main starts as_completed")
    for f in asyncio.as_completed(ts):
        r = await f
        print("completed", r)
    print("main end")


run(main)
