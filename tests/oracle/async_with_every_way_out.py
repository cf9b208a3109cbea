import asyncio
from _runner import run, show


async def state(label):
    show(label, "locked", lock.locked(), "sem locked", sem.locked())


async def returns_inside():
    async with lock:
        await state("in return:")
        return "returned"


made = 0


def make():
    global made
    made += 1
    return lock


async def main():
    global lock, sem
    lock = asyncio.Lock()
    sem = asyncio.Semaphore(2)
    async with lock:
        await state("inside:")
    await state("after the end:")
    for i in range(3):
        async with lock:
            if i == 0:
                continue
            if i == 1:
                break
    await state("after break and continue:")
    print(await returns_inside())
    await state("after return:")
    try:
        async with sem:
            async with lock:
                await state("nested:")
                raise ValueError("inside")
    except ValueError as e:
        print("caught", repr(e))
    await state("after the exception:")
    async with make() as got:
        show("as gives", got, "made", made)
    for bad in [5, "s", [1]]:
        try:
            async with bad:
                print("never")
        except TypeError as e:
            print(e)


run(main)
