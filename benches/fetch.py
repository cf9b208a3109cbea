# fetch: 200 concurrent GETs with an asyncio client from the standard library (a stream
# per request, HTTP/1.1, the body read to its Content-Length), against fetch.server.py.
import asyncio
import os
import sys
import urllib.parse


async def get(url):
    parts = urllib.parse.urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    writer.write(
        f"GET {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n".encode()
    )
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.decode().split("\r\n"):
        if line.lower().startswith("content-length:"):
            length = int(line.split(":", 1)[1])
    body = await reader.readexactly(length)
    writer.close()
    await writer.wait_closed()
    return len(body.decode())


async def main():
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    n = max(1, int(200 * scale))
    base = os.environ["BENCH_URL"]
    sizes = await asyncio.gather(*[get(f"{base}/item/{i}") for i in range(n)])
    print(f"fetch requests={n} bytes={sum(sizes)}")


asyncio.run(main())
