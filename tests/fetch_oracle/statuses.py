import asyncio
import sys

from _http import fetch


async def main(base):
    for code in [200, 201, 404, 418, 500, 503]:
        status, _, text = await fetch(f"{base}/status/{code}")
        # runner spells the booleans true and false.
        print(status, text, str(status >= 200 and status < 300).lower())


asyncio.run(main(sys.argv[1]))
