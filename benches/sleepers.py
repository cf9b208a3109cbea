# sleepers: 10,000 x SCALE tasks, each sleeping a seeded random 0-50 ms, gathered. Twin of
# sleepers.tasks, which runs with --seed 7.
import asyncio
import random
import sys

scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
n = max(1, int(10000 * scale))
random.seed(7)


async def sleeper(ms):
    await asyncio.sleep(ms / 1000)
    return ms


async def main():
    delays = []
    for i in range(n):
        delays.append(random.randint(0, 50))
    tasks = []
    for ms in delays:
        tasks.append(asyncio.create_task(sleeper(ms)))
    slept = await asyncio.gather(*tasks)
    print(f"sleepers tasks={len(slept)} sum_ms={sum(slept)} max_ms={max(slept)}")


asyncio.run(main())
