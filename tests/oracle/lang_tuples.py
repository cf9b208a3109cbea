from _runner import show
t = (1, 2, 3)
print(t, len(t), t[0], t[-1], t[1:], t[::-1], t[5:])
print((1,), (), ("a", "b"), ((1, 2), (3,)), [(1, "x")], ("it's",))
print(type(t).__name__, type(()).__name__, repr(("a", 1)), str((1.5, "b")), f"{(1, 2)}")
print(t + (4,), (0,) * 3, 2 * ("ab",), () + ())
show(2 in t, 5 in t, 5 not in t, "a" in ("a", "b"))
show((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9), (1, 2) <= (1, 2), () < (0,))
show((1, 2) == (1, 2), (1, 2) == [1, 2], (1, 2) != (2, 1), (1, (2, 3)) == (1, (2, 3)))
show(bool(()), bool((0,)), hash((1, "a")) == hash((1, "a")), str(list((1, 2))))
print(max([(1, "b"), (2, "a"), (1, "c")]), sorted([(2, "b"), (1, "z"), (2, "a")]))
grid = {(0, 0): "origin", (1, 2): "p"}
grid[(2, 3)] = "new"
grid[(1, 2)] = "p2"
print(grid, grid[(0, 0)], len(grid))
show((1, 2) in grid, (2, 1) in grid, grid.get((9, 9), "none here"))
s = {(1, 2), (1, 2), (2, 1)}
show(len(s), str(sorted(s)), (2, 1) in s)
a, b = (1, 2)
print(a, b)
a, b = b, a
print(a, b)
x, y, z = ("p", [1], (2,))
print(x, y, z)
def qr(n, d): return n // d, n % d
q, r = qr(17, 5)
print(q, r, qr(17, 5), qr(-7, 2))
def one(): return (1,)
print(one(), len(one()))
total = 0
for name, n in [("a", 1), ("b", 2), ("c", 3)]:
    total += n
    print(name, n, total)
nested = (("k", 1), ("j", 2))
print(nested[1][0], nested[0], {k: v for k, v in nested})
try:
    t[0] = 9
except TypeError as e:
    print("TypeError", str(e))
try:
    m = {}
    m[(1, [2])] = 3
except TypeError as e:
    print("TypeError", str(e))
try:
    print(t[3])
except IndexError as e:
    print("IndexError", str(e))
