import asyncio
from _runner import run, show


async def inner_gen(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i


async def outer_gen(n):
    async for v in inner_gen(n):
        await asyncio.sleep(0)
        yield v * 10


async def stubborn():
    i = 0
    while i < 3:
        try:
            await asyncio.sleep(0)
        except asyncio.CancelledError:
            print("gen swallowed cancel")
            yield -1
        yield i
        i += 1


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def consumer():
    async for v in stubborn():
        print("consumer got", v)
    show("consumer done; cancelled?", asyncio.current_task().cancelled())


async def main():
    asyncio.create_task(ticker(12))
    async for v in outer_gen(3):
        print("outer got", v)
    c = asyncio.create_task(consumer())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    c.cancel()
    await c
    show("c cancelled", c.cancelled())


run(main)
