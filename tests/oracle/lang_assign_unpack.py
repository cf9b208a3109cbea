from _runner import show
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
x, y, z = [10, 20, 30]
print(x, y, z)
p, q = "hi"
print(p, q)
s = "ab"
s2 = s
s += "c"
print(s, s2)
m = {"n": 1, "l": [1]}
m["n"] += 10
m["n"] *= 2
m["l"] += [2]
m["new"] = m.get("new", 0) + 1
print(m)
grid = [[0, 0], [0, 0]]
grid[1][0] = 5
grid[0][1] -= 1
grid[-1][-1] **= 2
print(grid)
k = 7
k //= 2; print(k)
k **= 2; print(k)
k %= 5; print(k)
k -= 10; print(k)
k /= 2; print(k)
t = [3]
t *= 3
print(t)
u = "ab"
u *= 2
print(u)
try:
    c, d = [1, 2, 3]
except ValueError as e:
    print("ValueError", str(e))
try:
    c, d, f = [1, 2]
except ValueError as e:
    print("ValueError", str(e))
try:
    c, d = 5
except TypeError as e:
    print("TypeError")
