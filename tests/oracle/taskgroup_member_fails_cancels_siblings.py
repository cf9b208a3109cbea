import asyncio
from _runner import run, show


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def sibling(name, turns):
    try:
        for i in range(turns):
            print(name, "turn", i)
            await asyncio.sleep(0)
        print(name, "finished")
        return name
    finally:
        print(name, "finally")


async def failer(turns):
    for i in range(turns):
        await asyncio.sleep(0)
    print("failer raises")
    raise ValueError("boom")


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn cancelled, cleans up for a turn")
        await asyncio.sleep(0)
        raise RuntimeError("cleanup failed")


async def main():
    asyncio.create_task(ticker(12))
    members = []
    try:
        async with asyncio.TaskGroup() as tg:
            members.append(tg.create_task(sibling("quick", 1), name="quick"))
            members.append(tg.create_task(sibling("slow", 10), name="slow"))
            members.append(tg.create_task(failer(2), name="failer"))
            members.append(tg.create_task(stubborn(), name="stubborn"))
            print("body waits")
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                print("body cancelled by the group")
                raise
            print("never")
        print("never after the block")
    except ExceptionGroup as eg:
        print("caught", type(eg).__name__)
        print("message:", eg.message)
        print("str:", str(eg))
        show("exceptions:", eg.exceptions)
        for e in eg.exceptions:
            print(" ", type(e).__name__, str(e))
    for t in members:
        show(t.get_name(), "done", t.done(), "cancelled", t.cancelled())
    print("main carries on, not cancelled")
    await asyncio.sleep(0)
    print("main done")


run(main)
