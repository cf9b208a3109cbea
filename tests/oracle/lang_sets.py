from _runner import show
a = {1, 2, 3, 4}
b = set([3, 4, 5])
e = set()
print(sorted(a), sorted(b), len(e), type(e).__name__, type(a).__name__, sorted(set("hello")))
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print(sorted(a.union([9, 8])), sorted(a.intersection(range(3))), sorted(a.difference([1])))
show(3 in a, 9 in a, 9 not in a, len(a), len({1, 1.0, True}))
show({1, 2}.issubset(a), a.issuperset({1, 2}), a.issubset(b), a.isdisjoint({7, 8}), a.isdisjoint(b))
show({1, 2} == {2, 1}, {1} == {1, 2}, e == set(), bool(e), bool(a))
a.add(10)
a.add(1)
a.discard(99)
a.discard(2)
a.remove(3)
print(sorted(a), len(a))
c = a.copy()
c.add(50)
c.update([60, 61])
print(sorted(a), sorted(c))
alias = c
alias.discard(50)
show(str(sorted(c)), 50 in c)
p = {7}
print(p.pop(), len(p))
c.clear()
print(len(c), sorted(c))
u = {1, 2}
u |= {3}
u &= {2, 3, 4}
u ^= {4, 5}
u -= {5}
print(sorted(u))
seen = []
for x in {30, 10, 20}: seen.append(x * 2)
print(sorted(seen), sum({1, 2, 3}), min({4, 2, 8}), max({4, 2, 8}))
words = {"b", "a", "c", "a"}
show(str(sorted(words)), len(words), "a" in words)
def msg(err):
    arg = err.args[0]
    return [type(err).__name__, arg if isinstance(arg, str) else repr(arg), str(err)]
try: a.remove(42)
except KeyError as err: print(msg(err))
try: e.pop()
except KeyError as err: print(msg(err))
try: a.add([1])
except TypeError as err: print(msg(err))
try: bad = {[1], 2}
except TypeError as err: print(msg(err))
