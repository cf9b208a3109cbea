import asyncio
from _runner import run, show


async def quitter():
    await asyncio.sleep(0)
    print("quitter raises CancelledError")
    raise asyncio.CancelledError()


async def main():
    t = asyncio.create_task(quitter())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    show("done", t.done(), "cancelled", t.cancelled())
    try:
        await t
    except asyncio.CancelledError:
        print("await raised CancelledError")


run(main)
