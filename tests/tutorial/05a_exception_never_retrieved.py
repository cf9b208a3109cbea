# The tutorial's never-retrieved program, as Python 3.11 runs it: the same stdout, and
# "Task exception was never retrieved" on stderr (Python exits 0 there; runner exits 1).
import asyncio


async def my_promise():
    await asyncio.sleep(0)
    raise ValueError("something went wrong in the task")


async def main():
    asyncio.create_task(my_promise())
    await asyncio.sleep(0.01)
    print("the main task finished")


asyncio.run(main())
