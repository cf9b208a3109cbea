import asyncio
from _runner import run, show


async def level(n):
    try:
        if n == 0:
            await asyncio.sleep(10)
        else:
            await level(n - 1)
    finally:
        if n % 10 == 0 or n < 3:
            print("finally", n)


async def ticker(k):
    for i in range(k):
        print("tick", i)
        await asyncio.sleep(0)


async def main():
    t = asyncio.create_task(level(50))
    await asyncio.sleep(0)
    asyncio.create_task(ticker(3))
    t.cancel()
    r = await asyncio.gather(t, return_exceptions=True)
    show("cancelled", t.cancelled())


run(main)
