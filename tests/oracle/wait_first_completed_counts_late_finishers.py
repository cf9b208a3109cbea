import asyncio
from _runner import run, show


async def child(name, k):
    for i in range(k):
        await asyncio.sleep(0)
    print(name, "finished")
    return name


def names(ts):
    return [t.get_name() for t in ts]


async def wait(ts, **kw):
    done, pending = await asyncio.wait(ts, **kw)
    return [t for t in ts if t in done], [t for t in ts if t in pending]


async def main():
    a = asyncio.create_task(child("a", 2), name="a")
    b = asyncio.create_task(child("b", 2), name="b")
    c = asyncio.create_task(child("c", 3), name="c")
    d = asyncio.create_task(child("d", 4), name="d")
    e = asyncio.create_task(child("e", 6), name="e")
    done, pending = await wait([e, d, c, b, a], return_when=asyncio.FIRST_COMPLETED)
    show("done", names(done), "pending", names(pending))
    f = asyncio.create_task(child("f", 0), name="f")
    g = asyncio.create_task(child("g", 1), name="g")
    done, pending = await wait([g, f, e], timeout=0)
    show("timeout 0: done", names(done), "pending", names(pending))
    await e


run(main)
