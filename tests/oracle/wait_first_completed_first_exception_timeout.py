import asyncio
from _runner import run, show


async def ok(name, d):
    await asyncio.sleep(d)
    return name


async def bad(name, d):
    await asyncio.sleep(d)
    raise ValueError(name)


def names(ts):
    return [t.get_name() for t in ts]


async def wait(ts, **kw):
    done, pending = await asyncio.wait(ts, **kw)
    return [t for t in ts if t in done], [t for t in ts if t in pending]


async def main():
    a = asyncio.create_task(ok("a", 0.3), name="a")
    b = asyncio.create_task(ok("b", 0.01), name="b")
    c = asyncio.create_task(bad("c", 0.1), name="c")
    done, pending = await wait([a, b, c], return_when=asyncio.FIRST_COMPLETED)
    show("first completed:", names(done), names(pending))
    done, pending = await wait([a, c], return_when=asyncio.FIRST_EXCEPTION)
    show("first exception:", names(done), names(pending))
    print("c exception", c.exception())
    done, pending = await wait([a], timeout=0.001)
    show("timeout:", names(done), names(pending), "a cancelled?", a.cancelled())
    d = asyncio.create_task(ok("d", 0), name="d")
    done, pending = await wait([d, a], return_when=asyncio.FIRST_EXCEPTION)
    show("first exception, none raised:", names(done), names(pending))
    e = asyncio.create_task(bad("e", 0), name="e")
    await asyncio.sleep(0.001)
    done, pending = await wait([a, e], return_when=asyncio.FIRST_EXCEPTION)
    show("already failed:", names(done), names(pending))
    print("e exception", e.exception())


run(main)
