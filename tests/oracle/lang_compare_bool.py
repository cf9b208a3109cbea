from _runner import show
show(1 == 1.0, 1 < 1.5, 2 > 1.999, -1 <= -1.0, 3 != 3.0, 0 == -0.0, 9007199254740993 == 9007199254740992.0)
show(9007199254740993 > 9007199254740992.0, 9223372036854775807 == 9223372036854775808.0, 9223372036854775807 < 9223372036854775808.0)
show(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 == 1.0, 1 < 2 > 0, 1 <= 1 < 2 <= 2, 5 > 3 == 3)
show(True + True, True * 10, False - 1, True / 2, True // 1, -True, True == 1, False == 0, True == 1.0)
show(True + 0.5, 3 * False, True ** 2, True % 2, True and 3, 0 or "x", None or 0, "" and 1)
show(1 and 2 and 3, 1 and 0 and 3, 0 or "" or [], [] or [0], not 0, not [], not "a", not None)
show(True < 2, False < True, True > False, "a" < "b", "abc" < "abd", "Z" < "a", "" < "a", "ab" < "abc")
show([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9], [1, 2] == [1, 2.0], [] == [], [[1]] == [[1]])
show({"a": 1} == {"a": 1}, {"a": 1, "b": 2} == {"b": 2, "a": 1}, {"a": 1} != {"a": 2})
show(None == None, None is None, None != 0, None == False, 1 is not None, [] is not None)
a = [1]
b = a
show(a is b, a is [1], a == [1], b is not a)
show(bool(0), bool(0.0), bool(-0.0), bool(""), bool(" "), bool([]), bool([0]), bool({}), bool({"a": 0}), bool(None), bool(1e-300))
names = {"NoneType": "none", "dict": "map"}
t = lambda v: names.get(type(v).__name__, type(v).__name__)
print(t(True + True), t(True), t(None), t(1 < 2))
def side(x):
    show("eval", x); return x
show(side(1) < side(2) < side(3))
show(side(3) < side(2) < side(1))
show(side(0) and side(1))
show(side(5) or side(6))
