from _runner import show
s = "  Hello, World  "
print("[" + s.strip() + "]", "[" + s.lstrip() + "]", "[" + s.rstrip() + "]")
print("xxhixx".strip("x"), "abcba".strip("ab"), "..a..".lstrip("."), "..a..".rstrip("."))
show(s.upper(), s.lower(), "ß".upper(), "İ".lower() == "i̇", "ǅ".lower(), "straße".upper())
print("a,b,,c".split(","), "a b  c ".split(), "  a  b ".split(" "), "".split(), "".split(","))
print("a,b,c,d".split(",", 2), "a b c d".split(" ", 1), "a  b  c".split(None, 1), "abc".split("abc"))
print("one\ntwo\r\nthree\n".splitlines(), "".splitlines(), "x\n\ny".splitlines(), "no newline".splitlines())
show("hello".startswith("he"), "hello".startswith(""), "hello".endswith("lo"), "hello".endswith("hello!"))
show("ell" in "hello", "" in "hello", "L" in "hello")
print(", ".join(["a", "b", "c"]), "".join([]), "-".join("abc"), "x".join(["only"]))
print("aaaa".replace("a", "b"), "aaaa".replace("aa", "b"), "abc".replace("", "-"), "aaaa".replace("a", "b", 2))
print("hello".find("l"), "hello".find("z"), "hello".find(""))
print("banana".count("a"), "banana".count("an"), "banana".count(""), "aaaa".count("aa"))
print("hello".index("e"), "héllo wörld".index("w"), "héllo".find("l"))
try:
    "hello".index("z")
except ValueError as e:
    print("ValueError", str(e))
print(len("héllo"), len("😀"), len(""), len("a\nb"), len("\U0001F600x"))
print("héllo"[1], "héllo"[-1], "héllo"[1:3], "abcdef"[::2], "abcdef"[::-1], "abcdef"[-2:], "abcdef"[10:], "abc"[-10:2])
print("ab" * 3, 3 * "ab", "ab" * 0, "ab" * -2, "a" + "b" + "c", "x" * True)
show("abc" == "abc", "abc" != "abd", "a" in "abc", "ac" in "abc", "" in "", "z" not in "abc")
print("Hello World".lower().split(" "), "  x  ".strip().upper())
t = "tab\there"
print(t, len(t), "back\\slash", "quote\"d", 'single\'s', "\x41\x62")
