import asyncio
from _runner import run, show


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def worker(name, q):
    try:
        while True:
            item = await q.get()
            print(name, "got", item)
            for i in range(item):
                await asyncio.sleep(0)
            q.task_done()
            print(name, "done with", item, "qsize", q.qsize())
    except asyncio.CancelledError:
        print(name, "cancelled while waiting for an item")
        raise


async def joiner(name, q):
    print(name, "joins")
    await q.join()
    print(name, "joined")


async def main():
    q = asyncio.Queue()
    await q.join()
    print("join on a fresh queue returns at once")
    for item in [3, 1, 2, 0, 2, 1]:
        q.put_nowait(item)
    print("qsize", q.qsize())
    asyncio.create_task(ticker(14))
    workers = [asyncio.create_task(worker("w1", q)), asyncio.create_task(worker("w2", q)),
               asyncio.create_task(worker("w3", q))]
    asyncio.create_task(joiner("j1", q))
    await asyncio.sleep(0)
    asyncio.create_task(joiner("j2", q))
    print("main joins")
    await q.join()
    show("main joined: qsize", q.qsize(), "empty", q.empty())
    await q.join()
    print("main joins again: returns at once")
    q.put_nowait(1)
    print("one more item, put while j2 is still waking")
    asyncio.create_task(joiner("j3", q))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    for w in workers:
        w.cancel()
    results = await asyncio.gather(*workers, return_exceptions=True)
    for r in results:
        print("worker result", type(r).__name__)


run(main)
