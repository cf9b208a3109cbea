import asyncio
from _runner import run, show, rep


async def member(name, turns=0):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        for i in range(turns):
            await asyncio.sleep(0)
        print(name, "cancelled")
        raise


async def bad_member(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        print(name, "cancelled, fails instead")
        raise ValueError(name + " failed in cleanup")


async def group_owner(second):
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(member("m1"))
            tg.create_task(second)
            print("owner's body waits")
            await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("owner sees CancelledError after the block")
        raise
    except ExceptionGroup as eg:
        print("owner sees", type(eg).__name__, rep(eg.exceptions))
        return "swallowed the group"


async def main():
    o = asyncio.create_task(group_owner(member("m2", 2)))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    show("cancel owner:", o.cancel())
    try:
        await o
    except asyncio.CancelledError:
        show("main: owner cancelled", o.cancelled())
    o2 = asyncio.create_task(group_owner(bad_member("m3")))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    show("cancel owner 2:", o2.cancel())
    show("owner 2 returns:", await o2, "cancelled", o2.cancelled())
    try:
        async with asyncio.timeout(0.02):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(member("m4"))
                tg.create_task(member("m5", 2))
                print("body waits under a timeout")
                await asyncio.sleep(10)
    except TimeoutError as e:
        print("main: TimeoutError", rep(e))
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(member("m6"))
            async with asyncio.timeout(0.02):
                await asyncio.sleep(10)
            print("never")
    except ExceptionGroup as eg:
        print("main: the body's TimeoutError in a group:", rep(eg.exceptions))


run(main)
