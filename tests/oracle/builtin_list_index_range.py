print([1, 2, 1, 2].index(1, 1), [1, 2, 1, 2].index(2, -1), [5, 6, 7].index(7, 0, 3))
try:
    print([1, 2, 1].index(2, 2))
except ValueError as e:
    print("ValueError")
