import asyncio
from _runner import run, show


async def ticker(n):
    loop = asyncio.get_running_loop()
    for i in range(n):
        print("tick", i)
        if i == 1:
            start = loop.time()
            while loop.time() - start < 0.1:
                pass
        await asyncio.sleep(0)


async def inner():
    try:
        print("inner sleeps")
        await asyncio.sleep(10)
    finally:
        print("inner finally")


async def main():
    asyncio.create_task(ticker(10))
    try:
        await asyncio.wait_for(inner(), 0.02)
    except asyncio.TimeoutError:
        print("main: TimeoutError")


run(main)
