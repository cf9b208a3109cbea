import asyncio
from _runner import run, show


async def worker(name):
    try:
        for i in range(100):
            print(name, i)
            await asyncio.sleep(0)
    finally:
        print(name, "finally")


async def main():
    asyncio.create_task(worker("a"))
    asyncio.create_task(worker("b"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("main raises")
    raise ValueError("main failed")


try:
    run(main)
except ValueError:
    pass  # the runner side exits 1 here; the harness needs python3 to exit 0
