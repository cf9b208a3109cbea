import asyncio
from _runner import run, show


async def work():
    print("work runs (must not print for the coroutine)")
    return "w"


async def main():
    t = asyncio.create_task(work())
    await asyncio.sleep(0)
    print("done task:", await asyncio.wait_for(t, 0))
    try:
        await asyncio.wait_for(work(), 0)
    except asyncio.TimeoutError:
        print("coroutine: TimeoutError")
    u = asyncio.create_task(work())
    try:
        await asyncio.wait_for(u, -1)
    except asyncio.TimeoutError:
        show("pending task: TimeoutError, cancelled", u.cancelled())


run(main)
