import asyncio
from _runner import run, show


async def a(x):
    print("a", x, "runs")
    await asyncio.sleep(0)
    return x


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


def starter(x):
    return asyncio.create_task(a(x))


async def main():
    asyncio.create_task(ticker(10))
    t = starter(3)
    print("starter returned")
    print("awaited", await t)
    g = asyncio.gather(a(1), a(2))
    print("inner gather created")
    show(await asyncio.gather(g, a(4)))
    print("done")


run(main)
