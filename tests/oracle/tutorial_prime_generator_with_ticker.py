import asyncio
from _runner import run, show


async def is_prime(n):
    if n < 2:
        return True
    for i in range(2, n):
        await asyncio.sleep(0)
        if n % i == 0:
            return False
    return True


async def prime_generator(n_prime):
    counter = 0
    n = 0
    while counter < n_prime:
        n += 1
        prime = await is_prime(n)
        if prime:
            yield n
            counter += 1


async def check(limit):
    for i in range(limit):
        print("check", i)
        await asyncio.sleep(0)


async def print_prime(n):
    async for prime in prime_generator(n):
        print("new prime number found:", prime)


async def main():
    p = asyncio.create_task(print_prime(8))
    c = asyncio.create_task(check(25))
    await asyncio.wait([p, c])


run(main)
