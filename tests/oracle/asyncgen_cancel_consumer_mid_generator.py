import asyncio
from _runner import run, show


async def gen():
    try:
        i = 0
        while True:
            await asyncio.sleep(0)
            yield i
            i += 1
    finally:
        print("gen finally")


async def consumer():
    try:
        async for v in gen():
            print("consumer got", v)
    except asyncio.CancelledError:
        print("consumer cancelled")
        raise
    finally:
        print("consumer finally")


async def main():
    c = asyncio.create_task(consumer())
    for i in range(3):
        await asyncio.sleep(0)
    print("main cancels")
    c.cancel()
    try:
        await c
    except asyncio.CancelledError:
        show("main: consumer cancelled", c.cancelled())


run(main)
