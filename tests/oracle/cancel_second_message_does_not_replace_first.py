import asyncio
from _runner import run
async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("first", str(e))
        try:
            await asyncio.sleep(0)
            await asyncio.sleep(0)
        except asyncio.CancelledError as e2:
            print("second", str(e2))
        print("after, still", str(e))
        raise
async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0)
    t.cancel("one")
    t.cancel("two")
    await asyncio.sleep(0)
    t.cancel("three")
    try:
        await t
    except asyncio.CancelledError as e:
        print("main sees", str(e))
run(main)
