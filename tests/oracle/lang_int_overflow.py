MAXI = 9223372036854775807
MINI = -MAXI - 1
mx = MAXI
mn = MINI
print(mx, mn, mx - 1 + 1, mn + 0, -(mn + 1))
def attempt(label, f):
    r = f()
    if isinstance(r, int) and not (MINI <= r <= MAXI):
        print(label, "overflow", "OverflowError")
    else:
        print(label, r)
def add(): return mx + 1
def sub(): return mn - 1
def mul(): return 3037000500 * 3037000500
def mul_ok(): return 3037000499 * 3037000499
def pw(): return 2 ** 63
def pw_ok(): return 2 ** 62 + (2 ** 62 - 1)
def neg(): return -mn
def floordiv(): return mn // -1
def absmin(): return abs(mn)
def aug():
    x = mx; x += 1; return x
def lit(): return int("9223372036854775808")
def sum_big(): return sum([mx, 1])
def mod_ok(): return mn % -1
def pw_neg_ok(): return (-2) ** 63
attempt("add", add)
attempt("sub", sub)
attempt("mul", mul)
attempt("mul ok", mul_ok)
attempt("pow", pw)
attempt("pow ok", pw_ok)
attempt("neg", neg)
attempt("floordiv", floordiv)
attempt("abs", absmin)
attempt("aug", aug)
attempt("int()", lit)
attempt("sum", sum_big)
attempt("mod ok", mod_ok)
attempt("pow neg ok", pw_neg_ok)
print(float(mx), mx + 0.0, str(mx == float(mx)).lower(), 2.0 ** 63)
