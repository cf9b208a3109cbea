from _runner import show
def basic(x):
    try:
        print("try", x)
        if x == 1: raise ValueError("one")
        if x == 2: raise KeyError("two")
        print("try done", x)
    except ValueError as e:
        print("caught", type(e).__name__, str(e))
    finally:
        print("finally", x)
    print("after", x)
basic(0)
basic(1)
try:
    basic(2)
except Exception as e:
    print("outer", type(e).__name__, str(e))
def ret_in_try():
    try:
        return "from try"
    finally:
        print("finally runs before the return value is delivered")
print(ret_in_try())
def ret_override():
    try:
        return "try"
    finally:
        return "finally"
print(ret_override())
def swallow():
    try:
        raise RuntimeError("lost")
    finally:
        return "finally return swallows the exception"
print(swallow())
def ret_in_catch():
    log = []
    try:
        raise ValueError("v")
    except Exception as e:
        log.append("catch")
        return log
    finally:
        log.append("finally")
print(ret_in_catch())
for i in range(5):
    try:
        if i == 1: continue
        if i == 3: break
        print("body", i)
    finally:
        print("fin", i)
def loop_ret():
    for i in range(3):
        try:
            try:
                if i == 1: return i * 10
            finally:
                print("inner fin", i)
        finally:
            print("outer fin", i)
    return -1
print(loop_ret())
n = 0
while n < 3:
    n += 1
    try:
        if n == 2: continue
        print("while body", n)
    except Exception as e:
        print("never")
    finally:
        print("while fin", n)
def break_cancels_exception():
    for i in range(3):
        try:
            raise ValueError("dropped")
        finally:
            break
    return "break in finally discards the exception"
print(break_cancels_exception())
def exc_in_finally():
    try:
        raise ValueError("first")
    finally:
        raise TypeError("second")
try: exc_in_finally()
except Exception as e: print("got", type(e).__name__, str(e))
