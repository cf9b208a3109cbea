import asyncio
from _runner import run, show


async def inner():
    print("inner must not run")
    await asyncio.sleep(0)


async def outer():
    print("outer enters wait_for")
    try:
        await asyncio.wait_for(inner(), 5)
    except asyncio.CancelledError:
        print("outer cancelled")
        raise


async def killer(t):
    show("killer cancels outer:", t.cancel())


async def main():
    o = asyncio.create_task(outer())
    asyncio.create_task(killer(o))
    r = await asyncio.gather(o, return_exceptions=True)
    show("outer cancelled", o.cancelled(), type(r[0]).__name__)


run(main)
