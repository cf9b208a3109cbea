import asyncio
from _runner import run, show


async def bad(msg):
    await asyncio.sleep(0)
    raise ValueError(msg)


async def main():
    lost = asyncio.create_task(bad("lost"))
    g = asyncio.create_task(bad("gathered"))
    a = asyncio.create_task(bad("awaited"))
    done, pending = await asyncio.wait([lost, g, a])
    show("all done", lost.done(), g.done(), a.done(), len(done))
    r = await asyncio.gather(g, return_exceptions=True)
    print("gather returned", str(r[0]))
    try:
        await a
    except ValueError as e:
        print("await raised", str(e))
    print("main finished")


run(main)
