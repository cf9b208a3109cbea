from _runner import show
kinds = [Exception("base"), ValueError("v"), TypeError("t"), KeyError("k"), IndexError("i"), ZeroDivisionError("z"),
         OverflowError("o"), RuntimeError("r"), RecursionError("rec"), NameError("n"), AttributeError("a"),
         AssertionError("as"), MemoryError("m")]
def kind(e):
    return "Error" if type(e) is Exception else type(e).__name__
def message(e):
    return str(e.args[0]) if e.args else ""
for e in kinds:
    if kind(e) == "KeyError": print(kind(e), kind(e), str(e))
    else: print(kind(e), kind(e), message(e), str(e))
def raiser(k):
    if k == "value": raise ValueError("bad value")
    if k == "key":
        m = {}; return m["nokey"]
    if k == "index": return [1][5]
    if k == "type": return 1 + "a"
    if k == "zero": return 1 // 0
    if k == "runtime": raise RuntimeError("boom")
    if k == "assert": assert 1 > 2, "one is not greater"
    if k == "plain": raise Exception("plain error")
    return "no error"
for k in ["value", "key", "index", "type", "zero", "runtime", "assert", "plain", "none"]:
    try:
        print(raiser(k))
    except (ValueError, KeyError) as e:
        print("value-or-key", kind(e), str(e))
    except IndexError as e:
        print("index", str(e))
    except ZeroDivisionError:
        print("zero, unbound")
    except Exception as e:
        print("other", kind(e), kind(e))
def reraise():
    try:
        raise ValueError("original")
    except ValueError as e:
        print("handling", message(e))
        raise
try: reraise()
except Exception as e: print("re-raised", kind(e), message(e))
def convert():
    try:
        raise KeyError("inner")
    except KeyError as e:
        raise RuntimeError("converted from " + str(e))
try: convert()
except RuntimeError as e: print(message(e))
try:
    try:
        raise TypeError("deep")
    except ValueError:
        print("wrong handler")
    finally:
        print("inner finally")
except TypeError as e:
    print("outer caught", message(e))
finally:
    print("outer finally")
try:
    try:
        raise ValueError("a")
    except ValueError as e:
        raise e
except Exception as e:
    print("raise e", kind(e), message(e))
saved = None
try: raise IndexError("kept")
except Exception as e: saved = e
print(kind(saved), message(saved), str(saved), kind(saved))
try: raise saved
except IndexError as e: show("raised saved", message(e), e is saved)
try: assert False
except AssertionError as e: print("assert", kind(e), repr(str(e)))
try: assert 0, "zero is falsy"
except AssertionError as e: print("assert", str(e))
assert True, "not raised"
try: raise ValueError()
except Exception as e: print("empty", repr(str(e)), repr(message(e)))
try: raise Exception("base one")
except Exception as e: print("Error catches", kind(e))
try: raise ZeroDivisionError("custom")
except Exception as e: print("Error catches subclass", kind(e), message(e))
e2 = ValueError("not raised")
print(message(e2), kind(e2))
