# What the Python twins share: a blocking GET or POST with urllib, run in a thread so the
# event loop stays free, returning (status, final url, text) as fetch's response has them.
import asyncio
import urllib.error
import urllib.request


def _fetch(url, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.geturl(), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.geturl(), e.read().decode()


async def fetch(url, **kw):
    return await asyncio.to_thread(_fetch, url, **kw)
