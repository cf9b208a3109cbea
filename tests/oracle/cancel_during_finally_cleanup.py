import asyncio
from _runner import run, show


async def worker():
    try:
        await asyncio.sleep(10)
    finally:
        print("cleanup starts")
        try:
            await asyncio.sleep(10)
            print("cleanup finished (must not print)")
        except asyncio.CancelledError:
            print("cleanup interrupted by second cancel")
        print("finally ends")


async def main():
    w = asyncio.create_task(worker())
    await asyncio.sleep(0)
    show("first cancel", w.cancel())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    show("second cancel", w.cancel())
    try:
        await w
    except asyncio.CancelledError:
        show("worker cancelled", w.cancelled())


run(main)
