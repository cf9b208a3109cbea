import asyncio
import sys

from _http import fetch


async def main(base):
    status, url, text = await fetch(f"{base}/redirect/3")
    print(status, text)
    print(url.removeprefix(base))


asyncio.run(main(sys.argv[1]))
