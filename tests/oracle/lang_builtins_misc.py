from _runner import show
print(ord("a"), ord("€"), ord("\n"), chr(97), chr(8364), chr(ord("z") - 1), repr(chr(0)))
print(pow(2, 10), pow(2, 10, 1000), pow(3, -1, 7), pow(-2, 3, 5), pow(2, -1), pow(7, 0, 1), pow(5, 3, -7))
show(isinstance(5, int), isinstance("s", int), isinstance("s", (int, str)), isinstance(1.5, (int,)))
show(isinstance([1], list), isinstance({}, dict), isinstance((1,), tuple), isinstance(True, bool), isinstance(2.0, float), isinstance(True, int))
show(hash("ab") == hash("a" + "b"), hash(1) == hash(1.0), hash((1, "a")) == hash((1, "a")), hash(True) == hash(1), hash(0) == hash(-0.0))
print(format(3.14159, ".2f"), format(42, "08b"), format("x", ">4"), format(1234567, ","), format(0.5, "%"))
print(format(255, "#x"), format(7), format(-3, "+"), format("ab", "^6") + "|", format(2.5, "e"), format(12, "o"))
xs = [1, 2, 3, 2, 1]
print(xs.index(2), xs.index(2, 2), xs.index(1, 1, 5), xs.index(1, -2), xs.index(3, 0, 10))
print(dict([("a", 1), ("b", 2)]), dict([["x", 1], ["y", 2]]), dict(a = 1, b = 2), dict(), dict([]))
print(dict([(1, "one"), ((2, 3), "pair")]), dict(zip(["k", "j"], [10, 20])))
m = {"a": 1, "b": 2, "c": 3}
print(m.popitem(), m)
m["d"] = 4
print(m.popitem(), m.popitem(), m)
print(m.popitem(), m, len(m))
def attempt(label, thunk):
    try: print(label, thunk())
    except Exception as e:
        if isinstance(e, KeyError): print(label, "KeyError", e.args[0], str(e))
        else: print(label, type(e).__name__, str(e))
attempt("popitem empty", lambda: m.popitem())
attempt("index missing", lambda: xs.index(3, 0, 2))
attempt("index absent", lambda: xs.index("q"))
attempt("ord long", lambda: ord("ab"))
attempt("chr range", lambda: chr(-1))
attempt("pow not invertible", lambda: pow(2, -1, 4))
attempt("pow mod 0", lambda: pow(2, 3, 0))
attempt("hash list", lambda: hash([1]))
