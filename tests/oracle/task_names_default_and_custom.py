import asyncio
from _runner import run, show


async def who(tag):
    print(tag, "runs as", asyncio.current_task().get_name())
    await asyncio.sleep(0)
    return asyncio.current_task().get_name()


async def main():
    print("main is", asyncio.current_task().get_name())
    a = asyncio.create_task(who("a"))
    b = asyncio.create_task(who("b"), name="custom-b")
    c = asyncio.create_task(who("c"))
    print("spawned", a.get_name(), b.get_name(), c.get_name())
    await asyncio.gather(a, b, c)
    r = await asyncio.gather(who("g1"), who("g2"))
    show("gather children were", r)
    print("wait_for child was", await asyncio.wait_for(who("wf"), 5))
    print("wait_for without timeout runs inline:", await asyncio.wait_for(who("inline"), None))
    d = asyncio.create_task(who("d"))
    print("next spawn is", d.get_name())
    await d
    t = asyncio.current_task()
    show("current_task is stable", t.get_name() == asyncio.current_task().get_name())


run(main)
