from _runner import rep, show
print(rep(sorted([1, True, 1.0, 0, False, 0.0])), rep(sorted([1, True, 1.0, 0, False, 0.0], reverse = True)))
xs = [2.0, 1, 2, True, 1.0, 2]
xs.sort(reverse = True)
print(rep(xs))
pairs = [[1, "b"], [0, "a"], [1, "a"]]
print(sorted(pairs, reverse = True))
print(sorted(["é", "e", "z", "E", "ä", "😀", "ａ", "_", "1", " "]))
show(max([1, 1.0, True]), min([1, 1.0, True]), max(True, 1), min(1.0, 1))
