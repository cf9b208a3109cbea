import asyncio
from _runner import run, show

woke = []


async def sleeper(i):
    await asyncio.sleep((i % 5) * 0.1 + 0.01)
    woke.append(i)


async def main():
    ts = []
    for i in range(500):
        ts.append(asyncio.create_task(sleeper(i)))
    await asyncio.gather(*ts)
    expected = []
    for g in range(5):
        for i in range(500):
            if i % 5 == g:
                expected.append(i)
    print("count", len(woke))
    show("grouped and in spawn order:", woke == expected)
    show("first", woke[0:6], "last", woke[494:500])


run(main)
