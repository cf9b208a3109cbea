import json
from _runner import show
a = [1]
a.append(a)
b = [1]
b.append(b)
m = {"a": 1}
m["self"] = m
print(a, m, [a, m], len(str(m)))
show(a == a, m == m)
try: print(a == b)
except Exception as e: print(type(e).__name__)
try: print(a < b)
except Exception as e: print(type(e).__name__)
try: print(sorted([a, b]))
except Exception as e: print(type(e).__name__)
try: print(json.dumps(a))
except Exception as e: print("json list", type(e).__name__)
try: print(json.dumps(m))
except Exception as e: print("json map", type(e).__name__)
print("alive")
