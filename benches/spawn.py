# spawn: spawn 100,000 x SCALE tasks that each yield once and return their index; gather;
# sum. Twin of spawn.tasks.
import asyncio
import sys

scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
n = max(1, int(100000 * scale))


async def one(i):
    await asyncio.sleep(0)
    return i


async def main():
    tasks = []
    for i in range(n):
        tasks.append(asyncio.create_task(one(i)))
    results = await asyncio.gather(*tasks)
    print(f"spawn tasks={len(results)} sum={sum(results)}")


asyncio.run(main())
