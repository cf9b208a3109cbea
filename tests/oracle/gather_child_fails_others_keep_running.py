import asyncio
from _runner import run, show


async def ok(name, k):
    for i in range(k):
        print(name, "step", i)
        await asyncio.sleep(0)
    print(name, "finished")
    return name


async def bad():
    await asyncio.sleep(0)
    print("bad raises")
    raise ValueError("boom")


async def bad2():
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("bad2 raises")
    raise KeyError("second")


async def main():
    a = asyncio.create_task(ok("a", 6))
    b = asyncio.create_task(bad())
    c = asyncio.create_task(bad2())
    try:
        await asyncio.gather(a, b, c)
    except ValueError as e:
        print("main caught", type(e).__name__, str(e))
    show("a done?", a.done())
    await a
    print("a result", a.result())
    print("c exception kind", type(c.exception()).__name__)


run(main)
