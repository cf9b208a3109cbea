import asyncio
import sys

from _http import fetch


async def title(base, i):
    print("start", i)
    _, _, text = await fetch(f"{base}/page/p{i}")
    return text.split("\n")[2]


async def main(base):
    tasks = [asyncio.ensure_future(title(base, i)) for i in range(50)]
    titles = await asyncio.gather(*tasks)
    print(len(titles))
    for t in titles[:3]:
        print(t)
    print(titles[-1])


asyncio.run(main(sys.argv[1]))
