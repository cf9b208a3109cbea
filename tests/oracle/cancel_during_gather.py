import asyncio
from _runner import run, show


async def quick():
    return "q"


async def sleeper():
    try:
        await asyncio.sleep(10)
    finally:
        print("sleeper finally")


async def slow_cleanup():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("slow_cleanup caught")
        await asyncio.sleep(0)
        print("slow_cleanup still cleaning")
        await asyncio.sleep(0)
        print("slow_cleanup re-raises")
        raise


children = []


async def gatherer():
    children.append(asyncio.create_task(quick()))
    children.append(asyncio.create_task(sleeper()))
    children.append(asyncio.create_task(slow_cleanup()))
    try:
        await asyncio.gather(*children)
    except asyncio.CancelledError:
        print("gatherer sees CancelledError")
        raise


async def main():
    g = asyncio.create_task(gatherer())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    show("cancel:", g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        show("main: gatherer cancelled", g.cancelled())
    for c in children:
        show("child done", c.done(), "cancelled", c.cancelled())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    for c in children:
        show("child done", c.done(), "cancelled", c.cancelled())
    print("quick result", children[0].result())


run(main)
