import asyncio
from _runner import run, show


async def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen finally")


async def main():
    g = gen()
    async for v in g:
        print("got", v)
        break
    print("main ends with the generator suspended")


run(main)
