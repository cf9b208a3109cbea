import asyncio
from _runner import run, show


async def ok(name, k):
    for i in range(k):
        await asyncio.sleep(0)
    return name


async def bad(name, k):
    for i in range(k):
        await asyncio.sleep(0)
    raise ValueError(name)


async def main():
    ts = [asyncio.create_task(ok("ok3", 3)), asyncio.create_task(bad("bad1", 1)),
          asyncio.create_task(ok("ok0", 0)), asyncio.create_task(bad("bad5", 5))]
    for f in asyncio.as_completed(ts):
        try:
            print("ok:", await f)
        except ValueError as e:
            print("failed:", str(e))


run(main)
