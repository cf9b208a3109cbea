import asyncio
from _runner import run, show

log = []
next_id = 0


async def node(id, depth, seed):
    global next_id
    state = seed
    kids = []
    steps = 2 + seed % 5
    for step in range(steps):
        state = (state * 1103515245 + 12345) % 2147483648
        action = (state // 65536) % 6
        log.append(id * 1000 + step * 10 + action)
        try:
            if action == 0:
                await asyncio.sleep(0)
            elif action == 1 and depth < 4:
                next_id += 1
                kids.append(asyncio.create_task(node(next_id, depth + 1, state % 1000 + 1)))
            elif action == 2 and len(kids) > 0:
                await kids[state % len(kids)]
            elif action == 3 and depth < 4:
                next_id += 1
                r = await asyncio.gather(node(next_id, depth + 1, state % 997 + 3), asyncio.sleep(0))
            elif action == 4 and len(kids) > 0:
                done, pending = await asyncio.wait(kids, return_when=asyncio.FIRST_COMPLETED)
                log.append(len(done) * 100 + len(pending))
            elif action == 5 and len(kids) > 0:
                if kids[state % len(kids)].cancel():
                    log.append(-3)
                else:
                    log.append(-4)
        except asyncio.CancelledError:
            log.append(-1)
    if len(kids) > 0:
        rs = await asyncio.gather(*kids, return_exceptions=True)
        for r in rs:
            if isinstance(r, asyncio.CancelledError):
                log.append(-2)
    return id


async def main():
    global next_id
    roots = []
    for i in range(8):
        next_id += 1
        roots.append(asyncio.create_task(node(next_id, 0, i * 37 + 11)))
    r = await asyncio.gather(*roots)
    show("roots", r)
    print("tasks", next_id, "events", len(log))
    check = 0
    for k in range(len(log)):
        check = (check * 131 + log[k] + 7) % 1_000_000_007
    print("checksum", check)
    show("first", log[0:12])
    cancels = 0
    for x in log:
        if x < 0:
            cancels += 1
    print("negative events", cancels)


run(main)
