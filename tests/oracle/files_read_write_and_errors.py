import asyncio
import glob
import os
from _runner import run, show


async def attempt(label, fn, *args):
    try:
        await asyncio.to_thread(fn, *args)
        print(label, "no error")
    except OSError as e:
        print(label, type(e).__name__, e.errno, str(e))


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def write(path, text, mode="w"):
    with open(path, mode, encoding="utf-8", newline="") as f:
        f.write(text)


async def main():
    os.mkdir("work")
    write("work/notes.txt", "first\nsecond\n")
    write("work/notes.txt", "third\r\nno newline at the end", "a")
    print(repr(read("work/notes.txt")))
    with open("work/notes.txt", encoding="utf-8", newline="") as f:
        for line in f:
            print("line", repr(line.rstrip("\n").removesuffix("\r")))
    write("work/b.log", "")
    os.makedirs("work/sub/deeper", exist_ok=True)
    os.makedirs("work/sub/deeper", exist_ok=True)
    write("work/sub/c.log", "x")
    print(sorted(os.listdir("work")))
    print(sorted(glob.glob("work/*.log")), sorted(glob.glob("work/**/*.log", recursive=True)))
    show(os.path.exists("work/notes.txt"), os.path.exists("work/missing.txt"))
    os.rename("work/notes.txt", "work/renamed.txt")
    show(os.path.exists("work/notes.txt"), os.path.exists("work/renamed.txt"))
    os.remove("work/renamed.txt")
    print(sorted(os.listdir("work")))
    await attempt("read missing:", read, "work/missing.txt")
    await attempt("read a directory:", read, "work/sub")
    await attempt("mkdir existing:", os.mkdir, "work/sub")
    await attempt("mkdir without parents:", os.mkdir, "work/x/y")
    await attempt("remove missing:", os.remove, "work/missing.txt")
    await attempt("remove a directory:", os.remove, "work/sub")
    await attempt("list a file:", os.listdir, "work/b.log")
    await attempt("write under a file:", write, "work/b.log/inner", "x")
    await attempt("rename missing:", os.rename, "work/missing.txt", "work/other.txt")
    try:
        with open("work/missing.txt") as f:
            print("never")
    except FileNotFoundError as e:
        print("lines of a missing file:", e)


run(main)
