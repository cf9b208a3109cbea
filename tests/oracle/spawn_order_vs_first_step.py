import asyncio
from _runner import run, show


async def child(name):
    print("child", name, "first step")
    await asyncio.sleep(0)
    print("child", name, "second step")


async def parent(name):
    print("parent", name, "first step")
    asyncio.create_task(child(name + ".1"))
    asyncio.create_task(child(name + ".2"))
    print("parent", name, "spawned")
    await asyncio.sleep(0)
    print("parent", name, "second step")


async def main():
    asyncio.create_task(parent("p"))
    asyncio.create_task(child("x"))
    print("main after spawns")
    c = child("inline")
    print("coroutine created, not run")
    asyncio.create_task(parent("q"))
    await c
    print("main after inline await")
    await asyncio.sleep(0)
    print("main after sleep")


run(main)
