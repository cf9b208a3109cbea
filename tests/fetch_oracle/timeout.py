import asyncio
import sys

from _http import fetch


async def main(base):
    try:
        await asyncio.wait_for(fetch(f"{base}/slow/600"), 0.1)
    except asyncio.TimeoutError:
        print("timed out")
    status, _, _ = await asyncio.wait_for(fetch(f"{base}/page/fast"), 5)
    print(status)


asyncio.run(main(sys.argv[1]))
