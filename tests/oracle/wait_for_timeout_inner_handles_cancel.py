import asyncio
from _runner import run, show


async def reraiser():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("reraiser cancelled")
        await asyncio.sleep(0)
        print("reraiser cleaned up")
        raise


async def swallower():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("swallower cancelled")
        await asyncio.sleep(0)
        print("swallower returns anyway")
    return "late value"


async def plain():
    try:
        await asyncio.sleep(10)
    finally:
        print("plain finally")


async def nap(d):
    await asyncio.sleep(d)
    return "slept"


async def main():
    try:
        await asyncio.wait_for(reraiser(), 0.01)
    except asyncio.TimeoutError as e:
        print("timeout 1:", "TimeoutError")
    try:
        print("got", await asyncio.wait_for(swallower(), 0.01))
    except asyncio.TimeoutError:
        print("no timeout expected here")
    t = asyncio.create_task(plain())
    try:
        await asyncio.wait_for(t, 0.01)
    except asyncio.TimeoutError:
        show("timeout 3; task cancelled:", t.cancelled())
    print("fast", await asyncio.wait_for(nap(0.001), 1))


run(main)
