from _runner import show
for i in range(3): print("r", i)
for i in range(2, 8, 3): print("r2", i)
for i in range(5, 0, -2): print("down", i)
for i in range(0): print("never")
for i in range(3, 1): print("never")
print(range(5), range(1, 5), range(0, 10, 2), range(5, 0, -1), len(range(0, 10, 3)), list(range(-3, 3)))
show(range(10)[3], range(10)[-1], list(range(10)[2:8:2]), 3 in range(5), 5 in range(5), list(range(10, 0, -3)))
for ch in "héllo": print("ch", ch)
m = {"x": 1, "y": 2}
for k in m: print("k", k)
for k, v in m.items(): print("kv", k, v)
for pair in m.items(): print("pair", pair, pair[0])
for a, b in [[1, 2], [3, 4]]: print("ab", a, b)
total = 0
for i in range(100):
    if i % 2 == 0: continue
    if i > 10: break
    total += i
print("total", total)
for i in range(3):
    for j in range(3):
        if j == 1: continue
        if j == 2: break
        print("nest", i, j)
xs = [1, 2, 3]
for x in xs:
    if x == 1: xs.append(4)
    print("grow", x)
n = 0
while True:
    n += 1
    if n < 3: continue
    if n >= 5: break
    print("while", n)
i = 10
while i > 0: i -= 3
print("i", i)
