import asyncio
from _runner import run, show


async def inner():
    try:
        print("inner sleeps")
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("inner cancelled")
        await asyncio.sleep(0)
        print("inner cleanup done")
        raise


async def outer():
    t = asyncio.create_task(inner())
    try:
        await t
    except asyncio.CancelledError:
        show("outer cancelled; inner cancelled?", t.cancelled())
        raise


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def main():
    o = asyncio.create_task(outer())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    asyncio.create_task(ticker(6))
    print("cancelling outer")
    o.cancel()
    try:
        await o
    except asyncio.CancelledError:
        show("main saw outer cancelled", o.cancelled())


run(main)
