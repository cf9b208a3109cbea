import asyncio
from _runner import run, show


async def run_workers(n):
    log = []
    done = 0
    async def worker(i):
        nonlocal done
        log.append(f"start {i}")
        await asyncio.sleep(0)
        done += 1
        log.append(f"end {i} done={done}")
        return i * i
    ts = []
    for i in range(n):
        ts.append(asyncio.create_task(worker(i)))
    print("spawned", len(ts), "done so far", done, log)
    results = await asyncio.gather(*ts)
    print("results", results, "done", done)
    for line in log: print(" ", line)
    return done


async def countdown_sum(n):
    async def down(k):
        if k == 0: return 0
        await asyncio.sleep(0)
        return k + await down(k - 1)
    return await down(n)


async def main():
    print("total", await run_workers(3))
    prefix = "p"
    async def make(x):
        await asyncio.sleep(0)
        return prefix + str(x)
    coros = [make(i) for i in range(3)]
    prefix = "q"
    print(await asyncio.gather(*coros))
    print("countdown", await countdown_sum(5))
    seen = []
    late = []
    for i in range(3):
        async def t():
            seen.append(i)
            await asyncio.sleep(0)
            late.append(i * 10)
        late.append(asyncio.create_task(t()))
    print("before", seen, len(late))
    await asyncio.sleep(0)
    print("after one turn", seen)
    await asyncio.sleep(0)
    print("after two turns", seen, late[3:])
    async def square(x):
        await asyncio.sleep(0.01 * (3 - x))
        print("square", x)
        return x * x
    print(await asyncio.gather(square(1), square(2), square(3)))


run(main)
