import json
from _runner import show, rep
data = {"name": "Zoë", "emoji": "😀", "n": 1, "f": 1.5, "big": 1e20, "small": 1e-7, "neg": -0.0, "t": True, "nil": None,
        "list": [1, [2, [3, {}]], []], "esc": "quote\" back\\ nl\n tab\t ctl\x01 del\x7f", "k": {"inner": {"deep": [None]}}}
s = json.dumps(data)
print(s)
back = json.loads(s)
print(rep(back))
show(back == data, json.dumps(back) == s)
print(json.dumps([]), json.dumps({}), json.dumps("x"), json.dumps(1), json.dumps(2.0), json.dumps(None), json.dumps(False), json.dumps("日本"), json.dumps(1/3))
print(json.dumps({1: "int key", 2.5: "float key", True: "bool key", None: "none key"}))
parsed = json.loads("  {\"a\": [1, 2.0, -3e2, \"\\u00e9\\ud83d\\ude00\", true, false, null], \"b\": {\"c\": \"\\/\\b\\f\\r\"}, \"a\": \"dup\"} ")
print(rep(parsed))
names = {"dict": "map"}
show(names[type(parsed["b"]).__name__], json.loads("1"), json.loads("1.0"), json.loads("\"s\""), json.loads("null"), json.loads(" [ ] "), json.loads("12345678901234"))
print(json.dumps(json.loads("[1.10, 100.0, 1e2, 0.1e1]")))
print(json.dumps({"a": float("inf"), "b": float("-inf"), "c": float("nan")}))
for bad in ["", "{", "[1,]", "{'a': 1}", "tru", "1 2", "{\"a\" 1}", "\"unterminated", "[1] x"]:
    try:
        show("parsed", json.loads(bad))
    except ValueError as e:
        print("bad", repr(bad), "ValueError")
