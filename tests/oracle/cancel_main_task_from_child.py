import asyncio
from _runner import run, show


async def main():
    main_task = asyncio.current_task()

    async def killer():
        await asyncio.sleep(0)
        show("killer cancels main:", main_task.cancel())

    asyncio.create_task(killer())
    try:
        await asyncio.sleep(10)
        print("never")
    except asyncio.CancelledError:
        print("main caught CancelledError")
    await asyncio.sleep(0)
    show("main goes on; cancelled?", main_task.cancelled())


run(main)
