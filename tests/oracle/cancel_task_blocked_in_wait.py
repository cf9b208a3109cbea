import asyncio
from _runner import run, show


async def child(name, k):
    for i in range(k):
        await asyncio.sleep(0)
    print(name, "finished")
    return name


async def waiter(ts):
    try:
        await asyncio.wait(ts)
        print("never")
    except asyncio.CancelledError:
        print("waiter cancelled")
        raise


async def main():
    a = asyncio.create_task(child("a", 3))
    b = asyncio.create_task(child("b", 5))
    w = asyncio.create_task(waiter([a, b]))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    w.cancel()
    await asyncio.wait([w, a, b])
    show("w cancelled", w.cancelled(), "a", a.result(), "b", b.result())


run(main)
