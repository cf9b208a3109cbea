from _runner import show
xs = [1.0, 0.1, 1e-05, 0.0001, 0.00001234, 1e+16, 1e16, 1e15, 123456789012345678.0, 9999999999999998.0,
      1e22, 1.5e300, 5e-324, 1.7976931348623157e308, 2.0 ** 53, 2.0 ** 60, 100.0, 12345.678, -0.0, 0.0,
      3.14159, 1/3, 2/3, 1e100, -1.5e-10]
for x in xs:
    print(x, str(x), repr(x))
print(xs)
inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, [inf, -inf, nan], str(inf), repr(nan))
print(float("-inf"), float("Infinity"), float("  -NaN "), float("1e5"), float("-.5"), float(" 3 "), float("1_000.5"))
show(nan == nan, nan != nan, nan < 1, inf == inf, -0.0 == 0.0)
print(f"{1e16} {1e-05} {-0.0} {inf} {nan}")
print(float(3), float(-0), float(True), int(3.99), int(-3.99), int(-0.0), int(1e15))
print(1e16 + 1, 0.1 + 0.7, 1.1 * 1.1, 100.0 / 3)
