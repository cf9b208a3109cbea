import asyncio
from _runner import run, show


async def bad(n, k):
    for i in range(k):
        await asyncio.sleep(0)
    print("bad", n, "raises")
    raise ValueError(str(n))


async def main():
    try:
        await asyncio.gather(bad(1, 1), bad(2, 2), bad(3, 3))
    except ValueError as e:
        print("gather raised", str(e))
    for i in range(4):
        await asyncio.sleep(0)
    print("end")


run(main)
