from _runner import show, rep
m = {"b": 1, "a": 2}
m["c"] = 3
m["b"] = 10
print(m, len(m), list(m.keys()), list(m.values()), list(m.items()))
show(m.get("a"), m.get("zz"), m.get("zz", 0), m.get("b", 0))
show(m.pop("a"), m, m.pop("nope", "dflt"), m.pop("nope", None))
m.update({"d": 4, "b": 20})
print(m)
m["a"] = 1
show(m, "a" in m, "zz" in m, "zz" not in m, 10 in m)
k = {}
k[1] = "int"
k[1.0] = "float"
k[True] = "bool"
print(k, len(k), k[1], k[1.0], k[True])
k[2.5] = "x"; k[None] = "n"; k[-0.0] = "zero"; k[0] = "zero again"; k["1"] = "str"
print(rep(k), k[0.0], k[False])
c = m.copy()
c["new"] = 1
show(m, c, c == m)
c.clear()
show(c, len(c), bool(c))
for key in m: print("key", key, m[key])
for key, v in m.items(): print("item", key, v)
dm = {}
dm["x"] = 1
dm.pop("x")
dm["y"] = 2
dm["x"] = 3
print(dm, list(dm.keys()))
try:
    print(m["missing"])
except KeyError as e:
    print("KeyError", str(e))
try:
    print(k[99])
except KeyError as e:
    print("KeyError", str(e))
try:
    m.pop("missing")
except KeyError as e:
    print("KeyError", str(e))
try:
    print({"a": 1}[["unhashable"]])
except TypeError as e:
    print("TypeError")
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
nested = {"l": [1, {"x": None}], "m": {"t": True, "f": 1.5}}
nested["l"][1]["x"] = "set"
nested["m"]["f"] += 1
print(rep(nested), nested["m"]["f"])
print({}, {1: {}}, {"q": "it's"}, {"a": [], "b": {}})
