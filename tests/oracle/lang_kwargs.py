from _runner import show
def f(a, *rest, **opts): return [a, rest, opts]
print(f(1))
print(f(1, 2, 3))
print(f(1, 2, x = 3, y = 4))
print(f(a = 0, z = 1), f(*[1, 2], **{"k": "v"}))
def g(a, b = 10, *more, **kw): return [a, b, more, kw]
print(g(1), g(1, 2), g(1, 2, 3, 4), g(1, b = 5), g(1, c = 6), g(*(7, 8, 9)))
def h(*args): return args
print(h(), h(1), h(*[1, 2], 3), h(*(), *["a"]), type(h(1)).__name__, len(h(1, 2, 3)))
def k(**kw): return kw
print(k(), k(a = 1), k(**{"b": 2, "c": 3}), k(z = 0, **{"y": 1}), k(**{}))
def point(x, y = 0, z = 0): return [x, y, z]
print(point(*[1, 2]), point(**{"x": 5, "z": 9}), point(1, **{"z": 3}), point(*(4,), z = 6))
def wrapper(*args, **kwargs):
    print("  wrapper got", args, kwargs)
    return point(*args, **kwargs)
print(wrapper(1), wrapper(1, 2, z = 3), wrapper(y = 8, x = 9))
cat = lambda *parts: "-".join(parts)
opts_of = lambda first, **o: [first, o]
print(cat("a", "b", "c"), cat(), opts_of(1, v = 2))
def total(scale, *nums): return sum(nums) * scale
print(total(1, 2, 3), total(1), total(10, 4))
base = {"a": 1}
def mutate(**kw):
    kw["a"] = 99
    kw["new"] = True
    return len(kw)
print(mutate(**base), base)
def each(*xs):
    out = []
    for i, x in enumerate(xs): out.append(f"{i}:{x}")
    return out
print(each("p", "q"), each())
def attempt(label, thunk):
    try: print(label, thunk())
    except TypeError as e: print(label, "TypeError", str(e))
attempt("unknown", lambda: point(**{"w": 1}))
attempt("twice", lambda: point(1, **{"x": 2}))
