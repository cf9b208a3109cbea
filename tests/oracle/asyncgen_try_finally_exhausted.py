import asyncio
from _runner import run, show


async def gen(n, fail):
    try:
        for i in range(n):
            await asyncio.sleep(0)
            yield i
        if fail:
            raise ValueError("gen failed")
    finally:
        print("gen finally")
        await asyncio.sleep(0)
        print("gen finally after await")


async def other(n):
    for i in range(n):
        print("other", i)
        await asyncio.sleep(0)


async def main():
    asyncio.create_task(other(10))
    async for v in gen(2, False):
        print("got", v)
    print("loop 1 over")
    try:
        async for v in gen(2, True):
            print("got", v)
    except ValueError as e:
        print("consumer caught", str(e))
    print("end")


run(main)
