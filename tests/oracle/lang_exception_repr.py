def r(e):
    s = repr(e)
    return "Error" + s[len("Exception"):] if type(e) is Exception else s
errs = [ValueError("bad"), ValueError(), Exception("base"), RuntimeError("it's"), TypeError("say \"x\"")]
print("[" + ", ".join(r(e) for e in errs) + "]")
for e in errs: print(e, r(e), str(e))
try:
    m = {}; m["key"]
except Exception as e: print(e, r(e), "[" + r(e) + "]")
try:
    m = {}; m[5]
except Exception as e: print(e, r(e), "[" + r(e) + "]")
try: [1][3]
except Exception as e: print(e, r(e), "[" + r(e) + "]")
try: 1 / 0
except Exception as e: print(e, r(e))
