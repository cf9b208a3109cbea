from _runner import show, rep
xs = ["plain", "it's", "say \"hi\"", "both ' and \"", "tab\t", "nl\n", "cr\r", "back\\slash", "", "\x00\x07\x1b\x7f",
      "é", "😀", "\u00a0", "\u00ad", "\u200b", "\u2028", "\ufffe", "\ue000", "\x80\x9f", "日本", "\u2003", "\u3000", "\u0378", "\u1680"]
print(xs)
for x in xs:
    print(repr(x), len(x))
print({"k'": "v\"", "n": ["a", ["b'"]]})
print(f"{xs[1]!r} {xs[2]!r} {'x'!r}")
print(str(["a"]), repr(["a"]), repr(repr("a")), str("a"), repr(1), repr(1.5), rep(None), rep(True), rep([None, True, 1.0]))
