import asyncio
from _runner import run, show


async def quick():
    show("quick runs")
    return 1


async def ticker(n):
    for i in range(n):
        show("tick", i)
        await asyncio.sleep(0)


async def waiter(t):
    r = await t
    show("waiter got", r)


async def main():
    q = asyncio.create_task(quick())
    asyncio.create_task(ticker(4))
    asyncio.create_task(waiter(q))


run(main)
