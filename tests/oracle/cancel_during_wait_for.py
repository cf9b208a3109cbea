import asyncio
from _runner import run, show


async def inner():
    try:
        print("inner sleeps")
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("inner cancelled, cleaning up")
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        print("inner cleanup done")
        raise


async def outer():
    try:
        await asyncio.wait_for(inner(), 5)
        print("never")
    except asyncio.CancelledError:
        print("outer sees CancelledError")
        raise
    except asyncio.TimeoutError:
        print("must not be a timeout")


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def main():
    o = asyncio.create_task(outer())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    asyncio.create_task(ticker(8))
    show("cancel:", o.cancel())
    r = await asyncio.gather(o, return_exceptions=True)
    show("outer ended with", type(r[0]).__name__, o.cancelled())


run(main)
