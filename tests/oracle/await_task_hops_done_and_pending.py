import asyncio
from _runner import run, show


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def work(name, k):
    for i in range(k):
        await asyncio.sleep(0)
    print(name, "finishes")
    return name


async def main():
    asyncio.create_task(ticker(10))
    a = asyncio.create_task(work("a", 0))
    b = asyncio.create_task(work("b", 3))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    show("a done?", a.done())
    print("main awaits a")
    print("got", await a)
    print("main awaits b")
    print("got", await b)
    print("main awaits b again")
    print("got", await b)
    print("main end")


run(main)
