import asyncio
from _runner import run, show


async def gen():
    try:
        for i in range(10):
            yield i
            await asyncio.sleep(0)
    finally:
        print("gen finally in", asyncio.current_task().get_name())


async def other(n):
    for i in range(n):
        print("other", i)
        await asyncio.sleep(0)


async def main():
    asyncio.create_task(other(6))
    async for v in gen():
        print("got", v)
        if v == 1:
            break
    print("after break")
    for i in range(3):
        print("main", i)
        await asyncio.sleep(0)


run(main)
