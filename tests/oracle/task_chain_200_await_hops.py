import asyncio
from _runner import run, show

ticks = 0


async def ticker():
    global ticks
    while True:
        ticks += 1
        await asyncio.sleep(0)
        if ticks > 1000:
            return


async def level(n):
    if n == 0:
        print("deepest runs at tick", ticks)
        return 0
    r = await asyncio.create_task(level(n - 1))
    if n % 50 == 0:
        print("level", n, "resumes at tick", ticks)
    return r + n


async def main():
    global ticks
    asyncio.create_task(ticker())
    print("sum", await asyncio.create_task(level(200)))
    print("ticks at end", ticks)
    ticks = 5000


run(main)
