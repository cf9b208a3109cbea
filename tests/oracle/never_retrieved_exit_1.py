import asyncio
from _runner import run, show


async def bad():
    await asyncio.sleep(0)
    print("bad raises")
    raise ValueError("lost")


async def good():
    for i in range(3):
        print("good", i)
        await asyncio.sleep(0)


async def main():
    asyncio.create_task(bad())
    asyncio.create_task(good())
    await asyncio.sleep(0.01)
    print("main finished")


run(main)
