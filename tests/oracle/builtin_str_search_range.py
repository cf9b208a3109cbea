from _runner import show
print("hello".find("l", 3), "hello".find("lo", 1, 4), "hello".find("l", -2), "hello".find("h", 1))
print("banana".count("a", 2), "banana".count("a", 2, 4), "banana".index("a", 2))
show("hello".startswith("ll", 2), "hello".endswith("ll", 0, 4), "hello".startswith("he", -5))
