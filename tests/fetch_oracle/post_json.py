import asyncio
import json
import sys

from _http import fetch


async def main(base):
    body = json.dumps({"n": 1, "tags": ["a", "b"]}).encode()
    headers = {"X-Token": "abc", "Content-Type": "application/json"}
    _, _, text = await fetch(f"{base}/echo", data=body, headers=headers, method="POST")
    echo = json.loads(text)
    print(echo["method"], echo["headers"]["x-token"], echo["headers"]["content-type"])
    print(echo["body"])
    print(json.loads(echo["body"])["tags"])
    _, _, text = await fetch(f"{base}/json")
    doc = json.loads(text)
    # runner spells the booleans true and false.
    print(doc["name"], doc["tags"], doc["version"], str(doc["ok"]).lower())


asyncio.run(main(sys.argv[1]))
