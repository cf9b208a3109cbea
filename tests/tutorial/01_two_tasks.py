# The tutorial's first program, as Python 3.11 runs it.
import asyncio
import sys
sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/oracle")
from _runner import show


async def my_task():
    pass


def main():
    loop = asyncio.new_event_loop()
    coroutine1 = my_task()
    coroutine2 = my_task()
    task1 = loop.create_task(coroutine1)
    task2 = loop.create_task(coroutine2)
    loop.run_until_complete(asyncio.wait([task1, task2]))
    show("task1 result:", task1.result())
    show("task2 result:", task2.result())
    loop.close()


main()
