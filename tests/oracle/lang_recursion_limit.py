def down(n): return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print("caught", "RecursionError")
depth = 0
def probe(n):
    global depth
    depth = n
    return probe(n + 1)
try: probe(1)
except Exception as e: print("generic catch", type(e).__name__, str(depth > 900).lower(), str(depth <= 1000).lower())
def sum_to(n):
    if n == 0: return 0
    return n + sum_to(n - 1)
print(sum_to(900))
def ping(n): return pong(n)
def pong(n): return ping(n)
try: ping(1)
except RecursionError: print("mutual recursion caught")
def guarded(n):
    try:
        return guarded(n + 1)
    finally:
        if n == 0: print("outermost finally runs")
try: guarded(0)
except RecursionError as e: print("caught through finally blocks", type(e).__name__)
print("still running", sum_to(10))
