import asyncio
from _runner import run, rep


async def guarded(label):
    try:
        await asyncio.sleep(1)
        print(label, "never")
    except asyncio.CancelledError:
        print(label, "work sees CancelledError")
        raise
    finally:
        print(label, "work finally")


async def main():
    try:
        async with asyncio.timeout(1):
            try:
                async with asyncio.timeout(0.02):
                    await guarded("case 1:")
                print("case 1: never")
            except TimeoutError as e:
                print("case 1: inner TimeoutError", rep(e), repr(str(e)))
            await asyncio.sleep(0.01)
            print("case 1: outer body carries on")
        print("case 1: outer did not expire")
    except TimeoutError:
        print("case 1: never")
    try:
        async with asyncio.timeout(0.02):
            try:
                async with asyncio.timeout(1):
                    await guarded("case 2:")
            except TimeoutError:
                print("case 2: never, the inner did not expire")
            except asyncio.CancelledError:
                print("case 2: the inner block lets CancelledError through")
                raise
            print("case 2: never")
    except TimeoutError as e:
        print("case 2: outer TimeoutError", rep(e))
    async with asyncio.timeout(0.5):
        await asyncio.sleep(0.01)
        print("case 3: body done in time")
    print("case 3: no error")
    async with asyncio.timeout(None):
        await asyncio.sleep(0.01)
        print("case 4: timeout(none) never expires")
    async with asyncio.timeout(0.01):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print("case 5: body swallows the cancellation")
    print("case 5: no TimeoutError")
    await asyncio.sleep(0.02)
    print("case 5: the task is not left cancelled")


run(main)
