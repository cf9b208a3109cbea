import asyncio
from _runner import run, show

state = {"active": 0, "peak": 0}


async def job(i):
    async with sem:
        state["active"] += 1
        if state["active"] > state["peak"]:
            state["peak"] = state["active"]
        print("enter", i, "active", state["active"])
        for k in range(i % 3 + 1):
            await asyncio.sleep(0)
        state["active"] -= 1
        print("leave", i)
    show("left", i, "locked", sem.locked())
    return i * 10


async def main():
    global sem
    sem = asyncio.Semaphore(3)
    show("locked at start", sem.locked())
    jobs = []
    for i in range(20):
        jobs.append(asyncio.create_task(job(i)))
    show("spawned 20; locked", sem.locked())
    results = await asyncio.gather(*jobs)
    show("results", results)
    show("peak", state["peak"], "locked", sem.locked())
    await sem.acquire()
    await sem.acquire()
    show("two taken; locked", sem.locked())
    show("third acquire returns", await sem.acquire(), "locked", sem.locked())
    sem.release()
    sem.release()
    sem.release()
    sem.release()
    show("a plain Semaphore may be released past its start; locked", sem.locked())


run(main)
