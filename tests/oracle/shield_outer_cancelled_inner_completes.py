import asyncio
from _runner import run, show


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def important(label, turns):
    try:
        for i in range(turns):
            print(label, "turn", i)
            await asyncio.sleep(0)
        print(label, "finishes")
        return label + " saved"
    finally:
        print(label, "finally")


async def outer(t):
    try:
        r = await asyncio.shield(t)
        print("outer got", r)
    except asyncio.CancelledError:
        show("outer cancelled; inner done", t.done())
        raise


async def main():
    asyncio.create_task(ticker(20))
    inner = asyncio.create_task(important("A", 4))
    o = asyncio.create_task(outer(inner))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    show("cancel outer:", o.cancel())
    try:
        await o
    except asyncio.CancelledError:
        show("main: outer cancelled", o.cancelled(), "inner done", inner.done())
    print("main awaits the inner task:", await inner)
    show("inner cancelled", inner.cancelled())
    inner2 = asyncio.create_task(important("B", 1))
    print("main awaits shield(B):", await asyncio.shield(inner2))
    print("main awaits shield(coroutine):", await asyncio.shield(important("C", 0)))
    print("shield of a finished task:", await asyncio.shield(inner2))


run(main)
