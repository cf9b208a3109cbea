import asyncio
from _runner import run, show


def kind(e):
    return "Error" if type(e) is Exception else type(e).__name__


def attempt(label, thunk):
    try: print(label, "->", thunk())
    except Exception as e: print(label, kind(e), str(e))


async def job(x):
    await asyncio.sleep(0)
    return x * 2


async def main():
    attempt("str + int", lambda: "a" + 1)
    attempt("int % 0", lambda: 1 % 0)
    attempt("float % 0", lambda: 1.5 % 0)
    attempt("int // 0", lambda: 1 // 0)
    attempt("divmod float 0", lambda: divmod(1.0, 0))
    attempt("divmod int 0", lambda: divmod(1, 0))
    attempt("sorted mixed", lambda: sorted([1, "a"]))
    attempt("sorted mixed 2", lambda: sorted(["a", 1]))
    c = job(1)
    print("first await", await c)
    try:
        await c
    except Exception as e:
        print("second await", kind(e), str(e))
    try:
        await asyncio.wait([])
    except Exception as e:
        print("wait empty", kind(e), str(e))
    t = asyncio.create_task(job(2))
    try:
        t.result()
    except Exception as e:
        print("result pending", kind(e), str(e))
    try:
        t.exception()
    except Exception as e:
        print("exception pending", kind(e), str(e))
    show("then", await t, t.result(), t.exception())
    raw = job(3)
    try:
        await asyncio.wait([raw])
    except Exception as e:
        print("wait coroutine", kind(e), str(e))
    raw.close()
    try:
        raise ValueError("custom")
    except Exception as e:
        print("raised", kind(e), e)


run(main)
