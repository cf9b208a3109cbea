from _runner import run, show


def walk(xs):
    seen = []
    for x in xs:
        seen.append(x)
    return seen


def grows():
    xs = [1, 2, 3]
    seen = []
    for x in xs:
        seen.append(x)
        if x < 6:
            xs.append(x + 3)
    return seen


def shrinks():
    xs = [1, 2, 3, 4, 5, 6]
    seen = []
    for x in xs:
        seen.append(x)
        xs.pop()
    return seen


def retyped():
    v = "start"
    kinds = []
    for i in range(3):
        kinds.append(v)
        v = i
    v = [v]
    kinds.append(v)
    for i in [7, "x", 8]:
        v = i
        kinds.append(v)
    return kinds


async def main():
    g = "global"
    show(walk(range(5)), walk(range(10, 0, -3)), walk(range(0)), walk(range(3, 3)))
    show(walk([1, 2.5, "s", True, None, -4, [1]]))
    show(grows(), shrinks(), retyped())
    for i in range(2):
        g = i
    show(g)
    for s in ["a", 1, "b"]:
        g = s
    show(g)
    total = 0
    for i in range(-9223372036854775807, -9223372036854775805):
        total += 1
    for i in range(9223372036854775805, 9223372036854775807):
        total += 1
    show(total)


run(main)
