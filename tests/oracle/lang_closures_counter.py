def make_counter(start):
    count = start
    def inc(step):
        nonlocal count
        count = count + step
        return count
    def get(): return count
    def reset():
        nonlocal count
        count = start
    return inc, get, reset
inc, get, reset = make_counter(10)
print(inc(1), inc(2), get())
reset()
print(get(), inc(5), get())
inc2, get2, reset2 = make_counter(0)
print(inc2(1), inc2(1), get(), get2())
def outer():
    x = 1
    def bump():
        nonlocal x
        x = x * 10
    peek = lambda: x
    bump()
    print("after bump", x, peek())
    x = 7
    print("after outer assign", peek())
    bump()
    x += 1
    print("again", x, peek())
    return x
print("outer returned", outer())
hits = 0
def hit(n):
    global hits
    hits += n
    return hits
print(hit(1), hit(2), hits)
hits = 100
print(hit(1), hits)
def make_acc():
    items = []
    total = 0
    def add(v):
        nonlocal total
        items.append(v)
        total += v
        return [len(items), total]
    return add, lambda: [items, total]
add, state = make_acc()
print(add(3), add(4), state())
add2, state2 = make_acc()
print(add2(1), state2(), state())
