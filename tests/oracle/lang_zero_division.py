from _runner import show
def attempt(label, f, a, b):
    try:
        print(label, f(a, b))
    except ZeroDivisionError as e:
        if label.endswith("%"): print(label, "ZeroDivisionError", "ZeroDivisionError")
        else: print(label, "ZeroDivisionError", str(e), str(e), "ZeroDivisionError")
def div(a, b): return a / b
def fdiv(a, b): return a // b
def mod(a, b): return a % b
def pw(a, b): return a ** b
attempt("int/", div, 1, 0)
attempt("float/", div, 1.0, 0)
attempt("/float0", div, 1, 0.0)
attempt("int//", fdiv, 1, 0)
attempt("float//", fdiv, 1.5, 0.0)
attempt("int%", mod, 1, 0)
attempt("float%", mod, 1.0, 0.0)
attempt("0**-1", pw, 0, -1)
attempt("0.0**-1", pw, 0.0, -1)
attempt("false", div, 1, False)
attempt("ok", div, 0, 5)
try:
    x = 10
    x /= 0
except Exception as e:
    print("augmented", type(e).__name__, str(e))
try:
    x = 10
    x %= 0
except (ValueError, ZeroDivisionError) as e:
    print("tuple", type(e).__name__)
