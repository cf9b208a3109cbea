# queue: one producer, two consumers, 500,000 x SCALE items through asyncio.Queue(100).
# Twin of queue.tasks.
import asyncio
import sys

scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
n = max(1, int(500000 * scale))


async def consumer(q):
    total = 0
    count = 0
    while True:
        item = await q.get()
        if item is None:
            q.task_done()
            return [count, total]
        total += item
        count += 1
        q.task_done()


async def producer(q):
    for i in range(n):
        await q.put(i)
    await q.put(None)
    await q.put(None)
    await q.join()


async def main():
    q = asyncio.Queue(maxsize=100)
    a = asyncio.create_task(consumer(q))
    b = asyncio.create_task(consumer(q))
    await producer(q)
    ra, rb = await asyncio.gather(a, b)
    print(f"queue items={ra[0] + rb[0]} total={ra[1] + rb[1]} split={ra[0]}/{rb[0]}")


asyncio.run(main())
