from _runner import rep
def classify(n):
    if n < 0: return "negative"
    elif n == 0: return "zero"
    elif n < 10: return "small"
    else: return "large"
for n in [-5, 0, 3, 10, 99]: print(n, classify(n))
for v in [0, 1, -1, 0.0, 0.1, "", "0", [], [0], {}, {"": 0}, None, True, False, range(0), range(1)]:
    if v: print(rep(v), "truthy")
    else: print(rep(v), "falsy")
def fizz(n):
    out = []
    i = 1
    while i <= n:
        if i % 15 == 0: out.append("FizzBuzz")
        elif i % 3 == 0: out.append("Fizz")
        elif i % 5 == 0: out.append("Buzz")
        else: out.append(str(i))
        i += 1
    return out
print(" ".join(fizz(20)))
def collatz(n):
    steps = 0
    while n != 1:
        if n % 2 == 0: n //= 2
        else: n = 3 * n + 1
        steps += 1
    return steps
print(collatz(27), collatz(1), collatz(97))
def first_dup(xs):
    seen = {}
    for x in xs:
        if x in seen: return x
        seen[x] = True
    return None
print(rep(first_dup([3, 1, 4, 1, 5])), rep(first_dup([1, 2])), first_dup("abcb"))
primes = []
n = 2
while len(primes) < 15:
    is_p = True
    for p in primes:
        if p * p > n: break
        if n % p == 0:
            is_p = False; break
    if is_p: primes.append(n)
    n += 1
print(primes)
if not primes: print("none")
elif len(primes) > 10 and primes[-1] > 40 or False: print("many")
x = 5
if x > 3:
    if x > 4: print("nested true")
    else: print("nested false")
