import asyncio
from _runner import run, show


async def print_numbers_async1(n, prefix):
    for i in range(n):
        print(prefix, i)


async def print_numbers_async2(n, prefix):
    for i in range(n):
        print(prefix, i)
        if i % 5 == 0:
            await asyncio.sleep(0)


async def main():
    a = asyncio.create_task(print_numbers_async1(12, "c1_1"))
    b = asyncio.create_task(print_numbers_async1(12, "c2_1"))
    await asyncio.wait([a, b])
    c = asyncio.create_task(print_numbers_async2(12, "c1_2"))
    d = asyncio.create_task(print_numbers_async2(12, "c2_2"))
    await asyncio.wait([c, d])
    print("end")


run(main)
