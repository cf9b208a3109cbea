import asyncio
from _runner import run, show, rep


async def main():
    q = asyncio.Queue(maxsize=2)
    q.put_nowait("a")
    q.put_nowait("b")
    show("qsize", q.qsize(), "full", q.full())
    try:
        q.put_nowait("c")
        print("never")
    except asyncio.QueueFull as e:
        print("QueueFull:", type(e).__name__, rep(e), repr(str(e)), repr(str(e)))
    print("still", q.qsize(), "items")
    show(q.get_nowait(), q.get_nowait(), "empty", q.empty())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        print("QueueEmpty:", type(e).__name__, rep(e), repr(str(e)))
    try:
        q.get_nowait()
    except Exception as e:
        print("a catch-all catches it too:", type(e).__name__)
    unbounded = asyncio.Queue()
    negative = asyncio.Queue(maxsize=-1)
    for i in range(100):
        unbounded.put_nowait(i)
        negative.put_nowait(i)
    show("maxsize", unbounded.maxsize, negative.maxsize, "full", unbounded.full(), negative.full(),
         "qsize", unbounded.qsize())
    pq = asyncio.PriorityQueue()
    for item in [5, 1, 4, 1, 3, 9, 2, 6]:
        pq.put_nowait(item)
    out = []
    while not pq.empty():
        out.append(pq.get_nowait())
    show("priority ints:", out)
    jobs = asyncio.PriorityQueue(maxsize=5)
    await jobs.put([2, "write"])
    await jobs.put([1, "read"])
    await jobs.put([3, "close"])
    await jobs.put([1, "open"])
    await jobs.put([2, "seek"])
    show("jobs full", jobs.full(), "maxsize", jobs.maxsize)
    try:
        jobs.put_nowait([0, "urgent"])
    except asyncio.QueueFull:
        print("the full PriorityQueue refuses even the smallest item")
    while not jobs.empty():
        show("job", await jobs.get())
    words = asyncio.PriorityQueue()
    for w in ["pear", "apple", "fig", "Banana", "apples"]:
        words.put_nowait(w)
    ws = []
    for i in range(words.qsize()):
        ws.append(words.get_nowait())
    show("priority strings:", ws)
    stack = asyncio.LifoQueue(maxsize=3)
    stack.put_nowait("x")
    stack.put_nowait("y")
    stack.put_nowait("z")
    try:
        stack.put_nowait("w")
    except asyncio.QueueFull:
        print("LifoQueue full at", stack.qsize())
    print("lifo:", stack.get_nowait(), stack.get_nowait())
    stack.put_nowait("v")
    print("lifo:", stack.get_nowait(), stack.get_nowait())
    try:
        stack.get_nowait()
    except asyncio.QueueEmpty:
        print("LifoQueue empty")


run(main)
