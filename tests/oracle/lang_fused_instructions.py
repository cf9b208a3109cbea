import asyncio
from _runner import run, show


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def shapes(x):
    out = []
    out.append(x + 1)
    out.append(x - 2)
    out.append(x * 3)
    out.append(x / 2)
    out.append(x // 2)
    out.append(x % 3)
    out.append(x ** 2)
    return out


def compare(x):
    out = []
    if x < 2:
        out.append("lt")
    if x <= 2:
        out.append("le")
    if x > 2:
        out.append("gt")
    if x >= 2:
        out.append("ge")
    if x == 2:
        out.append("eq")
    if x != 2:
        out.append("ne")
    return out


def with_default(a, b=10):
    return a - b


def deep(n):
    return deep(n + 1)


async def counted(n):
    total = 0
    i = 0
    while i < n:
        i += 1
        if i % 2 == 0:
            continue
        total += i
    return total


async def gen(n):
    i = 0
    while i < n:
        yield i * 10
        i = i + 1


async def main():
    g = 0
    for v in [1, 2.5, -7, True, 2, 2.0]:
        show(v, shapes(v), compare(v))
    show(fib(15), fib(0), fib(1))
    show(with_default(3), with_default(3, 1))
    for v in ["ab", [1], None]:
        try:
            show(shapes(v))
        except TypeError:
            show("TypeError in shapes")
        try:
            show(compare(v))
        except TypeError:
            show("TypeError in compare")
    try:
        show(1 + 0 // 0)
    except ZeroDivisionError:
        show("ZeroDivisionError")
    try:
        deep(0)
    except RecursionError:
        show("RecursionError")
    g += 5
    g = g * 2
    s = "a"
    s += "b"
    xs = [1]
    ys = xs
    xs += [2]
    show(g, s, xs, ys)
    show(await counted(10))
    seen = []
    async for v in gen(4):
        seen.append(v)
    show(seen)
    await asyncio.sleep(0)
    await asyncio.sleep(False)
    await asyncio.sleep(0.0)
    show("slept")


run(main)
