from _runner import show
def numbers(n):
    def fact(k):
        if k <= 1: return 1
        return k * fact(k - 1)
    def is_even(k):
        if k == 0: return True
        return is_odd(k - 1)
    def is_odd(k):
        if k == 0: return False
        return is_even(k - 1)
    return [fact(n), is_even(n), is_odd(n)]
show(numbers(5), numbers(6))
def make_fib():
    memo = {}
    calls = 0
    def fib(n):
        nonlocal calls
        calls += 1
        if n in memo: return memo[n]
        r = n if n < 2 else fib(n - 1) + fib(n - 2)
        memo[n] = r
        return r
    return fib, lambda: calls
fib, fib_calls = make_fib()
print(fib(30), fib_calls(), fib(31), fib_calls())
def by_weight(words, weights):
    return sorted(words, key=lambda w: weights.get(w, 0))
print(by_weight(["a", "b", "c", "d"], {"a": 3, "b": 1, "c": 2}))
def above(xs, limit):
    return list(filter(lambda x: x > limit, xs))
def scaled(xs, k):
    return list(map(lambda x: x * k, xs))
print(above([5, 1, 7, 3, 9], 4), scaled([1, 2, 3], 3))
scale = 2
def _sq(x): return x * x
ops = {"double": lambda x: x * scale, "neg": lambda x: -x, "sq": _sq}
print([ops[k](5) for k in ["double", "neg", "sq"]])
scale = 10
print(ops["double"](5))
def compose(f, g): return lambda x: f(g(x))
inc_then_sq = compose(ops["sq"], lambda x: x + 1)
print(inc_then_sq(3), compose(inc_then_sq, ops["neg"])(3))
def walker():
    down = None
    def _down(n):
        if n == 0: return [0]
        return [n] + down(n - 1)
    down = _down
    return down
print(walker()(4))
adder = lambda n: lambda x: x + n
print(adder(1)(2), [adder(i)(100) for i in range(3)])
