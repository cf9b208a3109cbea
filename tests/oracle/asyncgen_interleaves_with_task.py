import asyncio
from _runner import run, show


async def numbers(n):
    for i in range(n):
        print("gen computes", i)
        await asyncio.sleep(0)
        yield i * i
    print("gen exhausted")


async def other(n):
    for i in range(n):
        print("other", i)
        await asyncio.sleep(0)


async def no_await_gen(n):
    for i in range(n):
        yield i


async def main():
    asyncio.create_task(other(8))
    total = 0
    async for v in numbers(4):
        print("consumer got", v)
        total += v
    print("total", total)
    async for v in no_await_gen(3):
        print("sync-ish got", v)
    print("end")


run(main)
