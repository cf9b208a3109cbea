import asyncio
from _runner import run, show

log = []


async def worker(i):
    for step in range(3):
        log.append(i * 10 + step)
        await asyncio.sleep(0)
    return i


async def main():
    ts = []
    for i in range(1000):
        ts.append(asyncio.create_task(worker(i)))
    results = await asyncio.gather(*ts)
    print("results", len(results), sum(results))
    print("log", len(log))
    check = 0
    for k in range(len(log)):
        check = (check * 31 + log[k] * (k + 1)) % 1_000_000_007
    print("checksum", check)
    print("samples", log[0], log[1], log[999], log[1000], log[1001], log[2999])
    print("tasks left", len(asyncio.all_tasks()))


run(main)
