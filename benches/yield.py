# yield: two tasks, each `await asyncio.sleep(0)` 1,000,000 x SCALE times. Twin of yield.tasks.
import asyncio
import sys

scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
n = max(1, int(1000000 * scale))
tick = 0


async def yielder(count):
    global tick
    seen = 0
    for i in range(count):
        seen += tick
        tick += 1
        await asyncio.sleep(0)
    return seen


async def main():
    a = asyncio.create_task(yielder(n))
    b = asyncio.create_task(yielder(n))
    sa, sb = await asyncio.gather(a, b)
    print(f"yield switches={tick} a={sa} b={sb}")


asyncio.run(main())
