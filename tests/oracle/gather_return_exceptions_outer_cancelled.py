import asyncio
from _runner import run, show


async def done_early():
    return "early"


async def swallower():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("swallower swallows")
        await asyncio.sleep(0)
    print("swallower returns")
    return "swallowed"


async def reraiser():
    try:
        await asyncio.sleep(10)
    finally:
        print("reraiser finally")


kids = []


async def parent():
    kids.append(asyncio.create_task(done_early()))
    kids.append(asyncio.create_task(swallower()))
    kids.append(asyncio.create_task(reraiser()))
    try:
        r = await asyncio.gather(*kids, return_exceptions=True)
        show("parent got", r)
    except asyncio.CancelledError:
        print("parent sees CancelledError")
        raise


async def main():
    p = asyncio.create_task(parent())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    show("cancel parent:", p.cancel())
    r = await asyncio.gather(p, return_exceptions=True)
    show("parent cancelled", p.cancelled())
    show("kids", kids[0].result(), kids[1].result(), kids[2].cancelled())


run(main)
