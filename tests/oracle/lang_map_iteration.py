m = {"a": 1, "b": 2}
try:
    for k in m: m[k + "x"] = 1
except RuntimeError as e:
    print("RuntimeError")
print(m)
m2 = {"z": 1, "a": 2, "m": 3}
for k in m2: m2[k] = m2[k] * 10
print(m2, list(m2.keys()))
m3 = {"a": 1, "b": 2}
try:
    for k in m3:
        print("visit", k)
        m3.pop("b")
except RuntimeError as e:
    print("RuntimeError")
print(m3)
m4 = {3: "c", 1: "a", 2: "b"}
ks = []
for k in m4: ks.append(k)
print(ks, sorted(m4), list(m4.values()), list(m4.items()))
for k, v in {"x": [1, 2], "y": [3]}.items(): print(k, v, len(v))
empty = {}
for k in empty: print("never")
print("done")
