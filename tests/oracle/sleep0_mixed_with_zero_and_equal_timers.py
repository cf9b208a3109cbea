import asyncio
from _runner import run, show


async def timed(name, d):
    print(name, "sleeps")
    await asyncio.sleep(d)
    print(name, "woke")


async def ticker(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)


async def forever():
    await asyncio.sleep(10)


async def zero_wait(f):
    print("zero_wait starts")
    done, pending = await asyncio.wait([f], timeout=0)
    print("zero_wait returned", len(done), len(pending))
    f.cancel()


async def busy():
    loop = asyncio.get_running_loop()
    start = loop.time()
    while loop.time() - start < 0.005:
        pass
    print("busy done")
    await asyncio.sleep(0.0)
    print("busy after sleep(0.0)")
    await asyncio.sleep(-1)
    print("busy after sleep(-1)")


async def main():
    asyncio.create_task(timed("t1", 0.001))
    asyncio.create_task(timed("t2", 0.001))
    asyncio.create_task(ticker("y", 7))
    asyncio.create_task(zero_wait(asyncio.create_task(forever())))
    asyncio.create_task(busy())


run(main)
