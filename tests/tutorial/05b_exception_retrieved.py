# The tutorial's retrieved-exception program, as Python 3.11 runs it.
import asyncio


async def my_promise():
    await asyncio.sleep(0)
    raise ValueError("something went wrong in the task")


async def main():
    first = asyncio.create_task(my_promise())
    second = asyncio.create_task(my_promise())
    await asyncio.wait([first, second])
    try:
        first.result()
    except Exception as e:
        print("result() raised:", type(e).__name__, "-", e)
    e = second.exception()
    print("exception() returned:", type(e).__name__, "-", e)


asyncio.run(main())
