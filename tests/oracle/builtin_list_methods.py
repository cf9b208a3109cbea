from _runner import show, rep
xs = [3, 1, 2]
show(xs.append(4), xs)
print(xs.pop(), xs, xs.pop(0), xs, xs.pop(-1), xs)
xs.insert(0, "a"); xs.insert(100, "z"); xs.insert(-1, "y"); xs.insert(-100, "first")
print(xs)
xs.extend([5, 6]); xs.extend("hi"); xs.extend(range(2))
print(xs, len(xs))
print(xs.index("z"), xs.index(5), xs.count(1), xs.count("nope"), [1, 1.0, True].count(1))
xs.remove("h")
print(xs)
xs.reverse()
print(xs)
ys = [5, 2, 8, 1, 9, 2]
ys.sort()
print(ys)
ys.sort(reverse = True)
print(ys)
zs = ys.copy()
zs.append(0)
show(ys, zs, ys == zs, ys is zs)
zs.clear()
print(zs, len(zs))
words = ["pear", "Apple", "fig", "apple", "banana"]
words.sort()
print(words)
mixed = [3, 1.5, True, -2, 0.0]
mixed.sort()
show(mixed)
nested = [[2, "b"], [1, "z"], [2, "a"], [1]]
nested.sort()
print(nested)
def try_it(label, f):
    try: print(label, f())
    except Exception as e:
        if label == "remove": print(label, type(e).__name__)  # message differs
        else: print(label, type(e).__name__, str(e))
def pop_empty(): return [].pop()
def pop_range(): return [1].pop(5)
def idx_missing(): return [1, 2].index(3)
def rm_missing():
    l = [1]; l.remove(2); return l
def get_oob(): return [1, 2][2]
def set_oob():
    l = [1]; l[-2] = 0; return l
try_it("pop empty", pop_empty)
try_it("pop range", pop_range)
try_it("index", idx_missing)
try_it("remove", rm_missing)
try_it("get", get_oob)
try_it("set", set_oob)
m = [0, 1, 2]
m[-1] = 20; m[0] += 5
print(m, m[-3], [1, 2] + [3], [0] * 3, 2 * [1, 2], [1] * 0, [[0] * 2] * 2)
alias = [[0] * 2] * 2
alias[0][0] = 9
print(alias)
show(1 in [1, 2], 3 not in [1, 2], [1] in [[1], 2], "a" in ["ab"], 1.0 in [1])
