import warnings
warnings.simplefilter("ignore")
from _runner import show, rep
def attempt(label, f):
    try: print(label, rep(f()))
    except TypeError as e:
        if label in ["a2", "a4", "a5", "a6", "a11", "a12", "a14", "a18"]: print(label, "TypeError")
        else: print(label, "TypeError", str(e))
def a1(): return 1 + "a"
def a2(): return "a" + 1
def a3(): return "a" - "b"
def a4(): return [1] + "a"
def a5(): return "a" * "b"
def a6(): return "a" * 1.5
def a7(): return 1 < "a"
def a8(): return [1] < "a"
def a9(): return "3" // 1
def a10(): return -"a"
def a11(): return 2 ** "a"
def a12(): return "a" % 1.5
def a13(): return 5["x"]
def a14(): return [1, 2]["x"]
def a15(): return "abc"[1.0]
def a16(): return len(1.5)
def a17(): return 1 in [5]
def a18(): return [1] * [2]
def a19(): return 1.5 < [1]
def a20(): return [1] - [1]
def a21(): return "a" < 1
def a22(): return 3 > "x"
def a23(): return 1 == "1"
def a24(): return [1] != "a"
fs = [a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24]
i = 1
for f in fs:
    attempt("a" + str(i), f)
    i += 1
