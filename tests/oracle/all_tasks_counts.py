import asyncio
from _runner import run, show


async def nap(k):
    for i in range(k):
        await asyncio.sleep(0)


def names():
    ts = sorted(asyncio.all_tasks(), key=lambda t: int(t.get_name().split("-")[1]))
    return [t.get_name() for t in ts]


async def reporter():
    show("reporter sees", names())


async def main():
    show("alone", len(asyncio.all_tasks()), names())
    a = asyncio.create_task(nap(1))
    b = asyncio.create_task(nap(3))
    show("after spawns", len(asyncio.all_tasks()), names())
    await asyncio.sleep(0)
    show("after one turn", len(asyncio.all_tasks()), names())
    await asyncio.sleep(0)
    show("after two turns", len(asyncio.all_tasks()), names())
    asyncio.create_task(reporter())
    await asyncio.gather(nap(2), reporter())
    show("after gather", len(asyncio.all_tasks()), names())
    await b
    show("at the end", len(asyncio.all_tasks()), names())


run(main)
