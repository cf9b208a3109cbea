from _runner import show
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5), round(2.675, 2), round(0.125, 2), round(1e15 + 0.5))
print(round(3.14159, 3), round(3.14159, 0), round(-3.7), round(7), round(-7, 0), round(1234.5678, -2), round(-1234.5678, -1))
print(round(15, -1), round(25, -1), round(-15, -1), round(12345, -2), round(5, -30), round(99, -2), round(123, 5))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, type(round(7, -1)).__name__, round(2.5, 400), round(-0.0), round(-0.4, 0))
print(int(-9223372036854775808.0), round(-9223372036854775808.0))
MAXI = 2 ** 63 - 1
def attempt(label, f):
    try:
        r = f()
        # past 64 bits runner raises OverflowError where Python makes a bigint
        if isinstance(r, int) and not (-MAXI - 1 <= r <= MAXI): print(label, "OverflowError")
        else: print(label, r)
    except Exception as e: print(label, type(e).__name__)
def big(): return round(1e20)
def neg_big(): return round(-9.3e18)
def inf(): return round(float("inf"))
def nan(): return round(float("nan"))
def edge(): return int(9223372036854775807.0)
attempt("round 1e20", big)
attempt("round -9.3e18", neg_big)
attempt("round inf", inf)
attempt("round nan", nan)
attempt("int 2**63", edge)
