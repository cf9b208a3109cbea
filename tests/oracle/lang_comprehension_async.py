import asyncio
from _runner import run, show


async def agen(n):
    for i in range(n):
        print("  gen", n, "yields", i)
        yield i
        await asyncio.sleep(0)


async def ticker(n):
    for i in range(n):
        print("  tick", i)
        await asyncio.sleep(0)


async def broken():
    yield 1
    await asyncio.sleep(0)
    raise ValueError("generator broke")


async def collect(n):
    t = asyncio.create_task(ticker(4))
    every = [x async for x in agen(n)]
    print("all", every)
    evens = [x * 10 async for x in agen(n) if x % 2 == 0]
    print("evens", evens)
    await t
    return [every, evens]


async def more():
    squares = {x: x * x async for x in agen(3)}
    parity = {x % 2 async for x in agen(3)}
    mixed = [[x, y] async for x in agen(2) for y in "ab"]
    inner = [y for x in range(1, 3) async for y in agen(x)]
    return [squares, sorted(parity), mixed, inner]


async def main():
    print(await collect(4))
    r = await more()
    for part in r: print(part)
    try:
        got = [x async for x in broken()]
        print("never", got)
    except ValueError as e:
        print("caught", str(e))
    print("empty", [x async for x in agen(0)])


run(main)
