from _runner import show
pairs = [[7.5, 2], [-7.5, 2], [7.5, -2], [-7.5, -2.0], [7, 2.5], [-7, 2.5], [0.0, 3], [1.0, 0.1], [5.5, 5.5], [-0.5, 1]]
for p in pairs:
    a = p[0]
    b = p[1]
    print(a, b, a + b, a - b, a * b, a // b, a % b, a / b)
print(0.1 + 0.2, 0.1 * 3, 1 / 3, 2 / 3, 10 / 4, 1e-3, 1.5e3, 2.5e-7)
print(2.0 ** 10, 2 ** 0.5, 4 ** 0.5, 2.0 ** -2, (-8.0) ** 3, 0.5 ** 2)
print(3 * 1.0, 3 + 0.0, 6 / 2, -6 / 2, 7 / -2, -0.0 + 0)
show(-7.0 % 3, 7.0 % -3, -1e-20 % 1.0 == 1.0, 3.0 // 0.5)
print(abs(-2.5), abs(2.5), abs(-0.0))
y = 1.5
y += 1; print(y)
y *= 2; print(y)
y //= 2; print(y)
y %= 0.75; print(y)
y -= 1e300 * 10; print(y)
print(1e308 * 10, -1e308 * 10, 1e308 * 10 - 1e308 * 10)
show(float("inf") > 1e308, -float("inf") < -1e308)
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1.25, 1), round(7), round(1234.5678, -2))
print(type(round(2.5)).__name__, type(round(2.5, 1)).__name__, round(0.5), round(1.5), round(-0.5))
