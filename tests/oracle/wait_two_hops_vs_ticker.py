import asyncio
from _runner import run, show


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def work(name, k):
    print(name, "starts")
    for i in range(k):
        await asyncio.sleep(0)
    print(name, "finishes")
    return name


def names(ts):
    return [t.result() for t in ts]


def split(ts, done):
    return [t for t in ts if t in done], [t for t in ts if t not in done]


async def main():
    asyncio.create_task(ticker(14))
    a = asyncio.create_task(work("a", 1))
    b = asyncio.create_task(work("b", 3))
    print("main waits all")
    done, pending = split([a, b], (await asyncio.wait([a, b]))[0])
    show("all:", names(done), len(pending))
    c = asyncio.create_task(work("c", 0))
    d = asyncio.create_task(work("d", 4))
    print("main waits first")
    done, pending = split([d, c], (await asyncio.wait([d, c], return_when=asyncio.FIRST_COMPLETED))[0])
    show("first:", names(done), len(pending))
    print("main waits done tasks")
    done, pending = split([a, b], (await asyncio.wait([a, b]))[0])
    show("again:", names(done), len(pending))
    print("main waits d")
    done, pending = split([d], (await asyncio.wait([d]))[0])
    show("d:", names(done), len(pending))
    print("main end")


run(main)
