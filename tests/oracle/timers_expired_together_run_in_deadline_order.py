import asyncio
from _runner import run, show


async def sleeper(name, d):
    await asyncio.sleep(d)
    print(name, "woke")


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def busy():
    loop = asyncio.get_running_loop()
    start = loop.time()
    while loop.time() - start < 0.02:
        pass
    print("busy done")


async def main():
    asyncio.create_task(sleeper("x4", 0.004))
    asyncio.create_task(sleeper("y2", 0.002))
    asyncio.create_task(sleeper("z3", 0.003))
    asyncio.create_task(sleeper("w2", 0.002))
    asyncio.create_task(sleeper("v1", 0.001))
    asyncio.create_task(ticker(4))
    asyncio.create_task(busy())


run(main)
