# The tutorial's page-preview program with the standard library in place of aiohttp
# (urllib in a thread): what `scripts/03_page_previews.tasks` must print for the same URLs.
import asyncio
import sys
import urllib.request


async def print_preview(url):
    response = await asyncio.to_thread(
        lambda: urllib.request.urlopen(url).read().decode()
    )
    # print first 3 not empty lines
    lines = list(filter(lambda x: len(x) > 0, response.split('\n')))
    print('-' * 80)
    for line in lines[:3]:
        print(line)
    print()


async def print_all_pages(pages):
    tasks = [asyncio.ensure_future(print_preview(page)) for page in pages]
    await asyncio.wait(tasks)


asyncio.run(print_all_pages(sys.argv[1:]))
