# processes: 400 x SCALE runs of `true`, ten at a time. Twin of processes.tasks.
import asyncio
import sys
from asyncio.subprocess import DEVNULL, PIPE

scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
n = max(1, int(400 * scale))
codes = 0


async def one(slots):
    global codes
    async with slots:
        p = await asyncio.create_subprocess_exec(
            "true", stdin=DEVNULL, stdout=PIPE, stderr=PIPE)
        await p.communicate()
        codes += p.returncode


async def main():
    slots = asyncio.Semaphore(10)
    await asyncio.gather(*[one(slots) for _ in range(n)])
    print(f"processes runs={n} codes={codes}")


asyncio.run(main())
