import asyncio
from _runner import run, show


async def square(x):
    print("square", x, "runs")
    await asyncio.sleep(0)
    return x * x


async def squares(n):
    for i in range(n):
        t = asyncio.create_task(square(i))
        yield await t


async def ticker(k):
    for i in range(k):
        print("tick", i)
        await asyncio.sleep(0)


async def main():
    asyncio.create_task(ticker(12))
    async for v in squares(3):
        print("got", v)
    print("end")


run(main)
