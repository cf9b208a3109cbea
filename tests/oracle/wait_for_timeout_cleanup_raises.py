import asyncio
from _runner import run, show


async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("inner cancelled; cleanup fails")
        raise ValueError("cleanup failed")


async def main():
    try:
        await asyncio.wait_for(inner(), 0.005)
    except asyncio.TimeoutError:
        print("TimeoutError (not expected)")
    except ValueError as e:
        print("wait_for raised", type(e).__name__, str(e))


run(main)
