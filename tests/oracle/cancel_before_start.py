import asyncio
from _runner import run, show


async def victim():
    try:
        print("victim must not run")
        await asyncio.sleep(0)
    finally:
        print("victim finally must not run")


async def bystander():
    print("bystander runs")


async def main():
    t = asyncio.create_task(victim())
    u = asyncio.create_task(bystander())
    show("cancel:", t.cancel())
    show("cancel again:", t.cancel())
    show("done?", t.done(), "cancelled?", t.cancelled())
    await asyncio.sleep(0)
    show("after one turn: done?", t.done(), "cancelled?", t.cancelled())
    try:
        await t
    except asyncio.CancelledError:
        print("await raised CancelledError")
    show("u done", u.done())


run(main)
