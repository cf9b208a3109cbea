import json
print(json.loads("-0"), type(json.loads("-0")).__name__, json.loads("-0.0"), json.loads("[1E400, -1e999]"))
print(json.loads("NaN"), json.loads("Infinity"), json.loads("[-Infinity]"))
print(json.dumps(json.loads("[1E400, -0, -0.0, NaN]")))
print(json.loads("123456789012345678"), json.loads("1.5e3"), json.loads("0.1"))
