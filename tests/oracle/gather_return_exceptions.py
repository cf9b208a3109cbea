import asyncio
from _runner import run, show


async def ok(v, k):
    for i in range(k):
        await asyncio.sleep(0)
    print("ok", v)
    return v


async def bad(msg, k):
    for i in range(k):
        await asyncio.sleep(0)
    print("bad", msg)
    raise ValueError(msg)


async def sleepy():
    await asyncio.sleep(10)


async def canceller(t):
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("cancelling sleepy")
    t.cancel()


async def main():
    s = asyncio.create_task(sleepy())
    asyncio.create_task(canceller(s))
    r = await asyncio.gather(ok(1, 2), bad("first", 0), ok(2, 0), bad("second", 3), s, return_exceptions=True)
    print(len(r), r[0], r[2])
    print(type(r[1]).__name__, str(r[1]), str(r[3]))
    show(isinstance(r[4], asyncio.CancelledError))


run(main)
