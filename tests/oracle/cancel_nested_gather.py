import asyncio
from _runner import run, show


async def child(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(name, "cancelled")
        await asyncio.sleep(0)
        print(name, "cleaned up")
        raise


async def main():
    inner = asyncio.gather(child("a"), child("b"))

    async def parent():
        try:
            await asyncio.gather(inner, child("c"))
        except asyncio.CancelledError:
            print("parent sees CancelledError")
            raise

    p = asyncio.create_task(parent())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    show("cancel:", p.cancel())
    r = await asyncio.gather(p, return_exceptions=True)
    show("parent cancelled", p.cancelled())
    try:
        await inner
    except asyncio.CancelledError:
        print("inner gather cancelled")


run(main)
