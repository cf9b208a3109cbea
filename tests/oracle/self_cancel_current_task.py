import asyncio
from _runner import run, show


async def no_suspend():
    return 5


async def selfish():
    print("before cancel")
    asyncio.current_task().cancel()
    print("still running after cancel()")
    print("inline coroutine gives", await no_suspend())
    print("done task gives", await done_task)
    try:
        await asyncio.sleep(0)
        print("never")
    except asyncio.CancelledError:
        print("caught at the next await")
    await asyncio.sleep(0)
    print("carries on after swallowing")
    asyncio.current_task().cancel()
    await asyncio.sleep(0)
    print("never either")


async def other():
    for i in range(4):
        print("other", i)
        await asyncio.sleep(0)


async def main():
    global done_task
    done_task = asyncio.create_task(no_suspend())
    await asyncio.sleep(0)
    t = asyncio.create_task(selfish())
    asyncio.create_task(other())
    try:
        await t
    except asyncio.CancelledError:
        show("selfish cancelled", t.cancelled())


run(main)
