import asyncio
from _runner import run, show


async def sleeper(name, d):
    await asyncio.sleep(d)
    print(name, "woke")
    return name


async def main():
    ts = [
        asyncio.create_task(sleeper("d30", 0.2)),
        asyncio.create_task(sleeper("d10", 0.1)),
        asyncio.create_task(sleeper("d20a", 0.15)),
        asyncio.create_task(sleeper("d20b", 0.15)),
        asyncio.create_task(sleeper("d0", 0)),
        asyncio.create_task(sleeper("d20c", 0.15)),
        asyncio.create_task(sleeper("d1", 0.05)),
    ]
    r = await asyncio.gather(*ts)
    show(r)
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    await asyncio.sleep(0.02)
    show("slept at least 0.02:", loop.time() - t0 >= 0.02)


run(main)
