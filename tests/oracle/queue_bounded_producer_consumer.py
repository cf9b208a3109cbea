import asyncio
from _runner import run, show


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def producer(q):
    for i in range(6):
        show("put", i, "try: qsize", q.qsize(), "full", q.full())
        await q.put(i)
        show("put", i, "done: qsize", q.qsize())
    await q.put(None)
    print("producer done")


async def consumer(q):
    while True:
        item = await q.get()
        if item is None:
            break
        show("got", item, "qsize", q.qsize(), "full", q.full())
        await asyncio.sleep(0)
        await asyncio.sleep(0)
    show("consumer done, empty", q.empty())


async def main():
    q = asyncio.Queue(maxsize=2)
    show("maxsize", q.maxsize, "qsize", q.qsize(), "empty", q.empty(), "full", q.full())
    asyncio.create_task(ticker(20))
    asyncio.create_task(producer(q))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("main starts the consumer")
    asyncio.create_task(consumer(q))


run(main)
