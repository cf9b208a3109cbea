import asyncio
from _runner import run, show


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def nest(depth):
    if depth == 0:
        print("bottom reached")
        await asyncio.sleep(0)
        print("bottom resumed")
        return 0
    r = await nest(depth - 1)
    return r + depth


async def nest_plain(depth):
    if depth == 0:
        return 0
    return depth + await nest_plain(depth - 1)


async def main():
    asyncio.create_task(ticker(4))
    print("start")
    print("no-yield chain:", await nest_plain(200))
    print("chain:", await nest(200))
    print("end")


run(main)
