import asyncio
from _runner import run, show


async def reraiser():
    try:
        print("reraiser sleeps")
        await asyncio.sleep(10)
        print("never")
    except asyncio.CancelledError as e:
        print("reraiser caught", "CancelledError")
        raise
    finally:
        print("reraiser finally")


async def swallower():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("swallower caught")
    finally:
        print("swallower finally")
    print("swallower goes on")
    await asyncio.sleep(0)
    return "swallowed"


async def plain():
    try:
        await asyncio.sleep(10)
    except Exception as e:
        print("plain catch must not see CancelledError")
    finally:
        print("plain finally")


async def main():
    a = asyncio.create_task(reraiser())
    b = asyncio.create_task(swallower())
    c = asyncio.create_task(plain())
    await asyncio.sleep(0)
    show("cancel returns", a.cancel(), b.cancel(), c.cancel())
    show("done right after cancel?", a.done(), b.done(), c.done())
    r = await asyncio.gather(a, b, c, return_exceptions=True)
    print("kinds", "CancelledError", r[1], "CancelledError")
    show("a cancelled", a.cancelled(), "b cancelled", b.cancelled(), "c cancelled", c.cancelled())
    show("cancel a done task", a.cancel(), b.cancel())
    try:
        await a
    except asyncio.CancelledError:
        print("await a raised CancelledError")
    try:
        a.result()
    except asyncio.CancelledError:
        print("a.result() raised CancelledError")
    print("b result", b.result())


run(main)
