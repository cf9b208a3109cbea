"""Helpers for the Python side of oracle pairs.

runner prints `true`, `false` and `none` where Python prints True, False and None, and it
runs until main *and every spawned task* are done (asyncio.run stops at main). These two
helpers bridge exactly those documented differences and nothing else.
"""
import asyncio


def fmt(value):
    """str(value) with this language's spelling of True, False and None."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "none"
    if isinstance(value, str):
        return value
    return rep(value)


def rep(value):
    """repr(value) with this language's spelling, recursively."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "none"
    if isinstance(value, list):
        return "[" + ", ".join(rep(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(rep(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, (set, frozenset)):
        # runner's sets iterate in insertion order, Python's in hash order: pairs sort
        # before they print, or print sets of one member.
        return "{" + ", ".join(rep(v) for v in value) + "}" if value else "set()"
    if isinstance(value, dict):
        return "{" + ", ".join(rep(k) + ": " + rep(v) for k, v in value.items()) + "}"
    if isinstance(value, BaseException):
        kind = type(value).__name__
        if isinstance(value, asyncio.CancelledError):
            kind = "CancelledError"
        if isinstance(value, (asyncio.TimeoutError, TimeoutError)):
            kind = "TimeoutError"
        if isinstance(value, Exception) and type(value) is Exception:
            kind = "Error"
        return kind + "(" + (repr(str(value)) if str(value) else "") + ")"
    return repr(value)


def show(*values, sep=" ", end="\n"):
    """print() with this language's formatting."""
    print(*(fmt(v) for v in values), sep=sep, end=end)


def run(main):
    """asyncio.run(main()), then wait for every task main left running, as runner does."""

    async def whole():
        await main()
        while True:
            others = asyncio.all_tasks() - {asyncio.current_task()}
            if not others:
                break
            await asyncio.wait(others)

    asyncio.run(whole())
