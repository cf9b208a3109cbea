# async_fib: fib(20) where every call is a coroutine awaited directly. Twin of
# async_fib.tasks.
import asyncio
import sys

scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


async def afib(n):
    if n < 2:
        return n
    return await afib(n - 1) + await afib(n - 2)


def calls(n):
    """How many calls afib(n) makes."""
    a = 1
    b = 1
    for i in range(n - 1):
        c = a + b + 1
        a = b
        b = c
    return b


def depth(base, scale):
    budget = calls(base) * scale
    n = 1
    while calls(n + 1) <= budget:
        n += 1
    return n


async def main():
    n = depth(20, scale)
    print(f"async_fib({n}) = {await afib(n)} calls={calls(n)}")


asyncio.run(main())
