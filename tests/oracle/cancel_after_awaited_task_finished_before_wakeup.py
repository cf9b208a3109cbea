import asyncio
from _runner import run, show


async def target():
    await asyncio.sleep(0)
    print("target finishes")
    return "T"


async def canceller(victim):
    await asyncio.sleep(0)
    show("canceller cancels:", victim.cancel())


async def waiter(t):
    try:
        r = await t
        print("waiter got", r)
    except asyncio.CancelledError:
        show("waiter cancelled although target done:", t.done())
        return "cancel swallowed"


async def sleeper():
    try:
        await asyncio.sleep(0.002)
        print("sleeper woke normally")
    except asyncio.CancelledError:
        print("sleeper cancelled after its timer fired")


async def busy_then_cancel(victim):
    loop = asyncio.get_running_loop()
    start = loop.time()
    while loop.time() - start < 0.01:
        pass
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    show("busy cancels:", victim.cancel())


async def main():
    t = asyncio.create_task(target())
    w = asyncio.create_task(waiter(t))
    asyncio.create_task(canceller(w))
    print("waiter returns", await w)
    s = asyncio.create_task(sleeper())
    asyncio.create_task(busy_then_cancel(s))
    await s


run(main)
