import asyncio
import os
from asyncio.subprocess import PIPE, DEVNULL
from _runner import run, show


async def run_(cmd, *args, input=None, env=None, cwd=None):
    full_env = None
    if env is not None:
        full_env = dict(os.environ)
        full_env.update(env)
    p = await asyncio.create_subprocess_exec(
        cmd, *args, stdin=PIPE if input is not None else DEVNULL, stdout=PIPE,
        stderr=PIPE, env=full_env, cwd=cwd)
    out, err = await p.communicate(input.encode() if input is not None else None)
    return p.returncode, out.decode(), err.decode()


async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0.3)


async def main():
    code, out, err = await run_("echo", "hello", "two  spaces", "$HOME", "*")
    print(code, repr(out), repr(err))
    code, out, err = await run_("sh", "-c", "echo out; echo err >&2; exit 3")
    print(code, repr(out), repr(err))
    code, out, err = await run_("cat", input="fed in\nline two\n")
    print(code, repr(out))
    code, out, err = await run_("sh", "-c", "echo $GREETING", env={"GREETING": "hi from env"})
    print(repr(out))
    os.mkdir("place")
    code, out, err = await run_("sh", "-c", "ls", cwd="place")
    print(code, repr(out))
    p = await asyncio.create_subprocess_exec(
        "sh", "-c", "sleep 0.1; echo a; sleep 0.1; echo b; sleep 0.6; echo c >&2; exit 5",
        stdin=PIPE, stdout=PIPE, stderr=PIPE)
    t = asyncio.create_task(ticker())
    async for line in p.stdout:
        print("stdout:", line.decode().rstrip("\n"))
    async for line in p.stderr:
        print("stderr:", line.decode().rstrip("\n"))
    print("code", await p.wait())
    await t
    c = await asyncio.create_subprocess_exec("cat", stdin=PIPE, stdout=PIPE, stderr=PIPE)
    c.stdin.write(b"one\n")
    await c.stdin.drain()
    c.stdin.write(b"two\n")
    await c.stdin.drain()
    c.stdin.close()
    async for line in c.stdout:
        print("cat says", line.decode().rstrip("\n"))
    print("cat code", await c.wait())
    s = await asyncio.create_subprocess_exec("sleep", "100", stdin=PIPE, stdout=PIPE, stderr=PIPE)
    s.kill()
    print("killed code", await s.wait())


run(main)
