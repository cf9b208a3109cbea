# startup: the cost of starting the interpreter and running a one-line script (no import
# asyncio; the other workloads pay that on top). SCALE is accepted and ignored.
print("hello")
