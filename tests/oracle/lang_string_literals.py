print("a\tb", "line1\nline2", "back\\slash", "dq\"", 'sq\'', "sq' in dq", 'dq" in sq', "\U0001F600", "\u00e9", "\x41\x7a", str("\x00" == "\x00").lower())
print(len("\U0001F600"), len("\\n"), len("\n"), len('\''), "\x48\x49")
print(["\t", "\n", "\\", "'", "\"", "\U0001F600", "\x00"])
s = "abc"
print(s + "def", s * 2, s[0] + s[-1], str(s == "ab" + "c").lower(), str(s < "abd").lower(), str(s >= "abc").lower(), s.upper() + s)
built = ""
for ch in "hello": built = ch + built
print(built)
parts = []
for i in range(3): parts.append(str(i) * (i + 1))
print("|".join(parts), "-" * 10, "=" * 0 + "end")
print('single quotes', 'with "double" inside', "x" + 'y')
print(f'single {s!r}', f"nested quotes {'x'}", f"{s}{s}", f"", f"{{}}", f"{1}{2}{3}")
print("%d items" , "100%", "{not a format}")
