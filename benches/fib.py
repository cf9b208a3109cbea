# fib: naive recursive fib(27) in plain functions. Twin of fib.tasks.
import sys

scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def calls(n):
    """How many calls fib(n) makes."""
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


n = depth(27, scale)
print(f"fib({n}) = {fib(n)} calls={calls(n)}")
