import asyncio
from _runner import run, show


async def count(n):
    for i in range(n):
        print("gen yields", i)
        yield i
        await asyncio.sleep(0)
        print("gen resumed after", i)
    print("gen exhausted (must not print)")


async def other(n):
    for i in range(n):
        print("other", i)
        await asyncio.sleep(0)


async def main():
    asyncio.create_task(other(6))
    async for v in count(10):
        print("got", v)
        if v == 2:
            break
    print("after break")
    async for v in count(10):
        if v == 0:
            continue
        print("got", v)
        if v >= 1:
            break
    print("after second break")
    await asyncio.sleep(0)
    print("end")


run(main)
