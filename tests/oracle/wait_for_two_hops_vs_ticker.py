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


async def main():
    asyncio.create_task(ticker(14))
    await asyncio.sleep(0)
    print("main wait_for coroutine")
    print("got", await asyncio.wait_for(work("a", 2), 10))
    t = asyncio.create_task(work("b", 1))
    print("main wait_for task")
    print("got", await asyncio.wait_for(t, 10))
    print("main wait_for done task")
    print("got", await asyncio.wait_for(t, 10))
    print("main wait_for no timeout")
    print("got", await asyncio.wait_for(work("c", 1), None))
    print("main end")


run(main)
