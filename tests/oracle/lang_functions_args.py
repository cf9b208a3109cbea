from _runner import show, rep
def f(a, b = 2, c = "c"): return [a, b, c]
print(rep(f(1)), rep(f(1, 3)), rep(f(1, 3, 4)), rep(f(1, c = 9)), rep(f(a = 5)), rep(f(1, b = None)), rep(f(c = 1, b = 2, a = 3)))
def counter(start = 10): return start + 1
print(counter(), counter(0), counter(start = -1))
def no_return(): x = 1
def early(x):
    if x > 0: return "pos"
    return
show(no_return(), early(1), early(-1))
def apply(g, v): return g(v)
def double(x): return x * 2
h = double
print(apply(double, 21), h("ab"), "function", "function")
def attempt(label, thunk):
    try: print(label, thunk())
    except TypeError as e:
        if label in ("missing", "too many"): print(label, "TypeError")
        else: print(label, "TypeError", str(e))
def missing(): return f()
def too_many(): return f(1, 2, 3, 4)
def unknown_kw(): return f(1, d = 4)
def dup_kw(): return f(1, a = 2)
attempt("missing", missing)
attempt("too many", too_many)
attempt("unknown kw", unknown_kw)
attempt("dup kw", dup_kw)
def fib(n):
    if n < 2: return n
    return fib(n - 1) + fib(n - 2)
print(fib(0), fib(1), fib(10), fib(20))
def fact(n):
    if n <= 1: return 1
    return n * fact(n - 1)
print(fact(20))
def is_even(n):
    if n == 0: return True
    return is_odd(n - 1)
def is_odd(n):
    if n == 0: return False
    return is_even(n - 1)
show(is_even(10), is_odd(7), is_even(7))
def outer_uses_later(): return later() * 2
def later(): return 21
print(outer_uses_later())
def mutate(xs, m):
    xs.append("added"); m["k"] = "v"; xs = []; return xs
lst = [1]
mp = {}
print(mutate(lst, mp), lst, mp)
