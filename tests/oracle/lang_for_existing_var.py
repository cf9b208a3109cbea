from _runner import show
last = -1
for last in [7, 8, 9]: pass
print("after", last)
found = None
for found in ["a", "b", "c"]:
    if found == "b": break
print("found", found)
def f():
    k = 0
    for k in range(5): pass
    return k
print("f", f())
