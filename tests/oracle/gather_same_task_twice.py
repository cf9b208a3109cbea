import asyncio
from _runner import run, show


async def child(name, k):
    for i in range(k):
        await asyncio.sleep(0)
    print(name, "finished")
    return name


async def main():
    t = asyncio.create_task(child("t", 2))
    show(await asyncio.gather(t, t, child("c", 1), t))


run(main)
