import asyncio
from _runner import run, show


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def spinner(label):
    try:
        for i in range(5):
            print(label, "spinner turn", i)
            await asyncio.sleep(0)
    finally:
        print(label, "spinner finally")


async def main():
    loop = asyncio.get_running_loop()
    tk = asyncio.create_task(ticker(8))
    async with asyncio.timeout_at(loop.time() - 0.5):
        print("A: a body with no await runs to its end")
    print("A: no TimeoutError")
    try:
        async with asyncio.timeout_at(loop.time()):
            print("B: body awaits sleep(0)")
            await asyncio.sleep(0)
            print("B: never")
    except TimeoutError:
        print("B: TimeoutError at the first await")
    try:
        async with asyncio.timeout_at(loop.time() - 1):
            await spinner("C:")
    except TimeoutError:
        print("C: TimeoutError, the awaited coroutine was interrupted")
    await tk
    deadline = loop.time() + 0.1
    try:
        async with asyncio.timeout_at(deadline):
            await asyncio.sleep(0.01)
            print("D: the first sleep fits")
            await asyncio.sleep(1)
            print("D: never")
    except TimeoutError:
        show("D: TimeoutError, not before the deadline:", loop.time() >= deadline)
    t = asyncio.timeout(0.02)
    await asyncio.sleep(0.05)
    try:
        async with t:
            print("E: the body starts although the deadline has passed")
            await asyncio.sleep(0)
            print("E: never")
    except TimeoutError:
        print("E: TimeoutError at the first await")
    try:
        async with t:
            print("F: never")
    except RuntimeError as e:
        print("F: RuntimeError", str(e))


run(main)
