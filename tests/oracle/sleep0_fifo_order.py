import asyncio
from _runner import run, show


async def worker(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)
    print(name, "done")


async def main():
    asyncio.create_task(worker("a", 3))
    asyncio.create_task(worker("b", 4))
    asyncio.create_task(worker("c", 2))
    print("main spawned")
    for i in range(3):
        print("main", i)
        await asyncio.sleep(0)
    print("main done")


run(main)
