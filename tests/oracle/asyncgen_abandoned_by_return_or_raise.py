import asyncio
from _runner import run, show


async def gen(tag):
    try:
        yield 1
        yield 2
    finally:
        print("gen", tag, "finally")


async def first_of(tag):
    async for v in gen(tag):
        return v


async def main():
    print("first", await first_of("returned"))
    print("after return")
    await asyncio.sleep(0)
    print("main turn 1")
    await asyncio.sleep(0)
    print("main turn 2")
    try:
        async for v in gen("raised"):
            raise ValueError("out")
    except Exception as e:
        print("caught", str(e))
    await asyncio.sleep(0)
    print("main turn 3")
    await asyncio.sleep(0)
    print("main turn 4")
    g = gen("kept")
    async for v in g:
        break
    print("kept after break")
    async for v in g:
        print("kept resumed with", v)
    print("end")


run(main)
