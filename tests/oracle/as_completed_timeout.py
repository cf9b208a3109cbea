import asyncio
from _runner import run, show


async def nap(name, d):
    await asyncio.sleep(d)
    return name


async def main():
    slow = asyncio.create_task(nap("slow", 0.3))
    ts = [slow, asyncio.create_task(nap("fast", 0.001)), asyncio.create_task(nap("mid", 0.01))]
    n = 0
    try:
        for f in asyncio.as_completed(ts, timeout=0.1):
            print("arrived", await f)
            n += 1
    except asyncio.TimeoutError:
        print("TimeoutError after", n, "items")
    show("slow cancelled?", slow.cancelled(), "done?", slow.done())
    print("slow result", await slow)


run(main)
