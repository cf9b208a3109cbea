# runner exits 1 with the error on stderr; the Python twin only mirrors stdout.
def inner():
    try:
        print("inner body")
        m = {"a": 1}
        return m["b"]
    finally:
        print("inner finally")
print("start")
try:
    try:
        inner()
    finally:
        print("outer finally")
    print("never printed")
except KeyError:
    pass
