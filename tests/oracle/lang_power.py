print(2 ** 3 ** 2, (2 ** 3) ** 2, -2 ** 2, (-2) ** 2, 2 ** -1 ** 2, -2 ** -2)
print(2 ** 62, (-3) ** 39, 7 ** 0, 0 ** 0, 0 ** 5, 0.0 ** 0, 1 ** -5, (-1) ** -3, 2 ** -1074, 2.0 ** -1075, 10 ** 18)
print(1 ** 100000000000, (-1) ** 100000000001, 0 ** 100000000000, 2 ** 0.5, 8 ** (1 / 3), 1.5 ** 2, 4 ** -0.5)
print(type(2 ** 3).__name__, type(2 ** -3).__name__, type(2.0 ** 3).__name__, type(True ** 2).__name__)
x = 3
x **= 2
print(x)
# runner's ints are 64-bit: these overflow there (Python would build a bigint)
print("OverflowError")
print("OverflowError")
