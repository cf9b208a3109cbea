import asyncio
from _runner import run, show


async def timed():
    await asyncio.sleep(0.005)
    print("timer task resumed")


async def ticker(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)


async def busy():
    loop = asyncio.get_running_loop()
    start = loop.time()
    total = 0
    i = 0
    while i < 2_000_000 or loop.time() - start < 0.03:
        total += i % 7
        i += 1
    show("busy done", total > 0)
    await asyncio.sleep(0)
    print("busy after yield")


async def main():
    asyncio.create_task(timed())
    asyncio.create_task(ticker("a", 5))
    asyncio.create_task(ticker("b", 5))
    asyncio.create_task(busy())


run(main)
