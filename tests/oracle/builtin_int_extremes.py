import random
random.seed(7)
lo = -9223372036854775808
hi = 9223372036854775807
r = range(lo, hi)
for whole in [r, range(lo, hi, 2), range(hi, lo, -1)]:
    try:
        print(len(whole))
    except OverflowError as e:
        print("OverflowError:", e)
print(len(range(lo, hi, 3)), len(range(hi, lo, -3)), len(range(0, hi)))
print(r[0], r[-1], r[4611686018427387904], r[-4611686018427387904], str(bool(r)).lower())
print(*[str(b).lower() for b in (hi - 1 in r, hi in r, lo in r, 0 in range(lo, hi, 2), 1 in range(lo, hi, 2))])
print(r[::2], r[1::3], r[-2:])
print(list(range(lo, lo + 3)), list(range(hi, hi - 3, -1)))
try:
    print(r[-9223372036854775807 - 1])
except IndexError as e:
    print("IndexError:", e)
print(random.randint(lo, hi), random.randint(lo, hi), random.randint(lo, hi))
print(random.randint(0, hi), random.randint(lo, 0), random.randint(lo, lo), random.randint(hi, hi))
print(random.randint(lo + 1, hi), random.randint(lo, hi - 1), random.randint(-1, 0))
