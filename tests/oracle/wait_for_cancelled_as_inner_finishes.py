import asyncio
from _runner import run, show


async def inner():
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    return "inner result"


async def outer(tag):
    try:
        r = await asyncio.wait_for(inner(), 10)
        print(tag, "wait_for returned", r)
        await asyncio.sleep(0)
        print(tag, "outer carries on")
    except asyncio.CancelledError:
        print(tag, "outer cancelled")


async def canceller(t, turns):
    for i in range(turns):
        await asyncio.sleep(0)
    show("cancel:", t.cancel())


async def main():
    cases = [["a", 1], ["b", 2], ["c", 3], ["d", 4]]
    for case in cases:
        o = asyncio.create_task(outer(case[0]))
        c = asyncio.create_task(canceller(o, case[1]))
        await o
        await c


run(main)
