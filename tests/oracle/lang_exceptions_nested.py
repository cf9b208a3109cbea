import asyncio
try: raise 5
except Exception as e: print(1, type(e).__name__)
def f():
    try: raise ValueError("outer")
    except Exception as e:
        try: raise KeyError("inner")
        except Exception as e2: print("inner handled", type(e2).__name__)
        raise
try: f()
except Exception as e: print(2, type(e).__name__, str(e))
def g():
    try: raise ValueError("outer")
    except Exception as e:
        try: raise KeyError("inner")
        finally: print("finally in handler")
try: g()
except Exception as e: print(3, type(e).__name__, str(e))
try: raise ValueError
except Exception as e: print(4, type(e).__name__, repr(str(e)))
try: raise Exception
except Exception as e: print(5, "Error")
E = ValueError
try: raise E("aliased")
except ValueError as e: print(6, str(e))
try: raise ValueError("x")
except (Exception) as e: print(7, type(e).__name__)
try: raise TimeoutError("t")
except Exception as e: print(8, type(e).__name__, str(e))
try:
    try: raise asyncio.CancelledError("c")
    except Exception as e: print("not reached: catch e skips CancelledError")
except asyncio.CancelledError as e:
    print(9, "CancelledError", str(e))
def handler_fails():
    try:
        raise ValueError("first")
    except ValueError:
        x = [][0]
try: handler_fails()
except Exception as e: print(10, type(e).__name__, str(e))
def depth(n):
    try:
        if n == 0: raise RuntimeError("bottom")
        depth(n - 1)
    except TypeError:
        print("never")
    finally:
        print("unwind", n)
try: depth(3)
except RuntimeError as e: print(11, str(e))
caught = []
for k in [ValueError, KeyError, IndexError]:
    try: raise k("from loop")
    except (KeyError, IndexError) as e: caught.append(type(e).__name__)
    except Exception as e: caught.append("other " + type(e).__name__)
print(12, caught)
