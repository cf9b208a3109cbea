from _runner import show
print(6 & 3, 6 | 3, 6 ^ 3, ~6, ~0, ~-1, 1 << 4, 256 >> 3)
print(-6 & 3, -6 | 3, -6 ^ 3, -1 >> 10, -17 >> 2, -3 << 2, -1 & 0xff, ~-256 & 0xff)
print(1 | 2 ^ 3 & 4 << 1, (1 | 2) ^ 3, 1 | (2 ^ 3), 6 & 3 | 8, 6 & (3 | 8))
print(1 + 2 << 3, 1 << 2 + 3, 2 * 3 & 5, 16 >> 1 + 1, -2 ** 2 & 7, ~2 ** 2, -~5, ~-~5)
show(1 | 2 == 3, 1 & 2 == 0, not 1 & 2, 5 & 1 and 4 | 0, 0 ^ 0 or "zero")
show(True & False, True | False, True ^ True, False ^ True, True & True)
print(True | 1, True & 3, True ^ 2, ~True, ~False, True << 3, False >> 1, 3 & True)
print(1 << 62, (1 << 62) >> 61, -1 << 63, (-1 << 63) >> 63, 5 >> 64, -5 >> 100, 0 << 100)
print(0x7fffffffffffffff >> 60, 0x7fffffffffffffff & -16, ~0x7fffffffffffffff)
print(bin(-6 & 0xff), hex(~0xf0 & 0xff), f"{5 ^ 12:08b}", oct(0o17 << 3))
x = 0b1100
x &= 0b1010
print(x)
x |= 0b0101
print(x)
x ^= 0xf
print(x)
x <<= 3
print(x)
x >>= 2
print(x)
flags = 0
for bit in [0, 3, 5]: flags |= 1 << bit
print(flags, [b for b in range(8) if flags >> b & 1])
def attempt(label, f):
    try: print(label, f())
    except Exception as e: print(label, type(e).__name__, str(e))
attempt("shl -1", lambda: 1 << -1)
attempt("shr -1", lambda: 1 >> -1)
attempt("shr -big", lambda: -8 >> -64)
attempt("float &", lambda: 1.5 & 1)
attempt("str |", lambda: "a" | 1)
attempt("~float", lambda: ~1.5)
attempt("shift float", lambda: 1 << 2.0)
