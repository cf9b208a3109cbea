ws = " \t\n\r\x0b\x0c\u00a0\u2003\u3000\x1c\x1f\x85"
s = ws + "core text" + ws
print(repr(s.strip()), str(repr(s.lstrip()) == repr("core text" + ws)).lower(), str(repr(s.rstrip()) == repr(ws + "core text")).lower())
print(("a" + ws + "b\u2028c").split())
print("a\tb\nc  d\x0be".split(), "  lead".split(), "trail  ".split(), "x\u00a0y".split())
print("a\rb\nc\r\nd\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l".splitlines())
print("trailing\n\n".splitlines(), "\n".splitlines(), "a\r\n\r\nb".splitlines())
print("  x  ".strip(" "), "xyxhixyx".strip("xy"), "hi".strip(""), "".strip())
print("MiXeD ÄÖÜ ß ﬁ".upper(), "MiXeD ÄÖÜ ẞ".lower(), "Σ".lower(), "ΌΣΟΣ".lower())
