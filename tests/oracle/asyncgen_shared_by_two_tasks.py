import asyncio
from _runner import run, show


async def gen():
    for i in range(3):
        await asyncio.sleep(0)
        yield i


async def main():
    g = gen()

    async def consume(name):
        try:
            async for v in g:
                print(name, v)
        except Exception as e:
            print(name, "error", type(e).__name__, str(e))

    a = asyncio.create_task(consume("a"))
    b = asyncio.create_task(consume("b"))
    await asyncio.wait([a, b])


run(main)
