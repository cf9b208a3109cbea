import asyncio
from _runner import run, show


async def leaf(path):
    print("leaf", path, "start")
    await asyncio.sleep(0)
    print("leaf", path, "end")
    return 1


async def mid(path):
    print("mid", path, "start")
    a = asyncio.create_task(leaf(path + ".0"))
    b = asyncio.create_task(leaf(path + ".1"))
    total = await a + await b
    print("mid", path, "end", total)
    return total


async def top(path):
    print("top", path, "start")
    ts = []
    for i in range(3):
        ts.append(asyncio.create_task(mid(path + "." + str(i))))
    total = 0
    for t in ts:
        total += await t
    print("top", path, "end", total)
    return total


async def main():
    x = asyncio.create_task(top("x"))
    y = asyncio.create_task(top("y"))
    print("main total", await x + await y)


run(main)
