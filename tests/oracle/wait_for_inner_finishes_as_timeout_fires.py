import asyncio
from _runner import run, show


async def inner(k):
    loop = asyncio.get_running_loop()
    start = loop.time()
    while loop.time() - start < 0.1:
        pass
    for i in range(k):
        await asyncio.sleep(0)
    print("inner", k, "returns")
    return k


async def main():
    for k in range(4):
        try:
            print("result", await asyncio.wait_for(inner(k), 0.02))
        except asyncio.TimeoutError:
            print("TimeoutError for k =", k)


run(main)
