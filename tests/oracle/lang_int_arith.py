from _runner import show
pairs = [[7, 2], [-7, 2], [7, -2], [-7, -2], [0, 3], [0, -3], [6, 3], [-6, 3], [1, 5], [-1, 5]]
for p in pairs:
    a, b = p[0], p[1]
    print(a, b, a + b, a - b, a * b, a // b, a % b, a / b)
print(2 ** 10, 2 ** 0, (-2) ** 3, (-2) ** 4, -2 ** 2)
print(2 ** -1, 2 ** -2, 10 ** -3, (-2) ** -3)
print(1_000_000 + 0xff + 0b101 + 0o17)
print(0xFF, 0b0, 0o777, 1_2_3)
print(7 // 1, -7 // 1, 9223372036854775807 // 2, -9223372036854775807 - 1)
print(17 % 5, -17 % 5, 17 % -5, -17 % -5)
print(100 - 3 * 4 + 2 ** 3 ** 2 // 7)
print(-(-5), - -5, -0, 3 - -3)
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 4; print(x)
x //= 5; print(x)
x %= 4; print(x)
x **= 3; print(x)
x /= 4; print(x)
print(type(7 // 2).__name__, type(7 / 7).__name__, type(2 ** -1).__name__, type(2 ** 2).__name__)
print(abs(-5), abs(5), abs(0), abs(-9223372036854775807))
