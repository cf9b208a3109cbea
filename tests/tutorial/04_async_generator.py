# The tutorial's async generator program, as Python 3.11 runs it, with the same
# arguments as the script: [N_PRIMES] [N_CHECKS] [INTERVAL] and a seed.
import asyncio
import random
import sys


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


async def check_email(limit, interval):
    for i in range(limit):
        if random.random() > 0.8:
            print("1 new email")
        else:
            print("0 new email")
        await asyncio.sleep(interval)


async def print_prime(n):
    async for prime in prime_generator(n):
        print("new prime number found:", prime)


def main():
    random.seed(int(sys.argv[1]))
    n_primes, n_checks, interval = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    loop = asyncio.new_event_loop()
    prime = loop.create_task(print_prime(n_primes))
    email = loop.create_task(check_email(n_checks, interval))
    loop.run_until_complete(asyncio.wait([prime, email]))
    loop.close()


main()
