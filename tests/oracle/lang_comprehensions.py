from _runner import show
xs = [1, 2, 3, 4, 5, 6]
print([x * x for x in xs])
print([x for x in xs if x % 2 == 0])
print([x for x in xs if x > 1 if x < 5])
print([x if x > 3 else -x for x in xs])
print([x * 10 + y for x in range(3) for y in range(3) if x != y])
print([(x, y) for x in range(3) if x > 0 for y in "ab"])
print([[i * j for j in range(1, 4)] for i in range(1, 4)])
matrix = [[1, 2, 3], [4, 5, 6]]
print([v for row in matrix for v in row if v % 2 == 1])
print([[row[c] for row in matrix] for c in range(3)])
print([a + b for a, b in [(1, 2), (3, 4), (5, 6)]])
print([c * 2 for c in "abc"], [k for k in {"p": 1, "q": 2}], [x for x in []])
m = {"a": 1, "b": 2, "c": 3}
print({k: v * 2 for k, v in m.items()})
print({v: k for k, v in m.items() if v != 2})
print({str(i): [j for j in range(i)] for i in range(3)})
print({(i, j): i * j for i in range(2) for j in range(2)})
print({w: len(w) for w in ["aa", "b", "aa"]}, {k: 0 for k in []})
s = {x % 3 for x in xs}
show(sorted(s), len(s), 2 in s, 5 in s)
print(sorted({c.upper() for c in "hello"}), len({x for x in []}))
x = "kept"
ys = [x for x in range(3)]
print(x, ys)
k = 100
d = {k: k * 2 for k in range(2)}
print(k, d)
def local_names():
    i = "outer i"
    sq = [i * i for i in range(4)]
    pairs = [i + str(j) for j in range(2)]
    return [i, sq, pairs]
print(local_names())
n = 3
print([n * v for v in range(n)], sum([v for v in range(10) if v % n == 0]))
