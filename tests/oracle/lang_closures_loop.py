def loops():
    fs = []
    for i in range(3):
        fs.append(lambda: i * 10)
    print("for:", [f() for f in fs])
    gs = []
    for name in ["a", "b"]:
        def greet(): return "hi " + name
        gs.append(greet)
    print("nested fn:", gs[0](), gs[1]())
    hs = []
    for j in range(3):
        hs.append((lambda k: lambda: k * 100)(j))
    print("bound:", [h() for h in hs])
    n = 0
    ws = []
    while n < 3:
        n += 1
        ws.append(lambda: n)
    print("while:", [w() for w in ws])
    n = 42
    print("after assign:", ws[0](), ws[2]())
    last = -1
    ls = []
    for last in [5, 6, 7]:
        ls.append(lambda: last)
    print("existing var:", ls[0](), last)
    last = 8
    print("reassigned:", ls[0](), ls[1]())
loops()
def _floordiv(a, b): return a // b
ops = [lambda a, b: a + b, lambda a, b: a * b, lambda a, b: a - b, _floordiv]
print("ops:", [op(7, 2) for op in ops])
adders = [lambda x: x + m for m in range(3)]
print("comprehension of lambdas:", [a(10) for a in adders])
makers = [(lambda m: lambda x: x + m)(m) for m in range(3)]
print("bound in comprehension:", [a(10) for a in makers])
table = {}
for key in ["x", "y"]:
    table[key] = lambda v: key + str(v)
print("table:", table["x"](1), table["y"](2))
