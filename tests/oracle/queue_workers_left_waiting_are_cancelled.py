import asyncio


async def worker(name, q):
    try:
        while True:
            item = await q.get()
            print(name, "handles", item)
            await asyncio.sleep(0)
            q.task_done()
    except asyncio.CancelledError:
        print(name, "cancelled while waiting")
        raise
    finally:
        print(name, "cleans up")


async def main():
    q = asyncio.Queue()
    for name in ["w1"]:
        asyncio.create_task(worker(name, q))
    for i in range(5):
        await q.put(i)
    await q.join()
    print("all items handled; main returns")


# asyncio.run cancels the workers main leaves waiting: what runner does once they are stuck.
asyncio.run(main())
