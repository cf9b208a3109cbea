import asyncio
from _runner import run, show


async def child(name, k):
    for i in range(k):
        await asyncio.sleep(0)
    print(name, "finished")
    return name


async def main():
    a = asyncio.create_task(child("a", 1))
    b = asyncio.create_task(child("b", 10))
    c = asyncio.create_task(child("c", 4))

    async def killer():
        await asyncio.sleep(0)
        print("killer cancels b")
        b.cancel()

    asyncio.create_task(killer())
    try:
        await asyncio.gather(a, b, c)
    except asyncio.CancelledError:
        show("main got CancelledError; main cancelled?", asyncio.current_task().cancelled())
    show("main carries on; c done?", c.done())
    await asyncio.sleep(0)
    print("after a turn")
    show("c", await c, "b cancelled", b.cancelled())


run(main)
