import asyncio
from _runner import run, show


async def fails(msg):
    await asyncio.sleep(0)
    raise ValueError(msg)


async def succeeds():
    await asyncio.sleep(0)
    return 42


async def main():
    f1 = asyncio.create_task(fails("one"))
    f2 = asyncio.create_task(fails("two"))
    s = asyncio.create_task(succeeds())
    await asyncio.wait([f1, f2, s])
    try:
        f1.result()
        print("never")
    except Exception as e:
        print("result() raised", type(e).__name__, str(e), str(e))
    e = f2.exception()
    print("exception() returned", type(e).__name__, str(e))
    print("exception() again", type(f2.exception()).__name__)
    show("success exception()", s.exception(), "result()", s.result())
    show("done", f1.done(), f2.done(), "cancelled", f1.cancelled())
    try:
        await f1
    except ValueError as err:
        print("await re-raised", str(err))


run(main)
